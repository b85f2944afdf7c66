//! The department's DSPT coding audit summary for one audit period: how
//! many coders were audited, the outcomes, the mean and lowest accuracy per
//! code type against the trust's thresholds with the trend on the period
//! before, and each coder's latest result.

use crate::store::db::Connection;
use chrono::NaiveDateTime;

use super::common::{sha256_hex, table_or_note, whole_seconds};
use crate::accounts::Actor;
use crate::coding_audit::rules::{change_words, percent};
use crate::coding_audit::{self, CodingAuditSummary};
use crate::dates::display;
use crate::pdf::{self, Block, Column, Document, DocumentKind, DocumentMeta};
use crate::settings::appraisal::{load as appraisal_settings, AppraisalSettings};
use crate::settings::print::{load as print_settings, PrintSettings};
use crate::Result;

/// The summary's content hash: over what the page prints, the thresholds
/// included.
pub(super) fn summary_sha256(summary: &CodingAuditSummary, thresholds: &AppraisalSettings) -> String {
    sha256_hex(&format!(
        "appraise-coding-audit-summary/1\n{}\n{}\n{}",
        serde_json::to_string(summary).expect("the summary serialises"),
        serde_json::to_string(&thresholds.audit_met).expect("thresholds serialise"),
        serde_json::to_string(&thresholds.audit_exceeded).expect("thresholds serialise"),
    ))
}

/// The summary of `period` (as 2026/27) over the people `actor` sees, as a
/// PDF: for line managers and the administrator.
pub fn coding_audit_summary_pdf(
    conn: &Connection,
    actor: &Actor,
    period: &str,
    generated_at: NaiveDateTime,
) -> Result<Vec<u8>> {
    let summary = coding_audit::summary_as(conn, actor, period)?;
    pdf::render(&summary_document(
        &summary,
        &appraisal_settings(conn)?,
        &print_settings(conn)?,
        whole_seconds(generated_at),
    ))
}

pub(super) fn summary_document(
    s: &CodingAuditSummary,
    thresholds: &AppraisalSettings,
    settings: &PrintSettings,
    generated_at: NaiveDateTime,
) -> Document {
    let plural = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut b = vec![Block::KeyValues(vec![
        (
            "Audit period".to_owned(),
            format!("{} ({} to {})", s.period, display(s.start), display(s.end)),
        ),
        ("Coders audited".to_owned(), s.coders_audited.to_string()),
        ("Results".to_owned(), plural(s.results, "result", "results")),
        (
            "Outcomes".to_owned(),
            format!("{} exceeded, {} met, {} not met", s.exceeded, s.met, s.not_met),
        ),
        ("Trend against".to_owned(), s.previous_period.clone()),
    ])];
    b.push(Block::Heading("Accuracy by code type".to_owned()));
    b.push(table_or_note(
        Block::Table {
            columns: vec![
                Column::new("Code type", 1.6),
                Column::new("Mean", 0.8),
                Column::new("Lowest", 0.8),
                Column::new("Met at", 0.8),
                Column::new("Exceeded at", 0.9),
                Column::new(format!("Trend on {}", s.previous_period), 1.5),
            ],
            rows: s
                .code_types
                .iter()
                .map(|c| {
                    vec![
                        c.code_type.label().to_owned(),
                        percent(c.mean),
                        percent(c.lowest),
                        format!("{}%", thresholds.audit_met.get(c.code_type)),
                        format!("{}%", thresholds.audit_exceeded.get(c.code_type)),
                        match c.change {
                            Some(x) => change_words(x),
                            None => "No results then".to_owned(),
                        },
                    ]
                })
                .collect(),
        },
        format!("No coding audit results are recorded for {}.", s.period),
    ));
    b.push(Block::Note(
        "Mean and lowest are over every result in the period. Each result is judged against the thresholds in force \
         when it was recorded; the thresholds shown are today's."
            .to_owned(),
    ));
    b.push(Block::Heading("Coders audited".to_owned()));
    b.push(table_or_note(
        Block::Table {
            columns: vec![
                Column::new("Name", 2.0),
                Column::new("Staff number", 1.1),
                Column::new("Results", 0.8),
                Column::new("Not met", 0.8),
                Column::new("Latest", 1.0),
                Column::new("Latest outcome", 2.2),
            ],
            rows: s
                .coders
                .iter()
                .map(|c| {
                    let below: Vec<&str> = c.below.iter().map(|t| t.words()).collect();
                    vec![
                        c.name.clone(),
                        c.staff_number.clone(),
                        c.audits.to_string(),
                        c.not_met.to_string(),
                        display(c.latest_date),
                        if below.is_empty() {
                            c.latest_outcome.words().to_owned()
                        } else {
                            format!("{}: {} below the line", c.latest_outcome.words(), below.join(", "))
                        },
                    ]
                })
                .collect(),
        },
        "Nobody was audited in this period.".to_owned(),
    ));
    Document {
        title: "Coding audit summary".to_owned(),
        trust: settings.trust.clone(),
        department: settings.department.clone(),
        marking: settings.marking.clone(),
        subtitle: format!("DSPT clinical coding audit · {}", s.period),
        meta: DocumentMeta {
            kind: DocumentKind::CodingAuditSummary,
            record_id: s.period.clone(),
            version: 1,
            content_sha256: summary_sha256(s, thresholds),
            generated_at,
        },
        blocks: b,
    }
}
