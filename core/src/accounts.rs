//! Accounts: who may sign in, as what, and how their passphrases are kept.
//!
//! Every account belongs to a staff member and has one role: administrator
//! (the coding services manager: sees everyone, keeps the framework and the
//! settings), manager (sees the people who report to them, through any
//! number of levels) or coder (sees only their own records). A manager is
//! also the appraisee of their own appraisal.
//!
//! Passphrases are stored only as Argon2id hashes (PHC strings, so the cost
//! they were made with travels with them). After wrong passphrases an
//! account must wait before the next try, for longer each time; the wait is
//! kept as a time in the database, never by sleeping, so it holds across
//! restarts and for the CLI and the app alike.
//!
//! Salts come from the operating system's random source; that is the one
//! piece of outside input here, and it never changes what a rule decides.

pub mod actor;

pub use actor::{Actor, Role};

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::audit;
use crate::dates::display;
use crate::staff::{self, StaffInput};
use crate::store::accounts::{self as db, AccountRow};
use crate::store::staff as staff_db;
use crate::{access, Error, FieldError, Result};

/// The shortest passphrase accepted, in characters.
pub const MIN_PASSPHRASE: usize = 10;
/// The longest: hashing is deliberately slow, so a book pasted in would be.
pub const MAX_PASSPHRASE: usize = 200;
/// Wrong passphrases allowed without any wait: typing slips.
pub const FREE_ATTEMPTS: u32 = 2;
/// The longest wait after wrong passphrases.
pub const MAX_DELAY_SECONDS: i64 = 300;

/// A role as the database holds it; an unknown code is a damaged row.
fn role_from_stored(code: &str) -> Result<Role> {
    Role::parse(code).ok_or_else(|| Error::Conflict(format!("An account has the unknown role {code}.")))
}

/// Turns a stored account into the person acting.
fn actor_of(account: &AccountRow) -> Result<Actor> {
    Ok(Actor {
        staff_number: account.staff_number.clone(),
        role: role_from_stored(&account.role)?,
        name: format!("{} {}", account.forename, account.surname),
        must_change_passphrase: account.must_change,
    })
}

/// A name on the sign-in screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SignInName {
    pub staff_number: String,
    pub name: String,
}

/// An account as the administrator sees it. Never the hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AccountSummary {
    pub staff_number: String,
    pub name: String,
    pub role: Role,
    pub must_change_passphrase: bool,
    /// Wrong passphrases since the last right one.
    pub failed_attempts: u32,
    /// No attempt is taken before this time.
    #[ts(type = "string | null")]
    pub locked_until: Option<NaiveDateTime>,
    #[ts(type = "string | null")]
    pub leaver_date: Option<NaiveDate>,
}

fn summary(account: &AccountRow) -> Result<AccountSummary> {
    Ok(AccountSummary {
        staff_number: account.staff_number.clone(),
        name: format!("{} {}", account.forename, account.surname),
        role: role_from_stored(&account.role)?,
        must_change_passphrase: account.must_change,
        failed_attempts: account.failed_attempts,
        locked_until: account.locked_until,
        leaver_date: account.leaver_date,
    })
}

// ------------------------------------------------------------- passphrases --

/// The passphrase rule, with a message for a person.
pub fn check_passphrase_rule(passphrase: &str) -> Result<()> {
    let length = passphrase.chars().count();
    if length < MIN_PASSPHRASE || passphrase.trim().is_empty() {
        return Err(Error::invalid(
            "passphrase",
            format!(
                "Choose a passphrase of at least {MIN_PASSPHRASE} characters. Three or four unrelated words are easy to remember and hard to guess."
            ),
        ));
    }
    if length > MAX_PASSPHRASE {
        return Err(Error::invalid(
            "passphrase",
            format!("A passphrase must be {MAX_PASSPHRASE} characters or fewer."),
        ));
    }
    Ok(())
}

fn hash_passphrase(passphrase: &str) -> Result<String> {
    Argon2::default()
        .hash_password(passphrase.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| Error::Io(format!("The passphrase could not be protected: {e}.")))
}

fn passphrase_matches(hash: &str, passphrase: &str) -> bool {
    // The cost and salt are read from the stored PHC string.
    Argon2::default().verify_password(passphrase.as_bytes(), hash).is_ok()
}

