//! Role profiles: for each role in the department (a band and a job title)
//! the level expected in each competency. Appraise ships defaults, set when
//! a database has no roles yet; the administrator edits them afterwards.
//!
//! Expectations are keyed by skill code and competency name, not row ids,
//! so they carry over to the next version of a framework that keeps the
//! competency.

use crate::store::db::Connection;
use chrono::NaiveDateTime;
use serde::Serialize;
use ts_rs::TS;

use super::source::tidy;
use super::stored::get;
use super::words::RoleProfile;
use crate::accounts::Actor;
use crate::staff::BANDS;
use crate::store::framework as db;
use crate::{access, audit, Error, Result};

const MAX_TITLE: usize = 120;

/// A default role and the level it is expected to reach in each skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DefaultRole {
    pub band: &'static str,
    pub title: &'static str,
    /// (SFIA code, level). A skill not listed is not expected of the role.
    pub skills: &'static [(&'static str, u8)],
    /// Its holders code (see [`RoleProfile::coding`]).
    pub coding: bool,
}

/// The roles of a typical coding department (banding varies by trust). The
/// clinical coding skill (ANCC) rises a level a band from trainee (2) to
/// specialist (4), with coding management at 5 and 6, as public role
/// profiles have it. Records management is every coder's; reports and
/// analysis (ASMG) start at specialist; security (SCAD, VUAS) belongs to the
/// roles that manage information governance for the department.
///
/// Each competency is expected at the highest level the framework defines
/// for it at or below the role's level in its skill; a competency defined
/// only above that level is not expected of the role.
pub const DEFAULT_ROLES: &[DefaultRole] = &[
    DefaultRole {
        band: "3",
        title: "Trainee clinical coder",
        skills: &[("ANCC", 2), ("RMGT", 2)],
        coding: true,
    },
    DefaultRole {
        band: "4",
        title: "Clinical coder",
        skills: &[("ANCC", 3), ("RMGT", 3)],
        coding: true,
    },
    DefaultRole {
        band: "5",
        title: "Clinical Coding Specialist",
        skills: &[("ANCC", 4), ("ASMG", 3), ("RMGT", 3)],
        coding: true,
    },
    DefaultRole {
        band: "6",
        title: "Clinical coding auditor / trainer",
        skills: &[("ANCC", 5), ("ASMG", 3), ("RMGT", 4)],
        coding: true,
    },
    DefaultRole {
        band: "7",
        title: "Clinical coding manager",
        skills: &[("ANCC", 5), ("ASMG", 5), ("RMGT", 4), ("SCAD", 3)],
        coding: false,
    },
    DefaultRole {
        band: "8a",
        title: "Head of clinical coding",
        skills: &[("ANCC", 6), ("ASMG", 5), ("RMGT", 5), ("SCAD", 4), ("VUAS", 3)],
        coding: false,
    },
];

/// Whether a role of this band codes, when the department has not said:
/// the bands of the default coding roles (trainee to auditor or trainer, and
/// band 2, below the trainee). A coding manager who still codes is marked on
/// their own staff record. The rule migration 0011 applied to the roles
/// already there.
pub fn codes_by_default(band: &str) -> bool {
    ["2", "3", "4", "5", "6"].contains(&band)
}

/// Whether the role a person of `band` and `job_title` holds is a coding
/// role, by the shipped defaults: for a database with no role profiles yet
/// (the framework not loaded). Matched as `store::framework::role_for`
/// matches: the title, else the band's first role, else the band's default.
pub fn default_role_codes(band: &str, job_title: &str) -> bool {
    default_role(band, job_title).map_or_else(|| codes_by_default(band), |r| r.coding)
}

/// The shipped default role a person of `band` and `job_title` holds, matched
/// as `store::framework::role_for` matches the department's.
pub fn default_role(band: &str, job_title: &str) -> Option<&'static DefaultRole> {
    let of_band = || DEFAULT_ROLES.iter().filter(move |r| r.band == band);
    of_band()
        .find(|r| r.title.eq_ignore_ascii_case(job_title.trim()))
        .or_else(|| of_band().next())
}

