//! The appraisal record: one section per part of the meeting, in meeting
//! order (last year's objectives, skills, new objectives, the PDP, the NCCQ
//! pathway of a trainee, wellbeing only when the appraisee chose so, pay
//! progression, comments, signatures), with the person's coding audit
//! results of the cycle beside the objectives when there are any.

use crate::store::db::Connection;
use chrono::NaiveDateTime;

use super::common::{activity_text, date_or_dash, or_none, table_or_note, whole_seconds};
use super::earlier_layouts::nccq_as_printed;
use super::nccq_report::status_blocks;
use crate::accounts::Actor;
use crate::appraisal::{self, AppraisalKind, AppraisalRecord, AppraisalStatus, Outcome, Person, SkillAssessment};
use crate::coding_audit::rules::percent;
use crate::coding_audit::{self, CodeType, CodingAuditResult};
use crate::dates::display;
use crate::nccq::{self, NccqStatus};
use crate::pdf::{self, display_date_time, Block, Column, Document, DocumentKind, DocumentMeta, SignatureBlock};
use crate::settings::print::{load as print_settings, PrintSettings};
use crate::{staff, Error, Result};

/// How much of a level statement the skills table prints.
const STATEMENT_EXCERPT_WORDS: usize = 20;

/// The appraisal record as a PDF, if `actor` may see the appraisal. A
/// refusal does not say whether the appraisal exists.
pub fn appraisal_pdf(
    conn: &Connection,
    actor: &Actor,
    appraisal_id: i64,
    generated_at: NaiveDateTime,
) -> Result<Vec<u8>> {
    let record = appraisal::get_as(conn, actor, appraisal_id, generated_at.date())?.record;
    let settings = print_settings(conn)?;
    pdf::render(&appraisal_document(
        conn,
        actor,
        &record,
        &settings,
        whole_seconds(generated_at),
    )?)
}

/// The appraisal record mapped onto a document: reads only the NCCQ
/// pathway of a trainee, as it stood at the meeting, as `actor`.
pub fn appraisal_document(
    conn: &Connection,
    actor: &Actor,
    record: &AppraisalRecord,
    settings: &PrintSettings,
    generated_at: NaiveDateTime,
) -> Result<Document> {
    let nccq = trainee_status(conn, actor, record)?;
    let audits = audits_printed(conn, actor, record, generated_at)?;
    Ok(appraisal_document_full(
        record,
        nccq.as_ref(),
        &audits,
        settings,
        generated_at,
    ))
}

/// The person's coding audit results dated in the appraisal's cycle and
/// recorded before the time of printing: a result recorded later does not
/// change a page printed before (results are never edited), so printing
/// again at the same time gives the same page.
pub(super) fn audits_printed(
    conn: &Connection,
    actor: &Actor,
    record: &AppraisalRecord,
    generated_at: NaiveDateTime,
) -> Result<Vec<CodingAuditResult>> {
    let mut results = coding_audit::in_period_as(
        conn,
        actor,
        &record.appraisee.staff_number,
        record.cycle.start,
        record.cycle.end,
    )?;
    // Strictly before: times are kept to the second, and a file printed in
    // the same second as a result was recorded must check the same however
    // the two fell within it.
    results.retain(|r| r.audit.recorded_at < generated_at);
    Ok(results)
}

/// A trainee's NCCQ status as at the meeting date, from what was recorded
/// up to then, so printing the record again later gives the same page.
/// `None` for someone accredited by then, or not on the pathway.
pub(super) fn trainee_status(conn: &Connection, actor: &Actor, record: &AppraisalRecord) -> Result<Option<NccqStatus>> {
    trainee_status_in(conn, actor, record, pdf::LAYOUT_VERSION)
}

