//! The appraisal meeting: the line manager (the appraiser) and the coder
//! (the appraisee) go through it step by step, and every field is saved as
//! it is typed, so closing the app mid-meeting loses nothing and reopening
//! resumes at the same step.
//!
//! Owns every rule about an appraisal record, one file per part of the
//! meeting: starting one ([`start`]: what it copies in), last year's
//! objectives ([`previous`]: outcomes, carrying forward), [`skills`],
//! [`objectives`] (and the KPI objective), the [`pdp`] and its
//! suggestions, [`wellbeing`], [`pay`] progression, the [`meeting`]'s
//! step, date and comments, and signing, locking and re-opening
//! ([`sign_off`]). The store (`crate::store::appraisal`) only persists; it
//! knows only the plain types of [`words`] and [`records`].
//!
//! Every public operation is guarded (`_as`): it goes through [`door`],
//! which asks `access.rs` (the only module that decides a refusal), opens
//! the write transaction, refuses a locked appraisal and writes the audit
//! row in the same transaction. The unchecked forms are core's own, for the
//! demonstration department and tests.
//!
//! The steps, in order: last year's objectives, skills, new objectives,
//! PDP, wellbeing, pay progression, comments, sign-off. An appraisal that
//! both parties have signed is locked: every save here refuses it with
//! [`Error::Locked`], and SQL triggers refuse any change that gets past
//! this code. A save on an appraisal one party has already signed removes
//! that signature, so nobody's signature stands under words they did not
//! see.

mod cancel;
mod canonical;
mod door;
mod meeting;
mod objectives;
mod pay;
mod pdp;
mod previous;
mod readiness;
pub(crate) mod records;
mod schedule;
mod settings;
mod sign_off;
mod skills;
mod start;
mod view;
mod wellbeing;
pub(crate) mod words;

#[cfg(test)]
mod tests;

use crate::store::db::Connection;
use chrono::NaiveDate;

use crate::dates::parse_date;
use crate::{Error, Result};

pub use cancel::cancel_as;
pub use canonical::{canonical_json, content_sha256};
pub use meeting::{set_comments_as, set_meeting_date_as, set_step_as};
pub use objectives::{
    add_objective_as, remove_objective_as, set_kpi_objective_as, update_objective_as, KpiInput, ObjectiveInput,
};
pub use pay::{confirm_pay_criterion_as, pay_progression_as};
pub use pdp::{
    add_pdp_item_as, current_pdp_as, remove_pdp_item_as, set_pdp_progress_as, suggest_learning_needs_as, team_pdp_as,
    update_pdp_item_as, LearningNeed, PdpItemInput, PdpPlan, PdpProgressInput,
};
pub use previous::set_previous_outcome_as;
pub use readiness::{readiness, Blocker, Readiness, StepReadiness, StepState};
pub use records::{
    AppraisalRecord, AppraisalSummary, CompetencyRef, KpiObjective, LevelStatements, Objective, PayCriterion,
    PayProgression, PdpItem, PdpProgress, Person, PreviousObjective, Reopening, Signature, SkillAssessment, Wellbeing,
};
pub(crate) use schedule::{due_for, employed, rules as schedule_rules, ScheduleRules};
pub use schedule::{schedule_as, AppraisalDue};
#[cfg(test)]
pub(crate) use settings::save_settings;
pub use settings::{save_settings_as, settings, settings_as, AppraisalSettings, DepartmentDate};
pub use sign_off::{reopen_as, sign_off_as};
pub use skills::{level_message, set_agreed_level_as, set_self_level_as};
pub use start::start_as;
pub use view::{get_as, list_as, AppraisalView, MeetingRights};
pub use wellbeing::set_wellbeing_as;
pub use words::{
    ActivityType, AppraisalKind, AppraisalStatus, CriterionSource, Outcome, Party, PayCriterionKind, PdpStatus, Step,
};

// The unchecked forms: no access check, no audit row.
pub(crate) use meeting::{set_comments, set_step};
pub(crate) use objectives::{add_objective, set_kpi_objective, update_objective};
pub(crate) use pay::confirm_pay_criterion;
pub(crate) use pdp::{add_pdp_item, current_pdp, set_pdp_progress, suggest_learning_needs};
pub(crate) use previous::set_previous_outcome;
pub(crate) use sign_off::sign_unchecked;
pub(crate) use skills::{set_agreed_level, set_self_level};
pub(crate) use start::start;
pub(crate) use view::{get, list};
pub(crate) use wellbeing::set_wellbeing;
#[cfg(test)]
use {
    meeting::set_meeting_date, objectives::remove_objective, pay::pay_progression, schedule::schedule,
    sign_off::sign_off,
};

/// Free text a person types in a meeting: a few pages at most.
const MAX_NOTES: usize = 10_000;
/// One objective, measure or learning need.
const MAX_LINE: usize = 2_000;

/// Runs `f` in a transaction of its own, and keeps what it did only if it
/// succeeds.
pub(crate) fn in_tx<T>(conn: &mut Connection, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
    let tx = crate::store::write(conn)?;
    let out = f(&tx)?;
    tx.commit()?;
    Ok(out)
}

/// Runs of spaces become one, as the framework stores names.
fn tidy(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Trims text and refuses it when too long. Line breaks inside are kept.
pub(crate) fn checked_text(field: &str, label: &str, text: &str, max: usize) -> Result<String> {
    let t = text.trim();
    if t.chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("{label} must be {max} characters or fewer."),
        ));
    }
    Ok(t.to_owned())
}

pub(crate) fn optional_date(field: &str, label: &str, text: &str) -> Result<Option<NaiveDate>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_date(text)
        .map(Some)
        .map_err(|m| Error::invalid(field, format!("{label}: {m}")))
}

fn required_date(field: &str, label: &str, text: &str) -> Result<NaiveDate> {
    optional_date(field, label, text)?.ok_or_else(|| {
        Error::invalid(
            field,
            format!("Enter the {}, for example 01/09/2025.", label.to_lowercase()),
        )
    })
}
