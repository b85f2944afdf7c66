//! A person's own next actions: their appraisal, their plan's activities,
//! their NCCQ deadline and next sitting, training about to expire and their
//! latest audit result.

use chrono::{Days, NaiveDate};

use super::data::{Department, Rows};
use super::team::pdp_open;
use super::words::{AuditBelow, NextActions, TrainingExpiring};
use crate::appraisal::due_for;
use crate::staff::StaffMember;

/// Training expiring within this many days is worth booking now.
const EXPIRING_DAYS: u64 = 91;

pub(super) fn next_actions(dept: &Department, me: &StaffMember, rows: &Rows, today: NaiveDate) -> NextActions {
    let schedule = due_for(me, dept.headers(rows), &dept.schedule, today);
    let signed = schedule.annual_status == Some(crate::appraisal::AppraisalStatus::Signed);
    let record = dept.nccq_record(me, rows);
    let nccq = (record.on_pathway && me.acc_date.is_none()).then(|| crate::nccq::assess(&record, &dept.nccq, today));
    let horizon = today + Days::new(EXPIRING_DAYS);
    let mut expiring: Vec<TrainingExpiring> = Vec::new();
    for r in &rows.training {
        // Only the latest completion of each competence matters.
        if expiring.iter().any(|e| e.competence == r.competence) {
            continue;
        }
        if let Some(expires_on) = r.expires_on.filter(|e| *e <= horizon) {
            let renewed = rows
                .training
                .iter()
                .any(|o| o.competence == r.competence && o.completed_on > r.completed_on);
            if !renewed {
                expiring.push(TrainingExpiring {
                    competence: r.competence.clone(),
                    expires_on,
                });
            }
        }
    }
    expiring.sort_by_key(|e| e.expires_on);
    let latest = rows.audits.last();
    NextActions {
        staff_number: me.staff_number.clone(),
        name: me.full_name(),
        appraisal_due: (!signed).then_some(schedule.annual_due),
        appraisal_overdue: schedule.annual_overdue,
        appraisal_id: schedule.annual_id,
        pdp_due: pdp_open(dept, me, rows, None),
        nccq_by: nccq.as_ref().map(|s| s.nccq_by),
        next_sitting: nccq.as_ref().and_then(|s| s.sittings_left.first().copied()),
        nccq_state: nccq.as_ref().map(|s| s.state),
        training_expiring: expiring,
        latest_audit: latest.map(|(a, j)| AuditBelow {
            staff_number: me.staff_number.clone(),
            name: me.full_name(),
            date: a.date,
            below: j.below.iter().map(|c| c.label().to_owned()).collect(),
        }),
        latest_audit_outcome: latest.map(|(_, j)| j.outcome.words().to_owned()),
    }
}