/// [`trainee_status`] under the NCCQ rules a file of `layout` was printed
/// with (see `earlier_layouts`).
pub(super) fn trainee_status_in(
    conn: &Connection,
    actor: &Actor,
    record: &AppraisalRecord,
    layout: u32,
) -> Result<Option<NccqStatus>> {
    let number = &record.appraisee.staff_number;
    let member = match staff::get_as(conn, actor, number) {
        Ok(m) => m,
        Err(Error::NotFound(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let day = record.meeting_date;
    if member.acc_date.is_some_and(|d| d <= day) {
        return Ok(None);
    }
    let mut settings = nccq::settings(conn)?;
    let mut r = nccq::record(conn, actor, number)?;
    r.staff.acc_date = r.staff.acc_date.filter(|d| *d <= day);
    r.courses.retain(|c| c.start <= day);
    r.exams.retain(|e| e.sitting <= day);
    nccq_as_printed(&mut r, &mut settings, layout);
    // Someone who does not code has no NCCQ pathway to print.
    if !nccq::on_pathway(r.staff.nccq_pathway, r.coding_role, r.staff.acc_date) {
        return Ok(None);
    }
    Ok(Some(nccq::assess(&r, &settings, day)))
}

/// The mapping itself, without coding audit results: no store, so the
/// benchmark and tests can use it.
pub fn appraisal_document_with(
    r: &AppraisalRecord,
    nccq: Option<&NccqStatus>,
    settings: &PrintSettings,
    generated_at: NaiveDateTime,
) -> Document {
    appraisal_document_full(r, nccq, &[], settings, generated_at)
}

/// The mapping with the coding audit results to print (none: no section).
pub(super) fn appraisal_document_full(
    r: &AppraisalRecord,
    nccq: Option<&NccqStatus>,
    audits: &[CodingAuditResult],
    settings: &PrintSettings,
    generated_at: NaiveDateTime,
) -> Document {
    let mut b = about(r);
    b.extend(previous_objectives(r));
    b.extend(skills(r));
    b.extend(new_objectives(r));
    b.extend(coding_audits(r, audits));
    b.extend(development_plan(r));
    if let Some(s) = nccq {
        b.extend(nccq_pathway(r, s));
    }
    b.extend(wellbeing(r));
    if r.kind == AppraisalKind::Annual {
        b.extend(pay_progression(r));
    }
    b.extend(comments(r));
    b.extend(signatures(r));
    Document {
        title: title(r.kind).to_owned(),
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

/// The coding audit results of the cycle, the evidence for the
/// coding-accuracy objective; nothing when there are none. Two tables, so
/// every column is wide enough for its words: accuracy and outcome, then
/// who audited and the errors by cause.
fn coding_audits(r: &AppraisalRecord, audits: &[CodingAuditResult]) -> Vec<Block> {
    if audits.is_empty() {
        return Vec::new();
    }
    let mut columns = vec![Column::new("Date", 1.1), Column::new("Episodes", 1.0)];
    columns.extend(CodeType::ALL.map(|c| Column::new(c.label(), 1.1)));
    columns.push(Column::new("Outcome", 1.7));
    let accuracy = audits
        .iter()
        .map(|a| {
            let mut row = vec![display(a.audit.date), a.audit.episodes.to_string()];
            row.extend(CodeType::ALL.map(|c| percent(a.audit.scores.get(c))));
            let below: Vec<&str> = a.judgement.below.iter().map(|c| c.words()).collect();
            row.push(if below.is_empty() {
                a.judgement.outcome.words().to_owned()
            } else {
                format!("{}: {} below the line", a.judgement.outcome.words(), below.join(", "))
            });
            row
        })
        .collect();
    let errors = audits
        .iter()
        .map(|a| {
            let e = a.audit.errors;
            vec![
                display(a.audit.date),
                a.audit.auditor.clone(),
                e.coder.to_string(),
                e.documentation.to_string(),
                e.other.to_string(),
            ]
        })
        .collect();
    vec![
        Block::Heading("Coding audit results".to_owned()),
        Block::Note(format!(
            "Results of the DSPT clinical coding audit dated in cycle {}, percentage correct per code type, each \
             judged against the thresholds in force when it was recorded.",
            r.cycle.label
        )),
        Block::Table {
            columns,
            rows: accuracy,
        },
        Block::Table {
            columns: vec![
                Column::new("Date", 1.1),
                Column::new("Auditor", 2.8),
                Column::new("Coder errors", 1.3),
                Column::new("Documentation errors", 1.6),
                Column::new("Other errors", 1.3),
            ],
            rows: errors,
        },
    ]
}

fn title(kind: AppraisalKind) -> &'static str {
    match kind {
        AppraisalKind::Annual => "Annual appraisal record",
        AppraisalKind::MidYear => "Mid-year review",
        AppraisalKind::ObjectiveSetting => "Objective-setting meeting",
    }
}

/// Who, when, which cycle and how far the record has gone; a re-opened
/// version says what it re-opens.
fn about(r: &AppraisalRecord) -> Vec<Block> {
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
    let mut b = vec![Block::KeyValues(about)];
    if let Some(x) = &r.reopening {
        b.push(Block::Note(format!(
            "This version re-opens signed appraisal {} ({} on {}): {}",
            x.supersedes,
            x.by_name.clone().unwrap_or_else(|| x.by.clone()),
            display_date_time(x.at),
            x.reason
        )));
    }
    b
}

/// a. Last year's objectives and how each went.
fn previous_objectives(r: &AppraisalRecord) -> Vec<Block> {
    vec![
        Block::Heading("Last year's objectives and outcomes".to_owned()),
        table_or_note(
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
                        let mut text = objective_text(&p.text, &p.measure);
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
        ),
    ]
}

/// b. Each competency's levels, with the statement at the agreed level.
fn skills(r: &AppraisalRecord) -> Vec<Block> {
    vec![
        Block::Heading("Skills".to_owned()),
        table_or_note(
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
        ),
    ]
}

/// c. The new objectives, then the coding accuracy objective if one was
/// set.
fn new_objectives(r: &AppraisalRecord) -> Vec<Block> {
    let mut b = vec![
        Block::Heading("New objectives".to_owned()),
        table_or_note(
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
                        let mut text = objective_text(&o.text, &o.measure);
                        if o.carried_from.is_some() {
                            text.push_str("\n(Carried forward from last year.)");
                        }
                        let (code, competency) = skill_of(o.competency.as_ref());
                        vec![text, code, competency, level(o.target_level), date_or_dash(o.due)]
                    })
                    .collect(),
            },
            "No new objectives were set.".to_owned(),
        ),
    ];
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
    b
}

/// d. The personal development plan agreed at the meeting.
fn development_plan(r: &AppraisalRecord) -> Vec<Block> {
    vec![
        Block::Heading("Personal development plan".to_owned()),
        table_or_note(
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
        ),
    ]
}

/// A trainee's NCCQ pathway as it stood at the meeting.
fn nccq_pathway(r: &AppraisalRecord, s: &NccqStatus) -> Vec<Block> {
    let mut b = vec![Block::Heading("NCCQ pathway".to_owned())];
    b.extend(status_blocks(
        s,
        &format!("as at the meeting on {}", display(r.meeting_date)),
    ));
    b
}

/// e. Wellbeing: the conversation is printed only when the appraisee chose
/// so; otherwise a note says it was held.
fn wellbeing(r: &AppraisalRecord) -> Vec<Block> {
    let w = &r.wellbeing;
    let body = if w.include_in_print {
        Block::KeyValues(vec![
            ("Conversation".to_owned(), or_none(&w.notes, "Nothing recorded.")),
            (
                "Flexible working".to_owned(),
                or_none(&w.flexible_working, "Nothing recorded."),
            ),
            (
                "Support agreed".to_owned(),
                or_none(&w.support_agreed, "Nothing recorded."),
            ),
        ])
    } else {
        Block::Note("Wellbeing conversation held; not printed at the appraisee's request.".to_owned())
    };
    vec![Block::Heading("Wellbeing".to_owned()), body]
}

/// f. Pay progression (annual appraisals only): the outcome, then each
/// standard that applies with its reasons.
fn pay_progression(r: &AppraisalRecord) -> Vec<Block> {
    let mut b = vec![Block::Heading("Pay progression".to_owned())];
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
            if let (Some(by), Some(at)) = (c.confirmed_by_name.as_ref().or(c.confirmed_by.as_ref()), c.confirmed_at) {
                if !why.contains("confirmed by") {
                    why.push_str(&format!(" (Confirmed by {by} on {}.)", display(at.date())));
                }
            }
            vec![c.label.clone(), met.to_owned(), why.trim().to_owned()]
        })
        .collect();
    if !rows.is_empty() {
        b.push(Block::Table {
            columns: vec![
                Column::new("Standard", 2.6),
                Column::new("Outcome", 1.1),
                Column::new("Reasons", 4.3),
            ],
            rows,
        });
    } else if !p.reasons.is_empty() {
        b.push(Block::Paragraph(p.reasons.join("\n")));
    }
    b
}

