//! Who may see and change what: every access rule in one place, so the
//! window, the CLI and every core operation ask the same questions.
//!
//! Appraisal records are confidential personal data (UK GDPR). The rules:
//! - a coder sees only their own records;
//! - a line manager sees their own records and those of everyone who
//!   reports to them, directly or through others (their reports' reports);
//! - the administrator (the coding services manager) sees everyone, and
//!   alone keeps the framework, the settings, the accounts and the audit
//!   trail, and imports staff;
//! - a leaver's records are kept, read-only.
//!
//! The chain is the `manager` of each staff record, whatever the role: a
//! coder named as someone's line manager still sees only their own records,
//! because the role is what the department granted.
//!
//! Every check returns `Error::Forbidden` with a plain message, or
//! `Error::Locked` for a leaver's records. A check that refuses never says
//! whether the record exists: that too would tell a coder something.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::accounts::{Actor, Role};
use crate::dates::display;
use crate::store::staff as staff_db;
use crate::{Error, Result};

/// True when `staff_number` reports to `manager`, directly or through
/// others.
pub fn manages(conn: &Connection, manager: &str, staff_number: &str) -> Result<bool> {
    Ok(staff_db::line_managers_of(conn, staff_number)?
        .iter()
        .any(|m| m == manager))
}

/// The actor is the person, or may see them by role and chain.
fn reaches(conn: &Connection, actor: &Actor, staff_number: &str) -> Result<bool> {
    Ok(match actor.role {
        Role::Administrator => true,
        _ if actor.staff_number == staff_number.trim() => true,
        Role::Manager => manages(conn, &actor.staff_number, staff_number.trim())?,
        Role::Coder => false,
    })
}

fn cannot_see(actor: &Actor, what: &str) -> Error {
    Error::Forbidden(match actor.role {
        Role::Coder => format!("You can see only your own {what}."),
        _ => format!("You can see only your own {what} and those of the people who report to you."),
    })
}

/// May see a staff member's record, their NCCQ pathway and their team
/// details.
pub fn can_view_staff(conn: &Connection, actor: &Actor, staff_number: &str) -> Result<()> {
    if reaches(conn, actor, staff_number)? {
        Ok(())
    } else {
        Err(cannot_see(actor, "records"))
    }
}

/// May change a staff member's record (and their NCCQ records): the
/// administrator, or a line manager for the people who report to them. Not
/// one's own: band, line manager and dates are the department's to record.
/// A leaver's records are read-only for everyone.
pub fn can_edit_staff(conn: &Connection, actor: &Actor, staff_number: &str, today: NaiveDate) -> Result<()> {
    let allowed = match actor.role {
        Role::Administrator => true,
        Role::Manager => manages(conn, &actor.staff_number, staff_number.trim())?,
        Role::Coder => false,
    };
    if !allowed {
        return Err(Error::Forbidden(match actor.role {
            Role::Coder => "Only a line manager or the administrator can change staff records.".to_owned(),
            _ if actor.staff_number == staff_number.trim() => {
                "Your own staff record is changed by your line manager or the administrator.".to_owned()
            }
            _ => "You can change only the records of the people who report to you.".to_owned(),
        }));
    }
    not_read_only(conn, staff_number, today)
}

/// May add a staff member with this line manager, or move someone under
/// them: the administrator, or a line manager within their own team (the
/// new line manager is themselves or someone who reports to them).
pub fn can_add_staff(conn: &Connection, actor: &Actor, manager: Option<&str>) -> Result<()> {
    match actor.role {
        Role::Administrator => Ok(()),
        Role::Manager => {
            let within = match manager.map(str::trim).filter(|m| !m.is_empty()) {
                Some(m) => m == actor.staff_number || manages(conn, &actor.staff_number, m)?,
                None => false,
            };
            if within {
                Ok(())
            } else {
                Err(Error::Forbidden(
                    "You can add people only to your own team: make yourself or someone who reports to you their line manager.".to_owned(),
                ))
            }
        }
        Role::Coder => Err(Error::Forbidden(
            "Only a line manager or the administrator can add staff.".to_owned(),
        )),
    }
}

/// May read an appraisal: the appraisee, their line managers up the chain,
/// and the administrator. A coder only their own.
pub fn can_view_appraisal(conn: &Connection, actor: &Actor, appraisee: &str) -> Result<()> {
    if reaches(conn, actor, appraisee)? {
        Ok(())
    } else {
        Err(cannot_see(actor, "appraisals"))
    }
}

/// May change an appraisal: anyone who may read it, while the appraisee has
/// not left. Which parts each of them writes, and signing, are the
/// appraisal's own rules.
pub fn can_edit_appraisal(conn: &Connection, actor: &Actor, appraisee: &str, today: NaiveDate) -> Result<()> {
    can_view_appraisal(conn, actor, appraisee)?;
    not_read_only(conn, appraisee, today)
}

