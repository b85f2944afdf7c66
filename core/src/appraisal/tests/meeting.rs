//! The meeting saved as it is typed, and resumed at its step.

use super::*;

#[test]
fn everything_typed_survives_closing_the_app_and_the_meeting_resumes_at_its_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let id = {
        let mut store = Store::open(&path).unwrap();
        ensure_builtin(store.conn_mut(), at(2020, 1, 1)).unwrap();
        for (f, s, b, m) in [("Siân", "Jones", "5", ""), ("Zoë", "Ní Bhriain", "4", "100001")] {
            staff::add(store.conn_mut(), &member(f, s, b, m, "2019-01-01"), ymd(2020, 1, 1)).unwrap();
        }
        let now = at(2025, 5, 1);
        let a = start(store.conn_mut(), "100002", "100001", AppraisalKind::Annual, None, now).unwrap();
        let skill = a.skills[0].id;
        set_self_level(store.conn_mut(), skill, Some(2), now).unwrap();
        add_objective(store.conn_mut(), a.id, &accuracy(Some(3)), now).unwrap();
        set_kpi_objective(store.conn_mut(), a.id, Some(&KpiInput::default()), now).unwrap();
        set_wellbeing(
            store.conn_mut(),
            a.id,
            &Wellbeing {
                notes: "Settling in well.".into(),
                flexible_working: "Compressed hours on Fridays.".into(),
                ..Default::default()
            },
            now,
        )
        .unwrap();
        set_comments(store.conn_mut(), a.id, Party::Appraisee, "A good year, Siân.", now).unwrap();
        set_step(store.conn_mut(), a.id, Step::Wellbeing, now).unwrap();
        a.id
        // The store is dropped here without any closing step: as if killed.
    };
    let store = Store::open(&path).unwrap();
    let a = get(store.conn(), id).unwrap();
    assert_eq!(a.step, Step::Wellbeing, "resumes at the same step");
    assert_eq!(a.skills[0].self_level, Some(2));
    assert_eq!(a.objectives.len(), 1);
    assert_eq!(a.kpi.as_ref().map(|k| k.primary_diagnosis), Some(90.0));
    assert_eq!(a.wellbeing.flexible_working, "Compressed hours on Fridays.");
    assert_eq!(a.appraisee_comments, "A good year, Siân.");
    assert_eq!(a.updated_at, at(2025, 5, 1));
}
