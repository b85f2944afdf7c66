//! `appraise-cli coding-audit ...`: recording a coder's audit result,
//! listing a person's results and a period's summary, as whoever the
//! database is opened as (`acting`), through the same guarded functions as
//! the window.

use std::path::PathBuf;

use appraise_core::coding_audit::rules::{change_words, percent};
use appraise_core::coding_audit::{self, CodeType, CodingAuditInput, CodingAuditResult, CodingAuditSummary};
use appraise_core::dates::display;
use appraise_core::server::url::DbLocation;
use clap::Subcommand;
use serde_json::json;

use crate::{acting, now, open, Failure};

#[derive(Subcommand)]
pub enum CodingAuditCommand {
    /// Records an audit result for a person and prints its outcome.
    Add {
        staff_number: String,
        /// The audit date, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// Episodes audited.
        #[arg(long)]
        episodes: String,
        /// Percent correct, 0 to 100.
        #[arg(long)]
        primary_diagnosis: String,
        #[arg(long)]
        secondary_diagnosis: String,
        #[arg(long)]
        primary_procedure: String,
        #[arg(long)]
        secondary_procedure: String,
        /// Who audited, as a name; defaults to whoever records it.
        #[arg(long, default_value = "")]
        auditor: String,
        /// Errors by cause.
        #[arg(long, default_value = "")]
        errors_coder: String,
        #[arg(long, default_value = "")]
        errors_documentation: String,
        #[arg(long, default_value = "")]
        errors_other: String,
        /// Print `{"outcome": …, "below": […]}`.
        #[arg(long)]
        json: bool,
    },
    /// A person's results, oldest first.
    List {
        staff_number: String,
        #[arg(long)]
        json: bool,
    },
    /// The summary of an audit period (an NHS year) over the people you see.
    Summary {
        /// As 2026/27.
        #[arg(long)]
        period: String,
        #[arg(long)]
        json: bool,
        /// Also print it as a PDF to this file.
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
        /// The time printed as "Generated", YYYY-MM-DDTHH:MM[:SS].
        #[arg(long, value_name = "TIME")]
        generated_at: Option<String>,
    },
}

pub fn run(cmd: CodingAuditCommand, db: Option<DbLocation>) -> Result<(), Failure> {
    match cmd {
        CodingAuditCommand::Add {
            staff_number,
            date,
            episodes,
            primary_diagnosis,
            secondary_diagnosis,
            primary_procedure,
            secondary_procedure,
            auditor,
            errors_coder,
            errors_documentation,
            errors_other,
            json,
        } => {
            let mut store = open(db)?;
            let actor = acting(&store)?;
            let input = CodingAuditInput {
                date,
                auditor,
                episodes,
                primary_diagnosis,
                secondary_diagnosis,
                primary_procedure,
                secondary_procedure,
                errors_coder,
                errors_documentation,
                errors_other,
            };
            let r = coding_audit::add_audited(store.conn_mut(), &actor, &staff_number, &input, now())?;
            if json {
                println!(
                    "{}",
                    json!({"outcome": r.judgement.outcome, "below": r.judgement.below})
                );
            } else {
                println!(
                    "Recorded the audit of {} on {}: {}.",
                    r.audit.staff_number,
                    display(r.audit.date),
                    outcome_words(&r)
                );
            }
        }
        CodingAuditCommand::List { staff_number, json } => {
            let store = open(db)?;
            let actor = acting(&store)?;
            let results = coding_audit::list_as(store.conn(), &actor, &staff_number)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&results).expect("results serialise"));
            } else if results.is_empty() {
                println!("No coding audit results for {}.", staff_number.trim());
            } else {
                for r in &results {
                    println!(
                        "{}  {:>4} episodes  {}  {}  by {}",
                        r.audit.date,
                        r.audit.episodes,
                        CodeType::ALL.map(|c| percent(r.audit.scores.get(c))).join("/"),
                        outcome_words(r),
                        r.audit.auditor
                    );
                }
            }
        }
        CodingAuditCommand::Summary {
            period,
            json,
            pdf,
            generated_at,
        } => {
            let store = open(db)?;
            let actor = acting(&store)?;
            let summary = coding_audit::summary_as(store.conn(), &actor, &period)?;
            if let Some(out) = pdf {
                let at = crate::pdf::generated_at(generated_at.as_deref())?;
                let bytes = appraise_core::print::coding_audit_summary_pdf(store.conn(), &actor, &period, at)?;
                appraise_core::print::write_atomically(&out, &bytes)?;
                eprintln!(
                    "Wrote the coding audit summary for {} to {}.",
                    summary.period,
                    out.display()
                );
            }
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&summary).expect("the summary serialises")
                );
            } else {
                print_summary(&summary);
            }
        }
    }
    Ok(())
}

fn outcome_words(r: &CodingAuditResult) -> String {
    let o = r.judgement.outcome.words();
    if r.judgement.below.is_empty() {
        o.to_owned()
    } else {
        let below: Vec<&str> = r.judgement.below.iter().map(|c| c.words()).collect();
        format!("{o} (below the line: {})", below.join(", "))
    }
}

fn print_summary(s: &CodingAuditSummary) {
    println!(
        "Coding audits {} ({} to {}): {} coder{} audited, {} result{} ({} exceeded, {} met, {} not met).",
        s.period,
        display(s.start),
        display(s.end),
        s.coders_audited,
        if s.coders_audited == 1 { "" } else { "s" },
        s.results,
        if s.results == 1 { "" } else { "s" },
        s.exceeded,
        s.met,
        s.not_met
    );
    for c in &s.code_types {
        let trend = match c.change {
            Some(x) => format!("{} on {}", change_words(x), s.previous_period),
            None => format!("no results in {}", s.previous_period),
        };
        println!(
            "  {:<20} mean {:>6}  lowest {:>6}  {trend}",
            c.code_type.label(),
            percent(c.mean),
            percent(c.lowest)
        );
    }
}
