//! The team's skills heatmap: each person (rows) against each competency
//! (columns), the level agreed in their latest signed annual appraisal
//! against the level their role expected, a gap where agreed is below.
//! One read over every signed appraisal's skills.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Serialize;
use ts_rs::TS;

use crate::accounts::Actor;
use crate::store::db::Connection;
use crate::{access, Result};

/// One person's level in one competency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HeatmapCell {
    pub competency: String,
    pub expected: u8,
    /// `None` when no level was agreed.
    pub agreed: Option<u8>,
    /// Levels below the expected one; 0 when met or not agreed.
    pub gap: u8,
}

/// One person's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HeatmapRow {
    pub staff_number: String,
    pub name: String,
    pub cells: Vec<HeatmapCell>,
}

/// The whole heatmap: the competencies in order, and a row per person with
/// a signed annual appraisal, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SkillsHeatmap {
    pub competencies: Vec<String>,
    pub rows: Vec<HeatmapRow>,
}

/// The heatmap over the people `actor` may see (a line manager's team,
/// everyone for the administrator), not the actor themselves.
pub fn heatmap_as(conn: &Connection, actor: &Actor) -> Result<SkillsHeatmap> {
    access::can_view_reports(actor)?;
    let visible: HashSet<String> = access::visible_staff(conn, actor)?.into_iter().collect();
    let skills = crate::store::reports::signed_annual_skills(conn)?;
    // Each person's latest signed annual appraisal.
    let mut latest: HashMap<&str, (chrono::NaiveDate, i64)> = HashMap::new();
    for s in skills
        .iter()
        .filter(|s| visible.contains(&s.staff_number) && s.staff_number != actor.staff_number)
    {
        let e = latest
            .entry(&s.staff_number)
            .or_insert((s.meeting_date, s.appraisal_id));
        *e = (*e).max((s.meeting_date, s.appraisal_id));
    }
    let chosen: HashSet<i64> = latest.values().map(|(_, id)| *id).collect();
    let mut competencies = BTreeSet::new();
    let mut rows: Vec<HeatmapRow> = Vec::new();
    for s in skills.iter().filter(|s| chosen.contains(&s.appraisal_id)) {
        competencies.insert(s.competency.clone());
        if rows.last().is_none_or(|r| r.staff_number != s.staff_number) {
            rows.push(HeatmapRow {
                staff_number: s.staff_number.clone(),
                name: s.name.clone(),
                cells: Vec::new(),
            });
        }
        let row = rows.last_mut().expect("pushed");
        if row.cells.iter().any(|c| c.competency == s.competency) {
            continue;
        }
        row.cells.push(HeatmapCell {
            competency: s.competency.clone(),
            expected: s.expected_level,
            agreed: s.agreed_level,
            gap: s.agreed_level.map_or(0, |a| s.expected_level.saturating_sub(a)),
        });
    }
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(SkillsHeatmap {
        competencies: competencies.into_iter().collect(),
        rows,
    })
}
