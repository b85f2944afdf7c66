//! The header printed on every page: the trust, the department and a
//! confidentiality marking; and every header used before the current one.
//!
//! The header is printed but is not part of any record, so checking a file
//! renders it again under each header ever used: a file printed before the
//! trust's name was corrected still checks out. The earlier headers are
//! therefore kept for good, oldest first, and only ever added to.

use crate::store::db::Connection;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Problems, Topic};
use crate::accounts::Actor;
use crate::store::settings as db;
use crate::{FieldError, Result};

pub const DEFAULT_TRUST: &str = "NHS Trust (set the name in Settings)";
pub const DEFAULT_DEPARTMENT: &str = "Clinical Coding";
pub const DEFAULT_MARKING: &str = "OFFICIAL-SENSITIVE: PERSONAL";

/// A header field: one line.
const MAX_HEADER: usize = 200;

const KEY_HISTORY: &str = "print.history";

/// Trust, department and marking printed in every header (the administrator
/// edits them).
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
pub fn load(conn: &Connection) -> Result<PrintSettings> {
    PrintSettings::load(conn)
}

/// Checks and stores the header settings (administrator only, audited). The
/// set replaced is kept, so files printed under it can still be checked.
pub fn save(conn: &mut Connection, actor: &Actor, new: &PrintSettings, now: NaiveDateTime) -> Result<PrintSettings> {
    super::save(conn, actor, new, now)
}

/// The trust's and department's names as a header to save (the marking as
/// stored), each checked by the same rules as [`save`]: a message per bad
/// field, for a form that asks only for these two.
pub(crate) fn with_names(conn: &Connection, trust: &str, department: &str) -> Result<PrintSettings> {
    Ok(PrintSettings {
        trust: trust.to_owned(),
        department: department.to_owned(),
        ..load(conn)?
    })
}

/// Checks a header without saving it: every field's message.
pub(crate) fn check(new: &PrintSettings) -> std::result::Result<PrintSettings, Vec<FieldError>> {
    new.check()
}

/// [`save`] inside the caller's write transaction (the first run).
pub(crate) fn save_in(
    tx: &Connection,
    actor: &Actor,
    new: &PrintSettings,
    now: NaiveDateTime,
) -> Result<PrintSettings> {
    super::save_in(tx, actor, new, now)
}

/// The header sets used before the current one, oldest first.
pub(crate) fn history(conn: &Connection) -> Result<Vec<PrintSettings>> {
    Ok(db::get(conn, KEY_HISTORY)?.unwrap_or_default())
}

impl Topic for PrintSettings {
    const AUDIT_ID: &'static str = "print";

    fn load(conn: &Connection) -> Result<Self> {
        let d = PrintSettings::default();
        Ok(PrintSettings {
            trust: db::get(conn, "print.trust")?.unwrap_or(d.trust),
            department: db::get(conn, "print.department")?.unwrap_or(d.department),
            marking: db::get(conn, "print.marking")?.unwrap_or(d.marking),
        })
    }

    fn check(&self) -> std::result::Result<Self, Vec<FieldError>> {
        let mut problems = Problems::default();
        for (field, label, value) in [
            ("trust", "The trust's name", &self.trust),
            ("department", "The department's name", &self.department),
            ("marking", "The marking", &self.marking),
        ] {
            let v = value.trim();
            if v.is_empty() {
                problems.add(
                    field,
                    format!("{label} is needed: it is printed at the top of every page."),
                );
            } else if v.chars().count() > MAX_HEADER {
                problems.add(field, format!("{label} must be at most {MAX_HEADER} characters."));
            } else if v.chars().any(char::is_control) {
                problems.add(field, format!("{label} must be one line."));
            }
        }
        problems.or(PrintSettings {
            trust: self.trust.trim().to_owned(),
            department: self.department.trim().to_owned(),
            marking: self.marking.trim().to_owned(),
        })
    }

    fn write(&self, tx: &Connection, before: &Self) -> Result<()> {
        let mut history = history(tx)?;
        if !history.contains(before) {
            history.push(before.clone());
        }
        db::set(tx, KEY_HISTORY, &history)?;
        db::set(tx, "print.trust", &self.trust)?;
        db::set(tx, "print.department", &self.department)?;
        db::set(tx, "print.marking", &self.marking)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests_from_print {
    use crate::accounts::Actor;
    use crate::print::test_support::{at, coder, demo};
    use crate::print::{print_settings, save_print_settings, PrintSettings};
    use crate::Error;

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
