//! Printing records: the appraisal record, the PDP summary and the NCCQ
//! progress report, as A4 PDFs, and checking a printed file.
//!
//! Each record is mapped onto the neutral [`pdf::Document`] here and
//! rendered by [`crate::pdf`]. The header carries the trust, the department
//! and a confidentiality marking from [`PrintSettings`]; the footer of every
//! page the record id and version and the SHA-256 of the record's canonical
//! content.
//!
//! Checking ([`verify_pdf`]) reads the record details a PDF carries, renders
//! that record again at the time the file names and compares bytes:
//! - an appraisal record is the appraisal of that id and version (a signed
//!   version never changes; an in-progress one may);
//! - a PDP summary and an NCCQ progress report are a person's current plan
//!   or pathway (the record id is the staff number), hashed over what the
//!   page prints.
//!
//! When the record's content hash is no longer the one printed, the record
//! has changed since and the old page cannot be rendered again, so the file
//! cannot be checked byte for byte: the check says so.
//!
//! The header settings are printed but are not part of any record, so every
//! set used is kept (`crate::settings::print`) and checking tries each: a
//! file printed before the trust's name was corrected still checks out.

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use rusqlite::Connection;
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::accounts::Actor;
use crate::appraisal::{
    self, AppraisalKind, AppraisalRecord, AppraisalStatus, Outcome, PdpItem, PdpPlan, PdpStatus, SkillAssessment,
};
use crate::dates::display;
use crate::nccq::{self, NccqRecord, NccqSettings, NccqStatus};
use crate::pdf::{
    self, display_date_time, Block, Column, Document, DocumentKind, DocumentMeta, Rerendered, SignatureBlock,
    VerifyOutcome,
};
use crate::{access, staff, Error, Result};

/// How much of a level statement the skills table prints.
const STATEMENT_EXCERPT_WORDS: usize = 20;

// The header settings are owned by `crate::settings::print`; their old
// paths stay for the code that uses them.
use crate::settings::print::history as settings_history;
pub use crate::settings::print::{
    load as print_settings, save as save_print_settings, PrintSettings, DEFAULT_DEPARTMENT, DEFAULT_MARKING,
    DEFAULT_TRUST,
};

// ------------------------------------------------------------ appraisal --

/// The file keeps the time to the second, so printing drops the rest:
/// checking renders again at the time the file names.
fn whole_seconds(at: NaiveDateTime) -> NaiveDateTime {
    at.with_nanosecond(0).unwrap_or(at)
}

/// The appraisal record as a PDF, if `actor` may see the appraisal.
pub fn appraisal_pdf(
    conn: &Connection,
    actor: &Actor,
    appraisal_id: i64,
    generated_at: NaiveDateTime,
) -> Result<Vec<u8>> {
    let record = appraisal::get(conn, appraisal_id)?;
    access::can_view_appraisal(conn, actor, &record.appraisee.staff_number)?;
    let settings = print_settings(conn)?;
    pdf::render(&appraisal_document(
        conn,
        &record,
        &settings,
        whole_seconds(generated_at),
    )?)
}

/// The appraisal record mapped onto a document: reads only the NCCQ
/// pathway of a trainee, as it stood at the meeting.
pub fn appraisal_document(
    conn: &Connection,
    record: &AppraisalRecord,
    settings: &PrintSettings,
    generated_at: NaiveDateTime,
) -> Result<Document> {
    let nccq = trainee_status(conn, record)?;
    Ok(appraisal_document_with(record, nccq.as_ref(), settings, generated_at))
}

