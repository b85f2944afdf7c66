use crate::access::tests::{actor, department, today};
use crate::accounts::Role;
use crate::Error;

use super::dashboard_as;

fn overdue_names(board: &super::Dashboard) -> Vec<&str> {
    let mut names: Vec<&str> = board.overdue.iter().map(|i| i.staff_number.as_str()).collect();
    names.sort();
    names
}

#[test]
fn a_manager_sees_their_reports_through_the_chain_and_not_themself() {
    let store = department();
    // Appointed 01/09/2024, never appraised: everyone is overdue by 21/11/2026.
    let board = dashboard_as(store.conn(), &actor("10", Role::Manager), None, today()).unwrap();
    assert_eq!(overdue_names(&board), ["11", "12", "121"], "manager A's reports");
    assert_eq!(board.people_in_post, 3, "three reports in post");
    assert_eq!(board.compliance_percent, Some(0.0), "none appraised");
    assert_eq!(board.scope, "Your reports", "whose figures");
    assert!(
        board.mine.as_ref().is_some_and(|m| m.appraisal_overdue),
        "their own appraisal is a next action"
    );
}

#[test]
fn the_administrator_sees_the_department_or_one_managers_team() {
    let store = department();
    let admin = actor("1", Role::Administrator);
    let all = dashboard_as(store.conn(), &admin, None, today()).unwrap();
    assert_eq!(all.people_in_post, 7, "everyone");
    let team = dashboard_as(store.conn(), &admin, Some("20"), today()).unwrap();
    assert_eq!(overdue_names(&team), ["21"], "manager B's team");
    assert_eq!(team.scope, "Bo Ray's team", "named");
}

#[test]
fn a_coder_has_only_next_actions_and_may_not_ask_for_a_team() {
    let store = department();
    let coder = actor("11", Role::Coder);
    let board = dashboard_as(store.conn(), &coder, None, today()).unwrap();
    assert!(!board.shows_team && board.overdue.is_empty(), "no team figures");
    assert_eq!(board.mine.map(|m| m.staff_number), Some("11".to_owned()), "their own");
    let refused = dashboard_as(store.conn(), &coder, Some("10"), today()).unwrap_err();
    assert!(matches!(refused, Error::Forbidden(_)), "refused: {refused:?}");
}

#[test]
fn a_manager_may_not_filter_by_a_manager_outside_their_chain() {
    let store = department();
    let refused = dashboard_as(store.conn(), &actor("10", Role::Manager), Some("20"), today()).unwrap_err();
    let unknown = dashboard_as(store.conn(), &actor("10", Role::Manager), Some("999"), today()).unwrap_err();
    assert_eq!(
        refused.to_string(),
        unknown.to_string(),
        "the same answer whether or not they exist"
    );
    let own = dashboard_as(store.conn(), &actor("10", Role::Manager), Some("12"), today()).unwrap();
    assert_eq!(overdue_names(&own), ["121"], "a manager below them is fine");
}

/// A large demonstration department of `staff` people over 3 years.
fn large(staff: u32) -> crate::Store {
    let mut store = crate::store::testing::store();
    let options = crate::demo::DemoOptions {
        staff,
        years: 3,
        ..crate::demo::DemoOptions::new(today())
    };
    crate::demo::generate(store.conn_mut(), &options).unwrap();
    store
}

#[test]
fn the_home_page_runs_as_many_queries_for_three_times_the_staff() {
    let admin = crate::accounts::Actor::system();
    let statements = |store: &crate::Store| {
        let before = store.conn().statements_run();
        let board = dashboard_as(store.conn(), &admin, None, today()).unwrap();
        assert!(
            !board.overdue.is_empty() && board.skills_gaps > 0,
            "a department with work to do"
        );
        store.conn().statements_run() - before
    };
    let small = statements(&large(70));
    let big = statements(&large(210));
    assert_eq!(
        small, big,
        "no query per person: {small} statements for 70 staff, {big} for 210"
    );
}

