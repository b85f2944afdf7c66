//! What the accounts tests share: a fixed time, a good passphrase, a staff
//! form, and a database with its first administrator.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use super::{create_account, create_first_administrator, AccountSummary, Actor, Role};
use crate::staff::{self, StaffInput};
use crate::Store;

pub(super) fn noon() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 21)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap()
}

pub(super) const GOOD: &str = "correct horse battery";

pub(super) fn person(number: &str, forename: &str, surname: &str) -> StaffInput {
    StaffInput {
        staff_number: number.into(),
        forename: forename.into(),
        surname: surname.into(),
        band: "7".into(),
        appointed: "01/09/2020".into(),
        ..Default::default()
    }
}

pub(super) fn with_admin() -> (Store, Actor) {
    let mut store = crate::store::testing::store();
    let admin =
        create_first_administrator(store.conn_mut(), &person("1000", "Łukasz", "Wiśniewski"), GOOD, noon()).unwrap();
    (store, admin)
}

pub(super) fn add_coder(store: &mut Store, admin: &Actor, number: &str, forename: &str) -> AccountSummary {
    let mut p = person(number, forename, "Ní Bhriain");
    p.band = "4".into();
    staff::add(store.conn_mut(), &p, noon().date()).unwrap();
    create_account(store.conn_mut(), admin, number, Role::Coder, GOOD, noon()).unwrap()
}

pub(super) fn secs(s: i64) -> TimeDelta {
    TimeDelta::seconds(s)
}