/// The wait after `failed_attempts` wrong passphrases in a row: none for the
/// first [`FREE_ATTEMPTS`], then 1, 2, 4, 8... seconds, at most
/// [`MAX_DELAY_SECONDS`].
pub fn delay_after(failed_attempts: u32) -> TimeDelta {
    if failed_attempts <= FREE_ATTEMPTS {
        return TimeDelta::zero();
    }
    let doublings = (failed_attempts - FREE_ATTEMPTS - 1).min(20);
    TimeDelta::seconds((1i64 << doublings).min(MAX_DELAY_SECONDS))
}

/// Whole seconds, rounded up: "wait 0 seconds" would be a lie.
fn seconds_to_wait(wait: TimeDelta) -> i64 {
    let ms = wait.num_milliseconds().max(0);
    (ms + 999) / 1000
}

fn wait_words(seconds: i64) -> String {
    if seconds == 1 {
        "1 second".to_owned()
    } else {
        format!("{seconds} seconds")
    }
}

/// Why a passphrase is being checked; it only changes the audit record.
#[derive(Clone, Copy)]
enum Purpose {
    SignIn,
    Confirm,
}

/// The one place a passphrase is checked: the wait, leavers, the hash, and
/// counting a wrong one. A wrong passphrase is recorded (and audited) before
/// the error returns.
fn check(
    conn: &mut Connection,
    staff_number: &str,
    passphrase: &str,
    now: NaiveDateTime,
    purpose: Purpose,
) -> Result<AccountRow> {
    let account = db::get(conn, staff_number.trim())?.ok_or_else(|| {
        Error::Unauthenticated(format!("There is no account for staff number {}.", staff_number.trim()))
    })?;
    if let Some(until) = account.locked_until.filter(|&until| now < until) {
        // Not counted, and the passphrase not even tried: guessing faster
        // than the wait allows gains nothing.
        return Err(Error::Unauthenticated(format!(
            "Too many wrong passphrases. Wait {} before trying again.",
            wait_words(seconds_to_wait(until - now))
        )));
    }
    if let Some(left) = account.leaver_date.filter(|&d| d <= now.date()) {
        return Err(Error::Unauthenticated(format!(
            "{} {} left on {}; their account can no longer sign in.",
            account.forename,
            account.surname,
            display(left)
        )));
    }
    if passphrase_matches(&account.passphrase_hash, passphrase) {
        if account.failed_attempts > 0 {
            db::clear_failures(conn, account.id)?;
        }
        return Ok(account);
    }
    let attempts = account.failed_attempts.saturating_add(1);
    let delay = delay_after(attempts);
    let locked_until = (delay > TimeDelta::zero()).then(|| now + delay);
    let tx = crate::store::write(conn)?;
    db::record_failure(&tx, account.id, attempts, now, locked_until)?;
    audit::record(
        &tx,
        Some(&account.staff_number),
        "account.passphrase_refused",
        "account",
        &account.staff_number,
        serde_json::json!({
            "purpose": match purpose { Purpose::SignIn => "sign_in", Purpose::Confirm => "confirm" },
            "failed_attempts": attempts,
            "wait_seconds": delay.num_seconds(),
        }),
        now,
    )?;
    tx.commit()?;
    Err(Error::Unauthenticated(if delay > TimeDelta::zero() {
        format!(
            "That passphrase is not right. Wait {} before trying again.",
            wait_words(delay.num_seconds())
        )
    } else {
        "That passphrase is not right. Try again.".to_owned()
    }))
}

// ----------------------------------------------------------------- sign-in --

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
/// account must wait (see [`delay_after`]); trying during the wait is
/// refused with the seconds left, and not counted. Leavers cannot sign in.
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

// ---------------------------------------------------------- administration --