/// g. Each party's comments.
fn comments(r: &AppraisalRecord) -> Vec<Block> {
    vec![
        Block::Heading("Comments".to_owned()),
        Block::KeyValues(vec![
            ("Appraisee".to_owned(), or_none(&r.appraisee_comments, "No comments.")),
            ("Appraiser".to_owned(), or_none(&r.appraiser_comments, "No comments.")),
        ]),
    ]
}

/// Sign-off: a signature block each, blank lines until signed.
fn signatures(r: &AppraisalRecord) -> Vec<Block> {
    let sig = |label: &str, who: &Person, s: &Option<appraisal::Signature>| SignatureBlock {
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
    let mut b = vec![
        Block::Heading("Signatures".to_owned()),
        Block::Signatures(vec![
            sig("Appraisee", &r.appraisee, &r.appraisee_signature),
            sig("Appraiser", &r.appraiser, &r.appraiser_signature),
        ]),
    ];
    if r.appraisee_signature.is_some() && r.appraiser_signature.is_some() {
        b.push(Block::Note(
            "Signed electronically in Appraise: each party confirmed with their own passphrase.".to_owned(),
        ));
    }
    b
}

/// An objective's words with its measure beneath, as both objective tables
/// print them.
fn objective_text(text: &str, measure: &str) -> String {
    let mut out = text.trim().to_owned();
    if !measure.trim().is_empty() {
        out.push_str(&format!("\nMeasure: {}", measure.trim()));
    }
    out
}

fn level(l: Option<u8>) -> String {
    l.map_or_else(|| "—".to_owned(), |l| l.to_string())
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

fn role_of(p: &Person) -> String {
    match (p.job_title.trim(), p.band.trim()) {
        ("", "") => String::new(),
        (job, "") => job.to_owned(),
        ("", band) => format!("Band {band}"),
        (job, band) => format!("{job}, Band {band}"),
    }
}

fn person_line(p: &Person) -> String {
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

#[cfg(test)]
mod tests {
    use chrono::Timelike;

    use super::*;
    use crate::print::test_support::{at, demo, signed_ids};
    use crate::print::verify_pdf;

    #[test]
    fn the_generated_time_is_kept_to_the_second_so_a_file_printed_now_verifies() {
        let store = demo();
        let id = signed_ids(store.conn())[0];
        let now = at(2026, 1, 15, 10, 30).with_nanosecond(123_456_789).unwrap();
        let file = appraisal_pdf(store.conn(), &Actor::system(), id, now).unwrap();
        assert!(verify_pdf(store.conn(), &Actor::system(), &file).unwrap().genuine);
    }

    #[test]
    fn wellbeing_prints_only_when_the_appraisee_chose_so() {
        let store = demo();
        let when = at(2026, 1, 15, 10, 30);
        let settings = PrintSettings::default();
        let id = signed_ids(store.conn())[0];
        let mut record = appraisal::get_as(store.conn(), &Actor::system(), id, when.date())
            .unwrap()
            .record;
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
}
