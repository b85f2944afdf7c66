//! `appraise-cli nccq ...` as a script would use it: real process, real
//! files, exit codes, fixed `--today` so results do not depend on the clock.

use super::common::*;

use std::path::Path;

/// A database with one trainee, appointed 31/08/2025; gives the staff number.
fn with_trainee(db: &Path) -> String {
    let out = cli(
        db,
        &[
            "staff",
            "add",
            "--forename",
            "Siân",
            "--surname",
            "Jones",
            "--band",
            "3",
            "--appointed",
            "2025-08-31",
        ],
    );
    ok(&out);
    "100001".to_owned()
}

#[test]
fn deadlines_need_no_database_and_print_iso_dates_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli_without_db(
        dir.path(),
        &[
            "nccq",
            "deadlines",
            "--appointed",
            "2025-03-31",
            "--today",
            "2025-04-01",
            "--json",
        ],
    );
    let d = json(&out);
    assert_eq!(
        d["standards_course_start_by"], "2025-09-30",
        "31 March + 6 months clamps"
    );
    assert_eq!(d["nccq_by"], "2027-03-31");
    assert_eq!(
        d["sittings_left"],
        serde_json::json!(["2026-09-01", "2027-03-01"]),
        "default sittings from a year of coding (31/03/2026) up to the deadline"
    );
    assert_eq!(d["earliest_first_sitting"], "2026-03-31");
    assert_eq!(d["days_left"], 729);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no database file was created"
    );
}

#[test]
fn a_trainee_appointed_on_31_august_2025_is_not_offered_the_next_days_sitting() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli_without_db(
        dir.path(),
        &[
            "nccq",
            "deadlines",
            "--appointed",
            "2025-08-31",
            "--today",
            "2025-08-31",
            "--json",
        ],
    );
    let d = json(&out);
    let sittings = d["sittings_left"].as_array().unwrap();
    assert!(
        !sittings.contains(&serde_json::json!("2025-09-01")),
        "01/09/2025 is not one of theirs: {d}"
    );
    assert_eq!(
        d["sittings_left"],
        serde_json::json!(["2026-09-01", "2027-03-01"]),
        "two sittings between a year of coding and the deadline"
    );
}

#[test]
fn someone_who_does_not_code_is_not_on_the_nccq_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    with_trainee(&db);
    ok(&cli(
        &db,
        &[
            "staff",
            "add",
            "--forename",
            "Deepa",
            "--surname",
            "Williams",
            "--band",
            "8a",
            "--job-title",
            "Head of clinical coding",
            "--appointed",
            "2015-01-05",
        ],
    ));
    ok(&cli(
        &db,
        &[
            "staff",
            "add",
            "--forename",
            "Mo",
            "--surname",
            "Khan",
            "--band",
            "7",
            "--appointed",
            "2026-01-05",
            "--nccq-pathway",
            "yes",
        ],
    ));
    let team: serde_json::Value = json(&cli(&db, &["nccq", "team", "--today", "2026-11-28", "--json"]));
    let names: Vec<&str> = team
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Siân Jones", "Mo Khan"],
        "the trainee and the manager put on the pathway by hand; not the head of department"
    );
}

#[test]
fn a_leap_day_appointment_has_its_deadline_on_28_february() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli_without_db(
        dir.path(),
        &[
            "nccq",
            "deadlines",
            "--appointed",
            "2024-02-29",
            "--today",
            "2024-03-01",
            "--json",
        ],
    );
    let d = json(&out);
    assert_eq!(d["nccq_by"], "2026-02-28", "29/02/2024 + 24 months");
    assert_eq!(d["standards_course_start_by"], "2024-08-29");
    assert_eq!(
        d["refresher_due"][0], "2027-08-29",
        "3 years after the latest course start"
    );
}

#[test]
fn a_date_that_does_not_exist_exits_1_quoting_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli_without_db(dir.path(), &["nccq", "deadlines", "--appointed", "2025-02-30"]);
    assert_eq!(out.status.code(), Some(1), "refused input exits 1");
    assert!(stderr(&out).contains("2025-02-30"), "quotes the date: {}", stderr(&out));
    let out = cli_without_db(
        dir.path(),
        &[
            "nccq",
            "deadlines",
            "--appointed",
            "2025-02-28",
            "--today",
            "2025-13-01",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("2025-13-01"), "{}", stderr(&out));
}

#[test]
fn deadlines_as_text_show_day_month_year() {
    let dir = tempfile::tempdir().unwrap();
    let text = ok(&cli_without_db(
        dir.path(),
        &[
            "nccq",
            "deadlines",
            "--appointed",
            "2025-08-31",
            "--today",
            "2026-10-01",
        ],
    ));
    assert!(text.contains("28/02/2026"), "course deadline: {text}");
    assert!(text.contains("31/08/2027"), "NCCQ deadline: {text}");
    assert!(text.contains("01/03/2027"), "the one sitting left: {text}");
    assert!(
        !text.contains("01/09/2027"),
        "a sitting after the deadline is not listed: {text}"
    );
}

