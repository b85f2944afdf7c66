//! The trust's appraisal settings: the month a cycle starts, the weeks to a
//! new starter's objective-setting meeting, the DSPT coding-audit thresholds
//! a KPI objective starts from, and department due dates. The rules that
//! read them live in `crate::appraisal` and `crate::cycle`.

use crate::store::db::Connection;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Problems, Topic};
use crate::accounts::Actor;
use crate::cycle::Cycle;
use crate::store::settings as db;
use crate::{access, FieldError, Result};

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DepartmentDate {
    /// The year the cycle starts: 2025 for 2025/26.
    pub cycle_start_year: i32,
    #[ts(type = "string")]
    pub due: NaiveDate,
}

/// The trust's settings: stored values over the defaults. Core reads them
/// for everyone (a cycle's dates follow from them); people see them through
/// [`load_as`].
pub fn load(conn: &Connection) -> Result<AppraisalSettings> {
    AppraisalSettings::load(conn)
}

/// The settings, for the administrator's form.
pub fn load_as(conn: &Connection, actor: &Actor) -> Result<AppraisalSettings> {
    access::can_manage_settings(actor)?;
    load(conn)
}

/// Checks and stores the settings whole (administrator only, audited), a
/// message per bad field. A new start month applies to appraisals started
/// afterwards; each appraisal keeps the cycle it was started in.
pub fn save(
    conn: &mut Connection,
    actor: &Actor,
    new: &AppraisalSettings,
    now: NaiveDateTime,
) -> Result<AppraisalSettings> {
    super::save(conn, actor, new, now)
}

impl Topic for AppraisalSettings {
    const AUDIT_ID: &'static str = "appraisal";

    fn load(conn: &Connection) -> Result<Self> {
        let d = AppraisalSettings::default();
        Ok(AppraisalSettings {
            cycle_start_month: db::get(conn, "appraisal.cycle_start_month")?.unwrap_or(d.cycle_start_month),
            objective_setting_weeks: db::get(conn, "appraisal.objective_setting_weeks")?
                .unwrap_or(d.objective_setting_weeks),
            kpi_primary: db::get(conn, "appraisal.kpi_primary")?.unwrap_or(d.kpi_primary),
            kpi_secondary: db::get(conn, "appraisal.kpi_secondary")?.unwrap_or(d.kpi_secondary),
            kpi_procedure: db::get(conn, "appraisal.kpi_procedure")?.unwrap_or(d.kpi_procedure),
            department_dates: db::get(conn, "appraisal.department_dates")?.unwrap_or(d.department_dates),
        })
    }

    fn check(&self) -> std::result::Result<Self, Vec<FieldError>> {
        let mut problems = Problems::default();
        if !(1..=12).contains(&self.cycle_start_month) {
            problems.add(
                "cycle_start_month",
                "The cycle must start in a month from 1 (January) to 12 (December).",
            );
        }
        if !(1..=52).contains(&self.objective_setting_weeks) {
            problems.add(
                "objective_setting_weeks",
                "The objective-setting meeting must be due between 1 and 52 weeks after appointment.",
            );
        }
        for (field, value) in [
            ("kpi_primary", self.kpi_primary),
            ("kpi_secondary", self.kpi_secondary),
            ("kpi_procedure", self.kpi_procedure),
        ] {
            if value > 100 {
                problems.add(field, format!("{value}% is not a percentage from 0 to 100."));
            }
        }
        let mut department_dates = self.department_dates.clone();
        department_dates.sort_by_key(|d| d.cycle_start_year);
        if let Some(w) = department_dates
            .windows(2)
            .find(|w| w[0].cycle_start_year == w[1].cycle_start_year)
        {
            problems.add(
                "department_dates",
                format!(
                    "The {} cycle has two department dates.",
                    Cycle::new(w[0].cycle_start_year, self.cycle_start_month).label
                ),
            );
        }
        problems.or(AppraisalSettings {
            department_dates,
            ..self.clone()
        })
    }

    fn write(&self, tx: &Connection, _before: &Self) -> Result<()> {
        db::set(tx, "appraisal.cycle_start_month", &self.cycle_start_month)?;
        db::set(tx, "appraisal.objective_setting_weeks", &self.objective_setting_weeks)?;
        db::set(tx, "appraisal.kpi_primary", &self.kpi_primary)?;
        db::set(tx, "appraisal.kpi_secondary", &self.kpi_secondary)?;
        db::set(tx, "appraisal.kpi_procedure", &self.kpi_procedure)?;
        db::set(tx, "appraisal.department_dates", &self.department_dates)?;
        Ok(())
    }
}
