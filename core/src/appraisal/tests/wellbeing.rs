//! The wellbeing conversation: the appraiser records it, and whether it is
//! printed is the appraisee's choice alone.

use chrono::NaiveDateTime;

use super::*;
use crate::access::tests::{actor, department, today};
use crate::accounts::{Actor, Role};

// The department of `access::tests`: 10 (manager A) manages 11 (Siân
// Jones, a coder); 1 is the administrator.
fn now() -> NaiveDateTime {
    today().and_hms_opt(10, 0, 0).unwrap()
}
fn admin() -> Actor {
    actor("1", Role::Administrator)
}
fn manager() -> Actor {
    actor("10", Role::Manager)
}
fn coder() -> Actor {
    actor("11", Role::Coder)
}

fn started() -> (crate::Store, i64) {
    let mut store = department();
    crate::framework::ensure_builtin(store.conn_mut(), now()).unwrap();
    let a = start_as(store.conn_mut(), &manager(), "11", AppraisalKind::Annual, now()).unwrap();
    (store, a.id)
}

fn printed(store: &crate::Store, id: i64) -> bool {
    get(store.conn(), id).unwrap().wellbeing.include_in_print
}

#[test]
fn only_the_appraisee_chooses_whether_the_wellbeing_conversation_is_printed() {
    let (mut store, id) = started();
    let print = Wellbeing {
        include_in_print: true,
        ..Default::default()
    };
    for who in [manager(), admin()] {
        let err = set_wellbeing_as(store.conn_mut(), &who, id, &print, now()).unwrap_err();
        assert_eq!(err.code(), "forbidden", "{} may not choose: {err}", who.staff_number);
        assert_eq!(
            err.to_string(),
            "Only Siân Jones chooses whether the wellbeing conversation is printed; you can see the choice.",
            "the message names whose choice it is"
        );
        assert!(!printed(&store, id), "nothing was saved for {}", who.staff_number);
    }

    set_wellbeing_as(store.conn_mut(), &coder(), id, &print, now()).expect("the appraisee chooses");
    assert!(printed(&store, id), "the appraisee's choice is stored");

    let said = Wellbeing {
        notes: "Feeling stretched in winter.".into(),
        ..print.clone()
    };
    set_wellbeing_as(store.conn_mut(), &manager(), id, &said, now())
        .expect("the appraiser records the conversation, leaving the choice as it is");
    let unticked = Wellbeing {
        include_in_print: false,
        ..said.clone()
    };
    let err = set_wellbeing_as(store.conn_mut(), &manager(), id, &unticked, now()).unwrap_err();
    assert_eq!(err.code(), "forbidden", "the appraiser cannot undo the choice: {err}");
    let stored = get(store.conn(), id).unwrap().wellbeing;
    assert_eq!(stored, said, "the notes and the appraisee's choice stand");
}

#[test]
fn the_meeting_rights_offer_the_print_choice_to_the_appraisee_alone() {
    let (store, id) = started();
    let rights = |who: &Actor| get_as(store.conn(), who, id, today()).unwrap().rights;
    assert!(rights(&coder()).choose_wellbeing_print, "the appraisee chooses");
    assert!(!rights(&manager()).choose_wellbeing_print, "the appraiser sees it only");
    assert!(
        !rights(&admin()).choose_wellbeing_print,
        "the administrator sees it only"
    );
    assert!(
        rights(&manager()).edit_meeting,
        "the appraiser still records the conversation"
    );
}
