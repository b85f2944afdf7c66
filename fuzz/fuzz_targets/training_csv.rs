//! The ESR/OLM training CSV import, against a department with two people.
//! The import stores what it accepts, so the records are removed again after
//! each input that imports: every input meets the same department.
#![no_main]

use std::sync::Mutex;
use std::sync::OnceLock;

use appraise_core::accounts::Actor;
use appraise_core::training::import;
use appraise_core::{staff_import, Store};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 29)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn store() -> &'static Mutex<Store> {
    static STORE: OnceLock<Mutex<Store>> = OnceLock::new();
    STORE.get_or_init(|| {
        let mut store = Store::open_in_memory().expect("an in-memory store");
        let seed = "staff_number,surname,forename,band,job_title,start_date,manager_staff_number\n\
                    100001,Jones,Siân,7,Clinical coding manager,2015-04-01,\n\
                    100002,Wiśniewski,Łukasz,5,Clinical coder,2020-01-06,100001\n";
        staff_import::import(store.conn_mut(), &Actor::system(), seed.as_bytes(), now().date(), now())
            .expect("the seed imports");
        Mutex::new(store)
    })
}

fuzz_target!(|data: &[u8]| {
    let mut store = store().lock().unwrap();
    if import::import(store.conn_mut(), &Actor::system(), data, now()).is_ok() {
        store
            .conn()
            .execute("DELETE FROM training_record", [])
            .expect("the imported records are removed");
    }
});
