//! The one rule for naming a printed appraisal record, used by "Save as
//! PDF…" and "Export cycle…" in the window and by `appraise-cli pdf cycle`:
//! cycle, surname, forename, staff number, kind (when not annual) and
//! version, as "2025-26 Ní Bhriain Zoë 100004 mid-year v1.pdf". Only
//! characters safe in a file name are kept; accents are.

use crate::store::db::Connection;
use chrono::NaiveDate;

use crate::accounts::Actor;
use crate::appraisal::{self, AppraisalKind};
use crate::{staff, Result};

/// The file name of an appraisal record's PDF.
pub fn appraisal_file_name(
    cycle: &str,
    surname: &str,
    forename: &str,
    staff_number: &str,
    kind: AppraisalKind,
    version: u32,
) -> String {
    let kind = match kind {
        AppraisalKind::Annual => "",
        AppraisalKind::MidYear => " mid-year",
        AppraisalKind::ObjectiveSetting => " objective-setting",
    };
    let name = format!("{cycle} {surname} {forename} {staff_number}{kind} v{version}");
    format!("{}.pdf", safe_file_name(&name))
}

/// The file name of appraisal `appraisal_id`'s record, if `actor` may see
/// it (a refusal does not say whether it exists).
pub fn appraisal_file_name_as(conn: &Connection, actor: &Actor, appraisal_id: i64, today: NaiveDate) -> Result<String> {
    let r = appraisal::get_as(conn, actor, appraisal_id, today)?.record;
    let (surname, forename) = surname_forename(conn, actor, &r.appraisee.staff_number, &r.appraisee.name);
    Ok(appraisal_file_name(
        &r.cycle.label,
        &surname,
        &forename,
        &r.appraisee.staff_number,
        r.kind,
        r.version,
    ))
}

/// A person's surname and forename, read as `actor`; when the staff record
/// cannot be read, `name` (as the appraisal has it) stands for both.
pub(super) fn surname_forename(conn: &Connection, actor: &Actor, staff_number: &str, name: &str) -> (String, String) {
    match staff::get_as(conn, actor, staff_number) {
        Ok(m) => (m.surname, m.forename),
        Err(_) => (name.to_owned(), String::new()),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::cycle_jobs;
    use crate::print::test_support::demo;

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

    #[test]
    fn a_record_is_named_by_cycle_surname_forename_number_kind_and_version() {
        assert_eq!(
            appraisal_file_name("2025/26", "Ní Bhriain", "Zoë", "100004", AppraisalKind::MidYear, 2),
            "2025-26 Ní Bhriain Zoë 100004 mid-year v2.pdf"
        );
        assert_eq!(
            appraisal_file_name("2025/26", "Davies", "Siân", "100002", AppraisalKind::Annual, 1),
            "2025-26 Davies Siân 100002 v1.pdf",
            "an annual appraisal says no kind"
        );
    }

    #[test]
    fn saving_one_record_suggests_the_name_the_cycle_export_gives_it() {
        let store = demo();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let jobs = cycle_jobs(store.conn(), &Actor::system(), "2025/26").unwrap();
        assert!(!jobs.is_empty());
        for job in jobs {
            let name = appraisal_file_name_as(store.conn(), &Actor::system(), job.appraisal_id, today).unwrap();
            assert_eq!(name, job.file_name, "appraisal {}", job.appraisal_id);
        }
    }
}
