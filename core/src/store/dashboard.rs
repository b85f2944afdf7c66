//! SQL for the home page: each read takes the rows of a whole department in
//! one query (never one query per person), keyed by staff number, so the
//! rules can be applied in memory. No rules here; they live in
//! `crate::dashboard` and the modules it calls.

use chrono::NaiveDate;

use crate::nccq::words::{CourseAttendance, CourseKind, ExamResult, Paper};
use crate::store::db::{params, Connection, Row};
use crate::training::words::TrainingRecord;
use crate::Result;

const COURSES: &str = "SELECT s.staff_number, c.id, c.kind, c.start_date, c.end_date
         FROM nccq_course c JOIN staff s ON s.id = c.staff_id ORDER BY c.start_date, c.id";

const EXAMS: &str = "SELECT s.staff_number, e.id, e.sitting_date, e.paper, e.score
         FROM nccq_exam_attempt e JOIN staff s ON s.id = e.staff_id ORDER BY e.sitting_date, e.paper";

const IHRIM: &str = "SELECT s.staff_number, m.valid_until FROM ihrim_membership m JOIN staff s ON s.id = m.staff_id";

const TRAINING: &str = "SELECT s.staff_number, t.id, t.competence, t.completed_on, t.expires_on, t.source
         FROM training_record t JOIN staff s ON s.id = t.staff_id
         ORDER BY t.completed_on DESC, t.competence, t.id";

const PAY_REVIEWS: &str = "SELECT s.staff_number, p.step_date FROM pay_step_review p JOIN staff s ON s.id = p.staff_id";

const PDP_ITEMS: &str = "SELECT a.id, i.learning_need, i.target_date, p.status
         FROM appraisal a JOIN appraisal_pdp_item i ON i.appraisal_id = a.id
         LEFT JOIN pdp_progress p ON p.pdp_item_id = coalesce(i.origin_id, i.id)
         WHERE a.cycle_start >= ?1 AND a.status = 'signed' AND i.target_date IS NOT NULL
         ORDER BY i.target_date, i.id";

const SKILL_GAPS: &str = "SELECT k.appraisal_id, count(*) FROM appraisal_skill k
         WHERE k.appraisal_id IN (SELECT id FROM appraisal WHERE cycle_start >= ?1)
           AND k.agreed_level < k.expected_level
         GROUP BY k.appraisal_id";

fn text_code<T>(row: &Row, idx: usize, parse: fn(&str) -> Option<T>) -> crate::store::db::Result<T> {
    let text: String = row.get(idx)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unknown code {text:?}").into(),
        )
        .into()
    })
}

fn all<T>(
    conn: &Connection,
    sql: &str,
    params: impl crate::store::db::Params,
    f: impl FnMut(&Row) -> crate::store::db::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt
        .query_map(params, f)?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every NCCQ course, with whose it is, by start date.
pub fn courses(conn: &Connection) -> Result<Vec<(String, CourseAttendance)>> {
    all(conn, COURSES, [], |r| {
        Ok((
            r.get(0)?,
            CourseAttendance {
                id: r.get(1)?,
                kind: text_code(r, 2, CourseKind::parse)?,
                start: r.get(3)?,
                end: r.get(4)?,
            },
        ))
    })
}

/// Every NCCQ exam result, by sitting, Practical before Theory.
pub fn exam_results(conn: &Connection) -> Result<Vec<(String, ExamResult)>> {
    all(conn, EXAMS, [], |r| {
        Ok((
            r.get(0)?,
            ExamResult {
                id: r.get(1)?,
                sitting: r.get(2)?,
                paper: text_code(r, 3, Paper::parse)?,
                score: r.get(4)?,
            },
        ))
    })
}

/// Every IHRIM membership's last day.
pub fn ihrim(conn: &Connection) -> Result<Vec<(String, NaiveDate)>> {
    all(conn, IHRIM, [], |r| Ok((r.get(0)?, r.get(1)?)))
}

/// Every training record, newest first (as `store::training::records`).
pub fn training(conn: &Connection) -> Result<Vec<(String, TrainingRecord)>> {
    all(conn, TRAINING, [], |r| {
        Ok((
            r.get(0)?,
            TrainingRecord {
                id: r.get(1)?,
                competence: r.get(2)?,
                completed_on: r.get(3)?,
                expires_on: r.get(4)?,
                source: r.get(5)?,
            },
        ))
    })
}

/// The pay steps a review has been recorded for, per person.
pub fn pay_reviews(conn: &Connection) -> Result<Vec<(String, NaiveDate)>> {
    all(conn, PAY_REVIEWS, [], |r| Ok((r.get(0)?, r.get(1)?)))
}

/// A PDP activity with a target date, in a signed appraisal.
#[derive(Debug, Clone)]
pub struct PdpRow {
    pub appraisal_id: i64,
    pub learning_need: String,
    pub target_date: NaiveDate,
    pub completed: bool,
}

/// Every dated PDP activity of signed appraisals of cycles from
/// `from_year`, with whether it has been completed (progress is kept under
/// the item's origin).
pub fn pdp_items_since(conn: &Connection, from_year: i32) -> Result<Vec<PdpRow>> {
    all(conn, PDP_ITEMS, params![from_year], |r| {
        let status: Option<String> = r.get(3)?;
        Ok(PdpRow {
            appraisal_id: r.get(0)?,
            learning_need: r.get(1)?,
            target_date: r.get(2)?,
            completed: status.as_deref() == Some("completed"),
        })
    })
}

/// Per appraisal of cycles from `from_year`, how many skills were agreed
/// below the level the role expects.
pub fn skill_gaps_since(conn: &Connection, from_year: i32) -> Result<Vec<(i64, i64)>> {
    all(conn, SKILL_GAPS, params![from_year], |r| Ok((r.get(0)?, r.get(1)?)))
}

/// `EXPLAIN QUERY PLAN` of every read of the home page that grows with the
/// department (the staff list aside), by name: on SQLite only (the
/// benchmark's evidence that each is indexed).
pub fn query_plans(conn: &Connection) -> Result<Vec<(String, Vec<String>)>> {
    let Some(sqlite) = conn.sqlite() else {
        return Ok(Vec::new());
    };
    let queries = [
        ("appraisals", crate::store::appraisal::headers_since_sql()),
        ("pdp_items", PDP_ITEMS.to_owned()),
        ("skill_gaps", SKILL_GAPS.to_owned()),
        ("coding_audits", crate::store::coding_audit::between_sql()),
        ("nccq_courses", COURSES.to_owned()),
        ("nccq_exams", EXAMS.to_owned()),
        ("ihrim", IHRIM.to_owned()),
        ("training", TRAINING.to_owned()),
        ("pay_reviews", PAY_REVIEWS.to_owned()),
    ];
    let mut out = Vec::new();
    for (name, sql) in queries {
        let mut stmt = sqlite.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let count = stmt.parameter_count();
        let values: Vec<rusqlite::types::Value> = (0..count).map(|_| rusqlite::types::Value::Null).collect();
        let lines = stmt
            .query_map(rusqlite::params_from_iter(values), |r| r.get::<_, String>(3))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.push((name.to_owned(), lines));
    }
    Ok(out)
}
