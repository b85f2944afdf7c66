//! Passphrases: the rule for choosing one, how it is kept (only as an
//! Argon2id hash, a PHC string, so the cost it was made with travels with
//! it), the one place it is checked, the growing wait after wrong ones, and
//! changing one's own.
//!
//! The wait is kept as a time in the database, never by sleeping, so it
//! holds across restarts and for the CLI and the app alike. Salts come from
//! the operating system's random source; that is the one piece of outside
//! input here, and it never changes what a rule decides.

use crate::store::db::Connection;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;
use chrono::{NaiveDateTime, TimeDelta};

use super::account::actor_of;
use super::actor::Actor;
use super::db_login;
use crate::audit;
use crate::dates::display;
use crate::store::accounts::{self as db, AccountRow};
use crate::{Error, Result};

/// The shortest passphrase accepted, in characters.
pub const MIN_PASSPHRASE: usize = 10;
/// The longest: hashing is deliberately slow, so a book pasted in would be.
pub const MAX_PASSPHRASE: usize = 200;
/// Wrong passphrases allowed without any wait: typing slips.
pub const FREE_ATTEMPTS: u32 = 2;
/// The longest wait after wrong passphrases.
pub const MAX_DELAY_SECONDS: i64 = 300;

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

pub(super) fn hash_passphrase(passphrase: &str) -> Result<String> {
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
pub(super) enum Purpose {
    SignIn,
    Confirm,
}

/// The one place a passphrase is checked: the wait, leavers, the hash, and
/// counting a wrong one. A wrong passphrase is recorded (and audited) before
/// the error returns.
pub(super) fn check(
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

/// Changes one's own passphrase (on the server, one's login's password
/// too): the current one must be right (wrong ones count towards the
/// wait), and the new one must differ.
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
    db_login::set_password(&tx, account.staff_id, new)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::test_support::{add_coder, noon, secs, with_admin, GOOD};
    use crate::accounts::{sign_in, Role};

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
}
