//! The ESR staff CSV import's checks (the preview, which stores nothing),
//! against a department that already has a line manager and a coder, so
//! lines naming them reach the whole-file checks (duplicates, managers,
//! cycles).
#![no_main]

use std::sync::Mutex;
use std::sync::OnceLock;

use appraise_core::accounts::Actor;
use appraise_core::{staff_import, Store};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

fn store() -> &'static Mutex<Store> {
    static STORE: OnceLock<Mutex<Store>> = OnceLock::new();
    STORE.get_or_init(|| {
        let mut store = Store::open_in_memory().expect("an in-memory store");
        let seed = "staff_number,surname,forename,band,job_title,start_date,manager_staff_number\n\
                    100001,Jones,Siân,7,Clinical coding manager,2015-04-01,\n\
                    100002,Wiśniewski,Łukasz,5,Clinical coder,2020-01-06,100001\n";
        staff_import::import(
            store.conn_mut(),
            &Actor::system(),
            seed.as_bytes(),
            today(),
            today().and_hms_opt(9, 0, 0).unwrap(),
        )
        .expect("the seed imports");
        Mutex::new(store)
    })
}

fuzz_target!(|data: &[u8]| {
    let store = store().lock().unwrap();
    let _ = staff_import::preview(store.conn(), &Actor::system(), data, today());
});
