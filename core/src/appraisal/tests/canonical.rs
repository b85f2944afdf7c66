//! The canonical content and its hash.

use super::*;

#[test]
fn the_content_hash_is_stable_and_ignores_pdp_progress_and_private_wellbeing() {
    let mut store = department();
    let now = at(2025, 5, 1);
    let a = start(store.conn_mut(), CODER, SPECIALIST, AppraisalKind::Annual, None, now).unwrap();
    let item = add_pdp_item(
        store.conn_mut(),
        a.id,
        &PdpItemInput {
            learning_need: "Oncology coding".into(),
            activity: "workshop".into(),
            ..Default::default()
        },
        now,
    )
    .unwrap();
    set_wellbeing(
        store.conn_mut(),
        a.id,
        &Wellbeing {
            notes: "Private.".into(),
            ..Default::default()
        },
        now,
    )
    .unwrap();
    let err = set_pdp_progress(store.conn_mut(), item.id, &PdpProgressInput::default(), now).unwrap_err();
    assert_eq!(err.code(), "conflict", "progress comes after signing");
    complete(&mut store, a.id, now);
    let signed = sign_both(&mut store, a.id, now);
    let json = canonical_json(&signed);
    assert!(!json.contains("Private."), "not chosen for print: {json}");
    assert!(
        json.starts_with("{\"appraisee\":"),
        "keys in sorted order: {}",
        &json[..40]
    );
    let hash = content_sha256(&signed);
    assert_eq!(hash.len(), 64);

    let p = set_pdp_progress(
        store.conn_mut(),
        item.id,
        &PdpProgressInput {
            status: "in_progress".into(),
            evidence: "Certificate of attendance.".into(),
            reflection: "I now check the morphology codes first.".into(),
            completed_on: "2025-09-30".into(),
            ..Default::default()
        },
        at(2025, 10, 1),
    )
    .unwrap();
    assert_eq!(p.status, PdpStatus::Completed, "a completion date completes it");
    assert_eq!(p.completed_on, Some(ymd(2025, 9, 30)));
    let after = get(store.conn(), a.id).unwrap();
    assert_eq!(after.pdp[0].progress.evidence, "Certificate of attendance.");
    assert_eq!(
        content_sha256(&after),
        hash,
        "progress since signing is not the signed content"
    );

    let plan = current_pdp(store.conn(), CODER).unwrap();
    assert_eq!(plan.appraisal_id, Some(a.id));
    assert_eq!((plan.items.len(), plan.completed), (1, 1));
    assert_eq!(plan.cycle.as_deref(), Some("2025/26"));
}