#[test]
fn a_large_demonstration_department_has_a_chain_of_managers_and_signed_history() {
    let store = large(100);
    let people = crate::staff::list(store.conn()).unwrap();
    assert_eq!(people.len(), 100, "everyone made");
    assert_eq!(
        people.iter().filter(|p| p.manager.is_none()).count(),
        1,
        "one head of coding"
    );
    let list = crate::appraisal::list(store.conn()).unwrap();
    assert!(list.len() > 250, "about three meetings a person: {}", list.len());
    assert!(
        list.iter()
            .all(|a| a.status == crate::appraisal::AppraisalStatus::Signed),
        "all signed"
    );
}

/// The rows as the home page read them before it read only what it needs:
/// every appraisal of the recent cycles in full, and every dated activity
/// of their signed appraisals.
fn pdp_rows_read_wide(store: &crate::Store, from_year: i32) -> Vec<(i64, String, chrono::NaiveDate, bool)> {
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT a.id, i.learning_need, i.target_date, p.status
               FROM appraisal a JOIN appraisal_pdp_item i ON i.appraisal_id = a.id
               LEFT JOIN pdp_progress p ON p.pdp_item_id = coalesce(i.origin_id, i.id)
              WHERE a.cycle_start >= ?1 AND a.status = 'signed' AND i.target_date IS NOT NULL
              ORDER BY i.target_date, i.id",
        )
        .unwrap();
    stmt.query_map([from_year], |r| {
        let status: Option<String> = r.get(3)?;
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, status.as_deref() == Some("completed")))
    })
    .unwrap()
    .collect::<Result<Vec<_>, _>>()
    .unwrap()
}

