//! The coding audit summary of one audit period (an NHS year, 2026/27):
//! coders audited, the mean and lowest per code type, the trend against
//! the period before, and each coder's latest result. A line manager sees
//! it over the people they see; the administrator over the department.

use crate::store::db::Connection;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::rules::{code_type_summaries, CodeTypeSummary};
use super::words::{AuditJudgement, AuditOutcome, CodeType, CodingAudit};
use crate::accounts::Actor;
use crate::cycle::Cycle;
use crate::store::coding_audit as db;
use crate::{access, staff, Error, FieldError, Result};

/// The DSPT audit period is the NHS (financial) year, April to March,
/// whatever month the trust's appraisal cycle starts in.
const PERIOD_START_MONTH: u32 = 4;

/// A period's summary.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CodingAuditSummary {
    /// 2026/27.
    pub period: String,
    #[ts(type = "string")]
    pub start: NaiveDate,
    #[ts(type = "string")]
    pub end: NaiveDate,
    /// The period the trend is measured against: 2025/26.
    pub previous_period: String,
    pub coders_audited: u32,
    pub results: u32,
    pub exceeded: u32,
    pub met: u32,
    pub not_met: u32,
    /// One per code type, in the DSPT's order; empty with no results.
    pub code_types: Vec<CodeTypeSummary>,
    /// Each coder audited, by surname, with their latest result.
    pub coders: Vec<CodingAuditCoder>,
}

/// One coder's results in the period.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CodingAuditCoder {
    pub staff_number: String,
    pub name: String,
    pub audits: u32,
    /// How many of them were not met.
    pub not_met: u32,
    #[ts(type = "string")]
    pub latest_date: NaiveDate,
    pub latest_outcome: AuditOutcome,
    pub below: Vec<CodeType>,
}

/// The audit period `day` falls in, as 2026/27.
pub fn period_of(day: NaiveDate) -> String {
    crate::cycle::cycle_for(day, PERIOD_START_MONTH).label
}

/// Reads a period as people write it (2026/27), a message otherwise.
pub fn parse_period(text: &str) -> Result<Cycle> {
    Cycle::parse(text, PERIOD_START_MONTH).ok_or_else(|| {
        Error::Invalid(vec![FieldError {
            field: "period".into(),
            message: format!(
                "{:?} is not an audit period: write the NHS year as 2026/27.",
                text.trim()
            ),
        }])
    })
}

/// The summary of `period` (as 2026/27) over the people `actor` sees: a
/// line manager their own results and their reports', the administrator
/// everyone's. Coders are refused.
pub fn summary_as(conn: &Connection, actor: &Actor, period: &str) -> Result<CodingAuditSummary> {
    access::can_view_coding_audit_summary(actor)?;
    let period = parse_period(period)?;
    let visible = access::visible_staff(conn, actor)?;
    let seen = |from: NaiveDate, to: NaiveDate| -> Result<Vec<(CodingAudit, AuditJudgement)>> {
        Ok(db::between(conn, from, to)?
            .into_iter()
            .filter(|(a, _)| visible.contains(&a.staff_number))
            .collect())
    };
    let now = seen(period.start, period.end)?;
    let previous = period.previous();
    let before = seen(previous.start, previous.end)?;
    let scores: Vec<_> = now.iter().map(|(a, _)| a.scores).collect();
    let before_scores: Vec<_> = before.iter().map(|(a, _)| a.scores).collect();
    let count = |o: AuditOutcome| now.iter().filter(|(_, j)| j.outcome == o).count() as u32;

    // With the surname, to list them as the staff list does.
    let mut coders: Vec<(String, CodingAuditCoder)> = Vec::new();
    for (a, j) in &now {
        let missed = u32::from(j.outcome == AuditOutcome::NotMet);
        // Oldest first, so the last seen is the latest.
        match coders.iter_mut().find(|(_, c)| c.staff_number == a.staff_number) {
            Some((_, line)) => {
                line.audits += 1;
                line.not_met += missed;
                line.latest_date = a.date;
                line.latest_outcome = j.outcome;
                line.below = j.below.clone();
            }
            None => {
                let member = staff::get(conn, &a.staff_number)?;
                coders.push((
                    format!("{} {}", member.surname, member.forename).to_lowercase(),
                    CodingAuditCoder {
                        staff_number: a.staff_number.clone(),
                        name: member.full_name(),
                        audits: 1,
                        not_met: missed,
                        latest_date: a.date,
                        latest_outcome: j.outcome,
                        below: j.below.clone(),
                    },
                ))
            }
        }
    }
    coders.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.staff_number.cmp(&b.1.staff_number)));
    let coders: Vec<CodingAuditCoder> = coders.into_iter().map(|(_, c)| c).collect();

    Ok(CodingAuditSummary {
        period: period.label.clone(),
        start: period.start,
        end: period.end,
        previous_period: previous.label,
        coders_audited: coders.len() as u32,
        results: now.len() as u32,
        exceeded: count(AuditOutcome::Exceeded),
        met: count(AuditOutcome::Met),
        not_met: count(AuditOutcome::NotMet),
        code_types: code_type_summaries(&scores, &before_scores),
        coders,
    })
}
