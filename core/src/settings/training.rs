//! The statutory and mandatory training everyone must keep in date: the
//! subjects a person's competences are checked against
//! (`crate::training::compliance`).
//!
//! The defaults are the eleven subjects of the UK Core Skills Training
//! Framework (Skills for Health, CSTF), which NHS trusts' ESR/OLM
//! competences are named after ("NHS|CSTF|Fire Safety - 2 Years|"). A
//! trust that requires more (or fewer) changes the list.

use crate::store::db::Connection;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Problems, Topic};
use crate::accounts::Actor;
use crate::store::settings as db;
use crate::{FieldError, Result};

/// The UK Core Skills Training Framework's subjects.
pub const CSTF_SUBJECTS: [&str; 11] = [
    "Conflict Resolution",
    "Equality, Diversity and Human Rights",
    "Fire Safety",
    "Health, Safety and Welfare",
    "Infection Prevention and Control",
    "Information Governance and Data Security",
    "Moving and Handling",
    "Preventing Radicalisation",
    "Resuscitation",
    "Safeguarding Adults",
    "Safeguarding Children",
];

const KEY: &str = "training.required";

/// The subjects every member of staff must hold in date. A competence
/// counts for a subject when its name contains the subject's name
/// (ignoring case), as ESR's names do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TrainingSettings {
    pub required: Vec<String>,
}

impl Default for TrainingSettings {
    fn default() -> Self {
        TrainingSettings {
            required: CSTF_SUBJECTS.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// The stored list, or the CSTF subjects when none is stored. Anyone may
/// read it: everyone's compliance follows from it.
pub fn load(conn: &Connection) -> Result<TrainingSettings> {
    TrainingSettings::load(conn)
}

/// Checks and stores the list whole (administrator only, audited).
pub fn save(
    conn: &mut Connection,
    actor: &Actor,
    new: &TrainingSettings,
    now: NaiveDateTime,
) -> Result<TrainingSettings> {
    super::save(conn, actor, new, now)
}

impl Topic for TrainingSettings {
    const AUDIT_ID: &'static str = KEY;

    fn load(conn: &Connection) -> Result<Self> {
        Ok(db::get(conn, KEY)?.unwrap_or_default())
    }

    fn check(&self) -> std::result::Result<Self, Vec<FieldError>> {
        let mut problems = Problems::default();
        let mut tidy: Vec<String> = Vec::new();
        for subject in &self.required {
            let subject = subject.trim();
            if subject.is_empty() {
                continue;
            }
            if subject.chars().count() > 200 {
                problems.add(
                    KEY,
                    format!("{subject:.40}…: a subject must be 200 characters or fewer."),
                );
            } else if !tidy.iter().any(|t| t.eq_ignore_ascii_case(subject)) {
                tidy.push(subject.to_owned());
            }
        }
        problems.or(TrainingSettings { required: tidy })
    }

    fn write(&self, tx: &Connection, _before: &Self) -> Result<()> {
        db::set(tx, KEY, self)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::accounts::Role;

    fn admin() -> Actor {
        Actor {
            staff_number: "100004".into(),
            role: Role::Administrator,
            name: "Zoë Ní Bhriain".into(),
            must_change_passphrase: false,
        }
    }

    #[test]
    fn the_cstf_subjects_apply_when_nothing_is_stored() {
        let store = crate::store::testing::store();
        let s = load(store.conn()).unwrap();
        assert_eq!(s.required.len(), 11, "the eleven CSTF subjects");
        assert!(s.required.iter().any(|r| r == "Fire Safety"), "{s:?}");
    }

    #[test]
    fn a_saved_list_is_tidied_and_reads_back() {
        let mut store = crate::store::testing::store();
        let now = NaiveDate::from_ymd_opt(2026, 1, 15)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap();
        let mine = TrainingSettings {
            required: vec![
                " Fire Safety ".into(),
                "fire safety".into(),
                String::new(),
                "Dementia Awareness".into(),
            ],
        };
        let saved = save(store.conn_mut(), &admin(), &mine, now).unwrap();
        assert_eq!(
            saved.required,
            ["Fire Safety", "Dementia Awareness"],
            "trimmed, no repeats"
        );
        assert_eq!(load(store.conn()).unwrap(), saved, "read back");
    }
}
