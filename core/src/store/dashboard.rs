//! SQL for the home page: each read takes the rows of a whole department in
//! one query (never one query per person), keyed by staff number, so the
//! rules can be applied in memory, and only the rows the page needs (the
//! recent cycles' appraisals from an index alone, each person's current
//! plan, their current appraisal's skills gaps). No rules here; they live
//! in `crate::dashboard` and the modules it calls. The reports read the
//! department through the same functions.

use chrono::{NaiveDate, NaiveDateTime};

use crate::appraisal::records::Person;
use crate::appraisal::words::{AppraisalKind, Step};
use crate::nccq::words::{CourseAttendance, CourseKind, ExamResult, Paper};
use crate::store::appraisal::Header;
use crate::store::db::{params, Connection, Row};
use crate::training::words::TrainingRecord;
use crate::Result;

// Person by person (staff, then their rows by the per-person index): never
// a scan of the large tables, nor a sort in SQL; the order is made in Rust.
const COURSES: &str = "SELECT s.staff_number, c.id, c.kind, c.start_date, c.end_date
         FROM staff s CROSS JOIN nccq_course c WHERE c.staff_id = s.id";

const EXAMS: &str = "SELECT s.staff_number, e.id, e.sitting_date, e.paper, e.score
         FROM nccq_exam_attempt e JOIN staff s ON s.id = e.staff_id ORDER BY e.sitting_date, e.paper";

const IHRIM: &str = "SELECT s.staff_number, m.valid_until FROM ihrim_membership m JOIN staff s ON s.id = m.staff_id";

const TRAINING: &str = "SELECT s.staff_number, t.id, t.competence, t.completed_on, t.expires_on, t.source
         FROM staff s CROSS JOIN training_record t WHERE t.staff_id = s.id";

const PAY_REVIEWS: &str = "SELECT s.staff_number, p.step_date FROM pay_step_review p JOIN staff s ON s.id = p.staff_id";

// What the schedule, compliance, plan and skills rules read of an
// appraisal, all in the `appraisal_dashboard` index (migration 0014): the
// completion day is the later signature's (a signed appraisal has both).
// No join for the version that replaces each: a new version copies its
// cycle, so it is among these rows, and is found in memory.
const APPRAISALS: &str = "SELECT a.id, a.appraisee_id, a.cycle_start, a.cycle_start_month, a.kind, a.version,
         a.supersedes_id, a.step, a.status, a.meeting_date,
         CASE WHEN a.status = 'signed' THEN substr(CASE WHEN a.appraisee_signed_at >= a.appraiser_signed_at
              THEN a.appraisee_signed_at ELSE a.appraiser_signed_at END, 1, 10) END
         FROM appraisal a
         WHERE a.cycle_start >= ?1";

const STAFF_IDS: &str = "SELECT id, staff_number FROM staff";

// Each person's current plan only: their latest signed appraisal of the
// recent cycles that no version replaces and that has dated activities,
// found per person by walking their signed appraisals newest first
// (`appraisal_signed_by_person`, migration 0015) and stopping at the
// first that qualifies: a probe or two a person, where ranking every recent
// appraisal probed each and sorted them all.
const PDP_ITEMS: &str = "SELECT i.appraisal_id, i.id, i.learning_need, i.target_date, p.status, s.staff_number
         FROM staff s
         JOIN appraisal_pdp_item i ON i.appraisal_id = (
           SELECT a.id FROM appraisal a
            WHERE a.appraisee_id = s.id AND a.status = 'signed' AND a.cycle_start >= ?1
              AND NOT EXISTS (SELECT 1 FROM appraisal n WHERE n.supersedes_id = a.id)
              AND EXISTS (SELECT 1 FROM appraisal_pdp_item d
                           WHERE d.appraisal_id = a.id AND d.target_date IS NOT NULL)
            ORDER BY a.cycle_start DESC, a.meeting_date DESC, a.id DESC
            LIMIT 1)
         LEFT JOIN pdp_progress p ON p.pdp_item_id = coalesce(i.origin_id, i.id)
         WHERE i.target_date IS NOT NULL";

// The gaps of each person's current annual appraisal only (the newest
// version of the newest cycle's that no version replaces), found per person
// from their annual appraisals newest first (`appraisal_annual_by_person`,
// migration 0015), its gaps from the partial index of gaps.
const SKILL_GAPS: &str = "SELECT k.appraisal_id, count(*)
         FROM staff s
         JOIN appraisal_skill k ON k.appraisal_id = (
           SELECT a.id FROM appraisal a
            WHERE a.appraisee_id = s.id AND a.kind = 'annual' AND a.cycle_start >= ?1
              AND NOT EXISTS (SELECT 1 FROM appraisal n WHERE n.supersedes_id = a.id)
            ORDER BY a.cycle_start DESC, a.version DESC
            LIMIT 1)
         WHERE k.agreed_level < k.expected_level
         GROUP BY k.appraisal_id";

