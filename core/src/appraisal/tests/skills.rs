//! The skills step: self-assessed and agreed levels, and the gaps.

use super::*;

#[test]
fn self_and_agreed_levels_are_saved_and_gaps_follow_the_agreed_one() {
    let mut store = department();
    let a = start(
        store.conn_mut(),
        CODER,
        SPECIALIST,
        AppraisalKind::Annual,
        None,
        at(2025, 5, 1),
    )
    .unwrap();
    let skill = a.skills.iter().find(|s| s.competency == "Coding accuracy").unwrap().id;
    let s = set_self_level(store.conn_mut(), skill, Some(2), at(2025, 4, 28)).unwrap();
    assert_eq!(
        (s.self_level, s.gap),
        (Some(2), 1),
        "self-assessed below expected: a gap"
    );
    let s = set_agreed_level(store.conn_mut(), skill, Some(3), at(2025, 5, 1)).unwrap();
    assert_eq!((s.agreed_level, s.gap), (Some(3), 0), "the agreed level decides");
    let err = set_agreed_level(store.conn_mut(), skill, Some(7), at(2025, 5, 1)).unwrap_err();
    assert_eq!(
        fields(err)[0].1,
        "Coding accuracy has no level 7 statement; choose 2, 3 or 4."
    );
    let s = set_agreed_level(store.conn_mut(), skill, None, at(2025, 5, 1)).unwrap();
    assert_eq!(
        (s.agreed_level, s.gap),
        (None, 1),
        "cleared: back to the self-assessment"
    );
}
