//! Who is acting and as what: the [`Role`] an account has and the [`Actor`]
//! every guarded operation takes. Plain types with no store behind them, so
//! every layer (the store, `access`, the audit trail) can name them without
//! importing the modules that use the store.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The actor recorded for changes made outside any sign-in: the command line
/// and migrations.
pub const SYSTEM: &str = "system";

/// What an account may do: the administrator (the coding services manager:
/// sees everyone, keeps the framework and the settings), a line manager
/// (sees the people who report to them, through any number of levels) or a
/// coder (sees only their own records).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Administrator,
    Manager,
    Coder,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Administrator, Role::Manager, Role::Coder];

    /// The stored and typed form: `administrator`, `manager`, `coder`.
    pub fn code(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Manager => "manager",
            Role::Coder => "coder",
        }
    }

    /// The word in sentences.
    pub fn label(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Manager => "line manager",
            Role::Coder => "coder",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text.trim().to_lowercase().as_str() {
            "administrator" | "admin" => Some(Role::Administrator),
            "manager" | "line manager" => Some(Role::Manager),
            "coder" => Some(Role::Coder),
            _ => None,
        }
    }
}

/// Who is acting: the signed-in person, as `accounts::sign_in` found them.
/// Every operation on a person's records takes one and checks it (see
/// `crate::access`). Not deserialisable on purpose: the shell keeps the one
/// `sign_in` returned and never builds one from what the window sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Actor {
    pub staff_number: String,
    pub role: Role,
    /// Forename and surname, for the header.
    pub name: String,
    /// The administrator set this passphrase (a new account or a reset):
    /// the window asks for a new one before anything else.
    pub must_change_passphrase: bool,
}

impl Actor {
    /// The command line, which acts with the rights of whoever may open the
    /// database file (the operating system guards that): an administrator,
    /// recorded in the audit trail as `system`.
    pub fn system() -> Actor {
        Actor {
            staff_number: SYSTEM.to_owned(),
            role: Role::Administrator,
            name: "System (command line)".to_owned(),
            must_change_passphrase: false,
        }
    }

    pub fn is_administrator(&self) -> bool {
        self.role == Role::Administrator
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_understood_as_typed() {
        assert_eq!(
            Role::parse(" Manager "),
            Some(Role::Manager),
            "spaces and case do not matter"
        );
        assert_eq!(Role::parse("admin"), Some(Role::Administrator), "the short word too");
        assert_eq!(Role::parse("boss"), None, "no role is guessed");
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role), "{role:?} round-trips");
        }
    }
}