/// An ISO date (YYYY-MM-DD) read by hand: tens of thousands of them are
/// read for a page, and chrono's format parser costs more than the query.
/// Anything else is left to chrono, as any other read would.
struct Day(NaiveDate);

impl rusqlite::types::FromSql for Day {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter()
                .try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
        };
        if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
            if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
                if let Some(day) = NaiveDate::from_ymd_opt(y as i32, m, d) {
                    return Ok(Day(day));
                }
            }
        }
        NaiveDate::column_result(value).map(Day)
    }
}

/// A code column parsed from the text in place (no String per row): the
/// recent appraisals' kind, step and status are read tens of thousands of
/// times for a page.
struct Code<T>(T);

trait FromCode: Sized {
    fn from_code(text: &str) -> Option<Self>;
}

// The stored code first: `parse` also understands words, at the cost of
// two Strings a call.
impl FromCode for AppraisalKind {
    fn from_code(text: &str) -> Option<Self> {
        AppraisalKind::ALL
            .into_iter()
            .find(|k| k.code() == text)
            .or_else(|| AppraisalKind::parse(text))
    }
}

impl FromCode for Step {
    fn from_code(text: &str) -> Option<Self> {
        Step::ALL
            .into_iter()
            .find(|s| s.code() == text)
            .or_else(|| Step::parse(text))
    }
}

/// Whether the status is `signed`.
impl FromCode for bool {
    fn from_code(text: &str) -> Option<Self> {
        Some(text == "signed")
    }
}

impl<T: FromCode> rusqlite::types::FromSql for Code<T> {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        T::from_code(text)
            .map(Code)
            .ok_or_else(|| rusqlite::types::FromSqlError::Other(format!("unknown code {text:?}").into()))
    }
}

fn code<T: FromCode>(r: &Row, idx: usize) -> crate::store::db::Result<T> {
    Ok(r.get::<_, Code<T>>(idx)?.0)
}

fn day(r: &Row, idx: usize) -> crate::store::db::Result<NaiveDate> {
    Ok(r.get::<_, Day>(idx)?.0)
}

fn day_opt(r: &Row, idx: usize) -> crate::store::db::Result<Option<NaiveDate>> {
    Ok(r.get::<_, Option<Day>>(idx)?.map(|d| d.0))
}

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
    let mut rows = all(conn, COURSES, [], |r| {
        Ok((
            r.get(0)?,
            CourseAttendance {
                id: r.get(1)?,
                kind: text_code(r, 2, CourseKind::parse)?,
                start: day(r, 3)?,
                end: day_opt(r, 4)?,
            },
        ))
    })?;
    rows.sort_unstable_by_key(|(_, c)| (c.start, c.id));
    Ok(rows)
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
    let mut rows = all(conn, TRAINING, [], |r| {
        Ok((
            r.get(0)?,
            TrainingRecord {
                id: r.get(1)?,
                competence: r.get(2)?,
                completed_on: day(r, 3)?,
                expires_on: day_opt(r, 4)?,
                source: r.get(5)?,
            },
        ))
    })?;
    rows.sort_unstable_by(|(_, a), (_, b)| {
        (std::cmp::Reverse(a.completed_on), &a.competence, a.id).cmp(&(
            std::cmp::Reverse(b.completed_on),
            &b.competence,
            b.id,
        ))
    });
    Ok(rows)
}

/// The pay steps a review has been recorded for, per person.
pub fn pay_reviews(conn: &Connection) -> Result<Vec<(String, NaiveDate)>> {
    all(conn, PAY_REVIEWS, [], |r| Ok((r.get(0)?, r.get(1)?)))
}

/// The recent appraisals, each person's together, and where each person's
/// are: their staff number is kept once, not in each appraisal's header.
pub struct Recent {
    pub headers: Vec<Header>,
    pub people: Vec<(String, std::ops::Range<usize>)>,
}

