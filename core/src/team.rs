//! The team view: a line manager's reports, directly and through others,
//! with what a manager checks at a glance (band, appointment date, where
//! they are on the way to ACC). Appraisal status joins it when appraisals
//! exist.

use crate::store::db::Connection;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::accounts::{Actor, Role};
use crate::nccq::{self, NccqState};
use crate::staff::{self, StaffMember};
use crate::store::staff as staff_db;
use crate::{access, Result};

/// One person in a manager's team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TeamMember {
    pub staff_number: String,
    pub name: String,
    pub band: String,
    pub job_title: String,
    #[ts(type = "string")]
    pub appointed: NaiveDate,
    /// Their line manager's staff number and name.
    pub manager: Option<String>,
    pub manager_name: Option<String>,
    /// 1 for the manager's direct reports, 2 for their reports, and so on;
    /// 0 for someone outside the administrator's own line.
    pub depth: u32,
    /// Accredited Clinical Coder since (recorded, or both papers passed).
    #[ts(type = "string | null")]
    pub acc_date: Option<NaiveDate>,
    /// Where a trainee stands on the NCCQ pathway; `achieved` once
    /// accredited; none for a leaver or someone not on the pathway.
    pub nccq_state: Option<NccqState>,
    #[ts(type = "string | null")]
    pub leaver_date: Option<NaiveDate>,
    /// Left by today: shown, never changed.
    pub read_only: bool,
}

