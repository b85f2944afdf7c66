//! Signing in: the first run (the first administrator), signing in with a
//! staff number and passphrase, checking the passphrase again to unlock or
//! sign, the signed-in person as the database has them now, and what the
//! window needs to choose its first screen.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::account::actor_of;
use super::actor::{Actor, Role};
use super::passphrase::{check, check_passphrase_rule, hash_passphrase, Purpose};
use crate::audit;
use crate::staff::{self, StaffInput};
use crate::store::accounts as db;
use crate::store::staff as staff_db;
use crate::{Error, FieldError, Result};

/// A name on the sign-in screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SignInName {
    pub staff_number: String,
    pub name: String,
}

/// What the window needs to decide its first screen: the first-run form,
/// the sign-in screen, the unlock screen, or the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SessionStatus {
    /// No account exists yet: ask for the first administrator.
    pub first_run: bool,
    /// Who is signed in, if anyone.
    pub actor: Option<Actor>,
    /// Signed in, but idle for too long: ask for the passphrase again.
    pub locked: bool,
    pub idle_lock_minutes: u32,
    /// The names on the sign-in screen.
    pub names: Vec<SignInName>,
}

/// True while Appraise has no account at all: the window then asks for the
/// first administrator instead of showing the sign-in screen.
pub fn needs_first_run(conn: &Connection) -> Result<bool> {
    Ok(db::count(conn)? == 0)
}

/// First run: makes the administrator, and signs them in. `input` is the
/// staff form; if its staff number is already a staff member's (a database
/// from before accounts), that member becomes the administrator when the
/// names match. Refused once any account exists.
pub fn create_first_administrator(
    conn: &mut Connection,
    input: &StaffInput,
    passphrase: &str,
    now: NaiveDateTime,
) -> Result<Actor> {
    let today = now.date();
    let mut problems = Vec::new();
    let staff_problems = staff::validate(input, today).err();
    if let Some(Error::Invalid(fields)) = staff_problems {
        problems.extend(fields);
    }
    if let Err(Error::Invalid(fields)) = check_passphrase_rule(passphrase) {
        problems.extend(fields);
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }

    let tx = crate::store::write(conn)?;
    if db::count(&tx)? > 0 {
        return Err(Error::Conflict(
            "Appraise already has an administrator. Sign in, or ask the administrator for an account.".to_owned(),
        ));
    }
    let number = input.staff_number.trim();
    let existing = if number.is_empty() {
        None
    } else {
        staff_db::get(&tx, number)?
    };
    let (staff_number, staff_id) = match existing {
        Some(member) => {
            let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
            if !(same(&member.forename, &input.forename) && same(&member.surname, &input.surname)) {
                return Err(Error::Invalid(vec![FieldError {
                    field: "staff_number".into(),
                    message: format!(
                        "Staff number {number} belongs to {}. Enter that name, or another staff number.",
                        member.full_name()
                    ),
                }]));
            }
            let id = staff_db::id_of(&tx, number)?.expect("just read");
            (member.staff_number, id)
        }
        None => {
            let added = staff::add_in(&tx, input, today)?;
            audit::record(
                &tx,
                Some(&added),
                "staff.add",
                "staff",
                &added,
                audit::snapshot(&staff::get(&tx, &added)?),
                now,
            )?;
            let id = staff_db::id_of(&tx, &added)?.expect("just added");
            (added, id)
        }
    };
    db::insert(
        &tx,
        staff_id,
        Role::Administrator.code(),
        &hash_passphrase(passphrase)?,
        false,
        now,
    )?;
    audit::record(
        &tx,
        Some(&staff_number),
        "account.create",
        "account",
        &staff_number,
        serde_json::json!({ "role": Role::Administrator.code(), "first_run": true }),
        now,
    )?;
    let account = db::get(&tx, &staff_number)?.expect("just made");
    tx.commit()?;
    actor_of(&account)
}

/// Signs in with a staff number and passphrase. After wrong passphrases the
/// account must wait (see [`delay_after`](super::delay_after)); trying
/// during the wait is refused with the seconds left, and not counted.
/// Leavers cannot sign in.
pub fn sign_in(conn: &mut Connection, staff_number: &str, passphrase: &str, now: NaiveDateTime) -> Result<Actor> {
    let account = check(conn, staff_number, passphrase, now, Purpose::SignIn)?;
    audit::record(
        conn,
        Some(&account.staff_number),
        "account.sign_in",
        "account",
        &account.staff_number,
        serde_json::json!({}),
        now,
    )?;
    actor_of(&account)
}

/// Checks a passphrase again without signing in: for unlocking after the
/// idle lock and for signing an appraisal. Wrong ones count towards the same
/// wait as at sign-in.
pub fn verify_passphrase(
    conn: &mut Connection,
    staff_number: &str,
    passphrase: &str,
    now: NaiveDateTime,
) -> Result<()> {
    check(conn, staff_number, passphrase, now, Purpose::Confirm).map(|_| ())
}