/// Band × competency → expected level, for one framework: one row per
/// competency, one column per role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoleGrid {
    pub framework_id: i64,
    /// The columns, in order.
    pub roles: Vec<RoleProfile>,
    pub rows: Vec<RoleGridRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoleGridRow {
    pub skill_code: String,
    pub skill_name: String,
    pub competency: String,
    /// The levels this framework defines the competency at, lowest first:
    /// the choices for a cell.
    pub levels: Vec<u8>,
    /// One per role, in the order of `roles`; null where the role is not
    /// expected to have the competency.
    pub expected: Vec<Option<u8>>,
}

/// The role grid for a framework.
pub fn role_grid(conn: &Connection, framework_id: i64) -> Result<RoleGrid> {
    get(conn, framework_id)?;
    let roles = db::list_roles(conn)?;
    let expectations = db::expectations(conn)?;
    let rows = db::competencies_with_levels(conn, framework_id)?
        .into_iter()
        .map(|c| {
            let expected = roles
                .iter()
                .map(|r| {
                    expectations
                        .iter()
                        .find(|e| e.role_id == r.id && e.skill_code == c.skill_code && e.competency == c.competency)
                        .map(|e| e.level)
                })
                .collect();
            RoleGridRow {
                skill_code: c.skill_code,
                skill_name: c.skill_name,
                competency: c.competency,
                levels: c.levels,
                expected,
            }
        })
        .collect();
    Ok(RoleGrid {
        framework_id,
        roles,
        rows,
    })
}

