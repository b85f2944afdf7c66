//! Signing in: the first run (the first administrator), signing in with a
//! staff number and passphrase, checking the passphrase again to unlock or
//! sign, the signed-in person as the database has them now, and what the
//! window needs to choose its first screen.

use crate::store::db::Connection;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::account::actor_of;
use super::actor::{Actor, Role};
use super::db_login;
use super::passphrase::{check, check_passphrase_rule, hash_passphrase, Purpose};
use crate::staff::{self, StaffInput};
use crate::store::accounts as db;
use crate::store::staff as staff_db;
use crate::{audit, settings};
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
    /// At first run, the people the administrator can be chosen from
    /// ([`first_run_people`]); empty otherwise.
    pub first_run_people: Vec<SignInName>,
}

/// True while Appraise has no account at all: the window then asks for the
/// first administrator instead of showing the sign-in screen.
pub fn needs_first_run(conn: &Connection) -> Result<bool> {
    Ok(db::count(conn)? == 0)
}

/// What the first-run form sends: who the administrator is (a person
/// already in Appraise, chosen by staff number, or the staff form to add
/// them), and the trust's and department's names printed on every page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
pub struct FirstRun {
    /// The staff number of the person chosen from [`first_run_people`];
    /// empty to add `person` instead.
    pub existing: String,
    /// The staff form, used only when `existing` is empty.
    pub person: StaffInput,
    pub trust: String,
    pub department: String,
}

/// The people the first administrator can be chosen from: every staff
/// member who has not left by `today`, by surname, names and staff numbers
/// only. Empty once any account exists, so nobody's name is shown before
/// sign-in after the first run.
pub fn first_run_people(conn: &Connection, today: NaiveDate) -> Result<Vec<SignInName>> {
    if !needs_first_run(conn)? {
        return Ok(Vec::new());
    }
    Ok(staff_db::list(conn)?
        .into_iter()
        .filter(|m| m.leaver_date.is_none_or(|d| d > today))
        .map(|m| SignInName {
            name: m.full_name(),
            staff_number: m.staff_number,
        })
        .collect())
}

/// First run from the window: makes the chosen person (or the one added)
/// the administrator and saves the trust's and department's names through
/// the settings module, in the one transaction that makes the account, so
/// no printed record carries the placeholder name. Signs them in. Refused
/// once any account exists.
pub fn first_run(conn: &mut Connection, form: &FirstRun, passphrase: &str, now: NaiveDateTime) -> Result<Actor> {
    let who = match form.existing.trim() {
        "" => Who::Add(&form.person),
        number => Who::Existing(number),
    };
    make_first_administrator(conn, who, Some((&form.trust, &form.department)), passphrase, now)
}

/// First run from the CLI: the staff form only; the header keeps what is
/// stored (the administrator sets it in Settings). If the staff number is
/// already a staff member's, that member becomes the administrator when the
/// names match. Refused once any account exists.
pub fn create_first_administrator(
    conn: &mut Connection,
    input: &StaffInput,
    passphrase: &str,
    now: NaiveDateTime,
) -> Result<Actor> {
    make_first_administrator(conn, Who::Add(input), None, passphrase, now)
}

/// Who becomes the first administrator.
enum Who<'a> {
    /// A staff member already in Appraise, by staff number.
    Existing(&'a str),
    /// The staff form: an existing member when its staff number is theirs
    /// and the names match, otherwise a new staff member.
    Add(&'a StaffInput),
}

fn make_first_administrator(
    conn: &mut Connection,
    who: Who,
    names: Option<(&str, &str)>,
    passphrase: &str,
    now: NaiveDateTime,
) -> Result<Actor> {
    let today = now.date();
    let mut problems = Vec::new();
    if let Who::Add(input) = who {
        if let Err(Error::Invalid(fields)) = staff::validate(input, today) {
            problems.extend(fields);
        }
    }
    if let Err(Error::Invalid(fields)) = check_passphrase_rule(passphrase) {
        problems.extend(fields);
    }
    let header = match names {
        Some((trust, department)) => {
            let header = settings::print::with_names(conn, trust, department)?;
            if let Err(fields) = settings::print::check(&header) {
                problems.extend(fields);
            }
            Some(header)
        }
        None => None,
    };
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }

    let tx = crate::store::write(conn)?;
    if db::count(&tx)? > 0 {
        return Err(Error::Conflict(
            "Appraise already has an administrator. Sign in, or ask the administrator for an account.".to_owned(),
        ));
    }
    let (staff_number, staff_id) = match who {
        Who::Existing(number) => existing_person(&tx, number, today)?,
        Who::Add(input) => add_person(&tx, input, now)?,
    };
    db::insert(
        &tx,
        staff_id,
        Role::Administrator.code(),
        &hash_passphrase(passphrase)?,
        false,
        now,
    )?;
    db_login::give(&tx, staff_id, passphrase)?;
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
    let admin = actor_of(&account)?;
    if let Some(header) = header {
        settings::print::save_in(&tx, &admin, &header, now)?;
    }
    tx.commit()?;
    Ok(admin)
}

