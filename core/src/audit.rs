//! The audit trail: every change to a record (who, when, which record, what
//! changed), appended to a table that no code path updates or deletes (its
//! SQL triggers refuse both).
//!
//! Each row carries the hash of the row before it, so a row changed,
//! removed or put out of order is found (see [`chain`]).
//!
//! Call [`record`] inside the transaction that makes the change, so the
//! change and its audit row are stored together or not at all.
//!
//! One file each for the hash [`chain`] (appending and checking), its
//! arithmetic ([`hash`]: the detail's digest, the row's hash) and the
//! administrator's [`log`] browser; describing a change for the detail
//! column is here.

mod chain;
pub(crate) mod hash;
mod log;
#[cfg(test)]
mod migration_tests;
#[cfg(test)]
pub(crate) mod test_support;

use serde::Serialize;

pub(crate) use chain::{record, record_by};
#[cfg(test)]
pub(crate) use hash::ERASED;
// Unchecked, for tests: the shell and the CLI ask through `verify_as`.
#[cfg(test)]
pub(crate) use chain::verify;
pub use chain::{verify_as, VerifyReport};
pub use log::{about_person, list, record_types, AuditEntry, AuditFilter, DEFAULT_LIST_LIMIT};

/// The actor recorded for changes made outside any sign-in: the command line
/// and migrations.
pub use crate::accounts::actor::SYSTEM;

/// A whole record, as the detail of its addition.
pub fn snapshot<T: Serialize>(record: &T) -> serde_json::Value {
    serde_json::to_value(record).unwrap_or(serde_json::Value::Null)
}

/// What changed between two versions of a record: `{field: {from, to}}` for
/// each field whose value differs. Both must serialise to JSON objects.
pub fn changes<T: Serialize>(before: &T, after: &T) -> serde_json::Value {
    let (Ok(serde_json::Value::Object(before)), Ok(serde_json::Value::Object(after))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return serde_json::Value::Null;
    };
    let mut changed = serde_json::Map::new();
    for (field, new) in &after {
        let old = before.get(field).unwrap_or(&serde_json::Value::Null);
        if old != new {
            changed.insert(field.clone(), serde_json::json!({ "from": old, "to": new }));
        }
    }
    serde_json::Value::Object(changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_lists_only_the_fields_that_differ() {
        let before = json!({"band": "3", "forename": "Ciaran", "surname": "Byrne"});
        let after = json!({"band": "4", "forename": "Ciarán", "surname": "Byrne"});
        assert_eq!(
            changes(&before, &after),
            json!({"band": {"from": "3", "to": "4"}, "forename": {"from": "Ciaran", "to": "Ciarán"}})
        );
    }
}
