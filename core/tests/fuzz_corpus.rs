//! Every input the fuzzers kept (`fuzz/corpus/`, see fuzz/REPORT.md) goes
//! through its importer or the PDF verifier again here, so `cargo test`
//! replays them in a debug build with overflow checks: an input that once
//! reached new code must still give an answer or an error, never a panic.

use std::path::{Path, PathBuf};

use appraise_core::accounts::Actor;
use appraise_core::framework::{preview, SourceFormat};
use appraise_core::pdf::{verify_bytes, Rerendered};
use appraise_core::training::import;
use appraise_core::{staff_import, Store};
use chrono::{NaiveDate, NaiveDateTime};

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{} is readable: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() > 10, "the {target} corpus is there");
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 29)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

/// The department of two the staff and training targets run against.
fn department() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let seed = "staff_number,surname,forename,band,job_title,start_date,manager_staff_number\n\
                100001,Jones,Siân,7,Clinical coding manager,2015-04-01,\n\
                100002,Wiśniewski,Łukasz,5,Clinical coder,2020-01-06,100001\n";
    staff_import::import(store.conn_mut(), &Actor::system(), seed.as_bytes(), now().date(), now()).unwrap();
    store
}

#[test]
fn every_framework_text_input_the_fuzzer_kept_gives_a_preview_or_an_error() {
    for (_, bytes) in corpus("framework_text") {
        let _ = preview(&bytes, SourceFormat::Text);
    }
}

#[test]
fn every_framework_csv_input_the_fuzzer_kept_gives_a_preview_or_an_error() {
    for (_, bytes) in corpus("framework_csv") {
        let _ = preview(&bytes, SourceFormat::Csv);
    }
}

#[test]
fn every_staff_csv_input_the_fuzzer_kept_is_previewed_without_storing_anything() {
    let store = department();
    for (path, bytes) in corpus("staff_csv") {
        let _ = staff_import::preview(store.conn(), &Actor::system(), &bytes, now().date());
        let people: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM staff", [], |r| r.get(0))
            .unwrap();
        assert_eq!(people, 2, "{} stored nothing", path.display());
    }
}

#[test]
fn every_training_csv_input_the_fuzzer_kept_imports_whole_or_not_at_all() {
    let mut store = department();
    for (path, bytes) in corpus("training_csv") {
        let outcome = import::import(store.conn_mut(), &Actor::system(), &bytes, now());
        let held: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM training_record", [], |r| r.get(0))
            .unwrap();
        match outcome {
            Ok(report) => {
                assert_eq!(held as u64, report.stored, "{}: what it says it stored", path.display());
                store.conn().execute("DELETE FROM training_record", []).unwrap();
            }
            Err(_) => assert_eq!(held, 0, "{}: refused, nothing stored", path.display()),
        }
    }
}

#[test]
fn every_pdf_input_the_fuzzer_kept_is_read_without_a_panic() {
    for (_, bytes) in corpus("pdf_verify") {
        let _ = verify_bytes(&bytes, |meta, _| {
            Ok(Rerendered {
                bytes: bytes.clone(),
                current_content_sha256: meta.content_sha256.clone(),
            })
        });
    }
}
