//! The appraisal meeting: the line manager (the appraiser) and the coder
//! (the appraisee) go through it step by step, and every field is saved as
//! it is typed, so closing the app mid-meeting loses nothing and reopening
//! resumes at the same step.
//!
//! Owns every rule about an appraisal record: what starting one copies in
//! (last year's objectives for review, the role's expected levels), which
//! levels an objective may target, carrying an objective forward, the PDP
//! and its suggestions ([`pdp`]), pay progression ([`pay`]), and signing,
//! locking and re-opening ([`sign`]). The store (`crate::store::appraisal`)
//! only persists.
//!
//! The steps, in order: last year's objectives, skills, new objectives,
//! PDP, wellbeing, pay progression, comments, sign-off. An appraisal that
//! both parties have signed is locked: every save here refuses it with
//! [`Error::Locked`], and SQL triggers refuse any change that gets past
//! this code. A save on an appraisal one party has already signed removes
//! that signature, so nobody's signature stands under words they did not
//! see.

mod as_actor;
mod pay;
mod pdp;
pub(crate) mod records;
mod schedule;
mod sign;
#[cfg(test)]
mod tests;
pub(crate) mod words;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cycle::{cycle_for, Cycle};
use crate::dates::{display, parse_date};
use crate::framework::level_name;
use crate::store::appraisal as db;
use crate::store::staff as staff_db;
use crate::{Error, FieldError, Result};

pub use as_actor::{
    add_objective_as, add_pdp_item_as, confirm_pay_criterion_as, current_pdp_as, get_as, list_as, pay_progression_as,
    remove_objective_as, remove_pdp_item_as, reopen_as, save_settings_as, schedule_as, set_agreed_level_as,
    set_comments_as, set_kpi_objective_as, set_pdp_progress_as, set_previous_outcome_as, set_self_level_as,
    set_step_as, set_wellbeing_as, settings_as, sign_off_as, start_as, suggest_learning_needs_as, team_pdp_as,
    update_objective_as, update_pdp_item_as, AppraisalView, MeetingRights,
};
pub use pay::{confirm_pay_criterion, pay_progression};
pub use pdp::{
    add_pdp_item, current_pdp, remove_pdp_item, set_pdp_progress, suggest_learning_needs, update_pdp_item,
    LearningNeed, PdpItemInput, PdpPlan, PdpProgressInput,
};
pub use records::{
    AppraisalRecord, AppraisalSummary, CompetencyRef, DepartmentDate, KpiObjective, LevelStatements, Objective,
    PayCriterion, PayProgression, PdpItem, PdpProgress, Person, PreviousObjective, Reopening, Signature,
    SkillAssessment, Wellbeing,
};
pub use schedule::{schedule, AppraisalDue};
pub use sign::{canonical_json, content_sha256, reopen, sign_off};
pub use words::{
    ActivityType, AppraisalKind, AppraisalStatus, CriterionSource, Outcome, Party, PayCriterionKind, PdpStatus, Step,
};

pub(crate) use sign::sign_unchecked;

/// Free text a person types in a meeting: a few pages at most.
const MAX_NOTES: usize = 10_000;
/// One objective, measure or learning need.
const MAX_LINE: usize = 2_000;

/// What a person typed for an objective: raw text, checked by
/// [`add_objective`] and [`update_objective`]. Only the text is needed to
/// save a draft; the rest is checked as it is given and needed to sign.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ObjectiveInput {
    pub text: String,
    pub measure: String,
    /// dd/mm/yyyy or ISO; empty for none yet.
    pub due: String,
    /// The framework version; the appraisal's when not given.
    pub framework_id: Option<i64>,
    /// The SFIA code, such as ANCC.
    pub skill_code: String,
    /// The competency's name, such as Coding accuracy.
    pub competency: String,
    pub target_level: Option<u8>,
}

/// What a person typed for the KPI objective: percentages as text (a
/// trailing % is fine); an empty one takes the trust's DSPT threshold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct KpiInput {
    pub primary_diagnosis: String,
    pub secondary_diagnosis: String,
    pub procedure: String,
    pub due: String,
    pub notes: String,
}

// ------------------------------------------------------------- settings --

/// The DSPT clinical coding audit thresholds KPI objectives start from:
/// sources quote 90% primary diagnosis, 80-85% secondary, 90% procedure.
pub const DEFAULT_KPI_PRIMARY: u32 = 90;
pub const DEFAULT_KPI_SECONDARY: u32 = 80;
pub const DEFAULT_KPI_PROCEDURE: u32 = 90;

