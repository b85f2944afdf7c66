//! Learning needs Appraise suggests for the plan: from the gaps between the
//! levels agreed and the levels the role expects, and from the NCCQ
//! pathway.

use crate::store::db::Connection;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::items::PdpItemInput;
use crate::accounts::Actor;
use crate::appraisal::door::{header, seen, Target};
use crate::appraisal::view::get;
use crate::appraisal::ActivityType;
use crate::dates::display;
use crate::{nccq, Result};

/// A learning need Appraise suggests: from a gap between the level agreed
/// (or self-assessed) and the level the role expects, or from the NCCQ
/// pathway. Shaped like [`PdpItemInput`], so it can be added as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LearningNeed {
    pub learning_need: String,
    pub activity: ActivityType,
    pub description: String,
    #[ts(type = "string | null")]
    pub target_date: Option<NaiveDate>,
    pub skill_code: Option<String>,
    pub competency: Option<String>,
    pub current_level: Option<u8>,
    pub expected_level: Option<u8>,
}

impl LearningNeed {
    /// The input that adds this suggestion to the plan.
    pub fn to_input(&self) -> PdpItemInput {
        PdpItemInput {
            learning_need: self.learning_need.clone(),
            activity: self.activity.code().to_owned(),
            description: self.description.clone(),
            target_date: self.target_date.map(|d| d.to_string()).unwrap_or_default(),
            support: String::new(),
            skill_code: self.skill_code.clone().unwrap_or_default(),
            competency: self.competency.clone().unwrap_or_default(),
        }
    }
}

/// Learning needs for the plan (see [`suggest_learning_needs`]).
pub fn suggest_learning_needs_as(conn: &Connection, actor: &Actor, appraisal_id: i64) -> Result<Vec<LearningNeed>> {
    seen(conn, actor, Target::Appraisal(appraisal_id))?;
    suggest_learning_needs(conn, appraisal_id)
}

/// Learning needs for the plan: one for each competency where the level
/// agreed (or, until one is agreed, self-assessed) is below the role's
/// expected level, then the NCCQ pathway's: the Standards course for a
/// trainee who has not started it, NCCQ revision for a trainee not yet
/// accredited, and a refresher course falling due in the cycle. Needs the
/// plan already has an item for (same competency, or same activity for the
/// NCCQ ones) are left out.
pub(crate) fn suggest_learning_needs(conn: &Connection, appraisal_id: i64) -> Result<Vec<LearningNeed>> {
    let h = header(conn, appraisal_id)?;
    let record = get(conn, appraisal_id)?;
    let cycle = h.cycle();
    let planned = |code: &str, competency: &str| {
        record
            .pdp
            .iter()
            .any(|i| i.skill_code.as_deref() == Some(code) && i.competency.as_deref() == Some(competency))
    };
    let planned_activity = |a: ActivityType| record.pdp.iter().any(|i| i.activity == a);
    let mut needs = Vec::new();
    for s in record.skills.iter().filter(|s| s.gap > 0) {
        if planned(&s.skill_code, &s.competency) {
            continue;
        }
        let current = s.agreed_level.or(s.self_level);
        // Work towards the next level the competency has, up to the expected.
        let next = s
            .levels
            .iter()
            .map(|l| l.level)
            .filter(|&l| current.is_none_or(|c| l > c) && l <= s.expected_level)
            .min()
            .unwrap_or(s.expected_level);
        let statement = s
            .levels
            .iter()
            .find(|l| l.level == next)
            .map(|l| l.statements.join(" "))
            .unwrap_or_default();
        let activity = match (s.skill_code.as_str(), s.gap) {
            (_, g) if g >= 2 => ActivityType::Course,
            ("ANCC", _) => ActivityType::Mentoring,
            ("ASMG", _) => ActivityType::Workshop,
            _ => ActivityType::ELearning,
        };
        needs.push(LearningNeed {
            learning_need: format!(
                "{}: from level {} to level {}, the level the role expects.",
                s.competency,
                current.map(|c| c.to_string()).unwrap_or_else(|| "—".to_owned()),
                s.expected_level
            ),
            activity,
            description: if statement.is_empty() {
                String::new()
            } else {
                format!("Work towards level {next}: {statement}")
            },
            target_date: Some(cycle.end),
            skill_code: Some(s.skill_code.clone()),
            competency: Some(s.competency.clone()),
            current_level: current,
            expected_level: Some(s.expected_level),
        });
    }

    let member = crate::staff::get(conn, &h.appraisee.staff_number)?;
    let status = nccq::status(conn, &member.staff_number, h.meeting_date)?;
    // The one pathway rule (a coding role in training, or set by hand), so
    // the suggestions and the NCCQ list agree on who is a trainee.
    let trainee = status.on_pathway;
    let mut nccq_need = |activity: ActivityType, need: String, description: String, by: Option<NaiveDate>| {
        if !planned_activity(activity) {
            needs.push(LearningNeed {
                learning_need: need,
                activity,
                description,
                target_date: by,
                skill_code: None,
                competency: None,
                current_level: None,
                expected_level: None,
            });
        }
    };
    if trainee && status.standards_course_start.is_none() {
        nccq_need(
            ActivityType::StandardsCourse,
            "Attend the Clinical Coding Standards course.".to_owned(),
            format!(
                "The course must start by {}, 6 months after appointment.",
                display(status.standards_course_start_by)
            ),
            Some(status.standards_course_start_by),
        );
    }
    if trainee && status.acc_date.is_none() {
        let sittings: Vec<String> = status.sittings_left.iter().map(|d| display(*d)).collect();
        nccq_need(
            ActivityType::NccqRevision,
            "Prepare for the NCCQ and become an Accredited Clinical Coder.".to_owned(),
            format!(
                "Both papers to be passed by {}. Sittings left: {}.",
                display(status.nccq_by),
                if sittings.is_empty() {
                    "none".to_owned()
                } else {
                    sittings.join(", ")
                }
            ),
            status.sittings_left.first().copied().or(Some(status.nccq_by)),
        );
    }
    if let Some(due) = status.next_refresher_due.filter(|d| *d <= cycle.end) {
        nccq_need(
            ActivityType::RefresherCourse,
            "Attend the Clinical Coding Standards refresher course.".to_owned(),
            format!("A refresher is due by {}, 3 years after the last course.", display(due)),
            Some(due),
        );
    }
    Ok(needs)
}