/// The actor's team: for a line manager everyone who reports to them,
/// nearest first then by surname; for the administrator everyone else in the
/// department. A coder has no team.
pub fn team(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Vec<TeamMember>> {
    access::can_view_team(actor)?;
    let in_line: std::collections::HashMap<String, u32> =
        staff_db::reports_of(conn, &actor.staff_number)?.into_iter().collect();
    // One read of the staff list, in surname order, whatever the team's size.
    let everyone = || staff::list(conn).map(|list| list.into_iter().filter(|m| m.staff_number != actor.staff_number));
    let members: Vec<(StaffMember, u32)> = match actor.role {
        // Refused above: a coder has no team.
        Role::Coder => Vec::new(),
        Role::Manager => {
            let mut team: Vec<(StaffMember, u32)> = everyone()?
                .filter_map(|m| in_line.get(&m.staff_number).map(|&depth| (m, depth)))
                .collect();
            // Nearest first; within a level, the list's surname order (stable).
            team.sort_by_key(|(_, depth)| *depth);
            team
        }
        Role::Administrator => everyone()?
            .map(|m| {
                let depth = in_line.get(&m.staff_number).copied().unwrap_or(0);
                (m, depth)
            })
            .collect(),
    };
    // Everyone's NCCQ status from one read of each table, not one per person.
    let settings = nccq::settings(conn)?;
    let current: Vec<StaffMember> = members
        .iter()
        .filter(|(m, _)| m.leaver_date.is_none_or(|d| d > today))
        .map(|(m, _)| m.clone())
        .collect();
    let mut statuses: std::collections::HashMap<String, nccq::NccqStatus> = nccq::records_of(conn, current, &settings)?
        .iter()
        .map(|record| {
            (
                record.staff.staff_number.clone(),
                nccq::assess(record, &settings, today),
            )
        })
        .collect();
    members
        .into_iter()
        .map(|(member, depth)| {
            let read_only = member.leaver_date.is_some_and(|d| d <= today);
            let status = if read_only {
                None
            } else {
                statuses.remove(&member.staff_number)
            };
            Ok(TeamMember {
                name: member.full_name(),
                acc_date: status.as_ref().and_then(|s| s.acc_date).or(member.acc_date),
                // Someone not on the pathway (who does not code) has no
                // NCCQ state to show.
                nccq_state: status.filter(|s| s.on_pathway || s.acc_date.is_some()).map(|s| s.state),
                staff_number: member.staff_number,
                band: member.band,
                job_title: member.job_title,
                appointed: member.appointed,
                manager: member.manager,
                manager_name: member.manager_name,
                depth,
                leaver_date: member.leaver_date,
                read_only,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::tests::{actor, department, today};

    fn numbers(team: &[TeamMember]) -> Vec<&str> {
        team.iter().map(|m| m.staff_number.as_str()).collect()
    }

    #[test]
    fn the_team_is_read_in_the_same_few_statements_at_any_size_and_each_nccq_state_is_the_persons_own() {
        let store = crate::print::test_support::demo();
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let c = store.conn();
        let managers: Vec<String> = {
            let mut stmt = c
                .prepare(
                    "SELECT m.staff_number FROM staff s JOIN staff m ON m.id = s.manager_id
                      GROUP BY m.staff_number ORDER BY count(*) DESC, m.staff_number",
                )
                .unwrap();
            stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
        };
        let mut counts = Vec::new();
        for who in managers
            .iter()
            .map(|m| actor(m, Role::Manager))
            .chain([actor("system", Role::Administrator)])
        {
            let before = c.statements_run();
            let team = team(c, &who, today).unwrap();
            let statements = c.statements_run() - before;
            // The role profile is read once per band and title among them.
            let roles: std::collections::HashSet<(&str, &str)> = team
                .iter()
                .filter(|m| !m.read_only)
                .map(|m| (m.band.as_str(), m.job_title.as_str()))
                .collect();
            counts.push((team.len(), statements - roles.len() as u64));
            for m in &team {
                let own = (!m.read_only).then(|| nccq::status(c, &m.staff_number, today).unwrap());
                let state = own.filter(|s| s.on_pathway || s.acc_date.is_some()).map(|s| s.state);
                assert_eq!(
                    m.nccq_state, state,
                    "{}'s NCCQ state as their own status reads",
                    m.staff_number
                );
            }
        }
        let largest = counts.iter().max_by_key(|(n, _)| *n).unwrap();
        assert!(largest.0 > 10, "a team of some size: {counts:?}");
        assert!(
            counts.iter().all(|(_, statements)| *statements == counts[0].1),
            "beside a read per role, the same statements for every team, not one per person: {counts:?}"
        );
    }

    #[test]
    fn a_manager_sees_their_reports_and_their_reports_reports() {
        let store = department();
        let team = team(store.conn(), &actor("10", Role::Manager), today()).unwrap();
        assert_eq!(
            numbers(&team),
            ["12", "11", "121"],
            "direct reports by surname, then the next level"
        );
        let ann = &team[2];
        assert_eq!(ann.depth, 2);
        assert_eq!(ann.manager_name.as_deref(), Some("Ciarán Byrne"));
        assert_eq!(ann.band, "4");
        assert_eq!(
            ann.nccq_state,
            Some(NccqState::Missed),
            "appointed 01/09/2024 with no NCCQ, her deadline has passed"
        );
        assert_eq!(ann.acc_date, None);
    }

    #[test]
    fn someone_not_on_the_nccq_pathway_has_no_nccq_state() {
        let mut store = department();
        let input = crate::staff::StaffInput {
            forename: "Ian".into(),
            surname: "Analyst".into(),
            band: "4".into(),
            appointed: "2024-09-01".into(),
            manager: "10".into(),
            nccq_pathway: "no".into(),
            ..Default::default()
        };
        let ian = staff::add(store.conn_mut(), &input, today()).unwrap().staff_number;
        let team = team(store.conn(), &actor("10", Role::Manager), today()).unwrap();
        let row = team.iter().find(|m| m.staff_number == ian).unwrap();
        assert_eq!(row.nccq_state, None, "not missed: not on the pathway at all");
    }

    #[test]
    fn another_managers_team_is_not_in_it() {
        let store = department();
        let team = team(store.conn(), &actor("20", Role::Manager), today()).unwrap();
        assert_eq!(numbers(&team), ["21"]);
    }

    #[test]
    fn a_coder_has_no_team_view() {
        let store = department();
        let err = team(store.conn(), &actor("11", Role::Coder), today()).unwrap_err();
        assert_eq!(err.code(), "forbidden");
    }

    #[test]
    fn the_administrator_sees_everyone_else_and_leavers_are_read_only() {
        let mut store = department();
        let admin = actor("1", Role::Administrator);
        staff::mark_leaver(
            store.conn_mut(),
            &admin,
            "21",
            "2026-10-31",
            today().and_hms_opt(9, 0, 0).unwrap(),
        )
        .unwrap();
        let team = team(store.conn(), &admin, today()).unwrap();
        assert_eq!(team.len(), 6, "everyone but the administrator");
        let cy = team.iter().find(|m| m.staff_number == "21").unwrap();
        assert!(cy.read_only);
        assert_eq!(cy.nccq_state, None, "a leaver has no pathway status");
        assert_eq!(cy.depth, 2);
    }
}
