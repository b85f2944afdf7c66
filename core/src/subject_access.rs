//! A subject access request: everything Appraise holds about one person,
//! written into a folder of their own for the trust to give them.
//!
//! The folder holds their staff record, each appraisal (the record as JSON
//! and its PDF: each signed version is an appraisal of its own, so each is
//! printed), their current PDP and NCCQ pathway (JSON and PDF), training,
//! CPD log, coding audits and pay steps (JSON) and the audit-trail rows
//! about them, with `index.txt` naming each file, what it
//! holds and its SHA-256. Other people appear only by name where they acted
//! (the appraiser, who recorded what). Every PDF is checked with `verify`
//! before it is written; the folder is built beside its final name and
//! renamed once whole, so a failed export leaves nothing half written.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::accounts::Actor;
use crate::appraisal::{self, AppraisalStatus};
use crate::print::{self, appraisal_file_name_as, write_atomically};
use crate::store::db::Connection;
use crate::{access, audit, coding_audit, nccq, pay_steps, staff, training, Error, Result};

/// What [`export_person`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonExport {
    pub folder: String,
    /// File names inside the folder, `index.txt` last.
    pub files: Vec<String>,
    pub appraisals: usize,
    pub audit_rows: usize,
}

/// One file of the export, before it is written.
struct Item {
    name: String,
    what: String,
    bytes: Vec<u8>,
}

/// Writes everything held about `staff_number` into the new folder `out`
/// (which must not exist yet, or be empty). The administrator only.
pub fn export_person(
    conn: &Connection,
    actor: &Actor,
    staff_number: &str,
    out: &Path,
    now: NaiveDateTime,
) -> Result<PersonExport> {
    access::can_export_person(actor)?;
    let number = staff_number.trim();
    let member = staff::get_as(conn, actor, number)?;
    let today = now.date();
    let mut items = vec![json_item("staff.json", "Staff record", &member)?];

    let appraisals: Vec<_> = appraisal::list_as(conn, actor)?
        .into_iter()
        .filter(|a| a.staff_number == member.staff_number)
        .collect();
    for summary in &appraisals {
        let record = appraisal::get_as(conn, actor, summary.id, today)?.record;
        let pdf_name = appraisal_file_name_as(conn, actor, summary.id, today)?;
        let stem = pdf_name.trim_end_matches(".pdf").to_owned();
        let state = match summary.status {
            AppraisalStatus::Signed => "signed",
            _ => "not signed",
        };
        let kind = summary.kind.label();
        let what = format!(
            "{}{} {}, meeting {} ({state})",
            kind[..1].to_uppercase(),
            &kind[1..],
            summary.cycle,
            summary.meeting_date.format("%d/%m/%Y")
        );
        items.push(json_item(
            &format!("appraisals/{stem}.json"),
            &format!("{what}: the record as data"),
            &record,
        )?);
        let pdf = print::appraisal_pdf(conn, actor, summary.id, now)?;
        checked_pdf(conn, actor, &pdf, &pdf_name)?;
        items.push(Item {
            name: format!("appraisals/{pdf_name}"),
            what: format!("{what}: the printed record"),
            bytes: pdf,
        });
    }

    let pdp = appraisal::current_pdp(conn, &member.staff_number)?;
    items.push(json_item("pdp.json", "Current personal development plan", &pdp)?);
    let pdp_pdf = print::pdp_summary_pdf(conn, actor, &member.staff_number, now)?;
    checked_pdf(conn, actor, &pdp_pdf, "pdp.pdf")?;
    items.push(Item {
        name: "pdp.pdf".into(),
        what: "Current personal development plan, printed".into(),
        bytes: pdp_pdf,
    });

    let nccq_record = nccq::record(conn, actor, &member.staff_number)?;
    items.push(json_item(
        "nccq.json",
        "NCCQ pathway: courses, exams, IHRIM membership",
        &nccq_record,
    )?);
    let nccq_pdf = print::nccq_report_pdf(conn, actor, &member.staff_number, now)?;
    checked_pdf(conn, actor, &nccq_pdf, "nccq.pdf")?;
    items.push(Item {
        name: "nccq.pdf".into(),
        what: "NCCQ progress report, printed".into(),
        bytes: nccq_pdf,
    });

    items.push(json_item(
        "training.json",
        &format!(
            "Statutory and mandatory training, compliance as at {}",
            today.format("%d/%m/%Y")
        ),
        &training::view_as(conn, actor, &member.staff_number, today)?,
    )?);
    items.push(json_item(
        "cpd-log.json",
        "CPD log",
        &training::cpd::list_as(conn, actor, &member.staff_number)?,
    )?);
    items.push(json_item(
        "coding-audits.json",
        "Coding audit results",
        &coding_audit::list_as(conn, actor, &member.staff_number)?,
    )?);
    items.push(json_item(
        "pay-steps.json",
        "Pay steps: dates, standards and review outcomes",
        &pay_steps::status::status_as(conn, actor, &member.staff_number, today)?,
    )?);

    let ids: Vec<i64> = appraisals.iter().map(|a| a.id).collect();
    let trail = audit::about_person(conn, actor, &member.staff_number, &ids)?;
    items.push(json_item(
        "audit-trail.json",
        "Audit-trail rows about these records, oldest first",
        &trail,
    )?);

    let index = index_text(
        &member.staff_number,
        &format!("{} {}", member.forename, member.surname),
        now,
        &items,
    );
    items.push(Item {
        name: "index.txt".into(),
        what: String::new(),
        bytes: index.into_bytes(),
    });
    write_folder(out, &items)?;
    Ok(PersonExport {
        folder: out.display().to_string(),
        files: items.iter().map(|i| i.name.clone()).collect(),
        appraisals: appraisals.len(),
        audit_rows: trail.len(),
    })
}

