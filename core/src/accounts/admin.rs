//! Administration of accounts (the administrator only): giving a staff
//! member an account, resetting a forgotten passphrase, changing a role
//! (the last administrator keeps theirs) and listing every account.

use crate::store::db::Connection;
use chrono::NaiveDateTime;

use super::account::{role_from_stored, summary, AccountSummary};
use super::actor::{Actor, Role};
use super::db_login;
use super::passphrase::{check_passphrase_rule, hash_passphrase};
use crate::dates::display;
use crate::store::accounts::{self as db, AccountRow};
use crate::store::staff as staff_db;
use crate::{access, audit, staff, Error, Result};

/// Gives a staff member an account (administrator only), and on the server
/// their own database login with the same passphrase as its password. The
/// passphrase is one the administrator chose, so its owner is asked to
/// change it at first sign-in.
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
    db_login::give(&tx, staff_id, passphrase)?;
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

/// Sets someone's passphrase for them when they have forgotten it
/// (administrator only, audited), and on the server their login's password.
/// They must change it at next sign-in, and any wait is cleared.
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
    db_login::set_password(&tx, account.staff_id, new)?;
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
    use crate::accounts::test_support::{add_coder, noon, person, with_admin, GOOD};
    use crate::accounts::{sign_in, Role};
    use crate::store::Engine;

    #[test]
    fn accounts_are_made_by_the_administrator_only_and_must_change_their_passphrase() {
        let (mut store, admin) = with_admin();
        let zoe = add_coder(&mut store, &admin, "2001", "Zoë");
        assert_eq!(zoe.name, "Zoë Ní Bhriain");
        assert!(zoe.must_change_passphrase);
        match store.engine() {
            Engine::Sqlite => assert_eq!(zoe.db_login, None, "a file has no database logins"),
            Engine::Postgres => assert!(
                zoe.db_login.as_deref().is_some_and(|l| l.ends_with("_2001")),
                "on the server the account has its own login: {:?}",
                zoe.db_login
            ),
        }
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
}
