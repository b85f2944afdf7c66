//! `appraise-cli report` and `appraise-cli calendar` on the demonstration
//! department: the files they write read back with standard readers (an
//! iCalendar parser, an Excel reader, a CSV reader).

use super::common::*;

use std::collections::BTreeSet;
use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};

const TODAY: &str = "2026-06-15";

fn demo(db: &Path) {
    ok(&cli(db, &["demo", "--seed", "7", "--today", TODAY]));
}

/// The staff numbers `appraisal due` calls overdue.
fn overdue_people(db: &Path) -> BTreeSet<String> {
    let due: serde_json::Value =
        serde_json::from_str(&ok(&cli(db, &["appraisal", "due", "--today", TODAY, "--json"]))).unwrap();
    due.as_array()
        .unwrap()
        .iter()
        .filter(|d| d["annual_overdue"] == true)
        .map(|d| d["staff_number"].as_str().unwrap().to_owned())
        .collect()
}

/// A line manager in the department: someone another person reports to.
fn a_manager(db: &Path) -> String {
    let staff: serde_json::Value = serde_json::from_str(&ok(&cli(db, &["staff", "list", "--json"]))).unwrap();
    staff
        .as_array()
        .unwrap()
        .iter()
        .find_map(|s| s["manager"].as_str().map(str::to_owned))
        .expect("someone has a line manager")
}

/// Every VEVENT's properties, by name, from a standard parser.
fn events(path: &Path) -> Vec<Vec<(String, String)>> {
    let reader = ical::IcalParser::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut out = Vec::new();
    for calendar in reader {
        let calendar = calendar.expect("the .ics file parses");
        for event in calendar.events {
            out.push(
                event
                    .properties
                    .into_iter()
                    .map(|p| (p.name, p.value.unwrap_or_default()))
                    .collect(),
            );
        }
    }
    out
}

fn uids(events: &[Vec<(String, String)>]) -> Vec<String> {
    events
        .iter()
        .map(|e| e.iter().find(|(n, _)| n == "UID").expect("a UID").1.clone())
        .collect()
}

#[test]
fn the_overdue_report_as_csv_has_the_header_and_one_row_per_overdue_person() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    demo(&db);
    let file = dir.path().join("overdue.csv");
    ok(&cli(
        &db,
        &["report", "overdue", "--today", TODAY, "--csv", file.to_str().unwrap()],
    ));
    let mut reader = csv::Reader::from_path(&file).unwrap();
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "Staff number", "the header row comes first: {header:?}");
    assert!(header.iter().any(|h| h == "Due"), "a due date column: {header:?}");
    let people: BTreeSet<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
    let expected = overdue_people(&db);
    assert!(!expected.is_empty(), "the demonstration department has someone overdue");
    assert_eq!(people, expected, "one row per overdue person, the schedule's rule");
}

#[test]
fn the_overdue_report_as_excel_opens_with_a_standard_reader_and_holds_dates_as_dates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    demo(&db);
    let file = dir.path().join("overdue.xlsx");
    ok(&cli(
        &db,
        &["report", "overdue", "--today", TODAY, "--xlsx", file.to_str().unwrap()],
    ));
    let mut book: Xlsx<_> = open_workbook(&file).expect("the workbook opens");
    let sheet = book.worksheet_range_at(0).expect("a sheet").expect("readable");
    let rows: Vec<_> = sheet.rows().collect();
    assert_eq!(rows[0][0], Data::String("Staff number".into()), "the header row");
    let due = rows[0]
        .iter()
        .position(|c| *c == Data::String("Due".into()))
        .expect("a Due column");
    assert_eq!(rows.len() - 1, overdue_people(&db).len(), "one row per overdue person");
    for row in &rows[1..] {
        assert!(
            matches!(row[due], Data::DateTime(_)),
            "the due date is a date, not text: {:?}",
            row[due]
        );
    }
}

#[test]
fn every_report_writes_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    demo(&db);
    for name in ["compliance", "overdue", "nccq", "pay-steps", "training-needs", "audits"] {
        let csv = dir.path().join(format!("{name}.csv"));
        let xlsx = dir.path().join(format!("{name}.xlsx"));
        ok(&cli(
            &db,
            &[
                "report",
                name,
                "--today",
                TODAY,
                "--csv",
                csv.to_str().unwrap(),
                "--xlsx",
                xlsx.to_str().unwrap(),
            ],
        ));
        assert!(std::fs::metadata(&csv).unwrap().len() > 0, "{name}.csv written");
        let _: Xlsx<_> = open_workbook(&xlsx).unwrap_or_else(|e| panic!("{name}.xlsx opens: {e}"));
    }
}

#[test]
fn an_unknown_report_exits_1_naming_the_reports_there_are() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    demo(&db);
    let file = dir.path().join("x.csv");
    let out = cli(&db, &["report", "payroll", "--csv", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "refused");
    assert!(stderr(&out).contains("training-needs"), "{}", stderr(&out));
}

#[test]
fn a_teams_calendar_parses_every_event_has_uid_dtstamp_and_dtstart_and_a_second_export_has_the_same_uids() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    demo(&db);
    let manager = a_manager(&db);
    let first = dir.path().join("team.ics");
    let second = dir.path().join("again.ics");
    for file in [&first, &second] {
        ok(&cli(
            &db,
            &[
                "calendar",
                "--manager",
                &manager,
                "--today",
                TODAY,
                "--out",
                file.to_str().unwrap(),
            ],
        ));
    }
    let events1 = events(&first);
    assert!(!events1.is_empty(), "the team has dates");
    for event in &events1 {
        for property in ["UID", "DTSTAMP", "DTSTART"] {
            assert!(
                event.iter().any(|(n, _)| n == property),
                "every event has {property}: {event:?}"
            );
        }
    }
    let text = std::fs::read_to_string(&first).unwrap();
    assert!(text.contains("DTSTART;VALUE=DATE:"), "all-day events");
    let mut a = uids(&events1);
    let set: BTreeSet<_> = a.iter().cloned().collect();
    assert_eq!(set.len(), a.len(), "no two events share a UID");
    assert!(a.iter().all(|u| u.ends_with("@appraise.nhs")), "{a:?}");
    let mut b = uids(&events(&second));
    a.sort();
    b.sort();
    assert_eq!(a, b, "a second export gives the same UIDs, so a re-import updates");
}

#[test]
fn one_persons_calendar_holds_their_appraisal_due_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    demo(&db);
    let person = overdue_people(&db).into_iter().next().expect("someone overdue");
    let file = dir.path().join("me.ics");
    ok(&cli(
        &db,
        &[
            "calendar",
            "--staff",
            &person,
            "--today",
            TODAY,
            "--out",
            file.to_str().unwrap(),
        ],
    ));
    let uids = uids(&events(&file));
    assert!(
        uids.iter().any(|u| u.starts_with(&format!("{person}-appraisal-due-"))),
        "their appraisal due date: {uids:?}"
    );
    assert!(
        uids.iter().all(|u| u.starts_with(&person)),
        "only their dates: {uids:?}"
    );
}

#[test]
fn the_calendar_needs_a_person_or_a_manager() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let file = dir.path().join("x.ics");
    let out = cli(&db, &["calendar", "--out", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "a usage error");
}