/// Gives a staff member an account (administrator only). The passphrase is
/// one the administrator chose, so its owner is asked to change it at first
/// sign-in.
pub fn create_account(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    role: Role,
    passphrase: &str,
    now: NaiveDateTime,
) -> Result<AccountSummary> {
    let staff_number = staff_number.trim();
    let tx = crate::store::write(conn)?;
    access::can_manage_accounts(actor)?;
    check_passphrase_rule(passphrase)?;
    let member = staff::get(&tx, staff_number)?;
    if let Some(left) = member.leaver_date.filter(|&d| d <= now.date()) {
        return Err(Error::Locked(format!(
            "{} left on {}: a leaver cannot be given an account.",
            member.full_name(),
            display(left)
        )));
    }
    if db::get(&tx, staff_number)?.is_some() {
        return Err(Error::Conflict(format!(
            "{} already has an account.",
            member.full_name()
        )));
    }
    let staff_id = staff_db::id_of(&tx, staff_number)?.expect("just read");
    db::insert(&tx, staff_id, role.code(), &hash_passphrase(passphrase)?, true, now)?;
    audit::record_by(
        &tx,
        actor,
        "account.create",
        "account",
        staff_number,
        serde_json::json!({ "role": role.code() }),
        now,
    )?;
    let account = db::get(&tx, staff_number)?.expect("just made");
    tx.commit()?;
    summary(&account)
}

/// Changes one's own passphrase: the current one must be right (wrong ones
/// count towards the wait), and the new one must differ.
pub fn change_passphrase(
    conn: &mut Connection,
    actor: &Actor,
    current: &str,
    new: &str,
    now: NaiveDateTime,
) -> Result<Actor> {
    let account = check(conn, &actor.staff_number, current, now, Purpose::Confirm)?;
    check_passphrase_rule(new)?;
    if new == current {
        return Err(Error::invalid(
            "passphrase",
            "Choose a new passphrase, different from the current one.",
        ));
    }
    let tx = crate::store::write(conn)?;
    db::set_passphrase(&tx, account.id, &hash_passphrase(new)?, false)?;
    audit::record_by(
        &tx,
        actor,
        "account.passphrase_change",
        "account",
        &account.staff_number,
        serde_json::json!({}),
        now,
    )?;
    let account = db::get(&tx, &account.staff_number)?.expect("exists");
    tx.commit()?;
    actor_of(&account)
}

/// Sets someone's passphrase for them when they have forgotten it
/// (administrator only, audited). They must change it at next sign-in, and
/// any wait is cleared.
pub fn reset_passphrase(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    new: &str,
    now: NaiveDateTime,
) -> Result<AccountSummary> {
    let tx = crate::store::write(conn)?;
    access::can_manage_accounts(actor)?;
    check_passphrase_rule(new)?;
    let account = existing(&tx, staff_number)?;
    db::set_passphrase(&tx, account.id, &hash_passphrase(new)?, true)?;
    audit::record_by(
        &tx,
        actor,
        "account.passphrase_reset",
        "account",
        &account.staff_number,
        serde_json::json!({ "must_change_passphrase": true }),
        now,
    )?;
    let account = db::get(&tx, &account.staff_number)?.expect("exists");
    tx.commit()?;
    summary(&account)
}

/// Changes an account's role (administrator only). The last administrator
/// who has not left keeps the role: without one, nobody could manage
/// accounts again.
pub fn set_role(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    role: Role,
    now: NaiveDateTime,
) -> Result<AccountSummary> {
    let tx = crate::store::write(conn)?;
    access::can_manage_accounts(actor)?;
    let account = existing(&tx, staff_number)?;
    let old = role_from_stored(&account.role)?;
    if old == role {
        return summary(&account);
    }
    if old == Role::Administrator {
        let admins = db::working_administrators(&tx, now.date())?;
        if admins == [account.staff_number.clone()] {
            return Err(Error::Conflict(format!(
                "{} {} is the only administrator. Make someone else an administrator first.",
                account.forename, account.surname
            )));
        }
    }
    db::set_role(&tx, account.id, role.code())?;
    audit::record_by(
        &tx,
        actor,
        "account.role_change",
        "account",
        &account.staff_number,
        serde_json::json!({ "role": { "from": old.code(), "to": role.code() } }),
        now,
    )?;
    let account = db::get(&tx, &account.staff_number)?.expect("exists");
    tx.commit()?;
    summary(&account)
}

/// Every account (administrator only), by surname.
pub fn list(conn: &Connection, actor: &Actor) -> Result<Vec<AccountSummary>> {
    access::can_manage_accounts(actor)?;
    db::list(conn)?.iter().map(summary).collect()
}

/// The role of a staff member's account, if they have one.
pub fn role_of(conn: &Connection, staff_number: &str) -> Result<Option<Role>> {
    db::role_of(conn, staff_number)?
        .map(|code| role_from_stored(&code))
        .transpose()
}