/// A trainee's NCCQ status as at the meeting date, from what was recorded
/// up to then, so printing the record again later gives the same page.
/// `None` for someone accredited by then.
fn trainee_status(conn: &Connection, record: &AppraisalRecord) -> Result<Option<NccqStatus>> {
    let number = &record.appraisee.staff_number;
    let member = match staff::get(conn, number) {
        Ok(m) => m,
        Err(Error::NotFound(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let day = record.meeting_date;
    if member.acc_date.is_some_and(|d| d <= day) {
        return Ok(None);
    }
    let settings = nccq::settings(conn)?;
    let mut r = nccq::record(conn, &Actor::system(), number)?;
    r.staff.acc_date = r.staff.acc_date.filter(|d| *d <= day);
    r.courses.retain(|c| c.start <= day);
    r.exams.retain(|e| e.sitting <= day);
    Ok(Some(nccq::assess(&r, &settings, day)))
}

fn appraisal_title(kind: AppraisalKind) -> &'static str {
    match kind {
        AppraisalKind::Annual => "Annual appraisal record",
        AppraisalKind::MidYear => "Mid-year review",
        AppraisalKind::ObjectiveSetting => "Objective-setting meeting",
    }
}

fn level(l: Option<u8>) -> String {
    l.map_or_else(|| "—".to_owned(), |l| l.to_string())
}

fn date_or_dash(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "—".to_owned(), display)
}

fn or_none(text: &str, none: &str) -> String {
    if text.trim().is_empty() {
        none.to_owned()
    } else {
        text.trim().to_owned()
    }
}

/// The first words of a statement, with an ellipsis when cut.
fn excerpt(text: &str, words: usize) -> String {
    let all: Vec<&str> = text.split_whitespace().collect();
    if all.len() <= words {
        all.join(" ")
    } else {
        format!("{}…", all[..words].join(" "))
    }
}

/// The statement at the agreed level (or, until one is agreed, the
/// self-assessed one).
fn skill_statement(s: &SkillAssessment) -> String {
    let Some(at) = s.agreed_level.or(s.self_level) else {
        return String::new();
    };
    s.levels
        .iter()
        .find(|l| l.level == at)
        .and_then(|l| l.statements.first())
        .map(|t| excerpt(t, STATEMENT_EXCERPT_WORDS))
        .unwrap_or_default()
}

fn outcome_label(o: Option<Outcome>) -> String {
    match o {
        Some(o) => {
            let l = o.label();
            let mut c = l.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
        None => "Not decided".to_owned(),
    }
}

fn pdp_status_label(s: PdpStatus) -> &'static str {
    match s {
        PdpStatus::NotStarted => "Not started",
        PdpStatus::InProgress => "In progress",
        PdpStatus::Completed => "Completed",
    }
}

fn role_of(p: &appraisal::Person) -> String {
    match (p.job_title.trim(), p.band.trim()) {
        ("", "") => String::new(),
        (job, "") => job.to_owned(),
        ("", band) => format!("Band {band}"),
        (job, band) => format!("{job}, Band {band}"),
    }
}

fn person_line(p: &appraisal::Person) -> String {
    let role = role_of(p);
    if role.is_empty() {
        format!("{} (staff number {})", p.name, p.staff_number)
    } else {
        format!("{} (staff number {}), {role}", p.name, p.staff_number)
    }
}

fn skill_of(c: Option<&appraisal::CompetencyRef>) -> (String, String) {
    c.map_or_else(
        || ("—".to_owned(), "—".to_owned()),
        |c| (c.skill_code.clone(), c.competency.clone()),
    )
}

/// The mapping itself: no store, so the benchmark and tests can use it.
pub fn appraisal_document_with(
    r: &AppraisalRecord,
    nccq: Option<&NccqStatus>,
    settings: &PrintSettings,
    generated_at: NaiveDateTime,
) -> Document {
    let mut b = Vec::new();

    let mut about = vec![
        ("Appraisee".to_owned(), person_line(&r.appraisee)),
        ("Appraiser".to_owned(), person_line(&r.appraiser)),
    ];
    if let Some(role) = &r.role {
        about.push(("Role profile".to_owned(), role.clone()));
    }
    about.push(("Meeting date".to_owned(), display(r.meeting_date)));
    about.push((
        "Cycle".to_owned(),
        format!(
            "{} ({} to {})",
            r.cycle.label,
            display(r.cycle.start),
            display(r.cycle.end)
        ),
    ));
    about.push((
        "Status".to_owned(),
        match r.status {
            AppraisalStatus::Signed => "Signed by both parties and locked".to_owned(),
            AppraisalStatus::InProgress => "In progress: not yet signed by both parties".to_owned(),
            AppraisalStatus::Reopened => match r.superseded_by {
                Some(next) => format!("Signed, then re-opened: replaced by appraisal {next}"),
                None => "Signed, then re-opened".to_owned(),
            },
        },
    ));
    b.push(Block::KeyValues(about));
    if let Some(x) = &r.reopening {
        b.push(Block::Note(format!(
            "This version re-opens signed appraisal {} ({} on {}): {}",
            x.supersedes,
            x.by_name.clone().unwrap_or_else(|| x.by.clone()),
            display_date_time(x.at),
            x.reason
        )));
    }

    // a. Last year's objectives.
    b.push(Block::Heading("Last year's objectives and outcomes".to_owned()));
    b.push(table_or_note(
        Block::Table {
            columns: vec![
                Column::new("Objective", 3.2),
                Column::new("Skill", 0.8),
                Column::new("Outcome", 1.2),
                Column::new("Comments", 2.8),
            ],
            rows: r
                .previous_objectives
                .iter()
                .map(|p| {
                    let mut text = p.text.trim().to_owned();
                    if !p.measure.trim().is_empty() {
                        text.push_str(&format!("\nMeasure: {}", p.measure.trim()));
                    }
                    if let Some(d) = p.due {
                        text.push_str(&format!("\nDue: {}", display(d)));
                    }
                    vec![
                        text,
                        skill_of(p.competency.as_ref()).0,
                        outcome_label(p.outcome),
                        p.comments.trim().to_owned(),
                    ]
                })
                .collect(),
        },
        "No objectives were set in the previous appraisal.".to_owned(),
    ));

    // b. Skills.
    b.push(Block::Heading("Skills".to_owned()));
    b.push(table_or_note(
        Block::Table {
            columns: vec![
                Column::new("Competency", 2.4),
                Column::new("Skill code", 0.9),
                Column::new("Self-assessed level", 1.0),
                Column::new("Agreed level", 1.0),
                Column::new("Expected level", 1.0),
                Column::new("Statement (excerpt)", 3.0),
            ],
            rows: r
                .skills
                .iter()
                .map(|s| {
                    vec![
                        s.competency.clone(),
                        s.skill_code.clone(),
                        level(s.self_level),
                        level(s.agreed_level),
                        s.expected_level.to_string(),
                        skill_statement(s),
                    ]
                })
                .collect(),
        },
        "No skills were assessed.".to_owned(),
    ));

    // c. New objectives.
    b.push(Block::Heading("New objectives".to_owned()));
    b.push(table_or_note(
        Block::Table {
            columns: vec![
                Column::new("Objective and measure", 3.4),
                Column::new("Skill code", 0.9),
                Column::new("Competency", 2.1),
                Column::new("Target level", 0.9),
                Column::new("Due", 1.1),
            ],
            rows: r
                .objectives
                .iter()
                .map(|o| {
                    let mut text = o.text.trim().to_owned();
                    if !o.measure.trim().is_empty() {
                        text.push_str(&format!("\nMeasure: {}", o.measure.trim()));
                    }
                    if o.carried_from.is_some() {
                        text.push_str("\n(Carried forward from last year.)");
                    }
                    let (code, competency) = skill_of(o.competency.as_ref());
                    vec![text, code, competency, level(o.target_level), date_or_dash(o.due)]
                })
                .collect(),
        },
        "No new objectives were set.".to_owned(),
    ));
    if let Some(k) = &r.kpi {
        b.push(Block::Heading("Coding accuracy objective".to_owned()));
        let mut kv = vec![
            ("Primary diagnosis".to_owned(), format!("{}%", k.primary_diagnosis)),
            ("Secondary diagnosis".to_owned(), format!("{}%", k.secondary_diagnosis)),
            ("Procedure".to_owned(), format!("{}%", k.procedure)),
            ("Due".to_owned(), date_or_dash(k.due)),
        ];
        if !k.notes.trim().is_empty() {
            kv.push(("Notes".to_owned(), k.notes.trim().to_owned()));
        }
        b.push(Block::KeyValues(kv));
    }

    // d. The PDP.
    b.push(Block::Heading("Personal development plan".to_owned()));
    b.push(table_or_note(
        Block::Table {
            columns: vec![
                Column::new("Learning need", 2.4),
                Column::new("Activity", 2.6),
                Column::new("Skill code", 0.9),
                Column::new("Support", 1.5),
                Column::new("Target date", 1.1),
            ],
            rows: r
                .pdp
                .iter()
                .map(|i| {
                    vec![
                        i.learning_need.trim().to_owned(),
                        activity_text(i),
                        i.skill_code.clone().unwrap_or_else(|| "—".to_owned()),
                        or_none(&i.support, "—"),
                        date_or_dash(i.target_date),
                    ]
                })
                .collect(),
        },
        "No learning needs were agreed.".to_owned(),
    ));

    // NCCQ, for trainees.
    if let Some(s) = nccq {
        b.push(Block::Heading("NCCQ pathway".to_owned()));
        b.extend(nccq_status_blocks(
            s,
            &format!("as at the meeting on {}", display(r.meeting_date)),
        ));
    }

    // e. Wellbeing.
    b.push(Block::Heading("Wellbeing".to_owned()));
    let w = &r.wellbeing;
    if w.include_in_print {
        b.push(Block::KeyValues(vec![
            ("Conversation".to_owned(), or_none(&w.notes, "Nothing recorded.")),
            (
                "Flexible working".to_owned(),
                or_none(&w.flexible_working, "Nothing recorded."),
            ),
            (
                "Support agreed".to_owned(),
                or_none(&w.support_agreed, "Nothing recorded."),
            ),
        ]));
    } else {
        b.push(Block::Note(
            "Wellbeing conversation held; not printed at the appraisee's request.".to_owned(),
        ));
    }

    // f. Pay progression.
    if r.kind == AppraisalKind::Annual {
        b.push(Block::Heading("Pay progression".to_owned()));
        let p = &r.pay;
        let outcome = match p.meets_standard {
            Some(true) => "Meets the standard for pay progression".to_owned(),
            Some(false) => "Does not meet the standard for pay progression".to_owned(),
            None => "Not yet decided".to_owned(),
        };
        let mut kv = vec![("Outcome".to_owned(), outcome)];
        if !p.summary.trim().is_empty() {
            kv.push(("Summary".to_owned(), p.summary.trim().to_owned()));
        }
        kv.push(("As at".to_owned(), display(p.as_at)));
        b.push(Block::KeyValues(kv));
        let rows: Vec<Vec<String>> = p
            .criteria
            .iter()
            .filter(|c| c.applies)
            .map(|c| {
                let met = match c.met {
                    Some(true) => "Met",
                    Some(false) => "Not met",
                    None => "Not confirmed",
                };
                let mut why = c.reason.trim().to_owned();
                if !c.note.trim().is_empty() {
                    why = if why.is_empty() {
                        c.note.trim().to_owned()
                    } else {
                        format!("{why} {}", c.note.trim())
                    };
                }
                if let (Some(by), Some(at)) = (c.confirmed_by_name.as_ref().or(c.confirmed_by.as_ref()), c.confirmed_at)
                {
                    if !why.contains("confirmed by") {
                        why.push_str(&format!(" (Confirmed by {by} on {}.)", display(at.date())));
                    }
                }
                vec![c.label.clone(), met.to_owned(), why.trim().to_owned()]
            })
            .collect();
        let shown = !rows.is_empty();
        if shown {
            b.push(Block::Table {
                columns: vec![
                    Column::new("Standard", 2.6),
                    Column::new("Outcome", 1.1),
                    Column::new("Reasons", 4.3),
                ],
                rows,
            });
        }
        if !shown && !p.reasons.is_empty() {
            b.push(Block::Paragraph(p.reasons.join("\n")));
        }
    }

    // g. Comments.
    b.push(Block::Heading("Comments".to_owned()));
    b.push(Block::KeyValues(vec![
        ("Appraisee".to_owned(), or_none(&r.appraisee_comments, "No comments.")),
        ("Appraiser".to_owned(), or_none(&r.appraiser_comments, "No comments.")),
    ]));

    // Sign-off.
    b.push(Block::Heading("Signatures".to_owned()));
    let sig = |label: &str, who: &appraisal::Person, s: &Option<appraisal::Signature>| SignatureBlock {
        label: label.to_owned(),
        signed: s.as_ref().map(|s| pdf::Signature {
            name: s.name.clone(),
            role: {
                let role = role_of(who);
                if role.is_empty() {
                    label.to_owned()
                } else {
                    format!("{label}; {role}")
                }
            },
            at: s.signed_at,
        }),
    };
    b.push(Block::Signatures(vec![
        sig("Appraisee", &r.appraisee, &r.appraisee_signature),
        sig("Appraiser", &r.appraiser, &r.appraiser_signature),
    ]));
    if r.appraisee_signature.is_some() && r.appraiser_signature.is_some() {
        b.push(Block::Note(
            "Signed electronically in Appraise: each party confirmed with their own passphrase.".to_owned(),
        ));
    }

    Document {
        title: appraisal_title(r.kind).to_owned(),
        trust: settings.trust.clone(),
        department: settings.department.clone(),
        marking: settings.marking.clone(),
        subtitle: format!("Cycle {} · {}", r.cycle.label, r.appraisee.name),
        meta: DocumentMeta {
            kind: DocumentKind::AppraisalRecord,
            record_id: r.id.to_string(),
            version: r.version,
            content_sha256: appraisal::content_sha256(r),
            generated_at,
        },
        blocks: b,
    }
}

fn activity_text(i: &PdpItem) -> String {
    let d = i.description.trim();
    if d.is_empty() {
        i.activity.label().to_owned()
    } else {
        format!("{}: {d}", i.activity.label())
    }
}

fn nccq_status_blocks(s: &NccqStatus, as_at: &str) -> Vec<Block> {
    let mut state = s.state.label().to_owned();
    if let Some(first) = state.get(..1) {
        state = first.to_uppercase() + &state[1..];
    }
    let mut kv = vec![
        ("Status".to_owned(), format!("{state} ({as_at})")),
        ("Appointed".to_owned(), display(s.appointed)),
        (
            "Standards course".to_owned(),
            match s.standards_course_start {
                Some(d) => format!("Started {}", display(d)),
                None => format!("Not started; must start by {}", display(s.standards_course_start_by)),
            },
        ),
        ("Practical paper".to_owned(), passed(s.practical_passed)),
        ("Theory paper".to_owned(), passed(s.theory_passed)),
        ("NCCQ deadline".to_owned(), display(s.nccq_by)),
    ];
    if s.acc_date.is_none() {
        kv.push((
            "Sittings left".to_owned(),
            if s.sittings_left.is_empty() {
                "None before the deadline".to_owned()
            } else {
                s.sittings_left
                    .iter()
                    .map(|d| display(*d))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        ));
    } else {
        kv.push(("ACC awarded".to_owned(), date_or_dash(s.acc_date)));
    }
    kv.push((
        "IHRIM membership".to_owned(),
        match s.ihrim_valid_until {
            Some(d) => format!("Valid until {}", display(d)),
            None => "Not recorded".to_owned(),
        },
    ));
    if let Some(d) = s.next_refresher_due {
        kv.push(("Next refresher course due".to_owned(), display(d)));
    }
    let mut out = vec![Block::KeyValues(kv)];
    if !s.reasons.is_empty() {
        out.push(Block::Paragraph(format!("Why: {}", s.reasons.join(" "))));
    }
    if !s.next_steps.is_empty() {
        out.push(Block::Paragraph(format!(
            "Next steps:\n{}",
            s.next_steps
                .iter()
                .map(|x| format!("• {x}"))
                .collect::<Vec<_>>()
                .join("\n")
        )));
    }
    out
}

fn passed(d: Option<NaiveDate>) -> String {
    d.map_or_else(
        || "Not yet passed".to_owned(),
        |d| format!("Passed at the sitting of {}", display(d)),
    )
}

// --------------------------------------------------------- PDP and NCCQ --

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The PDP summary's content hash: over the plan and its progress.
fn pdp_sha256(plan: &PdpPlan) -> String {
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

fn pdp_document(plan: &PdpPlan, settings: &PrintSettings, generated_at: NaiveDateTime) -> Document {
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

/// The NCCQ report's content hash: over the pathway record and the settings
/// the status is judged by.
fn nccq_sha256(record: &NccqRecord, settings: &NccqSettings) -> String {
    sha256_hex(&format!(
        "appraise-nccq/1\n{}\n{}",
        serde_json::to_string(record).expect("the record serialises"),
        serde_json::to_string(settings).expect("the settings serialise")
    ))
}

/// A person's NCCQ progress report as a PDF, if `actor` may see them. The
/// status is as at the day it is generated.
pub fn nccq_report_pdf(
    conn: &Connection,
    actor: &Actor,
    staff_number: &str,
    generated_at: NaiveDateTime,
) -> Result<Vec<u8>> {
    let record = nccq::record(conn, actor, staff_number.trim())?;
    let settings = nccq::settings(conn)?;
    pdf::render(&nccq_document(
        &record,
        &settings,
        &print_settings(conn)?,
        whole_seconds(generated_at),
    ))
}

fn nccq_document(
    record: &NccqRecord,
    nccq_settings: &NccqSettings,
    settings: &PrintSettings,
    generated_at: NaiveDateTime,
) -> Document {
    let today = generated_at.date();
    let status = nccq::assess(record, nccq_settings, today);
    let member = &record.staff;
    let mut b = vec![Block::KeyValues(vec![
        (
            "Name".to_owned(),
            format!("{} (staff number {})", member.full_name(), member.staff_number),
        ),
        (
            "Job title".to_owned(),
            format!("{}, Band {}", member.job_title, member.band),
        ),
    ])];
    b.push(Block::Heading("Status".to_owned()));
    b.extend(nccq_status_blocks(&status, &format!("as at {}", display(today))));
    b.push(Block::Heading("Deadlines".to_owned()));
    let d = nccq::deadlines(member.appointed, status.standards_course_start, nccq_settings, today);
    b.push(Block::KeyValues(vec![
        (
            "Standards course to start by".to_owned(),
            display(d.standards_course_start_by),
        ),
        ("NCCQ to be passed by".to_owned(), display(d.nccq_by)),
        (
            "Days left".to_owned(),
            if d.days_left >= 0 {
                d.days_left.to_string()
            } else {
                format!("None: the deadline passed {} days ago", -d.days_left)
            },
        ),
        (
            "Refresher courses due".to_owned(),
            d.refresher_due
                .iter()
                .map(|x| display(*x))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ]));
    b.push(Block::Heading("Courses".to_owned()));
    b.push(table_or_note(
        Block::Table {
            columns: vec![
                Column::new("Course", 3.0),
                Column::new("Start", 1.2),
                Column::new("End", 1.2),
                Column::new("Note", 1.6),
            ],
            rows: record
                .courses
                .iter()
                .map(|c| {
                    vec![
                        c.kind.label().to_owned(),
                        display(c.start),
                        date_or_dash(c.end),
                        if c.start > today {
                            "Booked".to_owned()
                        } else {
                            String::new()
                        },
                    ]
                })
                .collect(),
        },
        "No course recorded.".to_owned(),
    ));
    b.push(Block::Heading("Exam attempts".to_owned()));
    b.push(table_or_note(
        Block::Table {
            columns: vec![
                Column::new("Sitting", 1.2),
                Column::new("Paper", 1.6),
                Column::new("Score", 1.0),
                Column::new("Pass mark", 1.0),
                Column::new("Result", 1.2),
            ],
            rows: record
                .exams
                .iter()
                .map(|e| {
                    vec![
                        display(e.sitting),
                        e.paper.label().to_owned(),
                        format!("{}%", e.score),
                        format!("{}%", e.pass_mark),
                        if e.passed { "Passed" } else { "Not passed" }.to_owned(),
                    ]
                })
                .collect(),
        },
        "No exam attempt recorded.".to_owned(),
    ));
    Document {
        title: "NCCQ progress report".to_owned(),
        trust: settings.trust.clone(),
        department: settings.department.clone(),
        marking: settings.marking.clone(),
        subtitle: format!("{} · as at {}", member.full_name(), display(today)),
        meta: DocumentMeta {
            kind: DocumentKind::NccqProgress,
            record_id: member.staff_number.clone(),
            version: 1,
            content_sha256: nccq_sha256(record, nccq_settings),
            generated_at,
        },
        blocks: b,
    }
}

// ---------------------------------------------------------------- cycle --

/// One file of a cycle's print run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PrintJob {
    pub appraisal_id: i64,
    pub file_name: String,
}

/// Signed appraisals of a cycle ("2025/26") the actor may see, with a file
/// name each ("2025-26 Ní Bhriain Zoë 100004 v1.pdf": safe characters,
/// accents kept), by surname.
pub fn cycle_jobs(conn: &Connection, actor: &Actor, cycle_label: &str) -> Result<Vec<PrintJob>> {
    let label = cycle_label.trim();
    if label.is_empty() {
        return Err(Error::invalid("cycle", "Give a cycle, as 2025/26."));
    }
    let all = appraisal::list_as(conn, actor)?;
    let mut jobs = Vec::new();
    for a in all
        .iter()
        .filter(|a| a.cycle == label && a.status == AppraisalStatus::Signed)
    {
        let (surname, forename) = match staff::get(conn, &a.staff_number) {
            Ok(m) => (m.surname, m.forename),
            Err(_) => (a.name.clone(), String::new()),
        };
        let kind = match a.kind {
            AppraisalKind::Annual => "",
            AppraisalKind::MidYear => " mid-year",
            AppraisalKind::ObjectiveSetting => " objective-setting",
        };
        let name = format!(
            "{} {surname} {forename} {}{kind} v{}",
            a.cycle, a.staff_number, a.version
        );
        jobs.push((
            surname,
            PrintJob {
                appraisal_id: a.id,
                file_name: format!("{}.pdf", safe_file_name(&name)),
            },
        ));
    }
    jobs.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.file_name.cmp(&b.1.file_name)));
    Ok(jobs.into_iter().map(|(_, j)| j).collect())
}

/// Keeps letters (accented ones too), digits, spaces and `-_.'`; anything
/// else (`/`, `:`, control characters) becomes `-`. Runs of spaces become
/// one.
pub fn safe_file_name(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '\'' | ' ') {
            c
        } else {
            '-'
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end().trim_start_matches('.').to_owned()
}

// --------------------------------------------------------------- verify --

/// The verify outcome for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PdfCheck {
    /// Byte for byte what Appraise produced, and the record is unchanged.
    pub genuine: bool,
    /// The file is byte for byte what Appraise produced. False when it is
    /// not, and also when it cannot be told (the record has changed since,
    /// or this is not an Appraise PDF): the message says which.
    pub file_intact: bool,
    /// The record's content is still what was printed.
    pub record_unchanged: bool,
    /// `appraisal-record`, `pdp-summary`, `nccq-progress`; empty when the
    /// file is not an Appraise PDF.
    pub kind: String,
    pub record_id: String,
    pub version: u32,
    pub message: String,
}

/// Checks a PDF: is it exactly what Appraise produced for the record and
/// version it names, and is the record still as printed? The actor must be
/// allowed to see that record.
pub fn verify_pdf(conn: &Connection, actor: &Actor, bytes: &[u8]) -> Result<PdfCheck> {
    let Some((meta, _)) = pdf::read_meta(bytes) else {
        return Ok(check_from(&VerifyOutcome::NotAppraisePdf, None));
    };
    let current = match current_source(conn, actor, &meta) {
        Ok(c) => c,
        Err(Error::NotFound(_)) => {
            return Ok(PdfCheck {
                genuine: false,
                file_intact: false,
                record_unchanged: false,
                kind: meta.kind.code().to_owned(),
                record_id: meta.record_id.clone(),
                version: meta.version,
                message: format!(
                    "This file names {} {} version {}, which is not in this database, so it cannot be checked.",
                    kind_words(meta.kind),
                    meta.record_id,
                    meta.version
                ),
            });
        }
        Err(e) => return Err(e),
    };
    let mut candidates = vec![print_settings(conn)?];
    for old in settings_history(conn)?.into_iter().rev() {
        if !candidates.contains(&old) {
            candidates.push(old);
        }
    }
    let record_changed = !current.sha256().eq_ignore_ascii_case(&meta.content_sha256);
    if record_changed {
        // The page of the old content cannot be made again.
        let outcome = pdf::verify_bytes(bytes, |_| {
            Ok(Rerendered {
                bytes: Vec::new(),
                current_content_sha256: current.sha256(),
            })
        })?;
        if let VerifyOutcome::OtherLayout { .. } = outcome {
            return Ok(check_from(&outcome, Some(&meta)));
        }
        return Ok(PdfCheck {
            genuine: false,
            file_intact: false,
            record_unchanged: false,
            kind: meta.kind.code().to_owned(),
            record_id: meta.record_id.clone(),
            version: meta.version,
            message: format!(
                "The record has changed since this file was printed: {} {} version {} is no longer what the \
                 file shows (content hash now {}, the file's {}). The file itself cannot be checked byte for \
                 byte against a record that has changed; print it again for the current record.",
                kind_words(meta.kind),
                meta.record_id,
                meta.version,
                short(&current.sha256()),
                short(&meta.content_sha256),
            ),
        });
    }
    let mut last = None;
    for settings in &candidates {
        let doc = current.document(settings, meta.generated_at);
        let outcome = pdf::verify_bytes(bytes, |_| {
            Ok(Rerendered {
                bytes: pdf::render(&doc)?,
                current_content_sha256: current.sha256(),
            })
        })?;
        if !matches!(outcome, VerifyOutcome::FileAltered { .. }) {
            return Ok(check_from(&outcome, Some(&meta)));
        }
        last = Some(outcome);
    }
    Ok(check_from(&last.expect("at least the current settings"), Some(&meta)))
}

fn short(hash: &str) -> String {
    format!("{}…", &hash[..hash.len().min(12)])
}

fn kind_words(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::AppraisalRecord => "appraisal",
        DocumentKind::PdpSummary => "the PDP summary of staff number",
        DocumentKind::NccqProgress => "the NCCQ progress report of staff number",
    }
}

