//! The trust's appraisal settings.

use super::*;

#[test]
fn settings_are_checked_and_stored_whole() {
    let mut store = department();
    let bad = AppraisalSettings {
        cycle_start_month: 13,
        audit_met: crate::coding_audit::words::Thresholds {
            primary_diagnosis: 101,
            ..crate::coding_audit::words::DSPT_MET
        },
        ..Default::default()
    };
    let f = fields(save_settings(store.conn_mut(), &bad).unwrap_err());
    let names: Vec<&str> = f.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["cycle_start_month", "audit_met.primary_diagnosis"]);
    let good = AppraisalSettings {
        department_dates: vec![DepartmentDate {
            cycle_start_year: 2025,
            due: ymd(2025, 6, 30),
        }],
        ..Default::default()
    };
    assert_eq!(save_settings(store.conn_mut(), &good).unwrap(), good);
    let zoe = schedule(store.conn(), ymd(2025, 7, 1))
        .unwrap()
        .into_iter()
        .find(|d| d.staff_number == CODER)
        .unwrap();
    assert_eq!(zoe.annual_due, ymd(2025, 6, 30), "the department's date");
    assert!(zoe.annual_overdue);
}

#[test]
fn only_the_administrator_changes_the_appraisal_settings_and_it_is_audited() {
    let mut store = department();
    let coder = Actor {
        staff_number: SPECIALIST.into(),
        role: Role::Coder,
        name: "Zoë Ní Bhriain".into(),
        must_change_passphrase: false,
    };
    let now = at(2025, 5, 1);
    let mine = AppraisalSettings {
        cycle_start_month: 7,
        objective_setting_weeks: 8,
        audit_met: crate::coding_audit::words::Thresholds {
            primary_diagnosis: 95,
            secondary_diagnosis: 85,
            primary_procedure: 92,
            secondary_procedure: 80,
        },
        ..Default::default()
    };
    assert!(matches!(
        save_settings_as(store.conn_mut(), &coder, &mine, now),
        Err(Error::Forbidden(_))
    ));
    assert!(matches!(settings_as(store.conn(), &coder), Err(Error::Forbidden(_))));
    let bad = AppraisalSettings {
        cycle_start_month: 0,
        ..mine.clone()
    };
    let f = fields(save_settings_as(store.conn_mut(), &administrator(), &bad, now).unwrap_err());
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].0, "cycle_start_month");
    assert!(f[0].1.contains("1 (January) to 12 (December)"), "{}", f[0].1);
    assert_eq!(settings(store.conn()).unwrap(), AppraisalSettings::default());
    let saved = save_settings_as(store.conn_mut(), &administrator(), &mine, now).unwrap();
    assert_eq!(saved, mine);
    assert_eq!(settings_as(store.conn(), &administrator()).unwrap(), mine);
    let audited: i64 = store
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE action = 'setting.change' AND record_id = 'appraisal'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1);
}
