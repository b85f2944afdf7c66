//! What the audit tests share: a fixed day and a trail of three rows.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::json;

use super::record;
use crate::Store;

pub(super) fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 21)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

pub(super) fn three_rows(store: &Store) {
    let c = store.conn();
    record(
        c,
        Some("1001"),
        "staff.add",
        "staff",
        "1001",
        json!({"forename": "Łukasz"}),
        at(9, 0),
    )
    .unwrap();
    record(
        c,
        None,
        "staff.import",
        "staff",
        "1002",
        json!({"forename": "Siân"}),
        at(9, 5),
    )
    .unwrap();
    record(
        c,
        Some("1001"),
        "account.create",
        "account",
        "1002",
        json!({"role": "coder"}),
        at(10, 0),
    )
    .unwrap();
}
