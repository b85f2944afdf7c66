//! The appraisal row: its header with both people, versions made by
//! re-opening, the step, meeting date and comments, and the signatures.

use crate::store::db::{params, Connection, OptionalExtension, Row};
use chrono::{NaiveDate, NaiveDateTime};

use super::{decode, timestamp};
use crate::appraisal::records::{AppraisalSummary, Person, Reopening};
use crate::appraisal::words::{AppraisalKind, AppraisalStatus, Party, Step};
use crate::cycle::Cycle;
use crate::Result;

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

// People's names come from `staff_card`, not `staff`: on the server an
// appraisee may not read their appraiser's staff row, only the card with
// the name on it (migrations 0008 and postgres/0009).
const HEADER: &str = "SELECT a.id, a.appraisee_id, a.appraiser_id, a.cycle_start, a.cycle_start_month, a.kind,
        a.version, a.supersedes_id, (SELECT n.id FROM appraisal n WHERE n.supersedes_id = a.id),
        a.step, a.status, a.meeting_date, a.framework_id, a.role_band, a.role_title,
        a.appraisee_comments, a.appraiser_comments, a.created_at, a.updated_at,
        a.appraisee_signed_by, a.appraisee_signed_at, a.appraiser_signed_by, a.appraiser_signed_at,
        a.reopen_reason, a.reopened_by, a.reopened_at,
        (SELECT x.forename || ' ' || x.surname FROM staff_card x WHERE x.staff_number = a.reopened_by),
        e.staff_number, coalesce(a.appraisee_name, e.forename || ' ' || e.surname),
        coalesce(a.appraisee_band, e.band), coalesce(a.appraisee_job_title, e.job_title),
        r.staff_number, coalesce(a.appraiser_name, r.forename || ' ' || r.surname),
        coalesce(a.appraiser_band, r.band), coalesce(a.appraiser_job_title, r.job_title)
    FROM appraisal a JOIN staff_card e ON e.id = a.appraisee_id JOIN staff_card r ON r.id = a.appraiser_id";