/// Sets (or, with `None`, clears) the level a role is expected to reach in
/// a competency (administrator only), recording the old and new levels in
/// the audit trail in the same transaction.
pub fn set_expectation(
    conn: &mut Connection,
    actor: &Actor,
    role_id: i64,
    skill_code: &str,
    competency: &str,
    level: Option<u8>,
    now: NaiveDateTime,
) -> Result<()> {
    access::can_manage_framework(actor)?;
    let tx = crate::store::write(conn)?;
    if !db::role_exists(&tx, role_id)? {
        return Err(Error::NotFound(format!("There is no role with id {role_id}.")));
    }
    let code = skill_code.trim().to_ascii_uppercase();
    let competency = tidy(competency);
    if code.is_empty() || competency.is_empty() {
        return Err(Error::invalid("competency", "Choose a competency."));
    }
    let before = db::expectations(&tx)?
        .into_iter()
        .find(|e| e.role_id == role_id && e.skill_code == code && e.competency == competency)
        .map(|e| e.level);
    match level {
        None => db::clear_expectation(&tx, role_id, &code, &competency)?,
        Some(level @ 1..=7) => db::set_expectation(&tx, role_id, &code, &competency, level)?,
        Some(level) => {
            return Err(Error::invalid(
                "level",
                format!("Level {level} is not a SFIA level: choose 1 to 7."),
            ))
        }
    }
    if before != level {
        audit::record_by(
            &tx,
            actor,
            "framework.expectation_set",
            "role_expectation",
            &role_id.to_string(),
            serde_json::json!({
                "skill_code": code,
                "competency": competency,
                "level": { "from": before, "to": level },
            }),
            now,
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Adds a role, such as a second Band 6 role for trainers (administrator
/// only, audited).
pub fn add_role(
    conn: &mut Connection,
    actor: &Actor,
    band: &str,
    title: &str,
    now: NaiveDateTime,
) -> Result<RoleProfile> {
    access::can_manage_framework(actor)?;
    let band = band.trim().to_lowercase();
    let band = band.strip_prefix("band").map(str::trim).unwrap_or(&band).to_owned();
    let title = tidy(title);
    let mut errors = Vec::new();
    if !BANDS.contains(&band.as_str()) {
        errors.push(crate::FieldError {
            field: "band".into(),
            message: format!("Choose an Agenda for Change band: one of {}.", BANDS.join(", ")),
        });
    }
    if title.is_empty() || title.chars().count() > MAX_TITLE {
        errors.push(crate::FieldError {
            field: "title".into(),
            message: format!("Enter a job title of up to {MAX_TITLE} characters."),
        });
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let tx = crate::store::write(conn)?;
    if db::list_roles(&tx)?.iter().any(|r| r.band == band && r.title == title) {
        return Err(Error::invalid(
            "title",
            format!("There is already a Band {band} {title} role."),
        ));
    }
    let coding = codes_by_default(&band);
    let id = db::insert_role(&tx, &band, &title, coding)?;
    let role = RoleProfile {
        id,
        band,
        title,
        coding,
    };
    audit::record_by(
        &tx,
        actor,
        "framework.role_add",
        "role_profile",
        &id.to_string(),
        audit::snapshot(&role),
        now,
    )?;
    tx.commit()?;
    Ok(role)
}

/// Marks a role as a coding role or not (administrator only, audited): its
/// holders without an ACC date are then on the NCCQ pathway, or not, unless
/// their own record says otherwise.
pub fn set_role_coding(
    conn: &mut Connection,
    actor: &Actor,
    role_id: i64,
    coding: bool,
    now: NaiveDateTime,
) -> Result<()> {
    access::can_manage_framework(actor)?;
    let tx = crate::store::write(conn)?;
    let Some(before) = db::list_roles(&tx)?.into_iter().find(|r| r.id == role_id) else {
        return Err(Error::NotFound(format!("There is no role with id {role_id}.")));
    };
    if before.coding != coding {
        db::set_role_coding(&tx, role_id, coding)?;
        audit::record_by(
            &tx,
            actor,
            "framework.role_coding_set",
            "role_profile",
            &role_id.to_string(),
            serde_json::json!({ "coding": { "from": before.coding, "to": coding } }),
            now,
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Adds the default roles, with expectations drawn from `framework_id`, when
/// there are no roles at all. Returns whether it added them.
pub(super) fn ensure_defaults(conn: &mut Connection, framework_id: i64) -> Result<bool> {
    let tx = crate::store::write(conn)?;
    if !db::list_roles(&tx)?.is_empty() {
        return Ok(false);
    }
    let competencies = db::competencies_with_levels(&tx, framework_id)?;
    for role in DEFAULT_ROLES {
        let role_id = db::insert_role(&tx, role.band, role.title, role.coding)?;
        for c in &competencies {
            let Some(&(_, target)) = role.skills.iter().find(|(code, _)| *code == c.skill_code) else {
                continue;
            };
            if let Some(&level) = c.levels.iter().filter(|&&l| l <= target).max() {
                db::set_expectation(&tx, role_id, &c.skill_code, &c.competency, level)?;
            }
        }
    }
    tx.commit()?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::ensure_builtin;
    use crate::Store;
    use chrono::NaiveDate;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 21)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    fn seeded() -> (Store, i64) {
        let mut store = crate::store::testing::store();
        let id = ensure_builtin(store.conn_mut(), now()).unwrap().framework_id;
        (store, id)
    }

    fn column(grid: &RoleGrid, band: &str) -> usize {
        grid.roles.iter().position(|r| r.band == band).unwrap()
    }

    #[test]
    fn the_default_coding_roles_are_trainee_to_auditor_and_the_managers_are_not() {
        let (store, _) = seeded();
        let coding: Vec<(String, bool)> = db::list_roles(store.conn())
            .unwrap()
            .into_iter()
            .map(|r| (r.band, r.coding))
            .collect();
        let expected: Vec<(String, bool)> = [
            ("3", true),
            ("4", true),
            ("5", true),
            ("6", true),
            ("7", false),
            ("8a", false),
        ]
        .into_iter()
        .map(|(b, c)| (b.to_owned(), c))
        .collect();
        assert_eq!(coding, expected, "bands 3 to 6 code");
        assert!(
            default_role_codes("3", "anything"),
            "a band 3 is the trainee by default"
        );
        assert!(!default_role_codes("7", "Clinical coding manager"));
        assert!(!default_role_codes("9", ""), "no default role and not a coding band");
    }

    #[test]
    fn only_the_administrator_marks_a_role_as_coding_and_it_is_audited() {
        let (mut store, _) = seeded();
        let manager = db::list_roles(store.conn()).unwrap()[4].clone();
        assert!(!manager.coding, "{manager:?}");
        let coder = Actor {
            staff_number: "10".into(),
            role: crate::accounts::Role::Manager,
            name: "Zoë Ní Bhriain".into(),
            must_change_passphrase: false,
        };
        let refused = set_role_coding(store.conn_mut(), &coder, manager.id, true, now()).unwrap_err();
        assert_eq!(refused.code(), "forbidden", "{refused}");
        set_role_coding(store.conn_mut(), &Actor::system(), manager.id, true, now()).unwrap();
        let after = db::list_roles(store.conn()).unwrap()[4].clone();
        assert!(after.coding, "now a coding role");
        let rows = audit::list(store.conn(), &Actor::system(), &audit::AuditFilter::default()).unwrap();
        assert!(rows.iter().any(|r| r.action == "framework.role_coding_set"), "audited");
    }

    #[test]
    fn the_default_roles_run_from_band_3_to_band_8a() {
        let (store, id) = seeded();
        let grid = role_grid(store.conn(), id).unwrap();
        let bands: Vec<&str> = grid.roles.iter().map(|r| r.band.as_str()).collect();
        assert_eq!(bands, ["3", "4", "5", "6", "7", "8a"]);
        assert_eq!(grid.rows.len(), 36, "one row per competency of the built-in framework");
    }

    #[test]
    fn the_band_5_profile_expects_the_ancc_competencies_at_level_4() {
        let (store, id) = seeded();
        let grid = role_grid(store.conn(), id).unwrap();
        let b5 = column(&grid, "5");
        assert_eq!(grid.roles[b5].title, "Clinical Coding Specialist");
        for row in grid.rows.iter().filter(|r| r.skill_code == "ANCC") {
            if row.levels.contains(&4) {
                assert_eq!(row.expected[b5], Some(4), "{} at level 4", row.competency);
            } else {
                assert!(
                    row.levels.iter().all(|&l| l > 4),
                    "{} is defined below 4 only when at 4",
                    row.competency
                );
                assert_eq!(row.expected[b5], None, "{} is a manager's competency", row.competency);
            }
        }
        let accuracy = grid.rows.iter().find(|r| r.competency == "Coding accuracy").unwrap();
        assert_eq!(accuracy.expected[b5], Some(4));
    }

    #[test]
    fn clinical_coding_rises_a_level_a_band_and_security_is_for_managers() {
        let (store, id) = seeded();
        let grid = role_grid(store.conn(), id).unwrap();
        let standards = grid.rows.iter().find(|r| r.competency == "Coding standards").unwrap();
        assert_eq!(standards.levels, [2, 3, 4, 5, 6]);
        assert_eq!(
            standards.expected,
            [Some(2), Some(3), Some(4), Some(5), Some(5), Some(6)],
            "bands 3, 4, 5, 6, 7, 8a"
        );
        let records = grid.rows.iter().find(|r| r.competency == "Records management").unwrap();
        assert_eq!(
            records.expected[column(&grid, "3")],
            Some(2),
            "every coder handles records"
        );
        let breach = grid
            .rows
            .iter()
            .find(|r| r.competency == "Violation and security breach")
            .unwrap();
        assert_eq!(breach.expected[column(&grid, "4")], None, "not a coder's");
        assert_eq!(breach.expected[column(&grid, "7")], Some(3));
        let strategy = grid.rows.iter().find(|r| r.competency == "Strategy").unwrap();
        assert_eq!(strategy.expected[column(&grid, "8a")], Some(6), "the restored Level 6");
        assert_eq!(strategy.expected[column(&grid, "3")], None, "not a trainee's");
    }

    #[test]
    fn the_administrator_can_change_and_clear_an_expectation() {
        let (mut store, id) = seeded();
        let admin = Actor::system();
        let at = now();
        let grid = role_grid(store.conn(), id).unwrap();
        let b4 = grid.roles[column(&grid, "4")].id;
        let conn = store.conn_mut();
        set_expectation(conn, &admin, b4, "ancc", "Coding  accuracy", Some(2), at).unwrap();
        set_expectation(conn, &admin, b4, "ANCC", "Escalation", None, at).unwrap();
        let grid = role_grid(conn, id).unwrap();
        let b4c = column(&grid, "4");
        let find = |name: &str| grid.rows.iter().find(|r| r.competency == name).unwrap();
        assert_eq!(find("Coding accuracy").expected[b4c], Some(2), "changed");
        assert_eq!(find("Escalation").expected[b4c], None, "cleared");
        assert_eq!(
            set_expectation(conn, &admin, b4, "ANCC", "Escalation", Some(8), at)
                .unwrap_err()
                .code(),
            "invalid"
        );
        assert_eq!(
            set_expectation(conn, &admin, 999, "ANCC", "Escalation", Some(3), at)
                .unwrap_err()
                .code(),
            "not_found"
        );
    }

    #[test]
    fn expectations_carry_over_to_a_new_version_of_the_framework() {
        let (mut store, _) = seeded();
        let csv = crate::framework::export_csv(store.conn(), 1).unwrap();
        let request = crate::framework::ImportRequest {
            name: super::super::builtin::BUILTIN_NAME.into(),
            file_name: "framework.csv".into(),
            format: crate::framework::SourceFormat::Csv,
        };
        let now = NaiveDate::from_ymd_opt(2027, 4, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let v2 = crate::framework::import(store.conn_mut(), &Actor::system(), csv.as_bytes(), &request, now).unwrap();
        let grid = role_grid(store.conn(), v2.framework_id).unwrap();
        let b5 = column(&grid, "5");
        let accuracy = grid.rows.iter().find(|r| r.competency == "Coding accuracy").unwrap();
        assert_eq!(accuracy.expected[b5], Some(4), "version 2 keeps the Band 5 expectation");
    }

    #[test]
    fn a_role_is_added_with_a_real_band_and_a_title() {
        let (mut store, _) = seeded();
        let admin = Actor::system();
        let role = add_role(store.conn_mut(), &admin, "Band 6", "Clinical coding trainer", now()).unwrap();
        assert_eq!(role.band, "6");
        assert_eq!(
            add_role(store.conn_mut(), &admin, "12", "", now()).unwrap_err().code(),
            "invalid"
        );
        assert_eq!(
            add_role(store.conn_mut(), &admin, "6", "Clinical coding trainer", now())
                .unwrap_err()
                .code(),
            "invalid",
            "no two roles alike"
        );
    }

    #[test]
    fn only_the_administrator_changes_role_profiles_and_each_change_is_audited() {
        let (mut store, id) = seeded();
        let grid = role_grid(store.conn(), id).unwrap();
        let b4 = grid.roles[column(&grid, "4")].id;
        let manager = Actor {
            staff_number: "10".into(),
            role: crate::accounts::Role::Manager,
            name: "Zoë Ní Bhriain".into(),
            must_change_passphrase: false,
        };
        let c = store.conn_mut();
        let err = set_expectation(c, &manager, b4, "ANCC", "Coding accuracy", Some(1), now()).unwrap_err();
        assert_eq!(err.code(), "forbidden");
        assert_eq!(
            add_role(c, &manager, "6", "Trainer", now()).unwrap_err().code(),
            "forbidden"
        );
        let admin = Actor::system();
        set_expectation(c, &admin, b4, "ANCC", "Coding accuracy", Some(2), now()).unwrap();
        set_expectation(c, &admin, b4, "ANCC", "Coding accuracy", Some(2), now()).unwrap();
        let log = audit::list(c, &admin, &audit::AuditFilter::default()).unwrap();
        assert_eq!(log.len(), 1, "setting the same level again changes nothing");
        assert_eq!(log[0].action, "framework.expectation_set");
        assert_eq!(log[0].detail["level"], serde_json::json!({"from": 3, "to": 2}));
        assert_eq!(log[0].detail["competency"], "Coding accuracy");
    }
}
