//! This year's objectives and the KPI objective.

use super::*;

#[test]
fn an_objective_mapped_to_a_level_its_competency_does_not_have_is_refused_with_a_clear_message() {
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
    let err = add_objective(store.conn_mut(), a.id, &accuracy(Some(7)), at(2025, 5, 1)).unwrap_err();
    assert_eq!(err.code(), "invalid");
    let f = fields(err);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "target_level");
    assert_eq!(f[0].1, "Coding accuracy has no level 7 statement; choose 2, 3 or 4.");
    assert!(get(store.conn(), a.id).unwrap().objectives.is_empty(), "nothing stored");
}

#[test]
fn an_objective_keeps_the_framework_version_and_statement_it_was_agreed_against() {
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
    let o = add_objective(store.conn_mut(), a.id, &accuracy(Some(4)), at(2025, 5, 1)).unwrap();
    let c = o.competency.as_ref().expect("mapped");
    assert_eq!(Some(c.framework_id), a.framework_id);
    assert_eq!(c.competency, "Coding accuracy");
    assert_eq!(o.target_level, Some(4));
    let text = o.statement_text.as_deref().unwrap();
    assert!(
        text.contains("on a regular basis") && text.contains('\n'),
        "both level 4 statements, one per line: {text}"
    );
    let stored: (i64, String) = store
        .conn()
        .query_row(
            "SELECT framework_id, text FROM framework_statement WHERE id = ?1",
            [o.statement_id.unwrap()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        stored.0, c.framework_id,
        "the statement is of the same framework version"
    );
    assert!(text.starts_with(&stored.1), "the first statement's words, as agreed");
    assert!(o.missing.is_empty(), "complete: {:?}", o.missing);
}

#[test]
fn every_bad_objective_field_gets_its_own_message() {
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
    let bad = ObjectiveInput {
        text: "  ".into(),
        due: "2026-04-01".into(),
        skill_code: "ANCC".into(),
        competency: "Coding acuracy".into(),
        target_level: Some(3),
        ..Default::default()
    };
    let f = fields(add_objective(store.conn_mut(), a.id, &bad, at(2025, 5, 1)).unwrap_err());
    let names: Vec<&str> = f.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["text", "due", "competency"], "{f:?}");
    assert!(
        f[1].1.contains("inside the 2025/26 cycle, 01/04/2025 to 31/03/2026"),
        "{}",
        f[1].1
    );
    assert!(
        f[2].1.contains("Coding acuracy"),
        "the message quotes the name: {}",
        f[2].1
    );

    let level_only = ObjectiveInput {
        text: "Something".into(),
        target_level: Some(3),
        ..Default::default()
    };
    let f = fields(add_objective(store.conn_mut(), a.id, &level_only, at(2025, 5, 1)).unwrap_err());
    assert_eq!(f[0].0, "competency", "a level needs its competency first");
}

#[test]
fn a_draft_objective_saves_with_only_its_text_and_says_what_is_missing() {
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
    let draft = ObjectiveInput {
        text: "Improve".into(),
        ..Default::default()
    };
    let o = add_objective(store.conn_mut(), a.id, &draft, at(2025, 5, 1)).unwrap();
    assert_eq!(o.missing, ["measure", "due", "competency", "target_level"]);
    let o = update_objective(store.conn_mut(), o.id, &accuracy(Some(3)), at(2025, 5, 1)).unwrap();
    assert!(o.missing.is_empty());
    remove_objective(store.conn_mut(), o.id, at(2025, 5, 1)).unwrap();
    assert!(get(store.conn(), a.id).unwrap().objectives.is_empty());
}

#[test]
fn the_kpi_objective_starts_from_the_trusts_dspt_thresholds() {
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
    let k = set_kpi_objective(store.conn_mut(), a.id, Some(&KpiInput::default()), at(2025, 5, 1))
        .unwrap()
        .unwrap();
    assert_eq!(
        (k.primary_diagnosis, k.secondary_diagnosis, k.procedure),
        (90.0, 80.0, 90.0)
    );
    let mut s = settings(store.conn()).unwrap();
    s.audit_met.secondary_diagnosis = 85;
    save_settings(store.conn_mut(), &s).unwrap();
    let input = KpiInput {
        primary_diagnosis: "92.5%".into(),
        ..Default::default()
    };
    let k = set_kpi_objective(store.conn_mut(), a.id, Some(&input), at(2025, 5, 1))
        .unwrap()
        .unwrap();
    assert_eq!(
        (k.primary_diagnosis, k.secondary_diagnosis),
        (92.5, 85.0),
        "typed, then the new default"
    );
    let bad = KpiInput {
        procedure: "110".into(),
        ..Default::default()
    };
    let f = fields(set_kpi_objective(store.conn_mut(), a.id, Some(&bad), at(2025, 5, 1)).unwrap_err());
    assert_eq!(f[0].0, "procedure");
    assert!(f[0].1.contains("110"), "{}", f[0].1);
    assert_eq!(
        set_kpi_objective(store.conn_mut(), a.id, None, at(2025, 5, 1)).unwrap(),
        None
    );
    assert!(get(store.conn(), a.id).unwrap().kpi.is_none(), "taken away");
}
