//! The NCCQ progress report: a trainee's status, deadlines, courses and exam
//! attempts as at the day it is printed, and the status block the appraisal
//! record also prints for a trainee.

use crate::store::db::Connection;
use chrono::{NaiveDate, NaiveDateTime};

use super::common::{date_or_dash, sha256_hex, table_or_note, whole_seconds};
use crate::accounts::Actor;
use crate::dates::display;
use crate::nccq::{self, CourseAttendance, ExamAttempt, NccqRecord, NccqSettings, NccqStatus};
use crate::pdf::{self, Block, Column, Document, DocumentKind, DocumentMeta};
use crate::settings::print::{load as print_settings, PrintSettings};
use crate::Result;
use serde::Serialize;

/// The NCCQ report's content hash: over the pathway record and the settings
/// the status is judged by. The record and settings are hashed in the shape
/// they had before the pathway flags and the earliest-sitting rule
/// (migration 0011), so a report of someone accredited, whose page those do
/// not change, still verifies; for anyone else they are hashed too from
/// layout 3, the first printed under them. A file of layout 2 was hashed
/// without them, and is rendered again under the rules it was printed with
/// (`earlier_layouts`).
pub(super) fn nccq_sha256(record: &NccqRecord, settings: &NccqSettings) -> String {
    nccq_sha256_in(record, settings, crate::pdf::LAYOUT_VERSION)
}

/// [`nccq_sha256`] as a file of `layout` took it.
pub(super) fn nccq_sha256_in(record: &NccqRecord, settings: &NccqSettings, layout: u32) -> String {
    let v1 = format!(
        "appraise-nccq/1\n{}\n{}",
        serde_json::to_string(&HashedRecord::of(record)).expect("the record serialises"),
        serde_json::to_string(&HashedSettings::of(settings)).expect("the settings serialise")
    );
    let accredited = record.staff.acc_date.is_some() || nccq::acc_award_date(&record.exams).is_some();
    if accredited || layout < 3 {
        return sha256_hex(&v1);
    }
    sha256_hex(&format!(
        "{v1}\n{}",
        serde_json::json!({
            "nccq_pathway": record.staff.nccq_pathway,
            "coding_role": record.coding_role,
            "first_sitting_months": settings.first_sitting_months,
            "registration_weeks": settings.registration_weeks,
        })
    ))
}

/// [`NccqRecord`] as version 1 of the hash saw it: the same fields, in the
/// same order.
#[derive(Serialize)]
struct HashedRecord<'a> {
    staff: HashedStaff<'a>,
    courses: &'a [CourseAttendance],
    exams: &'a [ExamAttempt],
    ihrim_valid_until: Option<NaiveDate>,
}

#[derive(Serialize)]
struct HashedStaff<'a> {
    staff_number: &'a str,
    forename: &'a str,
    surname: &'a str,
    band: &'a str,
    job_title: &'a str,
    appointed: NaiveDate,
    manager: &'a Option<String>,
    manager_name: &'a Option<String>,
    acc_date: Option<NaiveDate>,
    leaver_date: Option<NaiveDate>,
}

impl<'a> HashedRecord<'a> {
    fn of(r: &'a NccqRecord) -> Self {
        let s = &r.staff;
        HashedRecord {
            staff: HashedStaff {
                staff_number: &s.staff_number,
                forename: &s.forename,
                surname: &s.surname,
                band: &s.band,
                job_title: &s.job_title,
                appointed: s.appointed,
                manager: &s.manager,
                manager_name: &s.manager_name,
                acc_date: s.acc_date,
                leaver_date: s.leaver_date,
            },
            courses: &r.courses,
            exams: &r.exams,
            ihrim_valid_until: r.ihrim_valid_until,
        }
    }
}

/// [`NccqSettings`] as version 1 of the hash saw them.
#[derive(Serialize)]
struct HashedSettings<'a> {
    deadline_months: u32,
    course_months: u32,
    refresher_years: u32,
    sittings: &'a [NaiveDate],
    pass_marks: &'a [nccq::PassMarks],
}

impl<'a> HashedSettings<'a> {
    fn of(s: &'a NccqSettings) -> Self {
        HashedSettings {
            deadline_months: s.deadline_months,
            course_months: s.course_months,
            refresher_years: s.refresher_years,
            sittings: &s.sittings,
            pass_marks: &s.pass_marks,
        }
    }
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

pub(super) fn nccq_document(
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
    b.extend(status_blocks(&status, &format!("as at {}", display(today))));
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

/// A trainee's NCCQ status, `as_at` saying when it was judged.
pub(super) fn status_blocks(s: &NccqStatus, as_at: &str) -> Vec<Block> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nccq::test_support::{defaults, trainee, ymd};

    #[test]
    fn an_accredited_persons_report_hash_is_the_one_printed_before_the_pathway_flags() {
        let mut store = crate::store::testing::store();
        let who = trainee(&mut store, "Ada", "2020-01-06");
        let mut record = nccq::record(store.conn(), &Actor::system(), &who).unwrap();
        record.staff.acc_date = Some(ymd(2021, 9, 1));
        // Version 1 hashed the record and the settings as serialised then.
        let old = format!(
            "appraise-nccq/1\n{}\n{}",
            r#"{"staff":{"staff_number":"100001","forename":"Ada","surname":"Coder","band":"3","job_title":"","appointed":"2020-01-06","manager":null,"manager_name":null,"acc_date":"2021-09-01","leaver_date":null},"courses":[],"exams":[],"ihrim_valid_until":null}"#,
            r#"{"deadline_months":24,"course_months":6,"refresher_years":3,"sittings":[],"pass_marks":[]}"#
        );
        assert_eq!(
            nccq_sha256(&record, &defaults()),
            sha256_hex(&old),
            "a report printed before still verifies"
        );

        record.staff.acc_date = None;
        let trainee_hash = nccq_sha256(&record, &defaults());
        record.staff.nccq_pathway = Some(false);
        assert_ne!(
            nccq_sha256(&record, &defaults()),
            trainee_hash,
            "for someone not accredited the pathway flag changes what is printed, so the hash"
        );
    }
}
