//! What the Reports page draws besides the heatmap: coding accuracy per
//! code type over the last audit periods, and the NCCQ trainees' dates on
//! one time axis (both from the rules that own them).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use super::compliance::{compliance_as, AppraisalCompliance};
use super::training_needs::{analysis_as, TrainingNeedGroup};
use crate::accounts::Actor;
use crate::coding_audit::rules::CodeTypeSummary;
use crate::coding_audit::summary::{period_of, summary_as};
use crate::nccq::{team_status, NccqStatus};
use crate::store::db::Connection;
use crate::{access, Result};

/// How many audit periods the accuracy chart shows, the current one last.
const AUDIT_PERIODS: u32 = 4;

/// One audit period's mean accuracy per code type.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AuditPeriodAccuracy {
    /// As 2026/27.
    pub period: String,
    /// Empty when the period has no results.
    pub code_types: Vec<CodeTypeSummary>,
}

/// Everything the Reports page shows, in one read.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReportsOverview {
    pub compliance: AppraisalCompliance,
    pub audit_accuracy: Vec<AuditPeriodAccuracy>,
    pub nccq: Vec<NccqStatus>,
    pub training_needs: Vec<TrainingNeedGroup>,
}

/// The Reports page's figures over the people `actor` may see.
pub fn overview_as(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<ReportsOverview> {
    access::can_view_reports(actor)?;
    let mut audit_accuracy = Vec::new();
    for back in (0..AUDIT_PERIODS).rev() {
        let day = today
            .with_year(today.year() - back as i32)
            .unwrap_or(today - chrono::Days::new(365 * u64::from(back)));
        let summary = summary_as(conn, actor, &period_of(day))?;
        audit_accuracy.push(AuditPeriodAccuracy {
            period: summary.period,
            code_types: summary.code_types,
        });
    }
    Ok(ReportsOverview {
        compliance: compliance_as(conn, actor, today)?,
        audit_accuracy,
        nccq: team_status(conn, actor, today)?,
        training_needs: analysis_as(conn, actor, today)?,
    })
}
