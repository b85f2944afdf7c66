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
//!
//! One file per topic: [`actor`] (who is acting, a leaf every layer may
//! name), [`account`] (a stored account as people see it), [`passphrase`],
//! [`sign_in`], [`admin`]istration and, on the department's server, each
//! person's own database login ([`db_login`]). Modules below this one (the store,
//! `access`, the audit trail) import only `crate::accounts::actor`, so no
//! circle returns through here.

mod account;
pub mod actor;
mod admin;
mod connected;
mod db_login;
mod passphrase;
mod sign_in;
#[cfg(test)]
mod test_support;

pub use account::{role_of, AccountSummary};
pub use actor::{Actor, Role};
pub use admin::{create_account, list, reset_passphrase, set_role};
pub use connected::{connected_actor, sign_in_connected};
pub use passphrase::{
    change_passphrase, check_passphrase_rule, delay_after, FREE_ATTEMPTS, MAX_DELAY_SECONDS, MAX_PASSPHRASE,
    MIN_PASSPHRASE,
};
pub use sign_in::{
    create_first_administrator, current, first_run, first_run_people, needs_first_run, sign_in, sign_in_list,
    verify_passphrase, FirstRun, SessionStatus, SignInName,
};