#[test]
fn deadlines_use_the_trusts_settings_when_given_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    {
        let mut store = open_store(&db);
        let settings = appraise_core::nccq::NccqSettings {
            deadline_months: 18,
            ..Default::default()
        };
        let at = chrono::NaiveDate::from_ymd_opt(2026, 1, 5)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        appraise_core::nccq::save_settings(
            store.conn_mut(),
            &appraise_core::accounts::Actor::system(),
            &settings,
            at,
        )
        .unwrap();
    }
    let d = json(&cli(
        &db,
        &[
            "nccq",
            "deadlines",
            "--appointed",
            "2025-03-31",
            "--today",
            "2025-04-01",
            "--json",
        ],
    ));
    assert_eq!(d["nccq_by"], "2026-09-30", "18 months from the database's settings");
}

#[test]
fn recording_a_trainees_pathway_moves_them_from_at_risk_to_achieved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let who = with_trainee(&db);
    let t = ok(&cli(
        &db,
        &[
            "nccq",
            "course",
            "add",
            &who,
            "--type",
            "standards",
            "--start",
            "2025-10-06",
            "--end",
            "2025-10-31",
        ],
    ));
    assert!(t.contains("06/10/2025 to 31/10/2025"), "{t}");
    ok(&cli(
        &db,
        &["nccq", "membership", "set", &who, "--valid-until", "2027-12-31"],
    ));
    ok(&cli(
        &db,
        &[
            "nccq",
            "exam",
            "add",
            &who,
            "--sitting",
            "2026-03-01",
            "--paper",
            "practical",
            "--score",
            "92",
            "--today",
            "2026-05-01",
        ],
    ));
    let fail = ok(&cli(
        &db,
        &[
            "nccq",
            "exam",
            "add",
            &who,
            "--sitting",
            "2026-03-01",
            "--paper",
            "theory",
            "--score",
            "65",
            "--today",
            "2026-05-01",
        ],
    ));
    assert!(fail.contains("failed (pass mark 70%)"), "{fail}");

    let s = json(&cli(&db, &["nccq", "status", &who, "--today", "2026-10-01", "--json"]));
    assert_eq!(s["state"], "at_risk");
    assert_eq!(
        s["reasons"][0],
        "Theory failed in March 2026 (65%; pass mark 70%); only one sitting left before 31/08/2027."
    );
    assert_eq!(s["nccq_by"], "2027-08-31");
    let text = ok(&cli(&db, &["nccq", "status", &who, "--today", "2026-10-01"]));
    assert!(text.contains("Siân Jones (100001): at risk"), "{text}");

    let pass = ok(&cli(
        &db,
        &[
            "nccq",
            "exam",
            "add",
            &who,
            "--sitting",
            "2027-03-01",
            "--paper",
            "theory",
            "--score",
            "74",
            "--today",
            "2027-04-01",
        ],
    ));
    assert!(pass.contains("Accredited Clinical Coder from 01/03/2027"), "{pass}");
    let s = json(&cli(&db, &["nccq", "status", &who, "--today", "2027-04-01", "--json"]));
    assert_eq!(s["state"], "achieved");
    let people: serde_json::Value = json(&cli(&db, &["staff", "list", "--json"]));
    assert_eq!(
        people[0]["acc_date"], "2027-03-01",
        "the staff record carries the ACC date"
    );
    let team: serde_json::Value = json(&cli(&db, &["nccq", "team", "--today", "2027-04-01", "--json"]));
    assert_eq!(team, serde_json::json!([]), "an ACC holder is no longer a trainee");
}

#[test]
fn bad_record_input_exits_1_and_names_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let who = with_trainee(&db);
    let out = cli(
        &db,
        &[
            "nccq",
            "exam",
            "add",
            &who,
            "--sitting",
            "2026-03-01",
            "--paper",
            "oral",
            "--score",
            "80",
            "--today",
            "2026-05-01",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("oral"), "{}", stderr(&out));
    let out = cli(
        &db,
        &[
            "nccq",
            "course",
            "add",
            "999",
            "--type",
            "standards",
            "--start",
            "2025-10-06",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "unknown staff number");
    assert!(stderr(&out).contains("999"), "{}", stderr(&out));
    let out = cli(&db, &["nccq", "membership", "set", &who, "--valid-until", "2027-02-30"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("2027-02-30"), "{}", stderr(&out));
}

#[test]
fn status_needs_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli_without_db(dir.path(), &["nccq", "status", "100001"]);
    assert_eq!(out.status.code(), Some(2), "no --db is usage");
    assert!(stderr(&out).contains("--db"), "{}", stderr(&out));
}

#[test]
fn the_team_lists_trainees_as_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    with_trainee(&db);
    let text = ok(&cli(&db, &["nccq", "team", "--today", "2026-02-01"]));
    assert!(text.contains("Siân Jones"), "{text}");
    assert!(text.contains("at risk"), "no course 5 months in: {text}");
    assert!(text.contains("31/08/2027"), "{text}");
}
