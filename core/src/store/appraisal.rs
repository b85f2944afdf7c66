//! SQL for appraisals: the appraisal row and every row that belongs to it
//! (reviewed objectives, skills, objectives, KPI objective, PDP items,
//! wellbeing, pay criteria) and PDP progress. No
//! rules here; they live in `crate::appraisal`. Triggers in the schema
//! refuse changes to a signed appraisal whatever this file is asked to do.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::Type;
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::appraisal::{
    ActivityType, AppraisalKind, AppraisalStatus, AppraisalSummary, CompetencyRef, CriterionSource, KpiObjective,
    Objective, Outcome, Party, PayCriterionKind, PdpItem, PdpProgress, PdpStatus, Person, PreviousObjective, Reopening,
    SkillAssessment, Step, Wellbeing,
};
use crate::cycle::Cycle;
use crate::framework::RoleProfile;
use crate::Result;

/// Date-times are stored as ISO text without fractions, as elsewhere.
pub fn timestamp(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A stored code the rules do not know means the file was edited by hand;
/// say which column rather than guess.
fn decode<T>(row: &Row, idx: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, format!("unknown code {text:?}").into())
    })
}

fn decode_opt<T>(row: &Row, idx: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<Option<T>> {
    match row.get::<_, Option<String>>(idx)? {
        None => Ok(None),
        Some(_) => decode(row, idx, parse).map(Some),
    }
}

// --------------------------------------------------------------- header --

/// The appraisal row, with both people.
#[derive(Debug, Clone)]
pub struct Header {
    pub id: i64,
    pub appraisee_id: i64,
    pub appraiser_id: i64,
    pub appraisee: Person,
    pub appraiser: Person,
    pub cycle_start: i32,
    pub cycle_start_month: u32,
    pub kind: AppraisalKind,
    pub version: u32,
    pub supersedes_id: Option<i64>,
    pub superseded_by: Option<i64>,
    pub step: Step,
    /// Both parties have signed.
    pub signed: bool,
    pub meeting_date: NaiveDate,
    pub framework_id: Option<i64>,
    pub role_band: Option<String>,
    pub role_title: Option<String>,
    pub appraisee_comments: String,
    pub appraiser_comments: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// (staff number, when).
    pub appraisee_signature: Option<(String, NaiveDateTime)>,
    pub appraiser_signature: Option<(String, NaiveDateTime)>,
    pub reopening: Option<Reopening>,
}

impl Header {
    pub fn cycle(&self) -> Cycle {
        Cycle::new(self.cycle_start, self.cycle_start_month)
    }

    pub fn status(&self) -> AppraisalStatus {
        match (self.signed, self.superseded_by) {
            (false, _) => AppraisalStatus::InProgress,
            (true, None) => AppraisalStatus::Signed,
            (true, Some(_)) => AppraisalStatus::Reopened,
        }
    }

    /// The later of the two signatures: when the appraisal was completed.
    pub fn signed_on(&self) -> Option<NaiveDate> {
        if !self.signed {
            return None;
        }
        self.appraisee_signature
            .iter()
            .chain(self.appraiser_signature.iter())
            .map(|(_, at)| at.date())
            .max()
    }
}

const HEADER: &str = "SELECT a.id, a.appraisee_id, a.appraiser_id, a.cycle_start, a.cycle_start_month, a.kind,
        a.version, a.supersedes_id, (SELECT n.id FROM appraisal n WHERE n.supersedes_id = a.id),
        a.step, a.status, a.meeting_date, a.framework_id, a.role_band, a.role_title,
        a.appraisee_comments, a.appraiser_comments, a.created_at, a.updated_at,
        a.appraisee_signed_by, a.appraisee_signed_at, a.appraiser_signed_by, a.appraiser_signed_at,
        a.reopen_reason, a.reopened_by, a.reopened_at,
        (SELECT x.forename || ' ' || x.surname FROM staff x WHERE x.staff_number = a.reopened_by),
        e.staff_number, coalesce(a.appraisee_name, e.forename || ' ' || e.surname),
        coalesce(a.appraisee_band, e.band), coalesce(a.appraisee_job_title, e.job_title),
        r.staff_number, coalesce(a.appraiser_name, r.forename || ' ' || r.surname),
        coalesce(a.appraiser_band, r.band), coalesce(a.appraiser_job_title, r.job_title)
    FROM appraisal a JOIN staff e ON e.id = a.appraisee_id JOIN staff r ON r.id = a.appraiser_id";

fn header_from_row(r: &Row) -> rusqlite::Result<Header> {
    let signature = |by: usize| -> rusqlite::Result<Option<(String, NaiveDateTime)>> {
        let number: Option<String> = r.get(by)?;
        let at: Option<NaiveDateTime> = r.get(by + 1)?;
        Ok(number.zip(at))
    };
    let status: String = r.get(10)?;
    let supersedes_id: Option<i64> = r.get(7)?;
    let reason: Option<String> = r.get(23)?;
    let reopening = match (reason, supersedes_id) {
        (Some(reason), Some(supersedes)) => Some(Reopening {
            reason,
            by: r.get::<_, Option<String>>(24)?.unwrap_or_default(),
            by_name: r.get(26)?,
            at: r.get::<_, Option<NaiveDateTime>>(25)?.unwrap_or_default(),
            supersedes,
        }),
        _ => None,
    };
    Ok(Header {
        id: r.get(0)?,
        appraisee_id: r.get(1)?,
        appraiser_id: r.get(2)?,
        cycle_start: r.get(3)?,
        cycle_start_month: r.get(4)?,
        kind: decode(r, 5, AppraisalKind::parse)?,
        version: r.get(6)?,
        supersedes_id,
        superseded_by: r.get(8)?,
        step: decode(r, 9, Step::parse)?,
        signed: status == "signed",
        meeting_date: r.get(11)?,
        framework_id: r.get(12)?,
        role_band: r.get(13)?,
        role_title: r.get(14)?,
        appraisee_comments: r.get(15)?,
        appraiser_comments: r.get(16)?,
        created_at: r.get(17)?,
        updated_at: r.get(18)?,
        appraisee_signature: signature(19)?,
        appraiser_signature: signature(21)?,
        reopening,
        appraisee: Person {
            staff_number: r.get(27)?,
            name: r.get(28)?,
            band: r.get(29)?,
            job_title: r.get(30)?,
        },
        appraiser: Person {
            staff_number: r.get(31)?,
            name: r.get(32)?,
            band: r.get(33)?,
            job_title: r.get(34)?,
        },
    })
}

pub fn header(conn: &Connection, id: i64) -> Result<Option<Header>> {
    Ok(conn
        .query_row(&format!("{HEADER} WHERE a.id = ?1"), [id], header_from_row)
        .optional()?)
}

/// Every appraisal of one person, oldest first.
pub fn headers_of(conn: &Connection, appraisee_id: i64) -> Result<Vec<Header>> {
    let mut stmt = conn.prepare(&format!(
        "{HEADER} WHERE a.appraisee_id = ?1 ORDER BY a.cycle_start, a.meeting_date, a.id"
    ))?;
    let rows = stmt
        .query_map([appraisee_id], header_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn list(conn: &Connection) -> Result<Vec<AppraisalSummary>> {
    let mut stmt = conn.prepare(&format!(
        "{HEADER} JOIN staff s ON s.id = a.appraisee_id
         ORDER BY a.cycle_start DESC, s.surname COLLATE NOCASE, s.forename COLLATE NOCASE, s.staff_number,
                  CASE a.kind WHEN 'objective_setting' THEN 0 WHEN 'annual' THEN 1 ELSE 2 END, a.version, a.id"
    ))?;
    let rows = stmt
        .query_map([], header_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|h| AppraisalSummary {
            id: h.id,
            staff_number: h.appraisee.staff_number.clone(),
            name: h.appraisee.name.clone(),
            appraiser_staff_number: h.appraiser.staff_number.clone(),
            appraiser_name: h.appraiser.name.clone(),
            cycle: h.cycle().label,
            cycle_start_year: h.cycle_start,
            kind: h.kind,
            status: h.status(),
            step: h.step,
            version: h.version,
            meeting_date: h.meeting_date,
            signed_on: h.signed_on(),
            superseded_by: h.superseded_by,
        })
        .collect())
}

/// The newest version of this person's appraisal of `kind` in a cycle.
pub fn existing(
    conn: &Connection,
    appraisee_id: i64,
    cycle_start: i32,
    kind: AppraisalKind,
) -> Result<Option<(i64, AppraisalStatus)>> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT id FROM appraisal WHERE appraisee_id = ?1 AND cycle_start = ?2 AND kind = ?3
             ORDER BY version DESC LIMIT 1",
            params![appraisee_id, cycle_start, kind.code()],
            |r| r.get(0),
        )
        .optional()?;
    match found {
        None => Ok(None),
        Some(id) => Ok(header(conn, id)?.map(|h| (id, h.status()))),
    }
}