/// The trust's appraisal settings. Stored in the database; anything not
/// stored takes the default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppraisalSettings {
    /// The month a cycle starts: 4 (April) for the NHS year.
    pub cycle_start_month: u32,
    /// Weeks from appointment to the objective-setting meeting.
    pub objective_setting_weeks: u32,
    /// DSPT thresholds in percent: the defaults of a KPI objective.
    pub kpi_primary: u32,
    pub kpi_secondary: u32,
    pub kpi_procedure: u32,
    /// Department dates by which a cycle's appraisals are due, instead of
    /// 12 months after each person's last one.
    pub department_dates: Vec<DepartmentDate>,
}

impl Default for AppraisalSettings {
    fn default() -> Self {
        AppraisalSettings {
            cycle_start_month: crate::cycle::DEFAULT_START_MONTH,
            objective_setting_weeks: crate::cycle::DEFAULT_OBJECTIVE_SETTING_WEEKS,
            kpi_primary: DEFAULT_KPI_PRIMARY,
            kpi_secondary: DEFAULT_KPI_SECONDARY,
            kpi_procedure: DEFAULT_KPI_PROCEDURE,
            department_dates: Vec::new(),
        }
    }
}

/// The trust's settings: stored values over the defaults.
pub fn settings(conn: &Connection) -> Result<AppraisalSettings> {
    let d = AppraisalSettings::default();
    Ok(AppraisalSettings {
        cycle_start_month: db::setting(conn, "cycle_start_month")?.unwrap_or(d.cycle_start_month),
        objective_setting_weeks: db::setting(conn, "objective_setting_weeks")?.unwrap_or(d.objective_setting_weeks),
        kpi_primary: db::setting(conn, "kpi_primary")?.unwrap_or(d.kpi_primary),
        kpi_secondary: db::setting(conn, "kpi_secondary")?.unwrap_or(d.kpi_secondary),
        kpi_procedure: db::setting(conn, "kpi_procedure")?.unwrap_or(d.kpi_procedure),
        department_dates: db::department_dates(conn)?,
    })
}

/// Checks and stores the settings whole, a message per bad field. A new
/// start month applies to appraisals started afterwards; each appraisal
/// keeps the cycle it was started in.
pub fn save_settings(conn: &mut Connection, new: &AppraisalSettings) -> Result<AppraisalSettings> {
    check_settings(new)?;
    let tx = crate::store::write(conn)?;
    write_settings(&tx, new)?;
    tx.commit()?;
    settings(conn)
}

/// A message per bad field of `new`.
pub(crate) fn check_settings(new: &AppraisalSettings) -> Result<()> {
    let mut errors = Vec::new();
    let mut bad = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };
    if !(1..=12).contains(&new.cycle_start_month) {
        bad(
            "cycle_start_month",
            "The cycle must start in a month from 1 (January) to 12 (December).".to_owned(),
        );
    }
    if !(1..=52).contains(&new.objective_setting_weeks) {
        bad(
            "objective_setting_weeks",
            "The objective-setting meeting must be due between 1 and 52 weeks after appointment.".to_owned(),
        );
    }
    for (field, value) in [
        ("kpi_primary", new.kpi_primary),
        ("kpi_secondary", new.kpi_secondary),
        ("kpi_procedure", new.kpi_procedure),
    ] {
        if value > 100 {
            bad(field, format!("{value}% is not a percentage from 0 to 100."));
        }
    }
    let mut years: Vec<i32> = new.department_dates.iter().map(|d| d.cycle_start_year).collect();
    years.sort();
    if let Some(w) = years.windows(2).find(|w| w[0] == w[1]) {
        bad(
            "department_dates",
            format!(
                "The {} cycle has two department dates.",
                Cycle::new(w[0], new.cycle_start_month).label
            ),
        );
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    Ok(())
}

/// Stores checked settings inside the caller's transaction.
pub(crate) fn write_settings(tx: &Connection, new: &AppraisalSettings) -> Result<()> {
    db::set_setting(tx, "cycle_start_month", new.cycle_start_month)?;
    db::set_setting(tx, "objective_setting_weeks", new.objective_setting_weeks)?;
    db::set_setting(tx, "kpi_primary", new.kpi_primary)?;
    db::set_setting(tx, "kpi_secondary", new.kpi_secondary)?;
    db::set_setting(tx, "kpi_procedure", new.kpi_procedure)?;
    db::replace_department_dates(tx, &new.department_dates)?;
    Ok(())
}

// ---------------------------------------------------------------- start --

/// Starts an appraisal of `kind` for `appraisee` with `appraiser`, in the
/// cycle starting in `cycle_start_year` (the cycle of `now` when `None`).
/// The meeting date is `now`'s date, and the meeting opens at its first
/// step.
///
/// Copies in, as they are now:
/// - for an annual appraisal, the objectives of the appraisee's signed
///   appraisals in the latest earlier cycle that has any, for review; for a
///   mid-year review, those of this cycle's signed appraisals;
/// - one skill row per competency the appraisee's role profile expects
///   (the role for their band and job title, or the first for their band),
///   from the newest framework version, with the expected level.
pub fn start(
    conn: &mut Connection,
    appraisee: &str,
    appraiser: &str,
    kind: AppraisalKind,
    cycle_start_year: Option<i32>,
    now: NaiveDateTime,
) -> Result<AppraisalRecord> {
    in_tx(conn, |tx| {
        start_in(tx, appraisee, appraiser, kind, cycle_start_year, now)
    })
}