/// [`export_person`] into a new folder inside `parent` named for the person
/// and the day, as the window offers it ("Price Sarah 100011 subject access
/// 2026-11-28").
pub fn export_person_into(
    conn: &Connection,
    actor: &Actor,
    staff_number: &str,
    parent: &Path,
    now: NaiveDateTime,
) -> Result<PersonExport> {
    access::can_export_person(actor)?;
    let member = staff::get_as(conn, actor, staff_number.trim())?;
    let name = format!(
        "{} {} {} subject access {}",
        member.surname,
        member.forename,
        member.staff_number,
        now.date()
    );
    export_person(
        conn,
        actor,
        staff_number,
        &parent.join(print::safe_file_name(&name)),
        now,
    )
}

fn json_item<T: Serialize>(name: &str, what: &str, value: &T) -> Result<Item> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| Error::Io(format!("Could not write {name}: {e}")))?;
    bytes.push(b'\n');
    Ok(Item {
        name: name.into(),
        what: what.into(),
        bytes,
    })
}

/// A PDF goes into the export only if `verify` calls it genuine now.
fn checked_pdf(conn: &Connection, actor: &Actor, pdf: &[u8], name: &str) -> Result<()> {
    let check = print::verify_pdf(conn, actor, pdf)?;
    if check.genuine {
        Ok(())
    } else {
        Err(Error::Io(format!("{name} did not pass verify: {}", check.message)))
    }
}

fn index_text(staff_number: &str, name: &str, now: NaiveDateTime, items: &[Item]) -> String {
    let mut text = format!(
        "Everything Appraise holds about {name} (staff number {staff_number}),\nexported {}.\n\n\
         Each PDF can be checked with Appraise (Check a PDF, or appraise-cli pdf verify).\n\n",
        now.format("%d/%m/%Y %H:%M")
    );
    for item in items {
        let sha: String = Sha256::digest(&item.bytes).iter().map(|b| format!("{b:02x}")).collect();
        let _ = writeln!(text, "{}\n    {}\n    SHA-256 {sha}", item.name, item.what);
    }
    text
}

/// Builds the folder beside `out` and renames it into place once whole.
fn write_folder(out: &Path, items: &[Item]) -> Result<()> {
    let io =
        |what: &str, path: &Path, e: std::io::Error| Error::Io(format!("Could not {what} {}: {e}", path.display()));
    if out.exists() {
        let empty = std::fs::read_dir(out).map_err(|e| io("read", out, e))?.next().is_none();
        if !empty {
            return Err(Error::Invalid(vec![crate::FieldError {
                field: "out".into(),
                message: format!("{} already holds files: choose a new or empty folder.", out.display()),
            }]));
        }
        std::fs::remove_dir(out).map_err(|e| io("replace", out, e))?;
    }
    let mut part = out.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    let _ = std::fs::remove_dir_all(&part);
    let written = (|| {
        for item in items {
            let path = part.join(&item.name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| io("create", parent, e))?;
            }
            write_atomically(&path, &item.bytes)?;
        }
        std::fs::rename(&part, out).map_err(|e| io("create", out, e))
    })();
    if written.is_err() {
        let _ = std::fs::remove_dir_all(&part);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::test_support::{at, coder, demo};

    #[test]
    fn only_the_administrator_exports_a_person_and_a_refusal_writes_nothing() {
        let store = demo();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("own");
        let refused = export_person(store.conn(), &coder("100011"), "100011", &out, at(2026, 1, 15, 10, 0));
        assert!(
            matches!(refused, Err(Error::Forbidden(_))),
            "not even a coder's own: the trust answers the request"
        );
        assert!(!out.exists(), "no folder made");
    }

    #[test]
    fn an_export_names_each_file_once_in_its_index_and_leaves_no_part_folder() {
        let store = demo();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("request");
        let report = export_person(store.conn(), &Actor::system(), "100011", &out, at(2026, 1, 15, 10, 0)).unwrap();
        let index = std::fs::read_to_string(out.join("index.txt")).unwrap();
        for file in report.files.iter().filter(|f| f.as_str() != "index.txt") {
            assert!(out.join(file).is_file(), "{file} written");
            assert_eq!(
                index.matches(&format!("{file}\n")).count(),
                1,
                "index.txt names {file} once"
            );
        }
        assert!(
            !dir.path().join("request.part").exists(),
            "the folder was renamed into place"
        );
    }
}