fn existing(conn: &Connection, staff_number: &str) -> Result<AccountRow> {
    let staff_number = staff_number.trim();
    db::get(conn, staff_number)?.ok_or_else(|| {
        Error::NotFound(format!(
            "Staff number {staff_number} has no account. Give them one first."
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn noon() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 21)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
    }

    const GOOD: &str = "correct horse battery";

    fn person(number: &str, forename: &str, surname: &str) -> StaffInput {
        StaffInput {
            staff_number: number.into(),
            forename: forename.into(),
            surname: surname.into(),
            band: "7".into(),
            appointed: "01/09/2020".into(),
            ..Default::default()
        }
    }

    fn with_admin() -> (Store, Actor) {
        let mut store = Store::open_in_memory().unwrap();
        let admin = create_first_administrator(store.conn_mut(), &person("1000", "Łukasz", "Wiśniewski"), GOOD, noon())
            .unwrap();
        (store, admin)
    }

    fn add_coder(store: &mut Store, admin: &Actor, number: &str, forename: &str) -> AccountSummary {
        let mut p = person(number, forename, "Ní Bhriain");
        p.band = "4".into();
        staff::add(store.conn_mut(), &p, noon().date()).unwrap();
        create_account(store.conn_mut(), admin, number, Role::Coder, GOOD, noon()).unwrap()
    }

    fn secs(s: i64) -> TimeDelta {
        TimeDelta::seconds(s)
    }

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
    fn the_right_passphrase_signs_in_and_the_hash_is_argon2id() {
        let (mut store, _) = with_admin();
        let actor = sign_in(store.conn_mut(), "1000", GOOD, noon()).unwrap();
        assert_eq!(actor.staff_number, "1000");
        let hash = db::get(store.conn(), "1000").unwrap().unwrap().passphrase_hash;
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(!hash.contains(GOOD), "never the passphrase itself");
    }

    #[test]
    fn five_wrong_passphrases_bring_a_growing_delay() {
        let (mut store, _) = with_admin();
        let c = store.conn_mut();
        let mut now = noon();
        let mut waits = Vec::new();
        for _ in 0..5 {
            let err = sign_in(c, "1000", "wrong passphrase", now).unwrap_err();
            assert_eq!(err.code(), "unauthenticated");
            let wait = db::get(c, "1000")
                .unwrap()
                .unwrap()
                .locked_until
                .map_or(0, |t| (t - now).num_seconds());
            waits.push(wait);
            // Trying again at once is refused without even checking.
            if wait > 0 {
                let early = sign_in(c, "1000", GOOD, now + secs(wait - 1)).unwrap_err();
                assert!(
                    early.to_string().contains("Wait 1 second "),
                    "the right passphrase is refused during the wait: {early}"
                );
            }
            now += secs(wait);
        }
        assert_eq!(waits, [0, 0, 1, 2, 4], "the wait doubles after two free tries");
        let sixth = sign_in(c, "1000", "wrong again!", now).unwrap_err();
        assert!(sixth.to_string().contains("Wait 8 seconds"), "{sixth}");
        assert_eq!(db::get(c, "1000").unwrap().unwrap().failed_attempts, 6);

        let actor = sign_in(c, "1000", GOOD, now + secs(8)).unwrap();
        assert_eq!(actor.role, Role::Administrator, "after the wait the right one works");
        let account = db::get(c, "1000").unwrap().unwrap();
        assert_eq!(account.failed_attempts, 0, "and the count starts again");
        assert_eq!(account.locked_until, None);
    }

    #[test]
    fn the_delay_is_capped_at_five_minutes() {
        assert_eq!(delay_after(1), TimeDelta::zero());
        assert_eq!(delay_after(3), secs(1));
        assert_eq!(delay_after(11), secs(256));
        assert_eq!(delay_after(12), secs(300), "capped");
        assert_eq!(delay_after(u32::MAX), secs(300), "no overflow");
    }

    #[test]
    fn wrong_passphrases_are_audited() {
        let (mut store, _) = with_admin();
        let _ = sign_in(store.conn_mut(), "1000", "not the one at all", noon());
        let log = audit::list(store.conn(), &Actor::system(), &audit::AuditFilter::default()).unwrap();
        assert_eq!(log[0].action, "account.passphrase_refused");
        assert_eq!(log[0].detail["failed_attempts"], 1);
        assert!(audit::verify(store.conn()).unwrap().ok);
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
    fn accounts_are_made_by_the_administrator_only_and_must_change_their_passphrase() {
        let (mut store, admin) = with_admin();
        let zoe = add_coder(&mut store, &admin, "2001", "Zoë");
        assert_eq!(zoe.name, "Zoë Ní Bhriain");
        assert!(zoe.must_change_passphrase);
        let zoe = sign_in(store.conn_mut(), "2001", GOOD, noon()).unwrap();
        assert!(zoe.must_change_passphrase, "the window asks for a new one");

        let mut p = person("2002", "Ciarán", "Byrne");
        p.band = "4".into();
        staff::add(store.conn_mut(), &p, noon().date()).unwrap();
        let err = create_account(store.conn_mut(), &zoe, "2002", Role::Coder, GOOD, noon()).unwrap_err();
        assert_eq!(err.code(), "forbidden", "a coder cannot make accounts");
        let twice = create_account(store.conn_mut(), &admin, "2001", Role::Coder, GOOD, noon()).unwrap_err();
        assert_eq!(twice.code(), "conflict");
        let nobody = create_account(store.conn_mut(), &admin, "404", Role::Coder, GOOD, noon()).unwrap_err();
        assert_eq!(nobody.code(), "not_found");
        let short = create_account(store.conn_mut(), &admin, "2002", Role::Coder, "2short", noon()).unwrap_err();
        assert_eq!(short.code(), "invalid");
    }

    #[test]
    fn changing_a_passphrase_needs_the_current_one_and_clears_must_change() {
        let (mut store, admin) = with_admin();
        add_coder(&mut store, &admin, "2001", "Siân");
        let c = store.conn_mut();
        let sian = sign_in(c, "2001", GOOD, noon()).unwrap();
        let wrong = change_passphrase(c, &sian, "not my passphrase", "a brand new passphrase", noon()).unwrap_err();
        assert_eq!(wrong.code(), "unauthenticated");
        let same = change_passphrase(c, &sian, GOOD, GOOD, noon()).unwrap_err();
        assert_eq!(same.code(), "invalid");
        let sian = change_passphrase(c, &sian, GOOD, "a brand new passphrase", noon()).unwrap();
        assert!(!sian.must_change_passphrase);
        assert!(sign_in(c, "2001", GOOD, noon()).is_err(), "the old one no longer works");
        sign_in(c, "2001", "a brand new passphrase", noon()).unwrap();
    }

    #[test]
    fn the_administrator_resets_a_forgotten_passphrase_and_it_is_audited() {
        let (mut store, admin) = with_admin();
        add_coder(&mut store, &admin, "2001", "Ciarán");
        let c = store.conn_mut();
        for _ in 0..4 {
            let _ = sign_in(c, "2001", "forgotten it again", noon());
        }
        let coder = Actor {
            staff_number: "2001".into(),
            role: Role::Coder,
            name: "Ciarán Ní Bhriain".into(),
            must_change_passphrase: false,
        };
        let err = reset_passphrase(c, &coder, "1000", "taken over now!", noon()).unwrap_err();
        assert_eq!(err.code(), "forbidden", "only the administrator resets");
        let reset = reset_passphrase(c, &admin, "2001", "temporary passphrase", noon()).unwrap();
        assert!(reset.must_change_passphrase);
        assert_eq!(reset.failed_attempts, 0, "the wait is cleared");
        sign_in(c, "2001", "temporary passphrase", noon()).unwrap();
        let log = audit::list(
            c,
            &admin,
            &audit::AuditFilter {
                text: Some("passphrase_reset".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].actor, "1000");
        assert_eq!(log[0].record_id, "2001");
        assert!(!log[0].detail.to_string().contains("temporary"), "never the passphrase");
    }

    #[test]
    fn the_last_administrator_keeps_the_role() {
        let (mut store, admin) = with_admin();
        let err = set_role(store.conn_mut(), &admin, "1000", Role::Manager, noon()).unwrap_err();
        assert!(err.to_string().contains("only administrator"), "{err}");
        add_coder(&mut store, &admin, "2001", "Zoë");
        set_role(store.conn_mut(), &admin, "2001", Role::Administrator, noon()).unwrap();
        let now_manager = set_role(store.conn_mut(), &admin, "1000", Role::Manager, noon()).unwrap();
        assert_eq!(now_manager.role, Role::Manager);
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
