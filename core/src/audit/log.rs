//! The administrator's log browser: the rows of the trail, filtered by
//! actor, record type, dates and words, newest first.

use crate::store::db::Connection;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::chain::AT_FORMAT;
use crate::accounts::actor::Actor;
use crate::store::audit::{self as db, StoredRow};
use crate::{access, Result};

/// How many rows [`list`] returns when the filter gives no limit.
pub const DEFAULT_LIST_LIMIT: u32 = 500;

/// One row of the audit trail, for the administrator's log browser.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AuditEntry {
    pub id: i64,
    /// ISO date and time, to the second.
    #[ts(type = "string")]
    pub at: NaiveDateTime,
    /// The acting staff member's staff number, or `system`.
    pub actor: String,
    /// The actor's name, when the actor is a staff member.
    pub actor_name: Option<String>,
    /// What was done, as `table.verb`: `account.create`, `staff.import`, ...
    pub action: String,
    pub table: String,
    pub record_id: String,
    /// What changed: for an edit `{field: {from, to}}`, for an addition the
    /// new record's fields.
    #[ts(type = "unknown")]
    pub detail: serde_json::Value,
}

/// What the log browser asks for; every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct AuditFilter {
    /// A staff number, or `system`.
    pub actor: Option<String>,
    pub table: Option<String>,
    /// First day included.
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    /// Last day included.
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
    /// Words to find anywhere in the row (action, record, what changed, the
    /// actor's name), ignoring case.
    pub text: Option<String>,
    /// At most this many rows, newest first; [`DEFAULT_LIST_LIMIT`] if absent.
    pub limit: Option<u32>,
}

/// The record types the trail names (`account`, `staff`, ...), for the log
/// browser's filter. The administrator only.
pub fn record_types(conn: &Connection, actor: &Actor) -> Result<Vec<String>> {
    access::can_read_audit(actor)?;
    db::table_names(conn)
}

/// The log browser: rows matching `filter`, newest first. The administrator
/// only: the trail names everyone and what changed in their records.
pub fn list(conn: &Connection, actor: &Actor, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
    access::can_read_audit(actor)?;
    let from = filter.from.map(|d| d.to_string());
    let before = filter.to.and_then(|d| d.succ_opt()).map(|d| d.to_string());
    let rows = db::select(
        conn,
        filter.actor.as_deref().map(str::trim).filter(|s| !s.is_empty()),
        filter.table.as_deref().map(str::trim).filter(|s| !s.is_empty()),
        from.as_deref(),
        before.as_deref(),
    )?;
    // Text is matched here, not in SQL: SQLite lowers only ASCII letters, and
    // a search for "łukasz" must find "Łukasz".
    let words: Vec<String> = filter
        .text
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let limit = filter.limit.unwrap_or(DEFAULT_LIST_LIMIT) as usize;
    let mut entries = Vec::new();
    for (row, actor_name) in rows {
        if entries.len() >= limit {
            break;
        }
        if !words.is_empty() {
            let haystack = format!(
                "{} {} {} {} {} {}",
                row.actor,
                actor_name.as_deref().unwrap_or(""),
                row.action,
                row.table_name,
                row.record_id,
                row.detail
            )
            .to_lowercase();
            if !words.iter().all(|w| haystack.contains(w.as_str())) {
                continue;
            }
        }
        entries.push(entry(row, actor_name));
    }
    Ok(entries)
}

/// The rows about one person, oldest first: their staff record, account,
/// NCCQ and other person-keyed records (which name their staff number), and
/// the appraisals given (which name the appraisal). Not what they did to
/// other people's records, nor department-wide rows such as an import,
/// which name others. The administrator only.
pub fn about_person(
    conn: &Connection,
    actor: &Actor,
    staff_number: &str,
    appraisal_ids: &[i64],
) -> Result<Vec<AuditEntry>> {
    access::can_read_audit(actor)?;
    let mut rows = db::about_record_except(conn, "appraisal", staff_number)?;
    for id in appraisal_ids {
        rows.extend(db::about_record(conn, "appraisal", &id.to_string())?);
    }
    rows.sort_by_key(|(row, _)| row.id);
    Ok(rows.into_iter().map(|(row, name)| entry(row, name)).collect())
}

fn entry(row: StoredRow, actor_name: Option<String>) -> AuditEntry {
    AuditEntry {
        id: row.id,
        // Written by `append` in AT_FORMAT; a row edited by hand into
        // something else still lists, at the start of time.
        at: NaiveDateTime::parse_from_str(&row.at, AT_FORMAT).unwrap_or_default(),
        actor: row.actor,
        actor_name,
        action: row.action,
        table: row.table_name,
        record_id: row.record_id,
        // A hand-edited detail that is no longer JSON still shows, as text.
        detail: serde_json::from_str(&row.detail).unwrap_or(serde_json::Value::String(row.detail)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::actor::Role;
    use crate::audit::record;
    use crate::audit::test_support::{at, three_rows};

    use serde_json::json;

    fn admin() -> Actor {
        Actor::system()
    }

    #[test]
    fn the_log_is_filtered_by_actor_table_dates_and_accented_text() {
        let store = crate::store::testing::store();
        three_rows(&store);
        record(
            store.conn(),
            Some("1001"),
            "staff.edit",
            "staff",
            "1002",
            json!({"band": {"from": "3", "to": "4"}}),
            at(9, 0) + chrono::Duration::days(2),
        )
        .unwrap();
        let c = store.conn();
        let ids = |f: AuditFilter| -> Vec<i64> { list(c, &admin(), &f).unwrap().iter().map(|e| e.id).collect() };
        assert_eq!(ids(AuditFilter::default()), [4, 3, 2, 1], "newest first");
        let by = |actor: &str| AuditFilter {
            actor: Some(actor.into()),
            ..Default::default()
        };
        assert_eq!(ids(by("1001")), [4, 3, 1]);
        assert_eq!(ids(by("system")), [2]);
        let table = AuditFilter {
            table: Some("account".into()),
            ..Default::default()
        };
        assert_eq!(ids(table), [3]);
        let day = NaiveDate::from_ymd_opt(2026, 11, 21);
        let on_the_day = AuditFilter {
            from: day,
            to: day,
            ..Default::default()
        };
        assert_eq!(ids(on_the_day), [3, 2, 1], "both ends of the range are included");
        let text = |t: &str| AuditFilter {
            text: Some(t.into()),
            ..Default::default()
        };
        assert_eq!(ids(text("łukasz")), [1], "case is ignored beyond ASCII");
        assert_eq!(ids(text("SIÂN import")), [2], "every word must match");
        let limited = AuditFilter {
            limit: Some(2),
            ..Default::default()
        };
        assert_eq!(ids(limited), [4, 3]);
        let entry = &list(c, &admin(), &AuditFilter::default()).unwrap()[3];
        assert_eq!(entry.detail, json!({"forename": "Łukasz"}), "detail comes back as JSON");
        assert_eq!(entry.at, at(9, 0));
    }

    #[test]
    fn only_the_administrator_may_read_the_log() {
        let store = crate::store::testing::store();
        let manager = Actor {
            staff_number: "2".into(),
            role: Role::Manager,
            name: "Mo Manager".into(),
            must_change_passphrase: false,
        };
        let err = list(store.conn(), &manager, &AuditFilter::default()).unwrap_err();
        assert_eq!(err.code(), "forbidden");
    }
}