/// A person chosen from the first-run list: still there and not a leaver.
fn existing_person(tx: &Connection, number: &str, today: NaiveDate) -> Result<(String, i64)> {
    let not_on_list = || {
        Error::Invalid(vec![FieldError {
            field: "existing".into(),
            message: format!("Staff number {number} is not on the list. Choose a person from the list."),
        }])
    };
    let member = staff_db::get(tx, number)?.ok_or_else(not_on_list)?;
    if member.leaver_date.is_some_and(|d| d <= today) {
        return Err(not_on_list());
    }
    let id = staff_db::id_of(tx, number)?.expect("just read");
    Ok((member.staff_number, id))
}

/// The staff form at first run: the member whose staff number it gives
/// (when the names match), or a new staff member; never a second record
/// for someone already there.
fn add_person(tx: &Connection, input: &StaffInput, now: NaiveDateTime) -> Result<(String, i64)> {
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    let number = input.staff_number.trim();
    if number.is_empty() {
        let appointed = staff::validate(input, now.date())?.appointed;
        let twin = staff_db::list(tx)?.into_iter().find(|m| {
            same(&m.forename, &input.forename) && same(&m.surname, &input.surname) && m.appointed == appointed
        });
        if let Some(m) = twin {
            return Err(Error::Invalid(vec![FieldError {
                field: "staff_number".into(),
                message: format!(
                    "{} (staff number {}) is already in Appraise. Choose them from the list of people instead of adding them again.",
                    m.full_name(),
                    m.staff_number
                ),
            }]));
        }
    } else if let Some(member) = staff_db::get(tx, number)? {
        if !(same(&member.forename, &input.forename) && same(&member.surname, &input.surname)) {
            return Err(Error::Invalid(vec![FieldError {
                field: "staff_number".into(),
                message: format!(
                    "Staff number {number} belongs to {}. Enter that name, or another staff number.",
                    member.full_name()
                ),
            }]));
        }
        let id = staff_db::id_of(tx, number)?.expect("just read");
        return Ok((member.staff_number, id));
    }
    let added = staff::add_in(tx, input, now.date())?;
    audit::record(
        tx,
        Some(&added),
        "staff.add",
        "staff",
        &added,
        audit::snapshot(&staff::get(tx, &added)?),
        now,
    )?;
    let id = staff_db::id_of(tx, &added)?.expect("just added");
    Ok((added, id))
}

