//! Agenda for Change pay-step dates: from the date a person entered their
//! band (ESR's "incremental date"), the dates they reach each next pay point.
//!
//! The default years come from the pay structure in force since 1 April
//! 2024: NHS Terms and Conditions of Service Handbook, Annex 1 and Annex 2,
//! and NHS Employers, "Pay scales for 2024/25". Band 1 closed to new
//! entrants and is not one of core's bands (`crate::staff::BANDS`), so it
//! has no entry. The trust may change the table (`crate::settings::pay_steps`).
//!
//! This file is the pure rule. `status` works out where a person stands for
//! their next step (the standards, with their evidence), `review` records
//! the review's outcome, `words` holds the types the store names.

pub mod review;
pub mod status;
#[cfg(test)]
mod tests;
pub mod words;

pub use review::{confirm_standard_audited, record_review_audited, ReviewInput, StandardInput};
pub use status::{status_as, PayStandard, PayStatus};
pub use words::{ConfirmedStandard, PayOutcome, PayReview};

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::staff::BANDS;
use crate::{Error, Result};

/// Years after entry to the band at which each next pay point is reached,
/// by band code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PayStepTable(pub BTreeMap<String, Vec<u32>>);

impl Default for PayStepTable {
    fn default() -> Self {
        let years = |band: &str| -> Vec<u32> {
            match band {
                "2" | "3" => vec![2],
                "4" => vec![3],
                "5" => vec![2, 4],
                "6" | "7" => vec![2, 5],
                // 8a, 8b, 8c, 8d and 9.
                _ => vec![5],
            }
        };
        PayStepTable(BANDS.iter().map(|b| (b.to_string(), years(b))).collect())
    }
}

/// The dates of the next pay points for someone who entered `band` on
/// `entered`, in order. Month ends clamp as [`crate::dates::add_months`]
/// does: entry on 29 February reaches a step on 28 February.
pub fn pay_step_dates(band: &str, entered: NaiveDate, table: &PayStepTable) -> Result<Vec<NaiveDate>> {
    let years = table
        .0
        .get(band)
        .ok_or_else(|| Error::invalid("band", format!("Band {band:?} is not an Agenda for Change band.")))?;
    Ok(years
        .iter()
        .map(|y| crate::dates::add_months(entered, 12 * y))
        .collect())
}

#[cfg(test)]
mod step_tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn steps(band: &str, entered: NaiveDate) -> Vec<NaiveDate> {
        pay_step_dates(band, entered, &PayStepTable::default()).unwrap()
    }

    #[test]
    fn band_5_steps_after_two_and_four_years() {
        assert_eq!(
            steps("5", ymd(2024, 4, 1)),
            [ymd(2026, 4, 1), ymd(2028, 4, 1)],
            "band 5 entered 1 April 2024"
        );
    }

    #[test]
    fn band_6_steps_after_two_and_five_years() {
        assert_eq!(
            steps("6", ymd(2023, 8, 31)),
            [ymd(2025, 8, 31), ymd(2028, 8, 31)],
            "band 6 entered 31 August 2023"
        );
    }

    #[test]
    fn an_entry_on_29_february_steps_on_28_february() {
        assert_eq!(
            steps("4", ymd(2024, 2, 29)),
            [ymd(2027, 2, 28)],
            "2027 is not a leap year"
        );
        assert_eq!(
            steps("5", ymd(2024, 2, 29)),
            [ymd(2026, 2, 28), ymd(2028, 2, 29)],
            "a leap year four years on keeps the 29th"
        );
    }

    #[test]
    fn every_core_band_has_its_default_steps() {
        let t = PayStepTable::default();
        assert_eq!(t.0.len(), BANDS.len(), "one entry per band");
        assert_eq!(t.0["2"], [2]);
        assert_eq!(t.0["3"], [2]);
        assert_eq!(t.0["4"], [3]);
        assert_eq!(t.0["7"], [2, 5]);
        for band in ["8a", "8b", "8c", "8d", "9"] {
            assert_eq!(t.0[band], [5], "band {band} steps once after five years");
        }
    }

    #[test]
    fn an_unknown_band_is_refused_by_name() {
        let err = pay_step_dates("10", ymd(2024, 4, 1), &PayStepTable::default()).unwrap_err();
        assert!(err.to_string().contains("\"10\""), "names the band: {err}");
    }
}
