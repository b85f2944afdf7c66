//! Who is due which meeting.

use super::*;

#[test]
fn a_new_starter_without_an_objective_setting_meeting_after_six_weeks_is_flagged_late() {
    let mut store = department();
    staff::add(
        store.conn_mut(),
        &member("Łukasz", "Wiśniewski", "3", SPECIALIST, "2025-09-01"),
        ymd(2025, 9, 1),
    )
    .unwrap();
    let on_time = schedule(store.conn(), ymd(2025, 10, 13)).unwrap();
    let lukasz = on_time.iter().find(|d| d.name == "Łukasz Wiśniewski").unwrap();
    assert_eq!(lukasz.objective_setting_due, Some(ymd(2025, 10, 13)));
    assert!(!lukasz.objective_setting_late, "due today: not late yet");
    assert_eq!(lukasz.annual_due, None, "never appraised");
    let late = schedule(store.conn(), ymd(2025, 10, 14)).unwrap();
    assert!(
        late.iter()
            .find(|d| d.name == "Łukasz Wiśniewski")
            .unwrap()
            .objective_setting_late
    );

    signed_2025(&mut store);
    let zoe = schedule(store.conn(), ymd(2025, 10, 14))
        .unwrap()
        .into_iter()
        .find(|d| d.staff_number == CODER)
        .unwrap();
    assert_eq!(zoe.last_signed, Some(ymd(2025, 5, 1)));
    assert_eq!(zoe.annual_due, Some(ymd(2026, 5, 1)), "12 months after the last");
    assert_eq!(zoe.annual_status, Some(AppraisalStatus::Signed));
    assert_eq!(zoe.mid_year_due, ymd(2025, 10, 1));
    assert!(!zoe.annual_overdue);
}