/// [`start`] inside the caller's transaction.
pub(crate) fn start_in(
    tx: &Connection,
    appraisee: &str,
    appraiser: &str,
    kind: AppraisalKind,
    cycle_start_year: Option<i32>,
    now: NaiveDateTime,
) -> Result<AppraisalRecord> {
    let settings = settings(tx)?;
    let today = now.date();
    let cycle = match cycle_start_year {
        Some(year) => Cycle::new(year, settings.cycle_start_month),
        None => cycle_for(today, settings.cycle_start_month),
    };
    if today < cycle.start {
        return Err(Error::invalid(
            "cycle",
            format!(
                "The {} cycle has not started yet: its meetings are held from {}.",
                cycle.label,
                display(cycle.start)
            ),
        ));
    }
    let appraisee_member = crate::staff::get(tx, appraisee)?;
    let appraiser_member = crate::staff::get(tx, appraiser).map_err(|_| {
        Error::invalid(
            "appraiser",
            format!("There is no staff member with staff number {appraiser} to be the appraiser."),
        )
    })?;
    if appraisee_member.staff_number == appraiser_member.staff_number {
        return Err(Error::invalid(
            "appraiser",
            "Nobody can appraise themselves: choose another appraiser.",
        ));
    }
    if appraisee_member.leaver_date.is_some_and(|d| d < today) {
        return Err(Error::invalid(
            "appraisee",
            format!(
                "{} left on {}: there is no appraisal to hold.",
                appraisee_member.full_name(),
                display(appraisee_member.leaver_date.expect("checked"))
            ),
        ));
    }
    let appraisee_id = staff_db::id_of(tx, appraisee)?.expect("read above");
    let appraiser_id = staff_db::id_of(tx, appraiser)?.expect("read above");
    if let Some((existing, status)) = db::existing(tx, appraisee_id, cycle.start_year, kind)? {
        return Err(Error::Conflict(format!(
            "{} already has {} {} for {} (number {existing}, {}).",
            appraisee_member.full_name(),
            article(kind),
            kind.label(),
            cycle.label,
            status.label()
        )));
    }

    let framework_id = db::newest_framework(tx)?;
    let role = db::role_for(tx, &appraisee_member.band, &appraisee_member.job_title)?;
    let id = db::insert_appraisal(
        tx,
        &db::NewAppraisal {
            appraisee_id,
            appraiser_id,
            cycle: &cycle,
            kind,
            meeting_date: today,
            framework_id,
            role_band: role.as_ref().map(|r| r.band.as_str()),
            role_title: role.as_ref().map(|r| r.title.as_str()),
            now,
        },
    )?;
    if let (Some(framework_id), Some(role)) = (framework_id, &role) {
        for (position, c) in db::expected_competencies(tx, framework_id, role.id)?.iter().enumerate() {
            db::insert_skill(tx, id, position, c)?;
        }
    }
    let review_cycle = match kind {
        AppraisalKind::Annual => db::latest_signed_cycle_before(tx, appraisee_id, cycle.start_year)?,
        AppraisalKind::MidYear => Some(cycle.start_year),
        AppraisalKind::ObjectiveSetting => None,
    };
    if let Some(review_cycle) = review_cycle {
        let kinds: &[AppraisalKind] = match kind {
            AppraisalKind::MidYear => &[AppraisalKind::Annual, AppraisalKind::ObjectiveSetting],
            _ => &AppraisalKind::ALL,
        };
        for (position, o) in db::signed_objectives(tx, appraisee_id, review_cycle, kinds)?
            .iter()
            .enumerate()
        {
            db::insert_previous(tx, id, position, o)?;
        }
    }
    get(tx, id)
}

fn article(kind: AppraisalKind) -> &'static str {
    match kind {
        AppraisalKind::Annual => "an",
        _ => "a",
    }
}

// ------------------------------------------------------------------ read --

/// Everything about one appraisal. Pay progression is as stored for a
/// signed appraisal, and otherwise worked out as at the meeting date.
pub fn get(conn: &Connection, id: i64) -> Result<AppraisalRecord> {
    let header = header(conn, id)?;
    let pay = pay::for_header(conn, &header, header.meeting_date)?;
    record_with(conn, header, pay)
}

pub(crate) fn header(conn: &Connection, id: i64) -> Result<db::Header> {
    db::header(conn, id)?.ok_or_else(|| not_found(id))
}