fn administrator_only(actor: &Actor, what: &str) -> Result<()> {
    if actor.role == Role::Administrator {
        Ok(())
    } else {
        Err(Error::Forbidden(format!("Only the administrator can {what}.")))
    }
}

/// May import, change or replace the skills framework and role profiles.
pub fn can_manage_framework(actor: &Actor) -> Result<()> {
    administrator_only(actor, "change the skills framework")
}

/// May change settings (NCCQ rules, the idle lock, ...).
pub fn can_manage_settings(actor: &Actor) -> Result<()> {
    administrator_only(actor, "change settings")
}

/// May create accounts, reset passphrases and change roles.
pub fn can_manage_accounts(actor: &Actor) -> Result<()> {
    administrator_only(actor, "manage accounts")
}

/// May read the audit trail: it names everyone and what changed.
pub fn can_read_audit(actor: &Actor) -> Result<()> {
    administrator_only(actor, "read the audit trail")
}

/// May import staff from an ESR file: it adds people to every team.
pub fn can_import_staff(actor: &Actor) -> Result<()> {
    administrator_only(actor, "import staff")
}

/// May undo a leaving date recorded in error.
pub fn can_reinstate(actor: &Actor) -> Result<()> {
    administrator_only(actor, "undo a leaving date")
}

/// The staff numbers the actor may see, for filtering lists: everyone for
/// the administrator (in list order), oneself then one's reports (nearest
/// first) for a line manager, oneself for a coder.
pub fn visible_staff(conn: &Connection, actor: &Actor) -> Result<Vec<String>> {
    Ok(match actor.role {
        Role::Administrator => staff_db::staff_numbers(conn)?,
        Role::Manager => std::iter::once(actor.staff_number.clone())
            .chain(
                staff_db::reports_of(conn, &actor.staff_number)?
                    .into_iter()
                    .map(|(n, _)| n),
            )
            .collect(),
        Role::Coder => vec![actor.staff_number.clone()],
    })
}

