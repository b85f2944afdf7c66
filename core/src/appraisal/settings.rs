//! The trust's appraisal settings (cycle start month, objective-setting
//! weeks, department dates, DSPT thresholds) are owned by
//! `crate::settings::appraisal`; these are their paths from the appraisal.

pub use crate::settings::appraisal::{
    load as settings, load_as as settings_as, save as save_settings_as, AppraisalSettings, DepartmentDate,
};

/// Stores the settings as the command line does (tests of the rules that
/// read them).
#[cfg(test)]
pub(crate) fn save_settings(
    conn: &mut crate::store::db::Connection,
    new: &AppraisalSettings,
) -> crate::Result<AppraisalSettings> {
    let now = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).and_then(|d| d.and_hms_opt(9, 0, 0));
    crate::settings::appraisal::save(conn, &crate::accounts::Actor::system(), new, now.expect("a valid time"))
}
