//! The header settings printed on every record: the trust, the department
//! and the confidentiality marking. Every set used before the current one is
//! kept ([`SETTINGS_HISTORY`]), so checking a file printed under an older set
//! still works.

use chrono::NaiveDateTime;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Actor;
use crate::store::settings as app_setting;
use crate::{access, audit, Error, FieldError, Result};

/// `app_setting` keys.
const KEY_TRUST: &str = "print_trust";
const KEY_DEPARTMENT: &str = "print_department";
const KEY_MARKING: &str = "print_marking";
/// Every header set used before the current one, as a JSON array, oldest
/// first: checking a file printed under an older set tries each.
pub const SETTINGS_HISTORY: &str = "print_settings_history";

pub const DEFAULT_TRUST: &str = "NHS Trust (set the name in Settings)";
pub const DEFAULT_DEPARTMENT: &str = "Clinical Coding";
pub const DEFAULT_MARKING: &str = "OFFICIAL-SENSITIVE: PERSONAL";

/// A header field: one line.
const MAX_HEADER: usize = 200;

/// Trust, department and marking printed in every header (app_setting;
/// administrator edits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PrintSettings {
    pub trust: String,
    pub department: String,
    pub marking: String,
}

impl Default for PrintSettings {
    fn default() -> Self {
        PrintSettings {
            trust: DEFAULT_TRUST.to_owned(),
            department: DEFAULT_DEPARTMENT.to_owned(),
            marking: DEFAULT_MARKING.to_owned(),
        }
    }
}

/// The header settings: stored values over the defaults.
pub fn print_settings(conn: &Connection) -> Result<PrintSettings> {
    let d = PrintSettings::default();
    Ok(PrintSettings {
        trust: app_setting::get(conn, KEY_TRUST)?.unwrap_or(d.trust),
        department: app_setting::get(conn, KEY_DEPARTMENT)?.unwrap_or(d.department),
        marking: app_setting::get(conn, KEY_MARKING)?.unwrap_or(d.marking),
    })
}

/// Checks and stores the header settings (administrator only, audited). The
/// set replaced is kept, so files printed under it can still be checked.
pub fn save_print_settings(
    conn: &mut Connection,
    actor: &Actor,
    s: &PrintSettings,
    now: NaiveDateTime,
) -> Result<PrintSettings> {
    access::can_manage_settings(actor)?;
    let mut errors = Vec::new();
    for (field, label, value) in [
        ("trust", "The trust's name", &s.trust),
        ("department", "The department's name", &s.department),
        ("marking", "The marking", &s.marking),
    ] {
        let v = value.trim();
        if v.is_empty() {
            errors.push(FieldError {
                field: field.to_owned(),
                message: format!("{label} is needed: it is printed at the top of every page."),
            });
        } else if v.chars().count() > MAX_HEADER {
            errors.push(FieldError {
                field: field.to_owned(),
                message: format!("{label} must be at most {MAX_HEADER} characters."),
            });
        } else if v.chars().any(char::is_control) {
            errors.push(FieldError {
                field: field.to_owned(),
                message: format!("{label} must be one line."),
            });
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let new = PrintSettings {
        trust: s.trust.trim().to_owned(),
        department: s.department.trim().to_owned(),
        marking: s.marking.trim().to_owned(),
    };
    let tx = crate::store::write(conn)?;
    let before = print_settings(&tx)?;
    if before != new {
        let mut history = settings_history(&tx)?;
        if !history.contains(&before) {
            history.push(before.clone());
        }
        app_setting::set(
            &tx,
            SETTINGS_HISTORY,
            &serde_json::to_string(&history).expect("settings serialise"),
        )?;
        app_setting::set(&tx, KEY_TRUST, &new.trust)?;
        app_setting::set(&tx, KEY_DEPARTMENT, &new.department)?;
        app_setting::set(&tx, KEY_MARKING, &new.marking)?;
        let after = print_settings(&tx)?;
        audit::record_by(
            &tx,
            actor,
            "setting.change",
            "app_setting",
            "print",
            audit::changes(&before, &after),
            now,
        )?;
    }
    tx.commit()?;
    print_settings(conn)
}

/// The header sets used before the current one, oldest first.
pub(super) fn settings_history(conn: &Connection) -> Result<Vec<PrintSettings>> {
    Ok(app_setting::get(conn, SETTINGS_HISTORY)?
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::test_support::{at, coder, demo};

    #[test]
    fn settings_default_then_saved_by_the_administrator_only_and_audited() {
        let mut store = demo();
        assert_eq!(print_settings(store.conn()).unwrap(), PrintSettings::default());
        let new = PrintSettings {
            trust: " Ysbyty Gwynedd NHS Trust ".into(),
            department: "Clinical Coding".into(),
            marking: "OFFICIAL-SENSITIVE: PERSONAL".into(),
        };
        let now = at(2026, 1, 15, 9, 0);
        let refused = save_print_settings(store.conn_mut(), &coder("100004"), &new, now).unwrap_err();
        assert!(matches!(refused, Error::Forbidden(_)), "{refused:?}");
        let saved = save_print_settings(store.conn_mut(), &Actor::system(), &new, now).unwrap();
        assert_eq!(saved.trust, "Ysbyty Gwynedd NHS Trust", "trimmed");
        assert_eq!(print_settings(store.conn()).unwrap(), saved);
        let audited: i64 = store
            .conn()
            .query_row(
                "SELECT COUNT(*) FROM audit WHERE action = 'setting.change' AND record_id = 'print'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(audited, 1);
        let blank = PrintSettings {
            marking: "  ".into(),
            ..new
        };
        match save_print_settings(store.conn_mut(), &Actor::system(), &blank, now).unwrap_err() {
            Error::Invalid(f) => assert_eq!(f[0].field, "marking"),
            other => panic!("{other:?}"),
        }
    }
}
