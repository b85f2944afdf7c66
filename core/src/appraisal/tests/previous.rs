//! Last year's objectives: review, outcomes, carrying forward.

use super::*;

#[test]
fn last_years_objectives_are_copied_for_review_and_a_carried_forward_one_into_this_year() {
    let mut store = department();
    let last = signed_2025(&mut store);
    let now = at(2026, 4, 20);
    let a = start(store.conn_mut(), CODER, SPECIALIST, AppraisalKind::Annual, None, now).unwrap();
    assert_eq!(a.cycle.label, "2026/27");
    assert_eq!(a.previous_objectives.len(), 2, "both of last year's objectives");
    let p = &a.previous_objectives[0];
    assert_eq!(p.source_objective_id, Some(last.objectives[0].id));
    assert_eq!(p.text, last.objectives[0].text);
    assert_eq!(p.target_level, Some(3));

    let reviewed = set_previous_outcome(
        store.conn_mut(),
        p.id,
        Some(Outcome::CarriedForward),
        "Nearly there: keep going.",
        now,
    )
    .unwrap();
    let copy_id = reviewed.carried_objective_id.expect("copied into this year");
    let record = get(store.conn(), a.id).unwrap();
    let copy = record.objectives.iter().find(|o| o.id == copy_id).unwrap();
    assert_eq!(copy.text, p.text);
    assert_eq!(copy.carried_from, Some(p.id));
    assert_eq!(copy.due, Some(ymd(2027, 3, 31)), "due a year on, inside 2026/27");
    assert_eq!(copy.statement_text, last.objectives[0].statement_text, "same words");
    assert_eq!(reviewed.comments, "Nearly there: keep going.");

    let again = set_previous_outcome(store.conn_mut(), p.id, Some(Outcome::CarriedForward), "", now).unwrap();
    assert_eq!(
        again.carried_objective_id,
        Some(copy_id),
        "saving again does not copy twice"
    );
    let met = set_previous_outcome(store.conn_mut(), p.id, Some(Outcome::Met), "", now).unwrap();
    assert_eq!(met.carried_objective_id, None);
    assert!(get(store.conn(), a.id).unwrap().objectives.is_empty(), "the copy goes");
}

#[test]
fn removing_a_carried_forward_objective_clears_the_outcome_it_came_from() {
    let mut store = department();
    signed_2025(&mut store);
    let now = at(2026, 4, 20);
    let a = start(store.conn_mut(), CODER, SPECIALIST, AppraisalKind::Annual, None, now).unwrap();
    let p = a.previous_objectives[0].id;
    let copy = set_previous_outcome(store.conn_mut(), p, Some(Outcome::CarriedForward), "", now)
        .unwrap()
        .carried_objective_id
        .unwrap();
    remove_objective(store.conn_mut(), copy, now).unwrap();
    let record = get(store.conn(), a.id).unwrap();
    assert_eq!(record.previous_objectives[0].outcome, None, "to be decided again");
}

#[test]
fn a_mid_year_review_looks_at_this_years_objectives_and_does_not_carry_forward() {
    let mut store = department();
    signed_2025(&mut store);
    let now = at(2025, 10, 2);
    let m = start(store.conn_mut(), CODER, SPECIALIST, AppraisalKind::MidYear, None, now).unwrap();
    assert_eq!(m.previous_objectives.len(), 2, "this cycle's objectives");
    let err = set_previous_outcome(
        store.conn_mut(),
        m.previous_objectives[0].id,
        Some(Outcome::CarriedForward),
        "",
        now,
    )
    .unwrap_err();
    assert_eq!(fields(err)[0].0, "outcome");
}