fn record_with(conn: &Connection, h: db::Header, pay: PayProgression) -> Result<AppraisalRecord> {
    let id = h.id;
    let status = h.status();
    let signature = |sig: &Option<(String, NaiveDateTime)>, who: &Person| {
        sig.as_ref().map(|(number, at)| Signature {
            staff_number: number.clone(),
            name: if *number == who.staff_number {
                who.name.clone()
            } else {
                number.clone()
            },
            signed_at: *at,
        })
    };
    Ok(AppraisalRecord {
        id,
        version: h.version,
        kind: h.kind,
        status,
        step: h.step,
        cycle: h.cycle(),
        role: h
            .role_band
            .as_ref()
            .zip(h.role_title.as_ref())
            .map(|(band, title)| format!("Band {band} {title}")),
        framework_id: h.framework_id,
        meeting_date: h.meeting_date,
        previous_objectives: db::previous_objectives(conn, id)?,
        skills: skills(conn, id)?,
        objectives: db::objectives(conn, id)?
            .into_iter()
            .map(|mut o| {
                o.missing = missing(&o);
                o
            })
            .collect(),
        kpi: db::kpi(conn, id)?,
        pdp: pdp::items(conn, id)?,
        wellbeing: db::wellbeing(conn, id)?.unwrap_or_default(),
        pay,
        appraisee_comments: h.appraisee_comments.clone(),
        appraiser_comments: h.appraiser_comments.clone(),
        appraisee_signature: signature(&h.appraisee_signature, &h.appraisee),
        appraiser_signature: signature(&h.appraiser_signature, &h.appraiser),
        reopening: h.reopening.clone(),
        superseded_by: h.superseded_by,
        created_at: h.created_at,
        updated_at: h.updated_at,
        appraisee: h.appraisee,
        appraiser: h.appraiser,
    })
}

fn skills(conn: &Connection, id: i64) -> Result<Vec<SkillAssessment>> {
    let statements = db::skill_statements(conn, id)?;
    let mut rows = db::skills(conn, id)?;
    for row in &mut rows {
        row.gap = gap(row.expected_level, row.agreed_level.or(row.self_level));
        for s in statements.iter().filter(|s| s.competency_id == row.competency_id) {
            if row.levels.last().is_none_or(|l| l.level != s.level) {
                row.levels.push(LevelStatements {
                    level: s.level,
                    level_name: level_name(s.level).to_owned(),
                    statements: Vec::new(),
                });
            }
            row.levels
                .last_mut()
                .expect("pushed above")
                .statements
                .push(s.text.clone());
        }
    }
    Ok(rows)
}

/// Levels below the expected one; none until a level is given.
pub(crate) fn gap(expected: u8, level: Option<u8>) -> u8 {
    level.map_or(0, |l| expected.saturating_sub(l))
}

/// What an objective still needs before the appraisal can be signed.
fn missing(o: &Objective) -> Vec<String> {
    let mut missing = Vec::new();
    if o.measure.trim().is_empty() {
        missing.push("measure".to_owned());
    }
    if o.due.is_none() {
        missing.push("due".to_owned());
    }
    if o.competency.is_none() {
        missing.push("competency".to_owned());
    }
    if o.target_level.is_none() {
        missing.push("target_level".to_owned());
    }
    missing
}

/// Every appraisal, newest cycle first, then by appraisee's surname, kind
/// and version.
pub fn list(conn: &Connection) -> Result<Vec<AppraisalSummary>> {
    db::list(conn)
}

fn not_found(id: i64) -> Error {
    Error::NotFound(format!("There is no appraisal with number {id}."))
}

// ---------------------------------------------------------------- saves --

/// Opens an appraisal for a change inside `tx`: refuses a signed one, takes
/// away a lone signature (the words under it are about to change) and
/// stamps the time. Every save goes through here.
pub(crate) fn editable(tx: &Connection, id: i64, now: NaiveDateTime) -> Result<db::Header> {
    let h = header(tx, id)?;
    if h.signed {
        return Err(locked(&h));
    }
    db::touch(
        tx,
        id,
        now,
        h.appraisee_signature.is_some() || h.appraiser_signature.is_some(),
    )?;
    Ok(h)
}

pub(crate) fn locked(h: &db::Header) -> Error {
    let on = h
        .appraisee_signature
        .iter()
        .chain(h.appraiser_signature.iter())
        .map(|(_, at)| at.date())
        .max()
        .map(|d| format!(" on {}", display(d)))
        .unwrap_or_default();
    let replaced = match h.superseded_by {
        Some(next) => format!(" It was re-opened as appraisal {next}."),
        None => " An administrator can re-open it, which makes a new version and keeps this one.".to_owned(),
    };
    Error::Locked(format!(
        "This {} was signed by both parties{on} and is locked: nothing in it can be changed.{replaced}",
        h.kind.label()
    ))
}

