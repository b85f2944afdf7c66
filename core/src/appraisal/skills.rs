//! The skills step: one row per competency the appraisee's role expects,
//! with the expected level, the appraisee's own and the agreed one, the gap
//! between them, and the statements at each level.

use crate::store::db::Connection;
use chrono::NaiveDateTime;

use super::door::{change_row, editable, Target};
use super::{in_tx, LevelStatements, SkillAssessment};
use crate::access::AppraisalPart;
use crate::accounts::Actor;
use crate::framework::level_name;
use crate::store::appraisal as db;
use crate::{Error, Result};

/// The appraisee's own level for a competency (theirs alone to give);
/// `None` clears it.
pub fn set_self_level_as(
    conn: &mut Connection,
    actor: &Actor,
    skill_id: i64,
    level: Option<u8>,
    expected_version: Option<i64>,
    now: NaiveDateTime,
) -> Result<SkillAssessment> {
    set_level_as(
        conn,
        actor,
        skill_id,
        level,
        SkillField::SelfLevel,
        expected_version,
        now,
    )
}

/// The level agreed in the meeting; `None` clears it.
pub fn set_agreed_level_as(
    conn: &mut Connection,
    actor: &Actor,
    skill_id: i64,
    level: Option<u8>,
    expected_version: Option<i64>,
    now: NaiveDateTime,
) -> Result<SkillAssessment> {
    set_level_as(
        conn,
        actor,
        skill_id,
        level,
        SkillField::AgreedLevel,
        expected_version,
        now,
    )
}

fn set_level_as(
    conn: &mut Connection,
    actor: &Actor,
    skill_id: i64,
    level: Option<u8>,
    field: SkillField,
    expected_version: Option<i64>,
    now: NaiveDateTime,
) -> Result<SkillAssessment> {
    let (part, action, name) = match field {
        SkillField::SelfLevel => (AppraisalPart::AppraiseeWords, "appraisal.self_level", "self_level"),
        SkillField::AgreedLevel => (AppraisalPart::Meeting, "appraisal.agreed_level", "agreed_level"),
    };
    let read = |tx: &Connection, h: &db::Header| {
        skills(tx, h.id)?
            .into_iter()
            .find(|s| s.id == skill_id)
            .ok_or_else(|| Error::NotFound(format!("There is no skill assessment with number {skill_id}.")))
    };
    let make = |tx: &Connection, h: &db::Header| {
        let before = skills(tx, h.id)?
            .into_iter()
            .find(|s| s.id == skill_id)
            .expect("found by the door");
        let from = match field {
            SkillField::SelfLevel => before.self_level,
            SkillField::AgreedLevel => before.agreed_level,
        };
        if from == level {
            // The same level again changes nothing and leaves no row.
            return Ok((before, None));
        }
        let after = set_level_in(tx, skill_id, level, field, now)?;
        let mut detail = serde_json::Map::new();
        detail.insert("skill".into(), skill_id.into());
        detail.insert(
            "competency".into(),
            format!("{} {}", after.skill_code, after.competency).into(),
        );
        detail.insert(name.into(), serde_json::json!({ "from": from, "to": level }));
        Ok((after, Some(detail.into())))
    };
    change_row(
        conn,
        actor,
        Target::Skill(skill_id),
        expected_version,
        part,
        now,
        action,
        make,
        read,
    )
}

/// The appraisee's own assessment of a competency, which they may give
/// before the meeting; `None` clears it.
pub(crate) fn set_self_level(
    conn: &mut Connection,
    skill_id: i64,
    level: Option<u8>,
    now: NaiveDateTime,
) -> Result<SkillAssessment> {
    in_tx(conn, |tx| set_level_in(tx, skill_id, level, SkillField::SelfLevel, now))
}

/// The level agreed in the meeting; `None` clears it.
pub(crate) fn set_agreed_level(
    conn: &mut Connection,
    skill_id: i64,
    level: Option<u8>,
    now: NaiveDateTime,
) -> Result<SkillAssessment> {
    in_tx(conn, |tx| {
        set_level_in(tx, skill_id, level, SkillField::AgreedLevel, now)
    })
}

/// The two levels of a skill assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SkillField {
    SelfLevel,
    AgreedLevel,
}

impl SkillField {
    fn column(self) -> &'static str {
        match self {
            SkillField::SelfLevel => "self_level",
            SkillField::AgreedLevel => "agreed_level",
        }
    }
}

fn set_level_in(
    tx: &Connection,
    skill_id: i64,
    level: Option<u8>,
    field: SkillField,
    now: NaiveDateTime,
) -> Result<SkillAssessment> {
    let field = field.column();
    let (id, competency_id, competency) = db::skill_appraisal(tx, skill_id)?
        .ok_or_else(|| Error::NotFound(format!("There is no skill assessment with number {skill_id}.")))?;
    editable(tx, id, now)?;
    if let Some(level) = level {
        check_level(tx, competency_id, &competency, level, field)?;
    }
    db::set_skill_level(tx, skill_id, field, level)?;
    skills(tx, id)?
        .into_iter()
        .find(|s| s.id == skill_id)
        .ok_or_else(|| Error::NotFound(format!("There is no skill assessment with number {skill_id}.")))
}

/// Refuses a level the competency has no statement at, naming the levels
/// it has: "Coding accuracy has no level 7 statement; choose 2, 3 or 4."
fn check_level(conn: &Connection, competency_id: i64, competency: &str, level: u8, field: &str) -> Result<()> {
    let levels = db::competency_levels(conn, competency_id)?;
    if levels.contains(&level) {
        return Ok(());
    }
    Err(Error::invalid(field, level_message(competency, level, &levels)))
}

/// The message for a level a competency does not have.
pub fn level_message(competency: &str, level: u8, levels: &[u8]) -> String {
    let choices: Vec<String> = levels.iter().map(u8::to_string).collect();
    let choose = match choices.as_slice() {
        [] => "it has no level statements at all".to_owned(),
        [one] => format!("choose {one}"),
        [rest @ .., last] => format!("choose {} or {last}", rest.join(", ")),
    };
    format!("{competency} has no level {level} statement; {choose}.")
}

pub(super) fn skills(conn: &Connection, id: i64) -> Result<Vec<SkillAssessment>> {
    let statements = db::skill_statements(conn, id)?;
    let mut rows = db::skills(conn, id)?;
    for row in &mut rows {
        row.gap = gap(row.expected_level, row.agreed_level.or(row.self_level));
        for s in statements.iter().filter(|s| s.competency_id == row.competency_id) {
            if row.levels.last().is_none_or(|l| l.level != s.level) {
                row.levels.push(LevelStatements {
                    level: s.level,
                    level_name: level_name(s.level).to_owned(),
                    statements: Vec::new(),
                });
            }
            row.levels
                .last_mut()
                .expect("pushed above")
                .statements
                .push(s.text.clone());
        }
    }
    Ok(rows)
}

/// Levels below the expected one; none until a level is given.
pub(crate) fn gap(expected: u8, level: Option<u8>) -> u8 {
    level.map_or(0, |l| expected.saturating_sub(l))
}
