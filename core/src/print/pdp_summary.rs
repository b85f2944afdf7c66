//! The PDP summary: a person's current personal development plan with its
//! progress, evidence and reflection.

use crate::store::db::Connection;
use chrono::NaiveDateTime;

use super::common::{activity_text, date_or_dash, or_none, sha256_hex, whole_seconds};
use crate::accounts::Actor;
use crate::appraisal::{self, PdpPlan, PdpStatus};
use crate::dates::display;
use crate::pdf::{self, display_date_time, Block, Column, Document, DocumentKind, DocumentMeta};
use crate::settings::print::{load as print_settings, PrintSettings};
use crate::{access, Result};

/// The PDP summary's content hash: over the plan and its progress.
pub(super) fn pdp_sha256(plan: &PdpPlan) -> String {
    sha256_hex(&format!(
        "appraise-pdp/1\n{}",
        serde_json::to_string(plan).expect("the plan serialises")
    ))
}

/// A person's current PDP with its progress, as a PDF, if `actor` may see
/// them.
pub fn pdp_summary_pdf(
    conn: &Connection,
    actor: &Actor,
    staff_number: &str,
    generated_at: NaiveDateTime,
) -> Result<Vec<u8>> {
    access::can_view_staff(conn, actor, staff_number)?;
    let plan = appraisal::current_pdp(conn, staff_number.trim())?;
    pdf::render(&pdp_document(
        &plan,
        &print_settings(conn)?,
        whole_seconds(generated_at),
    ))
}

pub(super) fn pdp_document(plan: &PdpPlan, settings: &PrintSettings, generated_at: NaiveDateTime) -> Document {
    let mut b = vec![Block::KeyValues(vec![
        (
            "Name".to_owned(),
            format!("{} (staff number {})", plan.name, plan.staff_number),
        ),
        (
            "Agreed in".to_owned(),
            match (&plan.appraisal_id, &plan.cycle) {
                (Some(id), Some(cycle)) => format!(
                    "Appraisal {id}, cycle {cycle}{}",
                    plan.agreed_on
                        .map(|d| format!(", signed {}", display(d)))
                        .unwrap_or_default()
                ),
                _ => "No signed appraisal with a plan yet".to_owned(),
            },
        ),
        (
            "Progress".to_owned(),
            format!("{} of {} items completed", plan.completed, plan.items.len()),
        ),
    ])];
    b.push(Block::Heading("The plan".to_owned()));
    if plan.items.is_empty() {
        b.push(Block::Note("There is no plan to show.".to_owned()));
    } else {
        b.push(Block::Table {
            columns: vec![
                Column::new("Learning need", 2.3),
                Column::new("Activity", 2.5),
                Column::new("Skill code", 0.9),
                Column::new("Target date", 1.1),
                Column::new("Status", 1.1),
                Column::new("Completed", 1.3),
            ],
            rows: plan
                .items
                .iter()
                .map(|i| {
                    vec![
                        i.learning_need.trim().to_owned(),
                        activity_text(i),
                        i.skill_code.clone().unwrap_or_else(|| "—".to_owned()),
                        date_or_dash(i.target_date),
                        pdp_status_label(i.progress.status).to_owned(),
                        date_or_dash(i.progress.completed_on),
                    ]
                })
                .collect(),
        });
        b.push(Block::Heading("Progress, evidence and reflection".to_owned()));
        for (n, i) in plan.items.iter().enumerate() {
            let p = &i.progress;
            let mut kv = vec![("Item".to_owned(), format!("{}. {}", n + 1, i.learning_need.trim()))];
            if !i.support.trim().is_empty() {
                kv.push(("Support".to_owned(), i.support.trim().to_owned()));
            }
            kv.push(("Progress".to_owned(), or_none(&p.progress, "Nothing recorded yet.")));
            kv.push(("Evidence".to_owned(), or_none(&p.evidence, "Nothing recorded yet.")));
            kv.push(("Reflection".to_owned(), or_none(&p.reflection, "Nothing recorded yet.")));
            if let Some(at) = p.updated_at {
                kv.push(("Last updated".to_owned(), display_date_time(at)));
            }
            b.push(Block::KeyValues(kv));
        }
    }
    Document {
        title: "Personal development plan summary".to_owned(),
        trust: settings.trust.clone(),
        department: settings.department.clone(),
        marking: settings.marking.clone(),
        subtitle: match &plan.cycle {
            Some(c) => format!("{} · Cycle {c}", plan.name),
            None => plan.name.clone(),
        },
        meta: DocumentMeta {
            kind: DocumentKind::PdpSummary,
            record_id: plan.staff_number.clone(),
            version: 1,
            content_sha256: pdp_sha256(plan),
            generated_at,
        },
        blocks: b,
    }
}

fn pdp_status_label(s: PdpStatus) -> &'static str {
    match s {
        PdpStatus::NotStarted => "Not started",
        PdpStatus::InProgress => "In progress",
        PdpStatus::Completed => "Completed",
    }
}