#[test]
fn the_narrow_reads_give_every_person_the_same_schedule_plan_and_gaps_as_reading_everything() {
    use crate::appraisal::{due_for, AppraisalKind};
    let mut store = large(120);
    // A reopened appraisal: a later version replaces a signed one.
    let reopened: i64 = store
        .conn()
        .query_row(
            "SELECT max(id) FROM appraisal WHERE kind = 'annual' AND status = 'signed'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let c = store.conn_mut();
    c.execute_batch(&format!(
        "INSERT INTO appraisal (appraisee_id, appraiser_id, cycle_start, cycle_start_month, kind, version,
                                supersedes_id, step, status, meeting_date, created_at, updated_at,
                                reopen_reason, reopened_by, reopened_at)
         SELECT appraisee_id, appraiser_id, cycle_start, cycle_start_month, kind, version + 1, id, 'skills',
                'in_progress', meeting_date, created_at, updated_at, 'A correction', '1', created_at
           FROM appraisal WHERE id = {reopened}"
    ))
    .unwrap();
    let (dept, _) = super::data::load(store.conn(), today()).unwrap();
    let from_year = dept.schedule.cycle.start_year - 2;
    let wide = crate::store::appraisal::headers_since(store.conn(), from_year).unwrap();
    let pdp = pdp_rows_read_wide(&store, from_year);
    let gaps: std::collections::HashMap<i64, i64> = store
        .conn()
        .prepare("SELECT appraisal_id, count(*) FROM appraisal_skill WHERE agreed_level < expected_level GROUP BY appraisal_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut plans = 0;
    for (m, r) in dept.people() {
        let mine: Vec<_> = wide
            .iter()
            .filter(|h| h.appraisee.staff_number == m.staff_number)
            .cloned()
            .collect();
        let narrow = dept.headers(r);
        let key = |d: crate::appraisal::AppraisalDue| format!("{d:?}");
        assert_eq!(
            key(due_for(m, narrow, &dept.schedule, today())),
            key(due_for(m, &mine, &dept.schedule, today())),
            "{}'s schedule",
            m.staff_number
        );
        let signed = |hs: &[crate::store::appraisal::Header]| -> Vec<_> {
            hs.iter()
                .filter(|h| h.kind == AppraisalKind::Annual)
                .filter_map(|h| h.signed_on())
                .collect()
        };
        assert_eq!(signed(narrow), signed(&mine), "{}'s signed dates", m.staff_number);
        let plan = mine
            .iter()
            .filter(|h| h.signed && h.superseded_by.is_none())
            .filter(|h| pdp.iter().any(|p| p.0 == h.id))
            .max_by_key(|h| (h.cycle_start, h.meeting_date, h.id))
            .map(|h| {
                let rows: Vec<_> = pdp
                    .iter()
                    .filter(|p| p.0 == h.id)
                    .map(|p| (p.1.clone(), p.2, p.3))
                    .collect();
                (h.id, rows)
            });
        let read = dept.current_pdp(r).map(|(id, rows)| {
            (
                id,
                rows.iter()
                    .map(|r| (r.learning_need.clone(), r.target_date, r.completed))
                    .collect(),
            )
        });
        assert_eq!(read, plan, "{}'s current plan", m.staff_number);
        plans += usize::from(plan.is_some());
        let current = mine
            .iter()
            .filter(|h| h.kind == AppraisalKind::Annual && h.superseded_by.is_none())
            .max_by_key(|h| (h.cycle_start, h.version));
        assert_eq!(
            current.map(|h| dept.skill_gaps.get(&h.id).copied().unwrap_or(0)),
            current.map(|h| gaps.get(&h.id).copied().unwrap_or(0)),
            "{}'s skills gaps",
            m.staff_number
        );
    }
    assert!(plans > 50, "most people have a plan: {plans}");
}

fn at(y: i32, m: u32, d: u32) -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

#[test]
fn the_appraisals_that_fell_due_after_the_last_sign_in_are_newly_overdue_and_older_ones_are_not() {
    let store = department();
    let board = dashboard_as(store.conn(), &actor("10", Role::Manager), None, today()).unwrap();
    // Appointed 01/09/2024: the first annual appraisal was due 01/09/2025.
    let appraisals = |since: Option<chrono::NaiveDate>| -> Vec<String> {
        let mut v: Vec<String> = super::newly_overdue(&board, since, today())
            .into_iter()
            .filter(|i| i.what.ends_with("nnual appraisal"))
            .map(|i| i.staff_number)
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        appraisals(Some(at(2025, 8, 20).date())),
        ["10", "11", "12", "121"],
        "signed in last before they fell due: the reports' and their own"
    );
    assert!(
        appraisals(Some(at(2025, 10, 1).date())).is_empty(),
        "already overdue at the last sign-in"
    );
    assert!(appraisals(None).is_empty(), "nothing at a first sign-in");
}

#[test]
fn signing_in_keeps_the_sign_in_before_and_the_notification_counts_from_it() {
    let mut store = department();
    let admin = actor("1", Role::Administrator);
    let pass = "correct horse battery";
    crate::accounts::create_account(store.conn_mut(), &admin, "10", Role::Manager, pass, at(2025, 8, 1)).unwrap();
    let zoe = crate::accounts::sign_in(store.conn_mut(), "10", pass, at(2025, 8, 20)).unwrap();
    let first = super::overdue_since_last_sign_in_as(store.conn(), &zoe, today()).unwrap();
    assert_eq!(first.since, None, "a first sign-in has none before it");
    assert!(
        first.items.is_empty() && first.title.is_empty(),
        "and nothing to notify"
    );

    crate::accounts::sign_in(store.conn_mut(), "10", pass, today().and_hms_opt(8, 30, 0).unwrap()).unwrap();
    let later = super::overdue_since_last_sign_in_as(store.conn(), &zoe, today()).unwrap();
    assert_eq!(later.since, Some(at(2025, 8, 20).date()), "the sign-in before this one");
    let appraisals = later
        .items
        .iter()
        .filter(|i| i.what.ends_with("nnual appraisal"))
        .count();
    assert_eq!(appraisals, 4, "three reports' and their own: {:?}", later.items);
    assert_eq!(
        later.title,
        format!("{} items became overdue since you last signed in", later.items.len()),
        "one notification with a count"
    );
    assert!(
        later.body.lines().count() <= 4 && later.body.contains("due 01/09/2025"),
        "the first few, dates as dd/mm/yyyy: {}",
        later.body
    );

    crate::accounts::sign_in(store.conn_mut(), "10", pass, today().and_hms_opt(9, 0, 0).unwrap()).unwrap();
    let again = super::overdue_since_last_sign_in_as(store.conn(), &zoe, today()).unwrap();
    assert!(
        again.items.is_empty(),
        "nothing new since this morning: {:?}",
        again.items
    );
}
