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
    assert_eq!(
        lukasz.annual_due,
        ymd(2026, 9, 1),
        "never appraised: 12 months after appointment"
    );
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
    assert_eq!(zoe.annual_due, ymd(2026, 5, 1), "12 months after the last");
    assert_eq!(zoe.annual_status, Some(AppraisalStatus::Signed));
    assert_eq!(zoe.mid_year_due, ymd(2025, 10, 1));
    assert!(!zoe.annual_overdue);
}

#[test]
fn someone_appointed_years_ago_with_no_appraisal_recorded_is_overdue() {
    let mut store = department();
    staff::add(
        store.conn_mut(),
        &member("Ada", "Long", "4", SPECIALIST, "2020-01-06"),
        ymd(2020, 1, 6),
    )
    .unwrap();
    let ada = |today: NaiveDate| {
        schedule(store.conn(), today)
            .unwrap()
            .into_iter()
            .find(|d| d.name == "Ada Long")
            .unwrap()
    };
    let now = ada(ymd(2026, 11, 28));
    assert_eq!(now.last_signed, None, "no appraisal recorded");
    assert_eq!(now.annual_due, ymd(2021, 1, 6), "due 12 months after appointment");
    assert!(now.annual_overdue, "overdue on 28/11/2026");
    assert!(!ada(ymd(2021, 1, 6)).annual_overdue, "not overdue on the day it is due");
    assert!(ada(ymd(2021, 1, 7)).annual_overdue, "overdue the day after");
}

#[test]
fn the_last_appraisal_before_appraise_counts_until_a_later_one_is_signed_in_appraise() {
    let mut store = department();
    let mut ada = member("Ada", "Long", "4", SPECIALIST, "2020-01-06");
    ada.last_appraisal_before = "2026-03-10".into();
    staff::add(store.conn_mut(), &ada, ymd(2026, 3, 10)).unwrap();
    let due = |today: NaiveDate| {
        schedule(store.conn(), today)
            .unwrap()
            .into_iter()
            .find(|d| d.name == "Ada Long")
            .unwrap()
    };
    let now = due(ymd(2026, 11, 28));
    assert_eq!(now.last_appraisal_before, Some(ymd(2026, 3, 10)));
    assert_eq!(
        now.annual_due,
        ymd(2027, 3, 10),
        "12 months after the appraisal held before Appraise, not the appointment"
    );
    assert!(!now.annual_overdue, "in time on 28/11/2026");
    assert!(!due(ymd(2027, 3, 10)).annual_overdue, "the anniversary is on time");
    assert!(due(ymd(2027, 3, 11)).annual_overdue, "overdue the day after");

    // Zoë's last appraisal in Appraise (01/05/2025) is later than the one
    // recorded from before: the later counts.
    signed_2025(&mut store);
    let mut zoe = staff::get(store.conn(), CODER).unwrap();
    let input = crate::staff::StaffInput {
        staff_number: zoe.staff_number.clone(),
        forename: zoe.forename.clone(),
        surname: zoe.surname.clone(),
        band: zoe.band.clone(),
        job_title: zoe.job_title.clone(),
        appointed: zoe.appointed.to_string(),
        manager: zoe.manager.clone().unwrap_or_default(),
        last_appraisal_before: "2024-06-30".into(),
        ..Default::default()
    };
    crate::staff::edit_audited(
        store.conn_mut(),
        &crate::accounts::Actor::system(),
        CODER,
        &input,
        ymd(2025, 6, 1),
        ymd(2025, 6, 1).and_hms_opt(9, 0, 0).unwrap(),
    )
    .unwrap();
    zoe = staff::get(store.conn(), CODER).unwrap();
    assert_eq!(zoe.last_appraisal_before, Some(ymd(2024, 6, 30)));
    let row = schedule(store.conn(), ymd(2025, 10, 14))
        .unwrap()
        .into_iter()
        .find(|d| d.staff_number == CODER)
        .unwrap();
    assert_eq!(row.annual_due, ymd(2026, 5, 1), "the later, signed in Appraise");
}

#[test]
fn an_annual_appraisal_is_overdue_the_day_after_the_anniversary_of_the_last() {
    let mut store = department();
    signed_2025(&mut store);
    let zoe = |today: NaiveDate| {
        schedule(store.conn(), today)
            .unwrap()
            .into_iter()
            .find(|d| d.staff_number == CODER)
            .unwrap()
    };
    assert!(!zoe(ymd(2026, 5, 1)).annual_overdue, "the anniversary is on time");
    assert!(zoe(ymd(2026, 5, 2)).annual_overdue, "the day after is overdue");
}
