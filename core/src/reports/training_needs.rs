//! The training needs analysis: the learning needs in everyone's current
//! PDP (the one agreed in their latest signed appraisal), grouped by
//! competency and skill, with people, target dates and the support asked
//! for: the department's case for its training budget.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::table::{Cell, Table};
use crate::accounts::Actor;
use crate::store::db::Connection;
use crate::Result;

/// One person's need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TrainingNeed {
    pub staff_number: String,
    pub name: String,
    pub learning_need: String,
    pub activity: String,
    pub description: String,
    #[ts(type = "string | null")]
    pub target_date: Option<NaiveDate>,
    pub support: String,
    /// The item's progress, as words.
    pub status: String,
}

/// The needs under one competency and skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TrainingNeedGroup {
    /// "Not linked to a competency" for a need that names none.
    pub competency: String,
    pub skill_code: Option<String>,
    pub needs: Vec<TrainingNeed>,
}

const NO_COMPETENCY: &str = "Not linked to a competency";

/// Every need in the current plans of the people `actor` may see (not
/// themself, not those who have left), grouped: the plans as
/// `appraisal::team_pdp_as` gives them, read in one statement for everyone.
pub fn analysis_as(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Vec<TrainingNeedGroup>> {
    crate::access::can_view_reports(actor)?;
    let staff: HashMap<String, crate::staff::StaffMember> = crate::staff::list(conn)?
        .into_iter()
        .map(|m| (m.staff_number.clone(), m))
        .collect();
    let mut people: Vec<&crate::staff::StaffMember> = crate::access::visible_staff(conn, actor)?
        .iter()
        .filter(|n| **n != actor.staff_number)
        .filter_map(|n| staff.get(n))
        .filter(|m| m.leaver_date.is_none_or(|d| d > today))
        .collect();
    people.sort_by_key(|m| m.full_name());
    let mut items: HashMap<String, Vec<crate::store::reports::PlanItem>> = HashMap::new();
    for item in crate::store::reports::current_plan_items(conn)? {
        items.entry(item.staff_number.clone()).or_default().push(item);
    }
    let mut flat: Vec<(String, Option<String>, TrainingNeed)> = Vec::new();
    for m in people {
        for item in items.remove(&m.staff_number).unwrap_or_default() {
            flat.push((
                item.competency.clone().unwrap_or_else(|| NO_COMPETENCY.to_owned()),
                item.skill_code.clone(),
                TrainingNeed {
                    staff_number: m.staff_number.clone(),
                    name: m.full_name(),
                    learning_need: item.learning_need,
                    activity: item.activity.label().to_owned(),
                    description: item.description,
                    target_date: item.target_date,
                    support: item.support,
                    status: item.status.code().replace('_', " "),
                },
            ));
        }
    }
    Ok(group(flat))
}

/// Groups by competency then skill (the unlinked last), each group's needs
/// by target date then name.
fn group(mut flat: Vec<(String, Option<String>, TrainingNeed)>) -> Vec<TrainingNeedGroup> {
    flat.sort_by(|a, b| {
        (
            a.0 == NO_COMPETENCY,
            &a.0,
            &a.1,
            a.2.target_date.is_none(),
            a.2.target_date,
            &a.2.name,
        )
            .cmp(&(
                b.0 == NO_COMPETENCY,
                &b.0,
                &b.1,
                b.2.target_date.is_none(),
                b.2.target_date,
                &b.2.name,
            ))
    });
    let mut groups: Vec<TrainingNeedGroup> = Vec::new();
    for (competency, skill_code, need) in flat {
        match groups.last_mut() {
            Some(g) if g.competency == competency && g.skill_code == skill_code => g.needs.push(need),
            _ => groups.push(TrainingNeedGroup {
                competency,
                skill_code,
                needs: vec![need],
            }),
        }
    }
    groups
}

pub(super) fn table(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Table> {
    let mut t = Table::new(
        "Training needs analysis",
        &[
            "Competency",
            "Skill",
            "Learning need",
            "Staff number",
            "Name",
            "Activity",
            "Description",
            "Target date",
            "Support asked for",
            "Status",
        ],
    );
    for g in analysis_as(conn, actor, today)? {
        for n in g.needs {
            t.rows.push(vec![
                Cell::text(&g.competency),
                Cell::text(g.skill_code.clone().unwrap_or_default()),
                Cell::text(n.learning_need),
                Cell::text(n.staff_number),
                Cell::text(n.name),
                Cell::text(n.activity),
                Cell::text(n.description),
                Cell::date(n.target_date),
                Cell::text(n.support),
                Cell::text(n.status),
            ]);
        }
    }
    Ok(t)
}
