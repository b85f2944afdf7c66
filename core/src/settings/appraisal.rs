//! The trust's appraisal settings: the month a cycle starts, the weeks to a
//! new starter's objective-setting meeting, the DSPT coding-audit thresholds
//! ("met" and "exceeded" per code type: audit results are judged against
//! them and a KPI objective starts from the "met" ones), and department due
//! dates. The rules that read them live in `crate::appraisal`,
//! `crate::coding_audit` and `crate::cycle`.

use crate::store::db::Connection;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Problems, Topic};
use crate::accounts::Actor;
use crate::cycle::Cycle;
use crate::store::settings as db;
use crate::{access, FieldError, Result};

use crate::coding_audit::words::{CodeType, Thresholds, DSPT_EXCEEDED, DSPT_MET};

/// The trust's appraisal settings. Stored in the database; anything not
/// stored takes the default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppraisalSettings {
    /// The month a cycle starts: 4 (April) for the NHS year.
    pub cycle_start_month: u32,
    /// Weeks from appointment to the objective-setting meeting.
    pub objective_setting_weeks: u32,
    /// The DSPT coding audit's "met" level per code type, in percent; a
    /// KPI objective starts from it.
    pub audit_met: Thresholds,
    /// The "exceeded" level per code type, never below "met".
    pub audit_exceeded: Thresholds,
    /// Department dates by which a cycle's appraisals are due, instead of
    /// 12 months after each person's last one.
    pub department_dates: Vec<DepartmentDate>,
}

impl Default for AppraisalSettings {
    fn default() -> Self {
        AppraisalSettings {
            cycle_start_month: crate::cycle::DEFAULT_START_MONTH,
            objective_setting_weeks: crate::cycle::DEFAULT_OBJECTIVE_SETTING_WEEKS,
            audit_met: DSPT_MET,
            audit_exceeded: DSPT_EXCEEDED,
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
            audit_met: match db::get(conn, "appraisal.audit_met")? {
                Some(met) => met,
                None => older_met(conn)?,
            },
            audit_exceeded: match db::get(conn, "appraisal.audit_exceeded")? {
                Some(exceeded) => exceeded,
                None => older_exceeded(conn)?,
            },
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
        for code in CodeType::ALL {
            let field = |level: &str| format!("audit_{level}.{}", code_field(code));
            let (met, exceeded) = (self.audit_met.get(code), self.audit_exceeded.get(code));
            if met > 100 {
                problems.add(&field("met"), format!("{met}% is not a percentage from 0 to 100."));
            }
            if exceeded > 100 {
                problems.add(
                    &field("exceeded"),
                    format!("{exceeded}% is not a percentage from 0 to 100."),
                );
            } else if met <= 100 && exceeded < met {
                problems.add(
                    &field("exceeded"),
                    format!(
                        "The \"exceeded\" level for {} ({exceeded}%) cannot be below the \"met\" level ({met}%).",
                        code.words()
                    ),
                );
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
        db::set(tx, "appraisal.audit_met", &self.audit_met)?;
        db::set(tx, "appraisal.audit_exceeded", &self.audit_exceeded)?;
        db::set(tx, "appraisal.department_dates", &self.department_dates)?;
        Ok(())
    }
}

/// The field name of a code type in the settings form.
fn code_field(code: CodeType) -> &'static str {
    match code {
        CodeType::PrimaryDiagnosis => "primary_diagnosis",
        CodeType::SecondaryDiagnosis => "secondary_diagnosis",
        CodeType::PrimaryProcedure => "primary_procedure",
        CodeType::SecondaryProcedure => "secondary_procedure",
    }
}

/// The "met" levels from the settings before there were four code types
/// and two levels: three thresholds (`kpi_primary`, `kpi_secondary`,
/// `kpi_procedure`). Primary and secondary diagnosis carry over; the one
/// procedure threshold was the primary procedure's (it defaulted to the
/// DSPT's 90%), so the secondary procedure takes the DSPT default.
fn older_met(conn: &Connection) -> Result<Thresholds> {
    Ok(Thresholds {
        primary_diagnosis: db::get(conn, "appraisal.kpi_primary")?.unwrap_or(DSPT_MET.primary_diagnosis),
        secondary_diagnosis: db::get(conn, "appraisal.kpi_secondary")?.unwrap_or(DSPT_MET.secondary_diagnosis),
        primary_procedure: db::get(conn, "appraisal.kpi_procedure")?.unwrap_or(DSPT_MET.primary_procedure),
        secondary_procedure: DSPT_MET.secondary_procedure,
    })
}

/// The DSPT "exceeded" levels, raised to a "met" level carried over from
/// the older settings where that was higher, so "exceeded" is never below
/// "met".
fn older_exceeded(conn: &Connection) -> Result<Thresholds> {
    let met = older_met(conn)?;
    let at_least = |c: CodeType| DSPT_EXCEEDED.get(c).max(met.get(c));
    Ok(Thresholds {
        primary_diagnosis: at_least(CodeType::PrimaryDiagnosis),
        secondary_diagnosis: at_least(CodeType::SecondaryDiagnosis),
        primary_procedure: at_least(CodeType::PrimaryProcedure),
        secondary_procedure: at_least(CodeType::SecondaryProcedure),
    })
}