/// Refuses changes to a leaver's records (`Error::Locked`).
pub fn not_read_only(conn: &Connection, staff_number: &str, today: NaiveDate) -> Result<()> {
    match staff_db::get(conn, staff_number.trim())?.and_then(|m| m.leaver_date.filter(|&d| d <= today).map(|d| (m, d)))
    {
        Some((member, left)) => Err(Error::Locked(format!(
            "{} left on {}: their records are kept, read-only.",
            member.full_name(),
            display(left)
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::staff::{self, StaffInput};
    use crate::Store;

    pub(crate) fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    pub(crate) fn actor(number: &str, role: Role) -> Actor {
        Actor {
            staff_number: number.into(),
            role,
            name: number.into(),
            must_change_passphrase: false,
        }
    }

    /// The department used by these tests:
    ///
    /// ```text
    /// 1 admin (Łukasz Wiśniewski)
    /// ├── 10 manager A (Zoë Ní Bhriain)
    /// │   ├── 11 coder (Siân Jones)
    /// │   └── 12 senior coder, who is a manager (Ciarán Byrne)
    /// │       └── 121 coder (Ann Lee)
    /// └── 20 manager B (Bo Ray)
    ///     └── 21 coder (Cy Coder)
    /// ```
    pub(crate) fn department() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        for (number, forename, surname, manager) in [
            ("1", "Łukasz", "Wiśniewski", ""),
            ("10", "Zoë", "Ní Bhriain", "1"),
            ("11", "Siân", "Jones", "10"),
            ("12", "Ciarán", "Byrne", "10"),
            ("121", "Ann", "Lee", "12"),
            ("20", "Bo", "Ray", "1"),
            ("21", "Cy", "Coder", "20"),
        ] {
            let input = StaffInput {
                staff_number: number.into(),
                forename: forename.into(),
                surname: surname.into(),
                band: "4".into(),
                appointed: "2024-09-01".into(),
                manager: manager.into(),
                ..Default::default()
            };
            staff::add(store.conn_mut(), &input, today()).unwrap();
        }
        store
    }

    fn admin() -> Actor {
        actor("1", Role::Administrator)
    }
    fn manager_a() -> Actor {
        actor("10", Role::Manager)
    }
    fn manager_b() -> Actor {
        actor("20", Role::Manager)
    }
    fn senior() -> Actor {
        actor("12", Role::Manager)
    }
    fn coder() -> Actor {
        actor("11", Role::Coder)
    }

    fn forbidden(r: Result<()>) -> bool {
        matches!(r, Err(Error::Forbidden(_)))
    }

    #[test]
    fn a_coder_sees_only_their_own_records() {
        let store = department();
        let c = store.conn();
        can_view_staff(c, &coder(), "11").expect("their own");
        for other in ["1", "10", "12", "121", "21", "no-such-person"] {
            assert!(
                forbidden(can_view_staff(c, &coder(), other)),
                "a coder cannot see {other}"
            );
            assert!(
                forbidden(can_view_appraisal(c, &coder(), other)),
                "nor {other}'s appraisal"
            );
        }
        can_view_appraisal(c, &coder(), "11").expect("their own appraisal");
        assert_eq!(visible_staff(c, &coder()).unwrap(), ["11"]);
    }

    #[test]
    fn a_manager_sees_their_reports_and_their_reports_reports() {
        let store = department();
        let c = store.conn();
        for mine in ["10", "11", "12", "121"] {
            can_view_staff(c, &manager_a(), mine).unwrap_or_else(|e| panic!("A sees {mine}: {e}"));
            can_view_appraisal(c, &manager_a(), mine).unwrap();
        }
        assert_eq!(
            visible_staff(c, &manager_a()).unwrap(),
            ["10", "12", "11", "121"],
            "self, then nearest first"
        );
        assert!(manages(c, "10", "121").unwrap(), "through 12");
        assert!(!manages(c, "121", "10").unwrap(), "not upwards");
    }

    #[test]
    fn a_manager_cannot_see_another_managers_team_or_their_own_manager() {
        let store = department();
        let c = store.conn();
        for theirs in ["20", "21", "1"] {
            assert!(
                forbidden(can_view_staff(c, &manager_a(), theirs)),
                "A cannot see {theirs}"
            );
            assert!(forbidden(can_view_appraisal(c, &manager_a(), theirs)));
        }
        assert!(forbidden(can_view_staff(c, &manager_b(), "11")));
        assert!(forbidden(can_view_staff(c, &senior(), "11")), "a peer is not a report");
        can_view_staff(c, &senior(), "121").expect("the senior coder's own report");
    }

    #[test]
    fn the_role_decides_not_the_chain_alone() {
        let store = department();
        let as_coder = actor("12", Role::Coder);
        assert!(
            forbidden(can_view_staff(store.conn(), &as_coder, "121")),
            "a coder named as someone's line manager still sees only their own"
        );
    }

    #[test]
    fn the_administrator_sees_everyone_and_alone_keeps_the_framework_and_settings() {
        let store = department();
        let c = store.conn();
        for anyone in ["1", "10", "121", "21"] {
            can_view_staff(c, &admin(), anyone).unwrap();
            can_view_appraisal(c, &admin(), anyone).unwrap();
        }
        assert_eq!(visible_staff(c, &admin()).unwrap().len(), 7);
        for who in [admin(), Actor::system()] {
            can_manage_framework(&who).unwrap();
            can_manage_settings(&who).unwrap();
            can_manage_accounts(&who).unwrap();
            can_read_audit(&who).unwrap();
            can_import_staff(&who).unwrap();
        }
        for who in [manager_a(), coder()] {
            assert!(forbidden(can_manage_framework(&who)));
            assert!(forbidden(can_manage_settings(&who)));
            assert!(forbidden(can_manage_accounts(&who)));
            assert!(forbidden(can_read_audit(&who)));
            assert!(forbidden(can_import_staff(&who)));
        }
    }

    #[test]
    fn managers_edit_their_reports_but_not_themselves_and_coders_edit_no_one() {
        let store = department();
        let c = store.conn();
        can_edit_staff(c, &manager_a(), "121", today()).unwrap();
        assert!(forbidden(can_edit_staff(c, &manager_a(), "10", today())), "not oneself");
        assert!(forbidden(can_edit_staff(c, &manager_a(), "21", today())));
        assert!(forbidden(can_edit_staff(c, &coder(), "11", today())));
        can_edit_staff(c, &admin(), "1", today()).unwrap();
    }

    #[test]
    fn managers_add_people_only_to_their_own_team() {
        let store = department();
        let c = store.conn();
        can_add_staff(c, &manager_a(), Some("10")).unwrap();
        can_add_staff(c, &manager_a(), Some("12")).unwrap();
        assert!(forbidden(can_add_staff(c, &manager_a(), Some("20"))));
        assert!(
            forbidden(can_add_staff(c, &manager_a(), None)),
            "someone with no manager is outside the team"
        );
        assert!(forbidden(can_add_staff(c, &coder(), Some("11"))));
        can_add_staff(c, &admin(), None).unwrap();
    }

    #[test]
    fn a_leavers_records_are_read_only_even_for_the_administrator() {
        let mut store = department();
        staff::mark_leaver(
            store.conn_mut(),
            &admin(),
            "121",
            "2026-10-31",
            today().and_hms_opt(9, 0, 0).unwrap(),
        )
        .unwrap();
        let c = store.conn();
        can_view_staff(c, &manager_a(), "121").expect("still visible");
        let err = can_edit_staff(c, &admin(), "121", today()).unwrap_err();
        assert_eq!(err.code(), "locked");
        assert!(err.to_string().contains("left on 31/10/2026"), "{err}");
        assert_eq!(
            can_edit_appraisal(c, &senior(), "121", today()).unwrap_err().code(),
            "locked"
        );
        assert!(
            forbidden(can_edit_staff(c, &manager_b(), "121", today())),
            "someone who may not see it is told forbidden, not that they left"
        );
    }
}