/// Records the step the meeting is at, so it resumes there. Where the
/// meeting is is not part of what is signed, so moving between steps leaves
/// a lone signature standing.
pub fn set_step(conn: &mut Connection, id: i64, step: Step, now: NaiveDateTime) -> Result<()> {
    in_tx(conn, |tx| set_step_in(tx, id, step, now))
}

pub(crate) fn set_step_in(tx: &Connection, id: i64, step: Step, now: NaiveDateTime) -> Result<()> {
    let h = header(tx, id)?;
    if h.signed {
        return Err(locked(&h));
    }
    db::touch(tx, id, now, false)?;
    db::set_step(tx, id, step)
}

/// Corrects the meeting date. It must fall in the appraisal's cycle or
/// after it (a late meeting), and not after today.
pub fn set_meeting_date(conn: &mut Connection, id: i64, date: &str, now: NaiveDateTime) -> Result<NaiveDate> {
    let date = required_date("meeting_date", "Meeting date", date)?;
    let tx = crate::store::write(conn)?;
    let h = editable(&tx, id, now)?;
    let cycle = h.cycle();
    if date < cycle.start {
        return Err(Error::invalid(
            "meeting_date",
            format!(
                "The meeting date cannot be before the {} cycle starts ({}).",
                cycle.label,
                display(cycle.start)
            ),
        ));
    }
    if date > now.date() {
        return Err(Error::invalid(
            "meeting_date",
            "The meeting date cannot be in the future.",
        ));
    }
    db::set_meeting_date(&tx, id, date)?;
    tx.commit()?;
    Ok(date)
}

/// Records the outcome of one of last year's objectives, and comments on
/// it. Carrying it forward copies it into this year's objectives, due on
/// the same day a year on (kept inside this cycle); choosing another
/// outcome takes that copy away again.
pub fn set_previous_outcome(
    conn: &mut Connection,
    previous_id: i64,
    outcome: Option<Outcome>,
    comments: &str,
    now: NaiveDateTime,
) -> Result<PreviousObjective> {
    in_tx(conn, |tx| {
        set_previous_outcome_in(tx, previous_id, outcome, comments, now)
    })
}

pub(crate) fn set_previous_outcome_in(
    tx: &Connection,
    previous_id: i64,
    outcome: Option<Outcome>,
    comments: &str,
    now: NaiveDateTime,
) -> Result<PreviousObjective> {
    let comments = checked_text("comments", "Comments", comments, MAX_NOTES)?;
    let id = db::previous_appraisal(tx, previous_id)?
        .ok_or_else(|| Error::NotFound(format!("There is no reviewed objective with number {previous_id}.")))?;
    let h = editable(tx, id, now)?;
    if outcome == Some(Outcome::CarriedForward) && h.kind == AppraisalKind::MidYear {
        return Err(Error::invalid(
            "outcome",
            "At a mid-year review an objective simply runs on to the year end: carry it forward at the annual appraisal.",
        ));
    }
    db::set_previous_outcome(tx, previous_id, outcome, &comments)?;
    let previous = db::previous_objective(tx, previous_id)?.expect("updated above");
    match (outcome, previous.carried_objective_id) {
        (Some(Outcome::CarriedForward), None) => {
            let cycle = h.cycle();
            let due = previous
                .due
                .map(|d| crate::nccq::add_months(d, 12).clamp(cycle.start, cycle.end));
            db::insert_objective(
                tx,
                id,
                &db::ObjectiveRow {
                    text: previous.text.clone(),
                    measure: previous.measure.clone(),
                    due,
                    competency: previous.competency.clone(),
                    target_level: previous.target_level,
                    statement: match (&previous.competency, previous.target_level) {
                        (Some(c), Some(level)) => db::statement_at(tx, c.competency_id, level)?,
                        _ => None,
                    },
                    carried_from: Some(previous_id),
                },
            )?;
        }
        (Some(Outcome::CarriedForward), Some(_)) => {}
        (_, Some(copy)) => db::delete_objective(tx, copy)?,
        (_, None) => {}
    }
    Ok(db::previous_objective(tx, previous_id)?.expect("updated above"))
}

/// The appraisee's own assessment of a competency, which they may give
/// before the meeting; `None` clears it.
pub fn set_self_level(
    conn: &mut Connection,
    skill_id: i64,
    level: Option<u8>,
    now: NaiveDateTime,
) -> Result<SkillAssessment> {
    in_tx(conn, |tx| set_level_in(tx, skill_id, level, SkillField::SelfLevel, now))
}

/// The level agreed in the meeting; `None` clears it.
pub fn set_agreed_level(
    conn: &mut Connection,
    skill_id: i64,
    level: Option<u8>,
    now: NaiveDateTime,
) -> Result<SkillAssessment> {
    in_tx(conn, |tx| {
        set_level_in(tx, skill_id, level, SkillField::AgreedLevel, now)
    })
}

