//! Whether a person's statutory and mandatory training is in date: for each
//! required subject, the latest competence that counts for it, and whether
//! it is in date, expired or missing on the day asked about.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::words::TrainingRecord;
use crate::dates::display;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SubjectState {
    InDate,
    Expired,
    Missing,
}

/// One required subject and what counts for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ComplianceItem {
    pub subject: String,
    pub state: SubjectState,
    /// The competence that counts (the latest completed), if any.
    pub competence: Option<String>,
    #[ts(type = "string | null")]
    pub completed_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub expires_on: Option<NaiveDate>,
}

/// A person's compliance on `as_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Compliance {
    #[ts(type = "string")]
    pub as_at: NaiveDate,
    /// Every required subject in date.
    pub compliant: bool,
    /// False when Appraise holds no training record for them at all: then
    /// nothing can be said from its records.
    pub has_records: bool,
    pub items: Vec<ComplianceItem>,
    /// The subjects with no competence recorded.
    pub missing: Vec<String>,
    /// The subjects whose latest competence expired before `as_at`.
    pub expired: Vec<String>,
}

impl Compliance {
    /// What is missing or expired, in a sentence, or that all is in date.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if !self.expired.is_empty() {
            let named: Vec<String> = self
                .items
                .iter()
                .filter(|i| i.state == SubjectState::Expired)
                .map(|i| match i.expires_on {
                    Some(e) => format!("{} (expired {})", i.subject, display(e)),
                    None => i.subject.clone(),
                })
                .collect();
            parts.push(format!("Expired: {}.", named.join(", ")));
        }
        if !self.missing.is_empty() {
            parts.push(format!("Not recorded: {}.", self.missing.join(", ")));
        }
        if parts.is_empty() {
            format!(
                "All {} statutory and mandatory subjects are in date on {}.",
                self.items.len(),
                display(self.as_at)
            )
        } else {
            parts.join(" ")
        }
    }
}

/// True when a competence counts for a subject: its name contains the
/// subject's (ignoring case), as ESR names do ("NHS|CSTF|Fire Safety - 2
/// Years|" counts for "Fire Safety").
pub fn counts_for(competence: &str, subject: &str) -> bool {
    folded_counts_for(&fold(competence), &fold(subject.trim()))
}

/// Text as [`counts_for`] compares it, folded once for many comparisons.
fn fold(text: &str) -> String {
    text.to_lowercase()
}

fn folded_counts_for(competence: &str, subject: &str) -> bool {
    competence.contains(subject)
}

/// Compliance on `as_at` against `required`. A competence is in date up to
/// and including its expiry date; one completed after `as_at` does not
/// count yet.
pub fn assess(required: &[String], records: &[TrainingRecord], as_at: NaiveDate) -> Compliance {
    // Each name folded once, not once per subject and record (the home page
    // assesses everyone in the department).
    let competences: Vec<String> = records.iter().map(|r| fold(&r.competence)).collect();
    let items: Vec<ComplianceItem> = required
        .iter()
        .map(|subject| {
            let wanted = fold(subject.trim());
            let latest = records
                .iter()
                .zip(&competences)
                .filter(|(r, competence)| r.completed_on <= as_at && folded_counts_for(competence, &wanted))
                .map(|(r, _)| r)
                .max_by_key(|r| (r.completed_on, r.expires_on));
            match latest {
                None => ComplianceItem {
                    subject: subject.clone(),
                    state: SubjectState::Missing,
                    competence: None,
                    completed_on: None,
                    expires_on: None,
                },
                Some(r) => ComplianceItem {
                    subject: subject.clone(),
                    state: if r.expires_on.is_some_and(|e| e < as_at) {
                        SubjectState::Expired
                    } else {
                        SubjectState::InDate
                    },
                    competence: Some(r.competence.clone()),
                    completed_on: Some(r.completed_on),
                    expires_on: r.expires_on,
                },
            }
        })
        .collect();
    let of = |state| {
        items
            .iter()
            .filter(|i| i.state == state)
            .map(|i| i.subject.clone())
            .collect::<Vec<_>>()
    };
    let missing = of(SubjectState::Missing);
    let expired = of(SubjectState::Expired);
    Compliance {
        as_at,
        compliant: missing.is_empty() && expired.is_empty(),
        has_records: !records.is_empty(),
        items,
        missing,
        expired,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn rec(name: &str, done: NaiveDate, expires: Option<NaiveDate>) -> TrainingRecord {
        TrainingRecord {
            id: 0,
            competence: name.into(),
            completed_on: done,
            expires_on: expires,
            source: "hand".into(),
        }
    }

    fn required() -> Vec<String> {
        vec!["Fire Safety".into(), "Information Governance and Data Security".into()]
    }

    #[test]
    fn an_expired_competence_is_named_and_a_missing_one_listed() {
        let records = [rec(
            "NHS|CSTF|Fire Safety - 2 Years|",
            ymd(2023, 5, 1),
            Some(ymd(2025, 5, 1)),
        )];
        let c = assess(&required(), &records, ymd(2026, 11, 28));
        assert!(!c.compliant, "not compliant");
        assert_eq!(c.expired, ["Fire Safety"], "fire safety expired");
        assert_eq!(c.missing, ["Information Governance and Data Security"], "IG never done");
        assert!(
            c.summary().contains("Fire Safety (expired 01/05/2025)"),
            "{}",
            c.summary()
        );
    }

    #[test]
    fn the_latest_completion_counts_and_the_expiry_day_itself_is_in_date() {
        let records = [
            rec("Fire Safety", ymd(2023, 5, 1), Some(ymd(2025, 5, 1))),
            rec(
                "NHS|CSTF|Fire Safety - 2 Years|",
                ymd(2025, 4, 20),
                Some(ymd(2027, 4, 20)),
            ),
            rec(
                "Information Governance and Data Security - 1 Year",
                ymd(2025, 11, 28),
                Some(ymd(2026, 11, 28)),
            ),
        ];
        let c = assess(&required(), &records, ymd(2026, 11, 28));
        assert!(c.compliant, "{}", c.summary());
        assert_eq!(c.items[0].completed_on, Some(ymd(2025, 4, 20)), "the renewal counts");
        let next_day = assess(&required(), &records, ymd(2026, 11, 29));
        assert_eq!(
            next_day.expired,
            ["Information Governance and Data Security"],
            "the day after expiry"
        );
    }

    #[test]
    fn a_competence_completed_after_the_day_asked_about_does_not_count_yet() {
        let records = [rec("Fire Safety", ymd(2026, 12, 1), None)];
        let c = assess(&required()[..1], &records, ymd(2026, 11, 28));
        assert_eq!(c.missing, ["Fire Safety"], "not yet done on the day");
    }
}