/// What a file's record is now, read from the store.
enum Source {
    Appraisal(Box<AppraisalRecord>, Option<NccqStatus>, String),
    Pdp(PdpPlan, String),
    Nccq(Box<NccqRecord>, NccqSettings, String),
}

impl Source {
    fn sha256(&self) -> String {
        match self {
            Source::Appraisal(_, _, h) | Source::Pdp(_, h) | Source::Nccq(_, _, h) => h.clone(),
        }
    }

    fn document(&self, settings: &PrintSettings, at: NaiveDateTime) -> Document {
        match self {
            Source::Appraisal(r, s, _) => appraisal_document_with(r, s.as_ref(), settings, at),
            Source::Pdp(plan, _) => pdp_document(plan, settings, at),
            Source::Nccq(r, s, _) => nccq_document(r, s, settings, at),
        }
    }
}

fn current_source(conn: &Connection, actor: &Actor, meta: &DocumentMeta) -> Result<Source> {
    let gone = || {
        Error::NotFound(format!(
            "There is no {} {} version {}.",
            kind_words(meta.kind),
            meta.record_id,
            meta.version
        ))
    };
    match meta.kind {
        DocumentKind::AppraisalRecord => {
            let id: i64 = meta.record_id.parse().map_err(|_| gone())?;
            let record = appraisal::get(conn, id)?;
            access::can_view_appraisal(conn, actor, &record.appraisee.staff_number)?;
            if record.version != meta.version {
                return Err(gone());
            }
            let status = trainee_status(conn, &record)?;
            let hash = appraisal::content_sha256(&record);
            Ok(Source::Appraisal(Box::new(record), status, hash))
        }
        DocumentKind::PdpSummary => {
            access::can_view_staff(conn, actor, &meta.record_id)?;
            let plan = appraisal::current_pdp(conn, &meta.record_id)?;
            let hash = pdp_sha256(&plan);
            Ok(Source::Pdp(plan, hash))
        }
        DocumentKind::NccqProgress => {
            let record = nccq::record(conn, actor, &meta.record_id)?;
            let settings = nccq::settings(conn)?;
            let hash = nccq_sha256(&record, &settings);
            Ok(Source::Nccq(Box::new(record), settings, hash))
        }
    }
}