/// The signed-in person as the database has them now, for a window that
/// keeps a session: a role changed since they signed in takes effect at
/// once, and a session ends when its account is gone or its owner has left.
pub fn current(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Actor> {
    let ended = || Error::Unauthenticated("Your account has changed. Sign in again to continue.".to_owned());
    let account = db::get(conn, &actor.staff_number)?.ok_or_else(ended)?;
    if account.leaver_date.is_some_and(|d| d <= today) {
        return Err(ended());
    }
    actor_of(&account)
}

/// The names on the sign-in screen: everyone with an account who has not
/// left by `today`, by surname.
pub fn sign_in_list(conn: &Connection, today: NaiveDate) -> Result<Vec<SignInName>> {
    Ok(db::list(conn)?
        .into_iter()
        .filter(|a| a.leaver_date.is_none_or(|d| d > today))
        .map(|a| SignInName {
            name: format!("{} {}", a.forename, a.surname),
            staff_number: a.staff_number,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::set_role;
    use crate::accounts::test_support::{add_coder, noon, person, with_admin, GOOD};
    use crate::Store;

    #[test]
    fn the_first_run_makes_an_administrator_and_only_once() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(
            needs_first_run(store.conn()).unwrap(),
            "a new database needs its administrator"
        );
        let admin = create_first_administrator(store.conn_mut(), &person("1000", "Łukasz", "Wiśniewski"), GOOD, noon())
            .unwrap();
        assert_eq!(admin.role, Role::Administrator);
        assert_eq!(admin.name, "Łukasz Wiśniewski", "accents survive");
        assert!(!admin.must_change_passphrase, "they chose it themselves");
        assert!(!needs_first_run(store.conn()).unwrap());
        let again =
            create_first_administrator(store.conn_mut(), &person("1001", "Eve", "Later"), GOOD, noon()).unwrap_err();
        assert_eq!(again.code(), "conflict", "{again}");
        assert!(staff::get(store.conn(), "1001").is_err(), "nothing half-made");
    }

    #[test]
    fn the_first_run_form_shows_every_problem_at_once() {
        let mut store = Store::open_in_memory().unwrap();
        let mut p = person("1000", "", "Wiśniewski");
        p.band = "12".into();
        let err = create_first_administrator(store.conn_mut(), &p, "short", noon()).unwrap_err();
        let Error::Invalid(fields) = err else {
            panic!("invalid expected")
        };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["forename", "band", "passphrase"]);
        assert!(
            fields[2].message.contains("at least 10 characters"),
            "{}",
            fields[2].message
        );
    }

    #[test]
    fn an_existing_staff_member_can_become_the_first_administrator_if_the_name_matches() {
        let mut store = Store::open_in_memory().unwrap();
        staff::add(store.conn_mut(), &person("1000", "Siân", "Jones"), noon().date()).unwrap();
        let wrong =
            create_first_administrator(store.conn_mut(), &person("1000", "Eve", "Jones"), GOOD, noon()).unwrap_err();
        assert!(wrong.to_string().contains("belongs to Siân Jones"), "{wrong}");
        let admin =
            create_first_administrator(store.conn_mut(), &person("1000", "siân", "JONES"), GOOD, noon()).unwrap();
        assert_eq!(admin.staff_number, "1000");
        assert_eq!(
            staff::list(store.conn()).unwrap().len(),
            1,
            "no second record for the same person"
        );
    }

    #[test]
    fn verify_passphrase_shares_the_wait_with_sign_in() {
        let (mut store, _) = with_admin();
        let c = store.conn_mut();
        verify_passphrase(c, "1000", GOOD, noon()).unwrap();
        for _ in 0..3 {
            let _ = verify_passphrase(c, "1000", "nope nope nope", noon());
        }
        let err = sign_in(c, "1000", GOOD, noon()).unwrap_err();
        assert!(err.to_string().contains("Wait"), "{err}");
    }

    #[test]
    fn an_unknown_staff_number_cannot_sign_in() {
        let (mut store, _) = with_admin();
        let err = sign_in(store.conn_mut(), "9999", GOOD, noon()).unwrap_err();
        assert_eq!(err.code(), "unauthenticated");
        assert!(err.to_string().contains("9999"), "{err}");
    }

    #[test]
    fn leavers_are_not_on_the_sign_in_screen_and_cannot_sign_in() {
        let (mut store, admin) = with_admin();
        add_coder(&mut store, &admin, "2001", "Zoë");
        let names: Vec<String> = sign_in_list(store.conn(), noon().date())
            .unwrap()
            .into_iter()
            .map(|n| n.name)
            .collect();
        assert_eq!(names, ["Zoë Ní Bhriain", "Łukasz Wiśniewski"], "by surname");
        staff::mark_leaver(store.conn_mut(), &admin, "2001", "2026-11-20", noon()).unwrap();
        assert_eq!(sign_in_list(store.conn(), noon().date()).unwrap().len(), 1);
        let err = sign_in(store.conn_mut(), "2001", GOOD, noon()).unwrap_err();
        assert!(err.to_string().contains("left on 20/11/2026"), "{err}");
    }

    #[test]
    fn a_session_follows_role_changes_and_ends_for_a_leaver() {
        let (mut store, admin) = with_admin();
        add_coder(&mut store, &admin, "2001", "Zoë");
        let zoe = sign_in(store.conn_mut(), "2001", GOOD, noon()).unwrap();
        set_role(store.conn_mut(), &admin, "2001", Role::Manager, noon()).unwrap();
        assert_eq!(current(store.conn(), &zoe, noon().date()).unwrap().role, Role::Manager);
        staff::mark_leaver(store.conn_mut(), &admin, "2001", "2026-11-21", noon()).unwrap();
        let err = current(store.conn(), &zoe, noon().date()).unwrap_err();
        assert_eq!(err.code(), "unauthenticated");
    }
}