fn header_from_row(r: &Row) -> crate::store::db::Result<Header> {
    let signature = |by: usize| -> crate::store::db::Result<Option<(String, NaiveDateTime)>> {
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

/// The headers of `ids`, a few hundred a statement, in no order.
pub fn headers_by_ids(conn: &Connection, ids: &[i64]) -> Result<Vec<Header>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(super::pdp::IDS_PER_STATEMENT) {
        let marks = (1..=chunk.len())
            .map(|n| format!("?{n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut stmt = conn.prepare(&format!("{HEADER} WHERE a.id IN ({marks})"))?;
        for row in stmt.query_map(
            crate::store::db::params_from_iter(chunk.iter().copied()),
            header_from_row,
        )? {
            out.push(row?);
        }
    }
    Ok(out)
}

/// Every appraisal of one person, oldest first.
pub fn headers_of(conn: &Connection, appraisee_id: i64) -> Result<Vec<Header>> {
    let mut stmt = conn.prepare(&format!(
        "{HEADER} WHERE a.appraisee_id = ?1 ORDER BY a.cycle_start, a.meeting_date, a.id"
    ))?;
    let rows = stmt
        .query_map([appraisee_id], header_from_row)?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every appraisal of everyone, in one query (the schedule of a whole
/// department), oldest first.
pub fn all_headers(conn: &Connection) -> Result<Vec<Header>> {
    let mut stmt = conn.prepare(&format!("{HEADER} ORDER BY a.cycle_start, a.meeting_date, a.id"))?;
    let rows = stmt
        .query_map([], header_from_row)?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

// What the schedule and compliance rules read of an appraisal, for a whole
// department at once: no names, roles or comments.
const BRIEF: &str = "SELECT a.id, a.appraisee_id, a.appraiser_id, a.cycle_start, a.cycle_start_month, a.kind,
        a.version, a.supersedes_id, (SELECT n.id FROM appraisal n WHERE n.supersedes_id = a.id),
        a.step, a.status, a.meeting_date, a.created_at, a.updated_at,
        a.appraisee_signed_by, a.appraisee_signed_at, a.appraiser_signed_by, a.appraiser_signed_at, e.staff_number
    FROM appraisal a JOIN staff_card e ON e.id = a.appraisee_id";

fn brief_from_row(r: &Row) -> crate::store::db::Result<Header> {
    let signature = |by: usize| -> crate::store::db::Result<Option<(String, NaiveDateTime)>> {
        let number: Option<String> = r.get(by)?;
        let at: Option<NaiveDateTime> = r.get(by + 1)?;
        Ok(number.zip(at))
    };
    let person = |staff_number: String| Person {
        staff_number,
        name: String::new(),
        band: String::new(),
        job_title: String::new(),
    };
    let status: String = r.get(10)?;
    Ok(Header {
        id: r.get(0)?,
        appraisee_id: r.get(1)?,
        appraiser_id: r.get(2)?,
        cycle_start: r.get(3)?,
        cycle_start_month: r.get(4)?,
        kind: decode(r, 5, AppraisalKind::parse)?,
        version: r.get(6)?,
        supersedes_id: r.get(7)?,
        superseded_by: r.get(8)?,
        step: decode(r, 9, Step::parse)?,
        signed: status == "signed",
        meeting_date: r.get(11)?,
        framework_id: None,
        role_band: None,
        role_title: None,
        appraisee_comments: String::new(),
        appraiser_comments: String::new(),
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
        appraisee_signature: signature(14)?,
        appraiser_signature: signature(16)?,
        reopening: None,
        appraisee: person(r.get(18)?),
        appraiser: person(String::new()),
    })
}

/// The SQL of [`headers_since`], for its query plan.
pub fn headers_since_sql() -> String {
    format!("{BRIEF} WHERE a.cycle_start >= ?1")
}

/// Every appraisal of a cycle starting in `from_year` or later, in one
/// query (by the `appraisal_cycle` index), oldest first, with what the
/// schedule and compliance rules read: the appraisee's staff number but no
/// names (the appraiser's staff number is empty), roles or comments.
pub fn headers_since(conn: &Connection, from_year: i32) -> Result<Vec<Header>> {
    let mut stmt = conn.prepare(&headers_since_sql())?;
    let mut rows = stmt
        .query_map([from_year], brief_from_row)?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    rows.sort_by_key(|h| (h.cycle_start, h.meeting_date, h.id));
    Ok(rows)
}

pub fn list(conn: &Connection) -> Result<Vec<AppraisalSummary>> {
    let mut stmt = conn.prepare(&format!(
        "{HEADER} JOIN staff_card s ON s.id = a.appraisee_id
         ORDER BY a.cycle_start DESC, lower(s.surname), lower(s.forename), s.staff_number,
                  CASE a.kind WHEN 'objective_setting' THEN 0 WHEN 'annual' THEN 1 ELSE 2 END, a.version, a.id"
    ))?;
    let rows = stmt
        .query_map([], header_from_row)?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
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
    Ok(conn.query_row(
        "INSERT INTO appraisal (appraisee_id, appraiser_id, cycle_start, cycle_start_month, kind, meeting_date,
             framework_id, role_band, role_title, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10) RETURNING id",
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
        |r| r.get(0),
    )?)
}

/// Copies an appraisal row as its next version, unsigned, at its first
/// step, with the reason it was re-opened. A person's server login cannot
/// write the re-opening columns: the server's `appraise_reopen` does it
/// (with the server's time and their staff number).
pub fn insert_version(conn: &Connection, old: i64, reason: &str, by: &str, now: NaiveDateTime) -> Result<i64> {
    if !conn.acts_as_system() {
        return Ok(conn.query_row("SELECT appraise_reopen(?1, ?2)", params![old, reason], |r| r.get(0))?);
    }
    Ok(conn.query_row(
        "INSERT INTO appraisal (appraisee_id, appraiser_id, cycle_start, cycle_start_month, kind, version,
             supersedes_id, step, meeting_date, framework_id, role_band, role_title, appraisee_comments,
             appraiser_comments, created_at, updated_at, reopen_reason, reopened_by, reopened_at)
         SELECT appraisee_id, appraiser_id, cycle_start, cycle_start_month, kind, version + 1,
             id, 'previous_objectives', meeting_date, framework_id, role_band, role_title, appraisee_comments,
             appraiser_comments, ?2, ?2, ?3, ?4, ?2
         FROM appraisal WHERE id = ?1 RETURNING id",
        params![old, timestamp(now), reason, by],
        |r| r.get(0),
    )?)
}

/// Stamps a change; `clear_signatures` takes away a lone signature.
pub fn touch(conn: &Connection, id: i64, now: NaiveDateTime, clear_signatures: bool) -> Result<()> {
    if clear_signatures && !conn.acts_as_system() {
        // No person's server login may write a signature column.
        conn.query_row("SELECT appraise_clear_signatures(?1)", [id], |_| Ok(()))?;
    } else if clear_signatures {
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

/// Deletes an unsigned appraisal and, by the foreign keys' cascades, every
/// row that belongs to it.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM appraisal WHERE id = ?1", params![id])?;
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

/// Copies both people's names, bands and titles into the appraisal and
/// moves it to its last step: done just before the second signature locks
/// it. On the server a person's `appraise_sign` does this itself (a person
/// may not write the snapshot, and an appraisee not the step).
pub fn before_lock(conn: &Connection, id: i64) -> Result<()> {
    if !conn.acts_as_system() {
        return Ok(());
    }
    conn.execute(
        "UPDATE appraisal SET
             appraisee_name = (SELECT forename || ' ' || surname FROM staff WHERE id = appraisee_id),
             appraisee_band = (SELECT band FROM staff WHERE id = appraisee_id),
             appraisee_job_title = (SELECT job_title FROM staff WHERE id = appraisee_id),
             appraiser_name = (SELECT forename || ' ' || surname FROM staff WHERE id = appraiser_id),
             appraiser_band = (SELECT band FROM staff WHERE id = appraiser_id),
             appraiser_job_title = (SELECT job_title FROM staff WHERE id = appraiser_id),
             step = 'sign_off'
         WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// Records one party's signature; the status becomes signed in the same
/// statement when the other has signed already, which locks the row. A
/// person's server login signs only through the server's `appraise_sign`,
/// as themselves, at the server's time.
pub fn sign(conn: &Connection, id: i64, party: Party, staff_number: &str, at: NaiveDateTime) -> Result<()> {
    if !conn.acts_as_system() {
        conn.query_row("SELECT appraise_sign(?1, ?2)", params![id, party.code()], |_| Ok(()))?;
        return Ok(());
    }
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

/// The latest cycle before `cycle_start` in which this person has a signed
/// appraisal.
pub fn latest_signed_cycle_before(conn: &Connection, appraisee_id: i64, cycle_start: i32) -> Result<Option<i32>> {
    Ok(conn.query_row(
        "SELECT max(cycle_start) FROM appraisal WHERE appraisee_id = ?1 AND cycle_start < ?2 AND status = 'signed'",
        params![appraisee_id, cycle_start],
        |r| r.get(0),
    )?)
}