pub struct NewAppraisal<'a> {
    pub appraisee_id: i64,
    pub appraiser_id: i64,
    pub cycle: &'a Cycle,
    pub kind: AppraisalKind,
    pub meeting_date: NaiveDate,
    pub framework_id: Option<i64>,
    pub role_band: Option<&'a str>,
    pub role_title: Option<&'a str>,
    pub now: NaiveDateTime,
}

pub fn insert_appraisal(conn: &Connection, a: &NewAppraisal) -> Result<i64> {
    conn.execute(
        "INSERT INTO appraisal (appraisee_id, appraiser_id, cycle_start, cycle_start_month, kind, meeting_date,
             framework_id, role_band, role_title, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            a.appraisee_id,
            a.appraiser_id,
            a.cycle.start_year,
            a.cycle.start_month,
            a.kind.code(),
            a.meeting_date,
            a.framework_id,
            a.role_band,
            a.role_title,
            timestamp(a.now)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Copies an appraisal row as its next version, unsigned, at its first
/// step, with the reason it was re-opened.
pub fn insert_version(conn: &Connection, old: i64, reason: &str, by: &str, now: NaiveDateTime) -> Result<i64> {
    conn.execute(
        "INSERT INTO appraisal (appraisee_id, appraiser_id, cycle_start, cycle_start_month, kind, version,
             supersedes_id, step, meeting_date, framework_id, role_band, role_title, appraisee_comments,
             appraiser_comments, created_at, updated_at, reopen_reason, reopened_by, reopened_at)
         SELECT appraisee_id, appraiser_id, cycle_start, cycle_start_month, kind, version + 1,
             id, 'previous_objectives', meeting_date, framework_id, role_band, role_title, appraisee_comments,
             appraiser_comments, ?2, ?2, ?3, ?4, ?2
         FROM appraisal WHERE id = ?1",
        params![old, timestamp(now), reason, by],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Stamps a change; `clear_signatures` takes away a lone signature.
pub fn touch(conn: &Connection, id: i64, now: NaiveDateTime, clear_signatures: bool) -> Result<()> {
    if clear_signatures {
        conn.execute(
            "UPDATE appraisal SET updated_at = ?2, appraisee_signed_at = NULL, appraisee_signed_by = NULL,
                 appraiser_signed_at = NULL, appraiser_signed_by = NULL
             WHERE id = ?1",
            params![id, timestamp(now)],
        )?;
    } else {
        conn.execute(
            "UPDATE appraisal SET updated_at = ?2 WHERE id = ?1",
            params![id, timestamp(now)],
        )?;
    }
    Ok(())
}

pub fn set_step(conn: &Connection, id: i64, step: Step) -> Result<()> {
    conn.execute("UPDATE appraisal SET step = ?2 WHERE id = ?1", params![id, step.code()])?;
    Ok(())
}

pub fn set_meeting_date(conn: &Connection, id: i64, date: NaiveDate) -> Result<()> {
    conn.execute(
        "UPDATE appraisal SET meeting_date = ?2 WHERE id = ?1",
        params![id, date],
    )?;
    Ok(())
}

pub fn set_comments(conn: &Connection, id: i64, party: Party, comments: &str) -> Result<()> {
    let sql = match party {
        Party::Appraisee => "UPDATE appraisal SET appraisee_comments = ?2 WHERE id = ?1",
        Party::Appraiser => "UPDATE appraisal SET appraiser_comments = ?2 WHERE id = ?1",
    };
    conn.execute(sql, params![id, comments])?;
    Ok(())
}

/// Copies both people's names, bands and titles into the appraisal: done
/// just before the second signature locks it.
pub fn snapshot_people(conn: &Connection, id: i64) -> Result<()> {
    conn.execute(
        "UPDATE appraisal SET
             appraisee_name = (SELECT forename || ' ' || surname FROM staff WHERE id = appraisee_id),
             appraisee_band = (SELECT band FROM staff WHERE id = appraisee_id),
             appraisee_job_title = (SELECT job_title FROM staff WHERE id = appraisee_id),
             appraiser_name = (SELECT forename || ' ' || surname FROM staff WHERE id = appraiser_id),
             appraiser_band = (SELECT band FROM staff WHERE id = appraiser_id),
             appraiser_job_title = (SELECT job_title FROM staff WHERE id = appraiser_id)
         WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// Records one party's signature; the status becomes signed in the same
/// statement when the other has signed already, which locks the row.
pub fn sign(conn: &Connection, id: i64, party: Party, staff_number: &str, at: NaiveDateTime) -> Result<()> {
    let sql = match party {
        Party::Appraisee => {
            "UPDATE appraisal SET appraisee_signed_by = ?2, appraisee_signed_at = ?3, updated_at = ?3,
                 status = CASE WHEN appraiser_signed_at IS NOT NULL THEN 'signed' ELSE status END
             WHERE id = ?1"
        }
        Party::Appraiser => {
            "UPDATE appraisal SET appraiser_signed_by = ?2, appraiser_signed_at = ?3, updated_at = ?3,
                 status = CASE WHEN appraisee_signed_at IS NOT NULL THEN 'signed' ELSE status END
             WHERE id = ?1"
        }
    };
    conn.execute(sql, params![id, staff_number, timestamp(at)])?;
    Ok(())
}

// ------------------------------------------------------------ framework --

/// The newest framework version: the one a new appraisal is agreed against.
pub fn newest_framework(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT max(id) FROM framework", [], |r| r.get(0))?)
}

/// The role profile for a band and job title: the one with that title, or
/// else the first for the band.
pub fn role_for(conn: &Connection, band: &str, job_title: &str) -> Result<Option<RoleProfile>> {
    Ok(conn
        .query_row(
            "SELECT id, band, title FROM role_profile WHERE band = ?1
             ORDER BY (lower(title) = lower(trim(?2))) DESC, position, id LIMIT 1",
            params![band, job_title],
            |r| {
                Ok(RoleProfile {
                    id: r.get(0)?,
                    band: r.get(1)?,
                    title: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// A competency a role expects, with the level.
pub struct ExpectedCompetency {
    pub framework_id: i64,
    pub competency_id: i64,
    pub skill_code: String,
    pub skill_name: String,
    pub competency: String,
    pub level: u8,
}

/// The competencies of a framework version that a role expects, in the
/// framework's order.
pub fn expected_competencies(conn: &Connection, framework_id: i64, role_id: i64) -> Result<Vec<ExpectedCompetency>> {
    let mut stmt = conn.prepare(
        "SELECT sk.framework_id, c.id, sk.code, sk.name, c.name, e.level
         FROM framework_skill sk
         JOIN framework_competency c ON c.skill_id = sk.id
         JOIN role_expectation e ON e.skill_code = sk.code AND e.competency = c.name AND e.role_id = ?2
         WHERE sk.framework_id = ?1
         ORDER BY sk.position, c.position",
    )?;
    let rows = stmt
        .query_map(params![framework_id, role_id], |r| {
            Ok(ExpectedCompetency {
                framework_id: r.get(0)?,
                competency_id: r.get(1)?,
                skill_code: r.get(2)?,
                skill_name: r.get(3)?,
                competency: r.get(4)?,
                level: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A competency of a framework version by skill code and name (letter case
/// aside).
pub fn find_competency(conn: &Connection, framework_id: i64, code: &str, name: &str) -> Result<Option<CompetencyRef>> {
    Ok(conn
        .query_row(
            "SELECT sk.framework_id, c.id, sk.code, c.name
             FROM framework_competency c JOIN framework_skill sk ON sk.id = c.skill_id
             WHERE sk.framework_id = ?1 AND sk.code = ?2 AND c.name = ?3 COLLATE NOCASE",
            params![framework_id, code, name],
            |r| {
                Ok(CompetencyRef {
                    framework_id: r.get(0)?,
                    competency_id: r.get(1)?,
                    skill_code: r.get(2)?,
                    competency: r.get(3)?,
                })
            },
        )
        .optional()?)
}

/// The levels a competency has statements at, lowest first.
pub fn competency_levels(conn: &Connection, competency_id: i64) -> Result<Vec<u8>> {
    let mut stmt =
        conn.prepare("SELECT DISTINCT level FROM framework_statement WHERE competency_id = ?1 ORDER BY level")?;
    let rows = stmt
        .query_map([competency_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The statement at a level: the first one's id, and every one's text, one
/// per line.
pub fn statement_at(conn: &Connection, competency_id: i64, level: u8) -> Result<Option<(i64, String)>> {
    let mut stmt = conn.prepare(
        "SELECT id, text FROM framework_statement WHERE competency_id = ?1 AND level = ?2 ORDER BY position, id",
    )?;
    let rows = stmt
        .query_map(params![competency_id, level], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.first().map(|(id, _)| {
        let text = rows.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n");
        (*id, text)
    }))
}

// --------------------------------------------------------------- skills --

pub fn insert_skill(conn: &Connection, appraisal_id: i64, position: usize, c: &ExpectedCompetency) -> Result<()> {
    conn.execute(
        "INSERT INTO appraisal_skill (appraisal_id, position, framework_id, competency_id, skill_code, skill_name,
             competency, expected_level)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            appraisal_id,
            position as i64,
            c.framework_id,
            c.competency_id,
            c.skill_code,
            c.skill_name,
            c.competency,
            c.level
        ],
    )?;
    Ok(())
}

/// The skill rows, without their statements (`levels` empty, `gap` 0).
pub fn skills(conn: &Connection, appraisal_id: i64) -> Result<Vec<SkillAssessment>> {
    let mut stmt = conn.prepare(
        "SELECT id, framework_id, competency_id, skill_code, skill_name, competency, expected_level, self_level,
             agreed_level
         FROM appraisal_skill WHERE appraisal_id = ?1 ORDER BY position, id",
    )?;
    let rows = stmt
        .query_map([appraisal_id], |r| {
            Ok(SkillAssessment {
                id: r.get(0)?,
                framework_id: r.get(1)?,
                competency_id: r.get(2)?,
                skill_code: r.get(3)?,
                skill_name: r.get(4)?,
                competency: r.get(5)?,
                expected_level: r.get(6)?,
                self_level: r.get(7)?,
                agreed_level: r.get(8)?,
                gap: 0,
                levels: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub struct StatementText {
    pub competency_id: i64,
    pub level: u8,
    pub text: String,
}

/// Every statement of the competencies an appraisal assesses, by level.
pub fn skill_statements(conn: &Connection, appraisal_id: i64) -> Result<Vec<StatementText>> {
    let mut stmt = conn.prepare(
        "SELECT st.competency_id, st.level, st.text FROM framework_statement st
         WHERE st.competency_id IN (SELECT competency_id FROM appraisal_skill WHERE appraisal_id = ?1)
         ORDER BY st.competency_id, st.level, st.position, st.id",
    )?;
    let rows = stmt
        .query_map([appraisal_id], |r| {
            Ok(StatementText {
                competency_id: r.get(0)?,
                level: r.get(1)?,
                text: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The appraisal, competency id and competency name of a skill row.
pub fn skill_appraisal(conn: &Connection, skill_id: i64) -> Result<Option<(i64, i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT appraisal_id, competency_id, competency FROM appraisal_skill WHERE id = ?1",
            [skill_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// `column` is `self_level` or `agreed_level`, chosen by the caller.
pub fn set_skill_level(conn: &Connection, skill_id: i64, column: &str, level: Option<u8>) -> Result<()> {
    let sql = match column {
        "self_level" => "UPDATE appraisal_skill SET self_level = ?2 WHERE id = ?1",
        _ => "UPDATE appraisal_skill SET agreed_level = ?2 WHERE id = ?1",
    };
    conn.execute(sql, params![skill_id, level])?;
    Ok(())
}

/// Copies every skill row to a new version.
pub fn copy_skills(conn: &Connection, from: i64, to: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO appraisal_skill (appraisal_id, position, framework_id, competency_id, skill_code, skill_name,
             competency, expected_level, self_level, agreed_level)
         SELECT ?2, position, framework_id, competency_id, skill_code, skill_name, competency, expected_level,
             self_level, agreed_level
         FROM appraisal_skill WHERE appraisal_id = ?1 ORDER BY position, id",
        params![from, to],
    )?;
    Ok(())
}

// ----------------------------------------------------------- objectives --

/// An objective as written to the store.
pub struct ObjectiveRow {
    pub text: String,
    pub measure: String,
    pub due: Option<NaiveDate>,
    pub competency: Option<CompetencyRef>,
    pub target_level: Option<u8>,
    /// The first statement's id at the level, and the text of them all.
    pub statement: Option<(i64, String)>,
    pub carried_from: Option<i64>,
}

const OBJECTIVE: &str = "SELECT id, text, measure, due_date, framework_id, competency_id, skill_code, competency,
        target_level, statement_id, statement_text, carried_from_id
    FROM appraisal_objective";

fn competency_from(r: &Row, at: usize) -> rusqlite::Result<Option<CompetencyRef>> {
    let framework_id: Option<i64> = r.get(at)?;
    let competency_id: Option<i64> = r.get(at + 1)?;
    Ok(match (framework_id, competency_id) {
        (Some(framework_id), Some(competency_id)) => Some(CompetencyRef {
            framework_id,
            competency_id,
            skill_code: r.get::<_, Option<String>>(at + 2)?.unwrap_or_default(),
            competency: r.get::<_, Option<String>>(at + 3)?.unwrap_or_default(),
        }),
        _ => None,
    })
}

fn objective_from_row(r: &Row) -> rusqlite::Result<Objective> {
    Ok(Objective {
        id: r.get(0)?,
        text: r.get(1)?,
        measure: r.get(2)?,
        due: r.get(3)?,
        competency: competency_from(r, 4)?,
        target_level: r.get(8)?,
        statement_id: r.get(9)?,
        statement_text: r.get(10)?,
        carried_from: r.get(11)?,
        missing: Vec::new(),
    })
}

pub fn objectives(conn: &Connection, appraisal_id: i64) -> Result<Vec<Objective>> {
    let mut stmt = conn.prepare(&format!("{OBJECTIVE} WHERE appraisal_id = ?1 ORDER BY position, id"))?;
    let rows = stmt
        .query_map([appraisal_id], objective_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn objective(conn: &Connection, id: i64) -> Result<Option<Objective>> {
    Ok(conn
        .query_row(&format!("{OBJECTIVE} WHERE id = ?1"), [id], objective_from_row)
        .optional()?)
}

/// The appraisal an objective belongs to, and the reviewed objective it
/// carries forward.
pub fn objective_appraisal(conn: &Connection, id: i64) -> Result<Option<(i64, Option<i64>)>> {
    Ok(conn
        .query_row(
            "SELECT appraisal_id, carried_from_id FROM appraisal_objective WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

pub fn insert_objective(conn: &Connection, appraisal_id: i64, o: &ObjectiveRow) -> Result<i64> {
    let c = o.competency.as_ref();
    conn.execute(
        "INSERT INTO appraisal_objective (appraisal_id, position, text, measure, due_date, framework_id,
             competency_id, skill_code, competency, target_level, statement_id, statement_text, carried_from_id)
         VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM appraisal_objective WHERE appraisal_id = ?1),
             ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            appraisal_id,
            o.text,
            o.measure,
            o.due,
            c.map(|c| c.framework_id),
            c.map(|c| c.competency_id),
            c.map(|c| c.skill_code.as_str()),
            c.map(|c| c.competency.as_str()),
            o.target_level,
            o.statement.as_ref().map(|s| s.0),
            o.statement.as_ref().map(|s| s.1.as_str()),
            o.carried_from
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update_objective(conn: &Connection, id: i64, o: &ObjectiveRow) -> Result<()> {
    let c = o.competency.as_ref();
    conn.execute(
        "UPDATE appraisal_objective SET text = ?2, measure = ?3, due_date = ?4, framework_id = ?5,
             competency_id = ?6, skill_code = ?7, competency = ?8, target_level = ?9, statement_id = ?10,
             statement_text = ?11
         WHERE id = ?1",
        params![
            id,
            o.text,
            o.measure,
            o.due,
            c.map(|c| c.framework_id),
            c.map(|c| c.competency_id),
            c.map(|c| c.skill_code.as_str()),
            c.map(|c| c.competency.as_str()),
            o.target_level,
            o.statement.as_ref().map(|s| s.0),
            o.statement.as_ref().map(|s| s.1.as_str())
        ],
    )?;
    Ok(())
}

pub fn delete_objective(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM appraisal_objective WHERE id = ?1", [id])?;
    Ok(())
}

/// The objectives of a person's signed appraisals of `kinds` in one cycle,
/// taking only the signed version that replaced the others where an
/// appraisal was re-opened; by meeting, then as listed.
pub fn signed_objectives(
    conn: &Connection,
    appraisee_id: i64,
    cycle_start: i32,
    kinds: &[AppraisalKind],
) -> Result<Vec<Objective>> {
    let kinds: Vec<String> = kinds.iter().map(|k| format!("'{}'", k.code())).collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT o.id, o.text, o.measure, o.due_date, o.framework_id, o.competency_id, o.skill_code, o.competency,
             o.target_level, o.statement_id, o.statement_text, o.carried_from_id
         FROM appraisal_objective o JOIN appraisal a ON a.id = o.appraisal_id
         WHERE a.appraisee_id = ?1 AND a.cycle_start = ?2 AND a.kind IN ({}) AND {CURRENT_SIGNED}
         ORDER BY a.meeting_date, a.id, o.position, o.id",
        kinds.join(", ")
    ))?;
    let rows = stmt
        .query_map(params![appraisee_id, cycle_start], objective_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A signed appraisal (alias `a`) that no later signed version replaces.
pub const CURRENT_SIGNED: &str = "a.status = 'signed'
    AND NOT EXISTS (SELECT 1 FROM appraisal n WHERE n.supersedes_id = a.id AND n.status = 'signed')";

/// The latest cycle before `cycle_start` in which this person has a signed
/// appraisal.
pub fn latest_signed_cycle_before(conn: &Connection, appraisee_id: i64, cycle_start: i32) -> Result<Option<i32>> {
    Ok(conn.query_row(
        "SELECT max(cycle_start) FROM appraisal WHERE appraisee_id = ?1 AND cycle_start < ?2 AND status = 'signed'",
        params![appraisee_id, cycle_start],
        |r| r.get(0),
    )?)
}

// -------------------------------------------------- reviewed objectives --

const PREVIOUS: &str = "SELECT p.id, p.source_objective_id, p.text, p.measure, p.due_date, p.framework_id,
        p.competency_id, p.skill_code, p.competency, p.target_level, p.statement_text, p.outcome, p.comments,
        (SELECT o.id FROM appraisal_objective o WHERE o.carried_from_id = p.id)
    FROM appraisal_previous_objective p";

fn previous_from_row(r: &Row) -> rusqlite::Result<PreviousObjective> {
    Ok(PreviousObjective {
        id: r.get(0)?,
        source_objective_id: r.get(1)?,
        text: r.get(2)?,
        measure: r.get(3)?,
        due: r.get(4)?,
        competency: competency_from(r, 5)?,
        target_level: r.get(9)?,
        statement_text: r.get(10)?,
        outcome: decode_opt(r, 11, Outcome::parse)?,
        comments: r.get(12)?,
        carried_objective_id: r.get(13)?,
    })
}

pub fn previous_objectives(conn: &Connection, appraisal_id: i64) -> Result<Vec<PreviousObjective>> {
    let mut stmt = conn.prepare(&format!(
        "{PREVIOUS} WHERE p.appraisal_id = ?1 ORDER BY p.position, p.id"
    ))?;
    let rows = stmt
        .query_map([appraisal_id], previous_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn previous_objective(conn: &Connection, id: i64) -> Result<Option<PreviousObjective>> {
    Ok(conn
        .query_row(&format!("{PREVIOUS} WHERE p.id = ?1"), [id], previous_from_row)
        .optional()?)
}

pub fn previous_appraisal(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT appraisal_id FROM appraisal_previous_objective WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Copies an objective from an earlier appraisal for review.
pub fn insert_previous(conn: &Connection, appraisal_id: i64, position: usize, o: &Objective) -> Result<i64> {
    let c = o.competency.as_ref();
    conn.execute(
        "INSERT INTO appraisal_previous_objective (appraisal_id, position, source_objective_id, text, measure,
             due_date, framework_id, competency_id, skill_code, competency, target_level, statement_text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            appraisal_id,
            position as i64,
            o.id,
            o.text,
            o.measure,
            o.due,
            c.map(|c| c.framework_id),
            c.map(|c| c.competency_id),
            c.map(|c| c.skill_code.as_str()),
            c.map(|c| c.competency.as_str()),
            o.target_level,
            o.statement_text
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn set_previous_outcome(conn: &Connection, id: i64, outcome: Option<Outcome>, comments: &str) -> Result<()> {
    conn.execute(
        "UPDATE appraisal_previous_objective SET outcome = ?2, comments = ?3 WHERE id = ?1",
        params![id, outcome.map(Outcome::code), comments],
    )?;
    Ok(())
}

pub fn clear_previous_outcome(conn: &Connection, id: i64) -> Result<()> {
    conn.execute(
        "UPDATE appraisal_previous_objective SET outcome = NULL WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// Copies the reviewed objectives to a new version; gives (old id, new id)
/// pairs so carried-forward copies can follow.
pub fn copy_previous(conn: &Connection, from: i64, to: i64) -> Result<Vec<(i64, i64)>> {
    let mut pairs = Vec::new();
    let ids: Vec<i64> = {
        let mut stmt =
            conn.prepare("SELECT id FROM appraisal_previous_objective WHERE appraisal_id = ?1 ORDER BY position, id")?;
        let rows = stmt
            .query_map([from], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows
    };
    for old in ids {
        conn.execute(
            "INSERT INTO appraisal_previous_objective (appraisal_id, position, source_objective_id, text, measure,
                 due_date, framework_id, competency_id, skill_code, competency, target_level, statement_text,
                 outcome, comments)
             SELECT ?2, position, source_objective_id, text, measure, due_date, framework_id, competency_id,
                 skill_code, competency, target_level, statement_text, outcome, comments
             FROM appraisal_previous_objective WHERE id = ?1",
            params![old, to],
        )?;
        pairs.push((old, conn.last_insert_rowid()));
    }
    Ok(pairs)
}

/// Copies the objectives to a new version, pointing carried-forward ones at
/// the new copies of what they carry forward.
pub fn copy_objectives(conn: &Connection, from: i64, to: i64, previous: &[(i64, i64)]) -> Result<()> {
    for o in objectives(conn, from)? {
        let carried_from = o
            .carried_from
            .and_then(|old| previous.iter().find(|(p, _)| *p == old).map(|(_, new)| *new));
        conn.execute(
            "INSERT INTO appraisal_objective (appraisal_id, position, text, measure, due_date, framework_id,
                 competency_id, skill_code, competency, target_level, statement_id, statement_text, carried_from_id)
             SELECT ?2, position, text, measure, due_date, framework_id, competency_id, skill_code, competency,
                 target_level, statement_id, statement_text, ?3
             FROM appraisal_objective WHERE id = ?1",
            params![o.id, to, carried_from],
        )?;
    }
    Ok(())
}

// ------------------------------------------------------------------ KPI --

pub fn kpi(conn: &Connection, appraisal_id: i64) -> Result<Option<KpiObjective>> {
    Ok(conn
        .query_row(
            "SELECT primary_diagnosis, secondary_diagnosis, procedure, due_date, notes
             FROM appraisal_kpi_objective WHERE appraisal_id = ?1",
            [appraisal_id],
            |r| {
                Ok(KpiObjective {
                    primary_diagnosis: r.get(0)?,
                    secondary_diagnosis: r.get(1)?,
                    procedure: r.get(2)?,
                    due: r.get(3)?,
                    notes: r.get(4)?,
                })
            },
        )
        .optional()?)
}

pub fn upsert_kpi(conn: &Connection, appraisal_id: i64, k: &KpiObjective) -> Result<()> {
    conn.execute(
        "INSERT INTO appraisal_kpi_objective (appraisal_id, primary_diagnosis, secondary_diagnosis, procedure,
             due_date, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (appraisal_id) DO UPDATE SET primary_diagnosis = excluded.primary_diagnosis,
             secondary_diagnosis = excluded.secondary_diagnosis, procedure = excluded.procedure,
             due_date = excluded.due_date, notes = excluded.notes",
        params![
            appraisal_id,
            k.primary_diagnosis,
            k.secondary_diagnosis,
            k.procedure,
            k.due,
            k.notes
        ],
    )?;
    Ok(())
}

pub fn delete_kpi(conn: &Connection, appraisal_id: i64) -> Result<()> {
    conn.execute(
        "DELETE FROM appraisal_kpi_objective WHERE appraisal_id = ?1",
        [appraisal_id],
    )?;
    Ok(())
}

// ------------------------------------------------------------ wellbeing --

pub fn wellbeing(conn: &Connection, appraisal_id: i64) -> Result<Option<Wellbeing>> {
    Ok(conn
        .query_row(
            "SELECT notes, flexible_working, support_agreed, include_in_print
             FROM appraisal_wellbeing WHERE appraisal_id = ?1",
            [appraisal_id],
            |r| {
                Ok(Wellbeing {
                    notes: r.get(0)?,
                    flexible_working: r.get(1)?,
                    support_agreed: r.get(2)?,
                    include_in_print: r.get(3)?,
                })
            },
        )
        .optional()?)
}

pub fn upsert_wellbeing(conn: &Connection, appraisal_id: i64, w: &Wellbeing) -> Result<()> {
    conn.execute(
        "INSERT INTO appraisal_wellbeing (appraisal_id, notes, flexible_working, support_agreed, include_in_print)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (appraisal_id) DO UPDATE SET notes = excluded.notes,
             flexible_working = excluded.flexible_working, support_agreed = excluded.support_agreed,
             include_in_print = excluded.include_in_print",
        params![
            appraisal_id,
            w.notes,
            w.flexible_working,
            w.support_agreed,
            w.include_in_print
        ],
    )?;
    Ok(())
}

/// Copies the KPI objective and the wellbeing conversation to a new version.
pub fn copy_kpi_and_wellbeing(conn: &Connection, from: i64, to: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO appraisal_kpi_objective (appraisal_id, primary_diagnosis, secondary_diagnosis, procedure,
             due_date, notes)
         SELECT ?2, primary_diagnosis, secondary_diagnosis, procedure, due_date, notes
         FROM appraisal_kpi_objective WHERE appraisal_id = ?1",
        params![from, to],
    )?;
    conn.execute(
        "INSERT INTO appraisal_wellbeing (appraisal_id, notes, flexible_working, support_agreed, include_in_print)
         SELECT ?2, notes, flexible_working, support_agreed, include_in_print
         FROM appraisal_wellbeing WHERE appraisal_id = ?1",
        params![from, to],
    )?;
    Ok(())
}

// ------------------------------------------------------------------ PDP --

const PDP: &str = "SELECT i.id, i.learning_need, i.activity, i.description, i.target_date, i.support, i.skill_code,
        i.competency, p.status, p.progress, p.evidence, p.reflection, p.completed_on, p.updated_at
    FROM appraisal_pdp_item i LEFT JOIN pdp_progress p ON p.pdp_item_id = coalesce(i.origin_id, i.id)";

fn pdp_from_row(r: &Row) -> rusqlite::Result<PdpItem> {
    Ok(PdpItem {
        id: r.get(0)?,
        learning_need: r.get(1)?,
        activity: decode(r, 2, ActivityType::parse)?,
        description: r.get(3)?,
        target_date: r.get(4)?,
        support: r.get(5)?,
        skill_code: r.get(6)?,
        competency: r.get(7)?,
        progress: PdpProgress {
            status: decode_opt(r, 8, PdpStatus::parse)?.unwrap_or(PdpStatus::NotStarted),
            progress: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
            evidence: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
            reflection: r.get::<_, Option<String>>(11)?.unwrap_or_default(),
            completed_on: r.get(12)?,
            updated_at: r.get(13)?,
        },
    })
}

pub fn pdp_items(conn: &Connection, appraisal_id: i64) -> Result<Vec<PdpItem>> {
    let mut stmt = conn.prepare(&format!("{PDP} WHERE i.appraisal_id = ?1 ORDER BY i.position, i.id"))?;
    let rows = stmt
        .query_map([appraisal_id], pdp_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn pdp_item(conn: &Connection, id: i64) -> Result<Option<PdpItem>> {
    Ok(conn
        .query_row(&format!("{PDP} WHERE i.id = ?1"), [id], pdp_from_row)
        .optional()?)
}

/// The appraisal a PDP item belongs to, and the item progress is kept
/// against (its origin, or itself).
pub fn pdp_item_appraisal(conn: &Connection, id: i64) -> Result<Option<(i64, i64)>> {
    Ok(conn
        .query_row(
            "SELECT appraisal_id, coalesce(origin_id, id) FROM appraisal_pdp_item WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// A PDP item as written to the store.
pub struct PdpRow {
    pub learning_need: String,
    pub activity: ActivityType,
    pub description: String,
    pub target_date: Option<NaiveDate>,
    pub support: String,
    pub skill_code: Option<String>,
    pub competency: Option<String>,
}

pub fn insert_pdp_item(conn: &Connection, appraisal_id: i64, p: &PdpRow) -> Result<i64> {
    conn.execute(
        "INSERT INTO appraisal_pdp_item (appraisal_id, position, learning_need, activity, description, target_date,
             support, skill_code, competency)
         VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM appraisal_pdp_item WHERE appraisal_id = ?1),
             ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            appraisal_id,
            p.learning_need,
            p.activity.code(),
            p.description,
            p.target_date,
            p.support,
            p.skill_code,
            p.competency
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update_pdp_item(conn: &Connection, id: i64, p: &PdpRow) -> Result<()> {
    conn.execute(
        "UPDATE appraisal_pdp_item SET learning_need = ?2, activity = ?3, description = ?4, target_date = ?5,
             support = ?6, skill_code = ?7, competency = ?8
         WHERE id = ?1",
        params![
            id,
            p.learning_need,
            p.activity.code(),
            p.description,
            p.target_date,
            p.support,
            p.skill_code,
            p.competency
        ],
    )?;
    Ok(())
}

pub fn delete_pdp_item(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM appraisal_pdp_item WHERE id = ?1", [id])?;
    Ok(())
}

/// Copies the PDP to a new version; each copy names the item progress is
/// kept against.
pub fn copy_pdp(conn: &Connection, from: i64, to: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO appraisal_pdp_item (appraisal_id, position, origin_id, learning_need, activity, description,
             target_date, support, skill_code, competency)
         SELECT ?2, position, coalesce(origin_id, id), learning_need, activity, description, target_date, support,
             skill_code, competency
         FROM appraisal_pdp_item WHERE appraisal_id = ?1 ORDER BY position, id",
        params![from, to],
    )?;
    Ok(())
}

/// `progress_key` is the item's origin (see [`pdp_item_appraisal`]).
pub fn upsert_pdp_progress(conn: &Connection, progress_key: i64, p: &PdpProgress, now: NaiveDateTime) -> Result<()> {
    conn.execute(
        "INSERT INTO pdp_progress (pdp_item_id, status, progress, evidence, reflection, completed_on, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (pdp_item_id) DO UPDATE SET status = excluded.status, progress = excluded.progress,
             evidence = excluded.evidence, reflection = excluded.reflection, completed_on = excluded.completed_on,
             updated_at = excluded.updated_at",
        params![
            progress_key,
            p.status.code(),
            p.progress,
            p.evidence,
            p.reflection,
            p.completed_on,
            timestamp(now)
        ],
    )?;
    Ok(())
}

/// The latest signed appraisal of a person that has a PDP, not replaced by
/// a later signed version.
pub fn latest_signed_with_pdp(conn: &Connection, appraisee_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT a.id FROM appraisal a
                 WHERE a.appraisee_id = ?1 AND {CURRENT_SIGNED}
                   AND EXISTS (SELECT 1 FROM appraisal_pdp_item i WHERE i.appraisal_id = a.id)
                 ORDER BY a.cycle_start DESC, a.meeting_date DESC, a.id DESC LIMIT 1"
            ),
            [appraisee_id],
            |r| r.get(0),
        )
        .optional()?)
}

// --------------------------------------------------------- pay criteria --

/// A stored pay criterion.
pub struct CriterionRow {
    pub criterion: PayCriterionKind,
    pub applies: bool,
    pub met: Option<bool>,
    pub source: CriterionSource,
    pub reason: String,
    pub confirmed_by: Option<String>,
    pub confirmed_by_name: Option<String>,
    pub confirmed_at: Option<NaiveDateTime>,
}

pub fn pay_criteria(conn: &Connection, appraisal_id: i64) -> Result<Vec<CriterionRow>> {
    let mut stmt = conn.prepare(
        "SELECT c.criterion, c.applies, c.met, c.source, c.reason, c.confirmed_by,
             (SELECT s.forename || ' ' || s.surname FROM staff s WHERE s.staff_number = c.confirmed_by),
             c.confirmed_at
         FROM appraisal_pay_criterion c WHERE c.appraisal_id = ?1",
    )?;
    let rows = stmt
        .query_map([appraisal_id], |r| {
            Ok(CriterionRow {
                criterion: decode(r, 0, PayCriterionKind::parse)?,
                applies: r.get(1)?,
                met: r.get(2)?,
                source: decode(r, 3, CriterionSource::parse)?,
                reason: r.get(4)?,
                confirmed_by: r.get(5)?,
                confirmed_by_name: r.get(6)?,
                confirmed_at: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn upsert_pay_criterion(conn: &Connection, appraisal_id: i64, c: &CriterionRow) -> Result<()> {
    conn.execute(
        "INSERT INTO appraisal_pay_criterion (appraisal_id, criterion, applies, met, source, reason, confirmed_by,
             confirmed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (appraisal_id, criterion) DO UPDATE SET applies = excluded.applies, met = excluded.met,
             source = excluded.source, reason = excluded.reason, confirmed_by = excluded.confirmed_by,
             confirmed_at = excluded.confirmed_at",
        params![
            appraisal_id,
            c.criterion.code(),
            c.applies,
            c.met,
            c.source.code(),
            c.reason,
            c.confirmed_by,
            c.confirmed_at.map(timestamp)
        ],
    )?;
    Ok(())
}

/// Copies the manager's confirmations (not what the app worked out, which
/// is worked out again at signing) to a new version.
pub fn copy_confirmations(conn: &Connection, from: i64, to: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO appraisal_pay_criterion (appraisal_id, criterion, applies, met, source, reason, confirmed_by,
             confirmed_at)
         SELECT ?2, criterion, applies, met, source, reason, confirmed_by, confirmed_at
         FROM appraisal_pay_criterion WHERE appraisal_id = ?1 AND source = 'confirmed'",
        params![from, to],
    )?;
    Ok(())
}

/// When a person's appraisals of `kinds` were completed (the later
/// signature), for current signed versions, newest first.
pub fn signed_dates(conn: &Connection, appraisee_id: i64, kinds: &[AppraisalKind]) -> Result<Vec<NaiveDate>> {
    let kinds: Vec<String> = kinds.iter().map(|k| format!("'{}'", k.code())).collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT substr(max(a.appraisee_signed_at, a.appraiser_signed_at), 1, 10) AS signed
         FROM appraisal a
         WHERE a.appraisee_id = ?1 AND a.kind IN ({}) AND {CURRENT_SIGNED}
         ORDER BY signed DESC",
        kinds.join(", ")
    ))?;
    let rows = stmt
        .query_map([appraisee_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Someone a person line-manages.
pub struct Report {
    pub staff_id: i64,
    pub name: String,
    pub appointed: NaiveDate,
    pub leaver_date: Option<NaiveDate>,
}

/// The staff a person line-manages, by surname.
pub fn reports(conn: &Connection, manager_id: i64) -> Result<Vec<Report>> {
    let mut stmt = conn.prepare(
        "SELECT id, forename || ' ' || surname, appointed, leaver_date FROM staff
         WHERE manager_id = ?1 ORDER BY surname COLLATE NOCASE, forename COLLATE NOCASE, staff_number",
    )?;
    let rows = stmt
        .query_map([manager_id], |r| {
            Ok(Report {
                staff_id: r.get(0)?,
                name: r.get(1)?,
                appointed: r.get(2)?,
                leaver_date: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// How many staff the database holds.
pub fn staff_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM staff", [], |r| r.get(0))?)
}