/// Every appraisal of a cycle starting in `from_year` or later, each
/// person's together (oldest first), with what the schedule and compliance
/// rules read: whose it is (by id; the staff number in `Recent::people`),
/// its kind, version, replacement, status and meeting, and the day it was
/// completed (as the later signature; who signed, the names, roles,
/// comments and times are left empty).
pub fn appraisals_since(conn: &Connection, from_year: i32) -> Result<Recent> {
    let numbers: std::collections::HashMap<i64, String> = all(conn, STAFF_IDS, [], |r| Ok((r.get(0)?, r.get(1)?)))?
        .into_iter()
        .collect();
    let mut rows = all(conn, APPRAISALS, params![from_year], |r| {
        Ok(RecentRow {
            id: r.get(0)?,
            appraisee_id: r.get(1)?,
            cycle_start: r.get(2)?,
            cycle_start_month: r.get(3)?,
            kind: code(r, 4)?,
            version: r.get(5)?,
            supersedes_id: r.get(6)?,
            step: code(r, 7)?,
            signed: code(r, 8)?,
            meeting_date: day(r, 9)?,
            completed: day_opt(r, 10)?,
        })
    })?;
    // The small rows are sorted, not the wide headers made from them.
    rows.sort_unstable_by_key(|a| (a.appraisee_id, a.cycle_start, a.meeting_date, a.id));
    let superseded_by: std::collections::HashMap<i64, i64> = rows
        .iter()
        .filter_map(|a| a.supersedes_id.map(|old| (old, a.id)))
        .collect();
    let mut people: Vec<(String, std::ops::Range<usize>)> = Vec::new();
    for (i, a) in rows.iter().enumerate() {
        match people.last_mut() {
            Some((_, range)) if rows[range.start].appraisee_id == a.appraisee_id => range.end = i + 1,
            _ => people.push((numbers.get(&a.appraisee_id).cloned().unwrap_or_default(), i..i + 1)),
        }
    }
    let person = || Person {
        staff_number: String::new(),
        name: String::new(),
        band: String::new(),
        job_title: String::new(),
    };
    let headers = rows
        .into_iter()
        .map(|a| Header {
            id: a.id,
            appraisee_id: a.appraisee_id,
            appraiser_id: 0,
            cycle_start: a.cycle_start,
            cycle_start_month: a.cycle_start_month,
            kind: a.kind,
            version: a.version,
            supersedes_id: a.supersedes_id,
            superseded_by: superseded_by.get(&a.id).copied(),
            step: a.step,
            signed: a.signed,
            meeting_date: a.meeting_date,
            framework_id: None,
            role_band: None,
            role_title: None,
            appraisee_comments: String::new(),
            appraiser_comments: String::new(),
            created_at: NaiveDateTime::default(),
            updated_at: NaiveDateTime::default(),
            appraisee_signature: a.completed.map(|d| (String::new(), d.and_time(chrono::NaiveTime::MIN))),
            appraiser_signature: None,
            reopening: None,
            appraisee: person(),
            appraiser: person(),
        })
        .collect();
    Ok(Recent { headers, people })
}

/// An appraisal row as read, before it becomes a `Header`.
struct RecentRow {
    id: i64,
    appraisee_id: i64,
    cycle_start: i32,
    cycle_start_month: u32,
    kind: AppraisalKind,
    version: u32,
    supersedes_id: Option<i64>,
    step: Step,
    signed: bool,
    meeting_date: NaiveDate,
    completed: Option<NaiveDate>,
}

/// A dated PDP activity of a person's current plan.
#[derive(Debug, Clone)]
pub struct PdpRow {
    pub appraisal_id: i64,
    pub learning_need: String,
    pub target_date: NaiveDate,
    pub completed: bool,
}

/// The dated PDP activities of each person's current plan (their latest
/// signed appraisal of cycles from `from_year` that no version replaces
/// and that has any), with whose it is, by target date, with whether each
/// has been completed (progress is kept under the item's origin).
pub fn current_pdp_items_since(conn: &Connection, from_year: i32) -> Result<Vec<(String, PdpRow)>> {
    let mut rows = all(conn, PDP_ITEMS, params![from_year], |r| {
        let status: Option<String> = r.get(4)?;
        Ok((
            r.get::<_, i64>(1)?,
            r.get::<_, String>(5)?,
            PdpRow {
                appraisal_id: r.get(0)?,
                learning_need: r.get(2)?,
                target_date: day(r, 3)?,
                completed: status.as_deref() == Some("completed"),
            },
        ))
    })?;
    rows.sort_unstable_by_key(|(id, _, row)| (row.target_date, *id));
    Ok(rows.into_iter().map(|(_, n, row)| (n, row)).collect())
}

/// Per person's current annual appraisal (the newest version of the newest
/// cycle's, from `from_year`), how many skills were agreed below the level
/// the role expects.
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
        ("appraisals", APPRAISALS.to_owned()),
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

/// When the person signed in before their latest sign-in, if they had.
pub fn previous_sign_in(conn: &Connection, staff_number: &str) -> Result<Option<NaiveDateTime>> {
    use crate::store::db::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT a.previous_signed_in_at FROM account a JOIN staff s ON s.id = a.staff_id
              WHERE s.staff_number = ?1",
            [staff_number],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}
