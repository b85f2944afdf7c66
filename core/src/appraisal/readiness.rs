//! Readiness as the meeting goes: for each of the meeting's own steps,
//! whether it is complete, incomplete or not applicable, and what still
//! stops it being signed, each blocker with the step where it is put
//! right. Worked out from the record as read, so the step list, the
//! sign-off step and the signature itself give the same answer.

use serde::Serialize;
use ts_rs::TS;

use super::{AppraisalKind, AppraisalRecord, Step};
use crate::FieldError;

/// Where one step of the meeting stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    Complete,
    Incomplete,
    /// Nothing to do at this step in this meeting (no objectives from last
    /// year, no competencies expected of the role).
    NotApplicable,
}

/// One step of the meeting and where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct StepReadiness {
    pub step: Step,
    pub state: StepState,
}

/// Something that stops the record being signed, and the step it is put
/// right at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Blocker {
    pub step: Step,
    pub message: String,
}

/// The meeting's own steps in order (see [`AppraisalKind::steps`]), each
/// with where it stands, and what stops signing; none when it may be
/// signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Readiness {
    pub steps: Vec<StepReadiness>,
    pub blockers: Vec<Blocker>,
}

/// Where each step of `record` stands and what stops it being signed.
pub fn readiness(record: &AppraisalRecord) -> Readiness {
    let blockers = blockers(record);
    let steps = record
        .kind
        .steps()
        .iter()
        .map(|&step| StepReadiness {
            step,
            state: state(record, step, &blockers),
        })
        .collect();
    Readiness { steps, blockers }
}

fn state(r: &AppraisalRecord, step: Step, blockers: &[Blocker]) -> StepState {
    let done = |complete: bool| {
        if complete && !blockers.iter().any(|b| b.step == step) {
            StepState::Complete
        } else {
            StepState::Incomplete
        }
    };
    match step {
        Step::PreviousObjectives if r.previous_objectives.is_empty() => StepState::NotApplicable,
        Step::PreviousObjectives => done(true),
        Step::Skills if r.skills.is_empty() => StepState::NotApplicable,
        Step::Skills => done(r.skills.iter().all(|s| s.agreed_level.is_some())),
        Step::Objectives => done(!r.objectives.is_empty() || r.kpi.is_some()),
        Step::Pdp => done(!r.pdp.is_empty()),
        Step::Wellbeing => done(!r.wellbeing.notes.trim().is_empty()),
        Step::PayProgression => done(true),
        Step::Comments => done(!r.appraiser_comments.trim().is_empty()),
        Step::SignOff => done(r.appraisee_signature.is_some() && r.appraiser_signature.is_some()),
    }
}

/// Everything a record needs before it is signed, one message each: an
/// outcome for each of last year's objectives, a measure, due date,
/// competency and target level for each new objective, and for an annual
/// appraisal a pay progression outcome.
fn blockers(r: &AppraisalRecord) -> Vec<Blocker> {
    let mut out = Vec::new();
    let open = r.previous_objectives.iter().filter(|p| p.outcome.is_none()).count();
    if open > 0 {
        out.push(Blocker {
            step: Step::PreviousObjectives,
            message: format!(
                "Record an outcome for each of last year's objectives: {open} still {} none.",
                if open == 1 { "has" } else { "have" }
            ),
        });
    }
    for (n, o) in r.objectives.iter().enumerate() {
        let missing: Vec<&str> = o.missing.iter().map(|m| words(m)).collect();
        if !missing.is_empty() {
            out.push(Blocker {
                step: Step::Objectives,
                message: format!("Objective {} needs {}.", n + 1, join_words(&missing)),
            });
        }
    }
    if r.kind == AppraisalKind::Annual && r.pay.meets_standard.is_none() {
        out.push(Blocker {
            step: Step::PayProgression,
            message: format!("Pay progression is not decided yet. {}", r.pay.reasons.join(" ")),
        });
    }
    out
}

/// The blockers as the signature's refusal: one field error each, named
/// by its step's code.
pub(super) fn as_field_errors(blockers: &[Blocker]) -> Vec<FieldError> {
    blockers
        .iter()
        .map(|b| FieldError {
            field: b.step.code().into(),
            message: b.message.clone(),
        })
        .collect()
}

/// An objective's missing field in a sentence.
fn words(field: &str) -> &'static str {
    match field {
        "measure" => "a measure of success",
        "due" => "a due date",
        "competency" => "a competency",
        _ => "a target level",
    }
}

fn join_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
