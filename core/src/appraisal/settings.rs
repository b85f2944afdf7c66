//! The trust's appraisal settings: the month a cycle starts, the weeks to
//! an objective-setting meeting, the DSPT thresholds a KPI objective starts
//! from, and department dates.

use chrono::NaiveDateTime;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::DepartmentDate;
use crate::accounts::Actor;
use crate::cycle::Cycle;
use crate::store::appraisal as db;
use crate::{access, audit, Error, FieldError, Result};

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

/// The trust's appraisal settings, for the administrator's form.
pub fn settings_as(conn: &Connection, actor: &Actor) -> Result<AppraisalSettings> {
    access::can_manage_settings(actor)?;
    settings(conn)
}

/// Checks and stores the appraisal settings (administrator only, audited;
/// see [`save_settings`]).
pub fn save_settings_as(
    conn: &mut Connection,
    actor: &Actor,
    new: &AppraisalSettings,
    now: NaiveDateTime,
) -> Result<AppraisalSettings> {
    access::can_manage_settings(actor)?;
    check_settings(new)?;
    let tx = crate::store::write(conn)?;
    let before = settings(&tx)?;
    if before != *new {
        write_settings(&tx, new)?;
        let after = settings(&tx)?;
        audit::record_by(
            &tx,
            actor,
            "setting.change",
            "app_setting",
            "appraisal",
            audit::changes(&before, &after),
            now,
        )?;
    }
    tx.commit()?;
    settings(conn)
}
