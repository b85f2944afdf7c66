use chrono::NaiveDate;

use super::compliance::month_ends;
use super::table::{Cell, Table};
use super::{csv::to_csv, report_as, xlsx::to_xlsx};
use crate::accounts::{Actor, Role};
use crate::store::testing::store;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn the_compliance_history_is_each_month_end_of_the_last_eleven_then_today() {
    let ends = month_ends(day(2026, 3, 15));
    assert_eq!(ends.len(), 12, "twelve figures");
    assert_eq!(
        ends[0],
        day(2025, 4, 30),
        "the first is the end of April, eleven months back"
    );
    assert_eq!(ends[10], day(2026, 2, 28), "February's end in a common year");
    assert_eq!(ends[11], day(2026, 3, 15), "the last is today");
}

#[test]
fn a_report_as_csv_has_its_header_row_then_dates_in_iso() {
    let mut t = Table::new("T", &["Name", "Due"]);
    t.rows.push(vec![Cell::text("Ann Lee"), Cell::Date(day(2026, 1, 2))]);
    let text = String::from_utf8(to_csv(&t).unwrap()).unwrap();
    assert_eq!(text, "Name,Due\nAnn Lee,2026-01-02\n", "header then one row");
}

#[test]
fn a_report_as_excel_is_a_zip_workbook() {
    let mut t = Table::new("Appraisals overdue", &["Name", "Due"]);
    t.rows.push(vec![Cell::text("Ann Lee"), Cell::Date(day(2026, 1, 2))]);
    let bytes = to_xlsx(&t).unwrap();
    assert_eq!(&bytes[..2], b"PK", "an .xlsx file is a zip archive");
}

#[test]
fn a_coder_is_refused_every_report() {
    let s = store();
    let coder = Actor {
        staff_number: "C1".into(),
        role: Role::Coder,
        name: "A coder".into(),
        must_change_passphrase: false,
    };
    for name in super::NAMES {
        let err = report_as(s.conn(), &coder, name, day(2026, 1, 1)).unwrap_err();
        assert_eq!(err.code(), "forbidden", "{name} is refused to a coder");
    }
}

#[test]
fn every_report_answers_on_an_empty_department() {
    let s = store();
    for name in super::NAMES {
        let t = report_as(s.conn(), &Actor::system(), name, day(2026, 1, 1)).unwrap();
        assert!(!t.columns.is_empty(), "{name} has headings");
    }
}

#[test]
fn an_unknown_report_name_is_refused_naming_the_reports_there_are() {
    let s = store();
    let err = report_as(s.conn(), &Actor::system(), "payroll", day(2026, 1, 1)).unwrap_err();
    assert!(
        err.to_string().contains("overdue"),
        "the message lists the reports: {err}"
    );
}

#[test]
fn the_heatmap_and_the_overview_answer_on_an_empty_department_and_refuse_a_coder() {
    let s = store();
    let map = super::heatmap_as(s.conn(), &Actor::system()).unwrap();
    assert!(map.rows.is_empty(), "nobody appraised yet");
    let overview = super::overview_as(s.conn(), &Actor::system(), day(2026, 1, 1)).unwrap();
    assert_eq!(overview.compliance.months.len(), 12, "twelve months of compliance");
    assert_eq!(overview.audit_accuracy.len(), 4, "four audit periods");
    let coder = Actor {
        staff_number: "C1".into(),
        role: Role::Coder,
        name: "A coder".into(),
        must_change_passphrase: false,
    };
    assert_eq!(
        super::heatmap_as(s.conn(), &coder).unwrap_err().code(),
        "forbidden",
        "a coder has no team heatmap"
    );
}

/// A demonstration department of `staff` people over 3 years, on 21/11/2026.
fn demo(staff: u32) -> crate::Store {
    let mut store = store();
    let options = crate::demo::DemoOptions {
        staff,
        years: 3,
        ..crate::demo::DemoOptions::new(day(2026, 11, 21))
    };
    crate::demo::generate(store.conn_mut(), &options).unwrap();
    store
}

