//! What the printing tests share: the demonstration department, a coder
//! and fixed times.

use crate::store::db::Connection;
use chrono::{NaiveDate, NaiveDateTime};

use crate::accounts::{Actor, Role};
use crate::appraisal::{self, AppraisalStatus};
use crate::demo::{generate, DemoOptions};
use crate::Store;

pub(crate) fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

pub(crate) fn demo() -> Store {
    let mut store = crate::store::testing::store();
    generate(
        store.conn_mut(),
        &DemoOptions::new(NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()),
    )
    .unwrap();
    store
}

pub(crate) fn coder(number: &str) -> Actor {
    Actor {
        staff_number: number.to_owned(),
        role: Role::Coder,
        name: "A coder".to_owned(),
        must_change_passphrase: false,
    }
}

pub(crate) fn signed_ids(conn: &Connection) -> Vec<i64> {
    appraisal::list_as(conn, &Actor::system())
        .unwrap()
        .into_iter()
        .filter(|a| a.status == AppraisalStatus::Signed)
        .map(|a| a.id)
        .collect()
}