fn check_from(outcome: &VerifyOutcome, meta: Option<&DocumentMeta>) -> PdfCheck {
    let (genuine, file_intact, record_unchanged) = match outcome {
        VerifyOutcome::Genuine { .. } => (true, true, true),
        VerifyOutcome::RecordChanged { .. } => (false, true, false),
        VerifyOutcome::FileAltered { record_changed, .. } => (false, false, !record_changed),
        VerifyOutcome::OtherLayout { .. } | VerifyOutcome::NotAppraisePdf => (false, false, false),
    };
    PdfCheck {
        genuine,
        file_intact,
        record_unchanged,
        kind: meta.map(|m| m.kind.code().to_owned()).unwrap_or_default(),
        record_id: meta.map(|m| m.record_id.clone()).unwrap_or_default(),
        version: meta.map_or(0, |m| m.version),
        message: match outcome {
            VerifyOutcome::FileAltered { meta, record_changed } => format!(
                "This file has been altered since Appraise produced it: it is not byte for byte what Appraise \
                 prints for {} {} version {}, printed on {}.{}",
                kind_words(meta.kind),
                meta.record_id,
                meta.version,
                display_date_time(meta.generated_at),
                if *record_changed {
                    " The record has also changed since it was printed."
                } else {
                    " The record itself is unchanged: print it again for a true copy."
                }
            ),
            other => other.message(),
        },
    }
}

