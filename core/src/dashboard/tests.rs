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