/// The two levels of a skill assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SkillField {
    SelfLevel,
    AgreedLevel,
}

impl SkillField {
    fn column(self) -> &'static str {
        match self {
            SkillField::SelfLevel => "self_level",
            SkillField::AgreedLevel => "agreed_level",
        }
    }
}

pub(crate) fn set_level_in(
    tx: &Connection,
    skill_id: i64,
    level: Option<u8>,
    field: SkillField,
    now: NaiveDateTime,
) -> Result<SkillAssessment> {
    let field = field.column();
    let (id, competency_id, competency) = db::skill_appraisal(tx, skill_id)?
        .ok_or_else(|| Error::NotFound(format!("There is no skill assessment with number {skill_id}.")))?;
    editable(tx, id, now)?;
    if let Some(level) = level {
        check_level(tx, competency_id, &competency, level, field)?;
    }
    db::set_skill_level(tx, skill_id, field, level)?;
    skills(tx, id)?
        .into_iter()
        .find(|s| s.id == skill_id)
        .ok_or_else(|| Error::NotFound(format!("There is no skill assessment with number {skill_id}.")))
}

/// Refuses a level the competency has no statement at, naming the levels
/// it has: "Coding accuracy has no level 7 statement; choose 2, 3 or 4."
fn check_level(conn: &Connection, competency_id: i64, competency: &str, level: u8, field: &str) -> Result<()> {
    let levels = db::competency_levels(conn, competency_id)?;
    if levels.contains(&level) {
        return Ok(());
    }
    Err(Error::invalid(field, level_message(competency, level, &levels)))
}

/// The message for a level a competency does not have.
pub fn level_message(competency: &str, level: u8, levels: &[u8]) -> String {
    let choices: Vec<String> = levels.iter().map(u8::to_string).collect();
    let choose = match choices.as_slice() {
        [] => "it has no level statements at all".to_owned(),
        [one] => format!("choose {one}"),
        [rest @ .., last] => format!("choose {} or {last}", rest.join(", ")),
    };
    format!("{competency} has no level {level} statement; {choose}.")
}

/// Adds one of this year's objectives; see [`update_objective`] for the
/// checks.
pub fn add_objective(
    conn: &mut Connection,
    appraisal_id: i64,
    input: &ObjectiveInput,
    now: NaiveDateTime,
) -> Result<Objective> {
    in_tx(conn, |tx| add_objective_in(tx, appraisal_id, input, now))
}

pub(crate) fn add_objective_in(
    tx: &Connection,
    appraisal_id: i64,
    input: &ObjectiveInput,
    now: NaiveDateTime,
) -> Result<Objective> {
    let h = editable(tx, appraisal_id, now)?;
    let row = check_objective(tx, &h, input, None)?;
    let objective_id = db::insert_objective(tx, appraisal_id, &row)?;
    objective(tx, objective_id)
}

/// Saves an objective as typed. The text is needed; the rest may come
/// later (it is needed to sign), but what is given is checked now: the
/// competency must be in the framework version, the target level one it
/// has a statement at, and the due date inside the cycle.
pub fn update_objective(
    conn: &mut Connection,
    objective_id: i64,
    input: &ObjectiveInput,
    now: NaiveDateTime,
) -> Result<Objective> {
    in_tx(conn, |tx| update_objective_in(tx, objective_id, input, now))
}

pub(crate) fn update_objective_in(
    tx: &Connection,
    objective_id: i64,
    input: &ObjectiveInput,
    now: NaiveDateTime,
) -> Result<Objective> {
    let (appraisal_id, carried_from) = db::objective_appraisal(tx, objective_id)?
        .ok_or_else(|| Error::NotFound(format!("There is no objective with number {objective_id}.")))?;
    let h = editable(tx, appraisal_id, now)?;
    let row = check_objective(tx, &h, input, carried_from)?;
    db::update_objective(tx, objective_id, &row)?;
    objective(tx, objective_id)
}

/// Takes an objective out. A carried-forward copy goes back to being only
/// reviewed: its outcome is cleared.
pub fn remove_objective(conn: &mut Connection, objective_id: i64, now: NaiveDateTime) -> Result<()> {
    in_tx(conn, |tx| remove_objective_in(tx, objective_id, now))
}

pub(crate) fn remove_objective_in(tx: &Connection, objective_id: i64, now: NaiveDateTime) -> Result<()> {
    let (appraisal_id, carried_from) = db::objective_appraisal(tx, objective_id)?
        .ok_or_else(|| Error::NotFound(format!("There is no objective with number {objective_id}.")))?;
    editable(tx, appraisal_id, now)?;
    db::delete_objective(tx, objective_id)?;
    if let Some(previous) = carried_from {
        db::clear_previous_outcome(tx, previous)?;
    }
    Ok(())
}