/// A table, or when it has no rows a note saying so: an empty table tells a
/// reader less than "No course recorded.".
fn table_or_note(table: Block, when_empty: String) -> Block {
    match &table {
        Block::Table { rows, .. } if rows.is_empty() => Block::Note(when_empty),
        _ => table,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::Role;
    use crate::demo::{generate, DemoOptions};
    use crate::Store;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    fn demo() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        generate(
            store.conn_mut(),
            &DemoOptions::new(NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()),
        )
        .unwrap();
        store
    }

    fn coder(number: &str) -> Actor {
        Actor {
            staff_number: number.to_owned(),
            role: Role::Coder,
            name: "A coder".to_owned(),
            must_change_passphrase: false,
        }
    }

    fn signed_ids(conn: &Connection) -> Vec<i64> {
        appraisal::list(conn)
            .unwrap()
            .into_iter()
            .filter(|a| a.status == AppraisalStatus::Signed)
            .map(|a| a.id)
            .collect()
    }

    #[test]
    fn settings_default_then_saved_by_the_administrator_only_and_audited() {
        let mut store = demo();
        assert_eq!(print_settings(store.conn()).unwrap(), PrintSettings::default());
        let new = PrintSettings {
            trust: " Ysbyty Gwynedd NHS Trust ".into(),
            department: "Clinical Coding".into(),
            marking: "OFFICIAL-SENSITIVE: PERSONAL".into(),
        };
        let now = at(2026, 1, 15, 9, 0);
        let refused = save_print_settings(store.conn_mut(), &coder("100004"), &new, now).unwrap_err();
        assert!(matches!(refused, Error::Forbidden(_)), "{refused:?}");
        let saved = save_print_settings(store.conn_mut(), &Actor::system(), &new, now).unwrap();
        assert_eq!(saved.trust, "Ysbyty Gwynedd NHS Trust", "trimmed");
        assert_eq!(print_settings(store.conn()).unwrap(), saved);
        let audited: i64 = store
            .conn()
            .query_row(
                "SELECT COUNT(*) FROM audit WHERE action = 'setting.change' AND record_id = 'print'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(audited, 1);
        let blank = PrintSettings {
            marking: "  ".into(),
            ..new
        };
        match save_print_settings(store.conn_mut(), &Actor::system(), &blank, now).unwrap_err() {
            Error::Invalid(f) => assert_eq!(f[0].field, "marking"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_file_printed_before_the_header_changed_still_verifies() {
        let mut store = demo();
        let id = signed_ids(store.conn())[0];
        let when = at(2026, 1, 15, 10, 30);
        let before = appraisal_pdf(store.conn(), &Actor::system(), id, when).unwrap();
        let new = PrintSettings {
            trust: "Renamed NHS Foundation Trust".into(),
            ..PrintSettings::default()
        };
        save_print_settings(store.conn_mut(), &Actor::system(), &new, when).unwrap();
        let after = appraisal_pdf(store.conn(), &Actor::system(), id, when).unwrap();
        assert_ne!(before, after, "the header is in the file");
        for file in [&before, &after] {
            let check = verify_pdf(store.conn(), &Actor::system(), file).unwrap();
            assert!(check.genuine, "{check:?}");
        }
    }

    #[test]
    fn every_signed_demo_record_renders_deterministically_and_verifies() {
        let store = demo();
        let when = at(2026, 1, 15, 10, 30);
        for id in signed_ids(store.conn()) {
            let a = appraisal_pdf(store.conn(), &Actor::system(), id, when).unwrap();
            let b = appraisal_pdf(store.conn(), &Actor::system(), id, when).unwrap();
            assert_eq!(a, b, "appraisal {id}");
            let check = verify_pdf(store.conn(), &Actor::system(), &a).unwrap();
            assert!(
                check.genuine && check.file_intact && check.record_unchanged,
                "{check:?}"
            );
            assert_eq!(check.kind, "appraisal-record");
            assert_eq!(check.record_id, id.to_string());
        }
    }

    #[test]
    fn the_generated_time_is_kept_to_the_second_so_a_file_printed_now_verifies() {
        let store = demo();
        let id = signed_ids(store.conn())[0];
        let now = at(2026, 1, 15, 10, 30).with_nanosecond(123_456_789).unwrap();
        let file = appraisal_pdf(store.conn(), &Actor::system(), id, now).unwrap();
        assert!(verify_pdf(store.conn(), &Actor::system(), &file).unwrap().genuine);
    }

    #[test]
    fn a_coder_cannot_print_or_check_someone_elses_record() {
        let store = demo();
        let list = appraisal::list(store.conn()).unwrap();
        let theirs = list.iter().find(|a| a.staff_number != "100004").unwrap();
        let when = at(2026, 1, 15, 10, 30);
        let me = coder("100004");
        assert!(matches!(
            appraisal_pdf(store.conn(), &me, theirs.id, when),
            Err(Error::Forbidden(_))
        ));
        assert!(matches!(
            nccq_report_pdf(store.conn(), &me, &theirs.staff_number, when),
            Err(Error::Forbidden(_))
        ));
        assert!(matches!(
            pdp_summary_pdf(store.conn(), &me, &theirs.staff_number, when),
            Err(Error::Forbidden(_))
        ));
        let file = appraisal_pdf(store.conn(), &Actor::system(), theirs.id, when).unwrap();
        assert!(matches!(verify_pdf(store.conn(), &me, &file), Err(Error::Forbidden(_))));
        let own = cycle_jobs(store.conn(), &me, "2024/25").unwrap();
        assert!(
            !own.is_empty() && own.iter().all(|j| j.file_name.contains("100004")),
            "{own:?}"
        );
    }

    #[test]
    fn wellbeing_prints_only_when_the_appraisee_chose_so() {
        let store = demo();
        let when = at(2026, 1, 15, 10, 30);
        let settings = PrintSettings::default();
        let mut record = appraisal::get(store.conn(), signed_ids(store.conn())[0]).unwrap();
        record.wellbeing.notes = "Private words about home.".into();
        record.wellbeing.include_in_print = false;
        let doc = appraisal_document_with(&record, None, &settings, when);
        let all = format!("{:?}", doc.blocks);
        assert!(!all.contains("Private words"), "{all}");
        assert!(all.contains("not printed at the appraisee's request"));
        record.wellbeing.include_in_print = true;
        let all = format!("{:?}", appraisal_document_with(&record, None, &settings, when).blocks);
        assert!(all.contains("Private words"));
    }

    #[test]
    fn cycle_file_names_keep_accents_and_drop_unsafe_characters() {
        assert_eq!(
            safe_file_name("2025/26 Ní Bhriain Zoë 100004 v1"),
            "2025-26 Ní Bhriain Zoë 100004 v1"
        );
        assert_eq!(safe_file_name("a:b*c?  d\n"), "a-b-c- d-");
        assert_eq!(safe_file_name("../x"), "-x");
        let store = demo();
        let jobs = cycle_jobs(store.conn(), &Actor::system(), "2025/26").unwrap();
        assert!(!jobs.is_empty());
        assert!(jobs
            .iter()
            .all(|j| j.file_name.starts_with("2025-26 ") && j.file_name.ends_with(".pdf")));
        let mut names: Vec<_> = jobs.iter().map(|j| &j.file_name).collect();
        names.dedup();
        assert_eq!(names.len(), jobs.len(), "one name each");
        assert!(cycle_jobs(store.conn(), &Actor::system(), "1999/00")
            .unwrap()
            .is_empty());
    }
}
