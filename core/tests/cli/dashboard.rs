//! `appraise-cli dashboard`: the home page's figures, checked against what
//! the staff and appraisal lists say, worked out here by hand.

use std::path::Path;

use chrono::{Months, NaiveDate};
use serde_json::Value;

use crate::common::{cli, json, ok};

const TODAY: &str = "2026-11-28";

fn today() -> NaiveDate {
    TODAY.parse().unwrap()
}

fn date(v: &Value) -> Option<NaiveDate> {
    v.as_str().map(|s| s.parse().expect("an ISO date"))
}

fn in_post(member: &Value, on: NaiveDate) -> bool {
    date(&member["appointed"]).unwrap() <= on && date(&member["leaver_date"]).is_none_or(|d| d > on)
}

fn numbers(list: &Value) -> Vec<String> {
    let mut out: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["staff_number"].as_str().unwrap().to_owned())
        .collect();
    out.sort();
    out
}

fn dashboard(db: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["dashboard", "--today", TODAY, "--json"];
    args.extend_from_slice(extra);
    json(&cli(db, &args))
}

#[test]
fn a_demo_department_on_a_fixed_date_gives_the_figures_its_lists_imply() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    ok(&cli(&db, &["demo", "--today", TODAY]));
    let staff = json(&cli(&db, &["staff", "list", "--json"]));
    let appraisals = json(&cli(&db, &["appraisal", "list", "--json"]));
    let signed = |number: &str, kinds: &[&str]| -> Vec<(NaiveDate, i64)> {
        appraisals
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["staff_number"] == number && kinds.contains(&a["kind"].as_str().unwrap()))
            .filter(|a| a["status"] == "signed" && a["superseded_by"].is_null())
            .filter_map(|a| Some((date(&a["signed_on"])?, a["cycle_start_year"].as_i64().unwrap())))
            .collect()
    };
    let people: Vec<&Value> = staff
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| in_post(m, today()))
        .collect();
    let compliant = people
        .iter()
        .filter(|m| {
            signed(m["staff_number"].as_str().unwrap(), &["annual"])
                .iter()
                .any(|(d, _)| *d <= today() && *d + Months::new(12) >= today())
        })
        .count();
    let mut overdue: Vec<String> = people
        .iter()
        .filter(|m| {
            let n = m["staff_number"].as_str().unwrap();
            let annual = signed(n, &["annual"]);
            let signed_this_cycle = annual.iter().any(|(_, cycle)| *cycle == 2026);
            let held = signed(n, &["annual", "objective_setting"])
                .into_iter()
                .map(|(d, _)| d)
                .chain(date(&m["last_appraisal_before"]))
                .chain(date(&m["appointed"]))
                .max()
                .unwrap();
            !signed_this_cycle && held + Months::new(12) < today()
        })
        .map(|m| m["staff_number"].as_str().unwrap().to_owned())
        .collect();
    overdue.sort();

    let board = dashboard(&db, &[]);
    assert_eq!(board["people_in_post"], people.len(), "everyone in post is counted");
    let expected = ((compliant * 1000) as f64 / people.len() as f64).round() / 10.0;
    assert_eq!(
        board["compliance_percent"].as_f64(),
        Some(expected),
        "{compliant} of {} signed within 12 months",
        people.len()
    );
    assert_eq!(numbers(&board["overdue"]), overdue, "the overdue list");
    assert!(!overdue.is_empty(), "the demo has someone overdue");
    assert_eq!(
        board["compliance_by_month"].as_array().unwrap().len(),
        13,
        "this month and 12 before"
    );
    for key in ["due", "nccq_at_risk", "pay_step_reviews_due", "training_overdue"] {
        assert!(board[key].is_array(), "{key} is a list");
    }

    // Skills gaps: counted straight from the tables.
    let store = crate::common::open_store(&db);
    let gaps: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM appraisal_skill k JOIN appraisal a ON a.id = k.appraisal_id
             WHERE a.kind = 'annual' AND k.agreed_level < k.expected_level
               AND NOT EXISTS (SELECT 1 FROM appraisal n WHERE n.supersedes_id = a.id)
               AND a.cycle_start = (SELECT max(b.cycle_start) FROM appraisal b
                                     WHERE b.appraisee_id = a.appraisee_id AND b.kind = 'annual')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        board["skills_gaps"].as_i64(),
        Some(gaps),
        "agreed below expected in current appraisals"
    );
}

#[test]
fn someone_appointed_in_january_2020_with_no_appraisal_is_overdue_on_28_november_2026() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    ok(&cli(
        &db,
        &[
            "staff",
            "add",
            "--forename",
            "Ada",
            "--surname",
            "Quill",
            "--band",
            "5",
            "--job-title",
            "Clinical Coder",
            "--appointed",
            "2020-01-06",
        ],
    ));
    let board = dashboard(&db, &[]);
    let overdue = board["overdue"].as_array().unwrap();
    assert_eq!(overdue.len(), 1, "one person overdue: {board}");
    assert_eq!(overdue[0]["name"], "Ada Quill", "named");
    assert_eq!(overdue[0]["due"], "2021-01-06", "due a year after appointment");
    assert_eq!(board["compliance_percent"].as_f64(), Some(0.0), "nobody appraised");
}

#[test]
fn the_text_form_names_the_overdue_and_a_manager_filter_narrows_to_their_reports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    ok(&cli(&db, &["demo", "--today", TODAY]));
    let text = ok(&cli(&db, &["dashboard", "--today", TODAY]));
    assert!(text.contains("Appraisal compliance:"), "the figure: {text}");
    assert!(text.contains("Overdue appraisals:"), "the list: {text}");

    let staff = json(&cli(&db, &["staff", "list", "--json"]));
    let manager = staff
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["manager"].is_null())
        .unwrap();
    let number = manager["staff_number"].as_str().unwrap();
    let team = dashboard(&db, &["--manager", number]);
    let reports = staff
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| !m["manager"].is_null() && in_post(m, today()))
        .count();
    assert_eq!(
        team["people_in_post"], reports,
        "the manager's reports, not the manager"
    );
    assert!(
        team["scope"].as_str().unwrap().ends_with("'s team"),
        "says whose team: {}",
        team["scope"]
    );
}