/// Signs in with a staff number and passphrase. After wrong passphrases the
/// account must wait (see [`delay_after`](super::delay_after)); trying
/// during the wait is refused with the seconds left, and not counted.
/// Leavers cannot sign in.
pub fn sign_in(conn: &mut Connection, staff_number: &str, passphrase: &str, now: NaiveDateTime) -> Result<Actor> {
    let account = check(conn, staff_number, passphrase, now, Purpose::SignIn)?;
    let tx = crate::store::write(conn)?;
    db::note_sign_in(&tx, account.id, now)?;
    audit::record(
        &tx,
        Some(&account.staff_number),
        "account.sign_in",
        "account",
        &account.staff_number,
        serde_json::json!({}),
        now,
    )?;
    tx.commit()?;
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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

    fn form(existing: &str, person: StaffInput) -> FirstRun {
        FirstRun {
            existing: existing.into(),
            person,
            trust: " Ysbyty Gwynedd NHS Trust ".into(),
            department: "Clinical Coding".into(),
        }
    }

    fn staff_count(store: &Store) -> usize {
        staff::list(store.conn()).unwrap().len()
    }

    #[test]
    fn the_first_run_offers_the_people_already_there_but_not_leavers() {
        let mut store = crate::store::testing::store();
        let today = noon().date();
        assert!(first_run_people(store.conn(), today).unwrap().is_empty(), "nobody yet");
        staff::add(store.conn_mut(), &person("2000", "Siân", "Jones"), today).unwrap();
        staff::add(store.conn_mut(), &person("2001", "Deepa", "Williams"), today).unwrap();
        let mut gone = person("2002", "Old", "Leaver");
        gone.leaver_date = "01/01/2026".into();
        staff::add(store.conn_mut(), &gone, today).unwrap();
        let people = first_run_people(store.conn(), today).unwrap();
        assert_eq!(
            people,
            [
                SignInName {
                    staff_number: "2000".into(),
                    name: "Siân Jones".into()
                },
                SignInName {
                    staff_number: "2001".into(),
                    name: "Deepa Williams".into()
                },
            ],
            "names and staff numbers, by surname, without leavers"
        );
        first_run(store.conn_mut(), &form("2001", StaffInput::default()), GOOD, noon()).unwrap();
        assert!(
            first_run_people(store.conn(), today).unwrap().is_empty(),
            "once an account exists nobody's name is shown before sign-in"
        );
    }

    #[test]
    fn choosing_an_existing_person_makes_them_administrator_without_adding_anyone() {
        let mut store = crate::store::testing::store();
        staff::add(store.conn_mut(), &person("2001", "Deepa", "Williams"), noon().date()).unwrap();
        let admin = first_run(store.conn_mut(), &form(" 2001 ", StaffInput::default()), GOOD, noon()).unwrap();
        assert_eq!(admin.staff_number, "2001");
        assert_eq!(admin.role, Role::Administrator);
        assert_eq!(staff_count(&store), 1, "nobody added");
        let header = settings::print::load(store.conn()).unwrap();
        assert_eq!(header.trust, "Ysbyty Gwynedd NHS Trust", "the trust saved, trimmed");
        assert_eq!(header.department, "Clinical Coding");
        assert_eq!(
            header.marking,
            settings::print::DEFAULT_MARKING,
            "the marking keeps its default"
        );
        let audited: i64 = store
            .conn()
            .query_row(
                "SELECT COUNT(*) FROM audit WHERE action = 'setting.change' AND record_id = 'print' AND actor = '2001'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(audited, 1, "the header change is audited as the new administrator");
    }

    #[test]
    fn a_leaver_or_an_unknown_number_cannot_be_chosen() {
        let mut store = crate::store::testing::store();
        let mut gone = person("2002", "Old", "Leaver");
        gone.leaver_date = "01/01/2026".into();
        staff::add(store.conn_mut(), &gone, noon().date()).unwrap();
        for number in ["2002", "9999"] {
            let err = first_run(store.conn_mut(), &form(number, StaffInput::default()), GOOD, noon()).unwrap_err();
            let Error::Invalid(fields) = &err else {
                panic!("invalid expected for {number}: {err:?}")
            };
            assert_eq!(fields[0].field, "existing", "{err:?}");
            assert!(fields[0].message.contains("Choose a person"), "{}", fields[0].message);
        }
        assert!(needs_first_run(store.conn()).unwrap(), "no account made");
    }

    #[test]
    fn with_no_staff_the_first_run_adds_the_person_and_saves_the_names() {
        let mut store = crate::store::testing::store();
        let admin = first_run(store.conn_mut(), &form("", person("", "Ada", "Lovelace")), GOOD, noon()).unwrap();
        assert_eq!(admin.name, "Ada Lovelace");
        assert_eq!(staff_count(&store), 1, "the person added");
        assert_eq!(
            settings::print::load(store.conn()).unwrap().trust,
            "Ysbyty Gwynedd NHS Trust"
        );
    }

    #[test]
    fn the_first_run_refuses_a_second_record_for_someone_already_there() {
        let mut store = crate::store::testing::store();
        staff::add(store.conn_mut(), &person("2001", "Deepa", "Williams"), noon().date()).unwrap();
        let err = first_run(
            store.conn_mut(),
            &form("", person("", " deepa", "WILLIAMS ")),
            GOOD,
            noon(),
        )
        .unwrap_err();
        let Error::Invalid(fields) = &err else {
            panic!("invalid expected: {err:?}")
        };
        assert_eq!(fields[0].field, "staff_number");
        assert!(
            fields[0]
                .message
                .contains("Deepa Williams (staff number 2001) is already in Appraise")
                && fields[0].message.contains("Choose them from the list"),
            "{}",
            fields[0].message
        );
        assert_eq!(staff_count(&store), 1, "no second Deepa Williams");
        assert!(needs_first_run(store.conn()).unwrap(), "no account made");
        let mut other_day = person("", "Deepa", "Williams");
        other_day.appointed = "02/02/2022".into();
        first_run(store.conn_mut(), &form("", other_day), GOOD, noon()).unwrap();
        assert_eq!(
            staff_count(&store),
            2,
            "a namesake appointed on another day is someone else"
        );
    }

    #[test]
    fn the_first_run_needs_the_trust_and_department_and_shows_every_problem_at_once() {
        let mut store = crate::store::testing::store();
        let mut f = form("", person("", "", "Lovelace"));
        f.trust = "  ".into();
        f.department = String::new();
        let Error::Invalid(fields) = first_run(store.conn_mut(), &f, "short", noon()).unwrap_err() else {
            panic!("invalid expected")
        };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["forename", "passphrase", "trust", "department"]);
        assert!(
            fields[2].message.contains("The trust's name is needed"),
            "{}",
            fields[2].message
        );
        assert!(needs_first_run(store.conn()).unwrap(), "nothing made");
        assert_eq!(
            settings::print::load(store.conn()).unwrap(),
            settings::print::PrintSettings::default(),
            "nothing saved"
        );
    }

    #[test]
    fn the_cli_first_run_leaves_the_header_as_stored() {
        let (store, _) = with_admin();
        assert_eq!(
            settings::print::load(store.conn()).unwrap(),
            settings::print::PrintSettings::default()
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
