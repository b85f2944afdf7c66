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