#[test]
fn the_nccq_report_read_once_per_table_lists_what_each_persons_status_says() {
    let store = demo(120);
    let today = day(2026, 11, 21);
    let manager: String = store
        .conn()
        .query_row(
            "SELECT m.staff_number FROM staff s JOIN staff m ON m.id = s.manager_id
              GROUP BY m.staff_number ORDER BY count(*) DESC, m.staff_number LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    for actor in [Actor::system(), crate::access::tests::actor(&manager, Role::Manager)] {
        let before = store.conn().statements_run();
        let once = crate::nccq::team_status(store.conn(), &actor, today).unwrap();
        let statements = store.conn().statements_run() - before;
        assert!(!once.is_empty(), "trainees on the pathway for {}", actor.staff_number);
        assert!(
            statements < 20,
            "a read per table (and per role), not per person: {statements} statements for {} trainees",
            once.len()
        );
        for status in &once {
            let own = crate::nccq::status(store.conn(), &status.staff_number, today).unwrap();
            assert_eq!(&own, status, "as {}'s own status reads", status.staff_number);
        }
        let working_towards = crate::access::visible_staff(store.conn(), &actor)
            .unwrap()
            .into_iter()
            .filter(|n| {
                let member = crate::staff::get(store.conn(), n).unwrap();
                let own = crate::nccq::status(store.conn(), n, today).unwrap();
                member.acc_date.is_none() && member.leaver_date.is_none_or(|d| d > today) && own.on_pathway
            })
            .count();
        assert_eq!(
            once.len(),
            working_towards,
            "everyone working towards it, and no one else"
        );
        assert!(
            once.windows(2).all(|w| w[0].days_left <= w[1].days_left),
            "the least time left first"
        );
    }
}

#[test]
fn the_team_plans_are_read_in_the_same_statements_for_any_team_and_each_is_the_persons_own() {
    let store = demo(120);
    let today = day(2026, 11, 21);
    let c = store.conn();
    let mut counts = Vec::new();
    let managers: Vec<String> = {
        let mut stmt = c
            .prepare("SELECT DISTINCT m.staff_number FROM staff s JOIN staff m ON m.id = s.manager_id ORDER BY 1")
            .unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    for actor in managers
        .iter()
        .map(|m| crate::access::tests::actor(m, Role::Manager))
        .chain([Actor::system()])
    {
        let before = c.statements_run();
        let plans = crate::appraisal::team_pdp_as(c, &actor, today).unwrap();
        counts.push((plans.len(), c.statements_run() - before));
        for plan in &plans {
            let own = crate::appraisal::current_pdp_as(c, &Actor::system(), &plan.staff_number).unwrap();
            assert_eq!(
                plan, &own,
                "{}'s plan as their own PDP page reads it",
                plan.staff_number
            );
        }
    }
    assert!(counts.iter().any(|(n, _)| *n > 100), "the whole department: {counts:?}");
    assert!(
        counts.iter().all(|(_, statements)| *statements <= 6),
        "a handful of statements, not one per person: {counts:?}"
    );
}

#[test]
fn the_training_needs_read_once_lists_every_current_plans_needs_as_each_plan_does() {
    let store = demo(120);
    let today = day(2026, 11, 21);
    let analysis = super::training_needs::analysis_as(store.conn(), &Actor::system(), today).unwrap();
    let mut expected: Vec<(String, String, Option<NaiveDate>, String)> = Vec::new();
    for plan in crate::appraisal::team_pdp_as(store.conn(), &Actor::system(), today).unwrap() {
        for item in plan.items {
            expected.push((
                plan.staff_number.clone(),
                item.learning_need,
                item.target_date,
                item.support,
            ));
        }
    }
    let mut got: Vec<(String, String, Option<NaiveDate>, String)> = analysis
        .iter()
        .flat_map(|g| g.needs.iter())
        .map(|n| {
            (
                n.staff_number.clone(),
                n.learning_need.clone(),
                n.target_date,
                n.support.clone(),
            )
        })
        .collect();
    assert!(expected.len() > 50, "plans with needs: {}", expected.len());
    expected.sort();
    got.sort();
    assert_eq!(got, expected, "every need of every current plan, once");
}
