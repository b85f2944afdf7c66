//! `appraise-cli pay steps`: pay-step dates with no database.

use std::process::Output;

use crate::common::{cli_without_db, ok, stderr};

/// Runs `appraise-cli ARGS...` with no database at all.
fn run(args: &[&str]) -> Output {
    cli_without_db(&std::env::temp_dir(), args)
}

#[test]
fn pay_steps_need_no_database_and_print_iso_dates_as_json() {
    let out = ok(&run(&[
        "pay",
        "steps",
        "--band",
        "5",
        "--entered",
        "2024-04-01",
        "--json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    assert_eq!(
        v,
        serde_json::json!({ "steps": ["2026-04-01", "2028-04-01"] }),
        "band 5 steps after two and four years"
    );
}

#[test]
fn pay_steps_as_text_show_day_month_year_one_per_line() {
    let out = ok(&run(&["pay", "steps", "--band", "6", "--entered", "2023-08-31"]));
    assert_eq!(out, "31/08/2025\n31/08/2028\n", "band 6 steps after two and five years");
}

#[test]
fn an_unknown_band_exits_1_naming_it() {
    let out = run(&["pay", "steps", "--band", "10", "--entered", "2024-04-01"]);
    assert_eq!(out.status.code(), Some(1), "refused");
    assert!(stderr(&out).contains("\"10\""), "names the band: {}", stderr(&out));
}

#[test]
fn a_date_that_cannot_be_read_exits_1_naming_it() {
    let out = run(&["pay", "steps", "--band", "5", "--entered", "1 April 2024"]);
    assert_eq!(out.status.code(), Some(1), "refused as bad input: {}", stderr(&out));
    assert!(
        stderr(&out).contains("1 April 2024"),
        "names the date: {}",
        stderr(&out)
    );
}