fn objective(conn: &Connection, objective_id: i64) -> Result<Objective> {
    let mut o = db::objective(conn, objective_id)?
        .ok_or_else(|| Error::NotFound(format!("There is no objective with number {objective_id}.")))?;
    o.missing = missing(&o);
    Ok(o)
}

fn check_objective(
    conn: &Connection,
    h: &db::Header,
    input: &ObjectiveInput,
    carried_from: Option<i64>,
) -> Result<db::ObjectiveRow> {
    let mut errors = Vec::new();
    let mut bad = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };
    let text = input.text.trim();
    if text.is_empty() {
        bad(
            "text",
            "Enter the objective: what will be done, and by when.".to_owned(),
        );
    } else if text.chars().count() > MAX_LINE {
        bad("text", format!("An objective must be {MAX_LINE} characters or fewer."));
    }
    let measure = input.measure.trim();
    if measure.chars().count() > MAX_LINE {
        bad(
            "measure",
            format!("A measure of success must be {MAX_LINE} characters or fewer."),
        );
    }
    let cycle = h.cycle();
    let due = if input.due.trim().is_empty() {
        None
    } else {
        match parse_date(&input.due) {
            Err(m) => {
                bad("due", format!("Due date: {m}"));
                None
            }
            Ok(d) if !cycle.contains(d) => {
                bad(
                    "due",
                    format!(
                        "The due date must be inside the {} cycle, {} to {}.",
                        cycle.label,
                        display(cycle.start),
                        display(cycle.end)
                    ),
                );
                None
            }
            Ok(d) => Some(d),
        }
    };
    let code = input.skill_code.trim().to_ascii_uppercase();
    let name = tidy(&input.competency);
    let mut competency = None;
    let mut statement = None;
    if code.is_empty() && name.is_empty() {
        if input.target_level.is_some() {
            bad(
                "competency",
                "Choose the competency before its target level.".to_owned(),
            );
        }
    } else {
        let framework_id = input.framework_id.or(h.framework_id);
        match framework_id {
            None => bad(
                "competency",
                "There is no skills framework to map the objective to: add one first.".to_owned(),
            ),
            Some(framework_id) => match db::find_competency(conn, framework_id, &code, &name)? {
                None => bad(
                    "competency",
                    format!(
                        "{} is not a competency of {code} in framework {framework_id}.",
                        if name.is_empty() { "(none)" } else { name.as_str() }
                    ),
                ),
                Some(c) => {
                    if let Some(level) = input.target_level {
                        let levels = db::competency_levels(conn, c.competency_id)?;
                        if levels.contains(&level) {
                            statement = db::statement_at(conn, c.competency_id, level)?;
                        } else {
                            bad("target_level", level_message(&c.competency, level, &levels));
                        }
                    }
                    competency = Some(c);
                }
            },
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    Ok(db::ObjectiveRow {
        text: text.to_owned(),
        measure: measure.to_owned(),
        due,
        target_level: statement.as_ref().map(|_| input.target_level.expect("checked")),
        competency,
        statement,
        carried_from,
    })
}

/// Sets the coding-accuracy KPI objective, or with `None` takes it away.
/// An empty percentage takes the trust's DSPT threshold.
pub fn set_kpi_objective(
    conn: &mut Connection,
    appraisal_id: i64,
    input: Option<&KpiInput>,
    now: NaiveDateTime,
) -> Result<Option<KpiObjective>> {
    in_tx(conn, |tx| set_kpi_objective_in(tx, appraisal_id, input, now))
}

pub(crate) fn set_kpi_objective_in(
    tx: &Connection,
    appraisal_id: i64,
    input: Option<&KpiInput>,
    now: NaiveDateTime,
) -> Result<Option<KpiObjective>> {
    let settings = settings(tx)?;
    let h = editable(tx, appraisal_id, now)?;
    let Some(input) = input else {
        db::delete_kpi(tx, appraisal_id)?;
        return Ok(None);
    };
    let mut errors = Vec::new();
    let mut percent = |field: &str, label: &str, text: &str, default: u32| -> f64 {
        let t = text.trim();
        if t.is_empty() {
            return f64::from(default);
        }
        match t.trim_end_matches('%').trim().parse::<f64>() {
            Ok(v) if v.is_finite() && (0.0..=100.0).contains(&v) => v,
            _ => {
                errors.push(FieldError {
                    field: field.to_owned(),
                    message: format!("{label}: {t} is not a percentage from 0 to 100."),
                });
                0.0
            }
        }
    };
    let kpi_primary = percent(
        "primary_diagnosis",
        "Primary diagnosis accuracy",
        &input.primary_diagnosis,
        settings.kpi_primary,
    );
    let kpi_secondary = percent(
        "secondary_diagnosis",
        "Secondary diagnosis accuracy",
        &input.secondary_diagnosis,
        settings.kpi_secondary,
    );
    let kpi_procedure = percent(
        "procedure",
        "Procedure accuracy",
        &input.procedure,
        settings.kpi_procedure,
    );
    let cycle = h.cycle();
    let due = if input.due.trim().is_empty() {
        None
    } else {
        match parse_date(&input.due) {
            Ok(d) if cycle.contains(d) => Some(d),
            Ok(_) => {
                errors.push(FieldError {
                    field: "due".into(),
                    message: format!(
                        "The due date must be inside the {} cycle, {} to {}.",
                        cycle.label,
                        display(cycle.start),
                        display(cycle.end)
                    ),
                });
                None
            }
            Err(m) => {
                errors.push(FieldError {
                    field: "due".into(),
                    message: format!("Due date: {m}"),
                });
                None
            }
        }
    };
    let notes = input.notes.trim();
    if notes.chars().count() > MAX_NOTES {
        errors.push(FieldError {
            field: "notes".into(),
            message: format!("Notes must be {MAX_NOTES} characters or fewer."),
        });
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let kpi = KpiObjective {
        primary_diagnosis: kpi_primary,
        secondary_diagnosis: kpi_secondary,
        procedure: kpi_procedure,
        due,
        notes: notes.to_owned(),
    };
    db::upsert_kpi(tx, appraisal_id, &kpi)?;
    Ok(Some(kpi))
}

/// Saves the wellbeing conversation, all four fields as the form has them.
pub fn set_wellbeing(
    conn: &mut Connection,
    appraisal_id: i64,
    wellbeing: &Wellbeing,
    now: NaiveDateTime,
) -> Result<Wellbeing> {
    in_tx(conn, |tx| set_wellbeing_in(tx, appraisal_id, wellbeing, now))
}

pub(crate) fn set_wellbeing_in(
    tx: &Connection,
    appraisal_id: i64,
    wellbeing: &Wellbeing,
    now: NaiveDateTime,
) -> Result<Wellbeing> {
    let w = Wellbeing {
        notes: checked_text("notes", "Notes", &wellbeing.notes, MAX_NOTES)?,
        flexible_working: checked_text(
            "flexible_working",
            "Flexible working",
            &wellbeing.flexible_working,
            MAX_NOTES,
        )?,
        support_agreed: checked_text("support_agreed", "Support agreed", &wellbeing.support_agreed, MAX_NOTES)?,
        include_in_print: wellbeing.include_in_print,
    };
    editable(tx, appraisal_id, now)?;
    db::upsert_wellbeing(tx, appraisal_id, &w)?;
    Ok(w)
}

/// Saves the appraisee's or the appraiser's comments.
pub fn set_comments(
    conn: &mut Connection,
    appraisal_id: i64,
    party: Party,
    comments: &str,
    now: NaiveDateTime,
) -> Result<()> {
    in_tx(conn, |tx| {
        set_comments_in(tx, appraisal_id, party, comments, now).map(drop)
    })
}

/// [`set_comments`] inside the caller's transaction; gives the comments as
/// stored.
pub(crate) fn set_comments_in(
    tx: &Connection,
    appraisal_id: i64,
    party: Party,
    comments: &str,
    now: NaiveDateTime,
) -> Result<String> {
    let comments = checked_text("comments", "Comments", comments, MAX_NOTES)?;
    editable(tx, appraisal_id, now)?;
    db::set_comments(tx, appraisal_id, party, &comments)?;
    Ok(comments)
}

/// Runs `f` in a transaction of its own, and keeps what it did only if it
/// succeeds.
pub(crate) fn in_tx<T>(conn: &mut Connection, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
    let tx = crate::store::write(conn)?;
    let out = f(&tx)?;
    tx.commit()?;
    Ok(out)
}

/// Runs of spaces become one, as the framework stores names.
fn tidy(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Trims text and refuses it when too long. Line breaks inside are kept.
pub(crate) fn checked_text(field: &str, label: &str, text: &str, max: usize) -> Result<String> {
    let t = text.trim();
    if t.chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("{label} must be {max} characters or fewer."),
        ));
    }
    Ok(t.to_owned())
}

pub(crate) fn optional_date(field: &str, label: &str, text: &str) -> Result<Option<NaiveDate>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_date(text)
        .map(Some)
        .map_err(|m| Error::invalid(field, format!("{label}: {m}")))
}

fn required_date(field: &str, label: &str, text: &str) -> Result<NaiveDate> {
    optional_date(field, label, text)?.ok_or_else(|| {
        Error::invalid(
            field,
            format!("Enter the {}, for example 01/09/2025.", label.to_lowercase()),
        )
    })
}
