//! Importing staff from an ESR (Electronic Staff Record) CSV export.
//!
//! The file's first line is the header, naming at least the columns
//! `staff_number,surname,forename,band,job_title,start_date,manager_staff_number`
//! (in any order; other columns are ignored), and may add
//! `last_appraisal_date` (the last appraisal held before Appraise) and
//! `incremental_date` (the date each person entered their band). Dates may be dd/mm/yyyy or
//! yyyy-mm-dd. The file is UTF-8, with or without the byte-order mark Excel
//! writes, so names such as Łukasz Wiśniewski and Zoë Ní Bhriain arrive as
//! they were typed.
//!
//! The whole file is checked before anything is stored. If any line is
//! wrong nothing is imported, and every wrong line is listed by its line
//! number in the file (the header is line 1) with the reason, so the file
//! can be put right in one go. A line manager may come after the people who
//! report to them; a line-management cycle is refused.

use std::collections::HashMap;
use std::path::Path;

use crate::store::db::Connection;
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use ts_rs::TS;

use crate::accounts::Actor;
use crate::dates::display;
use crate::staff::{self, StaffInput};
use crate::store::staff as staff_db;
use crate::{access, audit, Error, FieldError, Result};

/// The columns an ESR export gives, in its order.
pub const COLUMNS: [&str; 7] = [
    "staff_number",
    "surname",
    "forename",
    "band",
    "job_title",
    "start_date",
    "manager_staff_number",
];

/// An optional column, not in ESR's export: the last appraisal held before
/// the department used Appraise (the next is due 12 months after it).
pub const LAST_APPRAISAL: &str = "last_appraisal_date";
/// An optional column: ESR's "incremental date", the date the person
/// entered their band, from which their pay-step dates follow.
pub const INCREMENTAL_DATE: &str = "incremental_date";

/// One wrong line and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StaffImportProblem {
    /// The line in the file; the header is line 1.
    pub line: u64,
    /// The line's staff number, when it has one.
    pub staff_number: Option<String>,
    pub reason: String,
}

impl StaffImportProblem {
    /// `Line 3 (staff number 1002): reason`, for lists and the CLI.
    pub fn message(&self) -> String {
        match &self.staff_number {
            Some(n) => format!("Line {} (staff number {n}): {}", self.line, self.reason),
            None => format!("Line {}: {}", self.line, self.reason),
        }
    }
}

/// One person the file would add.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StaffImportRow {
    pub line: u64,
    pub staff_number: String,
    pub forename: String,
    pub surname: String,
    pub band: String,
    pub job_title: String,
    #[ts(type = "string")]
    pub appointed: NaiveDate,
    /// The line manager's staff number.
    pub manager: Option<String>,
}

/// What importing the file would do, before anything is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StaffImportPreview {
    /// Staff lines read (not the header, not blank lines).
    pub lines: u64,
    /// The people on good lines. Nothing is imported unless every line is
    /// good.
    pub people: Vec<StaffImportRow>,
    /// Every wrong line, in file order.
    pub problems: Vec<StaffImportProblem>,
}

impl StaffImportPreview {
    /// True when the file can be imported as it is.
    pub fn ready(&self) -> bool {
        self.problems.is_empty() && !self.people.is_empty()
    }
}

/// What an import stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StaffImportReport {
    pub imported: u64,
    /// The staff numbers added, managers before the people who report to
    /// them.
    pub staff_numbers: Vec<String>,
}

/// A line that passed the checks on its own, kept for the whole-file checks.
struct Candidate {
    line: u64,
    input: StaffInput,
    row: StaffImportRow,
}

/// Checks the file against the database (administrator only). Stores
/// nothing.
pub fn preview(conn: &Connection, actor: &Actor, bytes: &[u8], today: NaiveDate) -> Result<StaffImportPreview> {
    access::can_import_staff(actor)?;
    Ok(check(conn, bytes, today)?.0)
}

/// Imports the file (administrator only) in one transaction, with an audit
/// row per person added. If any line is wrong nothing is stored and the
/// error lists every wrong line (`Error::Invalid`, one message per line, the
/// field `line N`).
pub fn import(
    conn: &mut Connection,
    actor: &Actor,
    bytes: &[u8],
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<StaffImportReport> {
    let tx = crate::store::write(conn)?;
    access::can_import_staff(actor)?;
    let (preview, candidates) = check(&tx, bytes, today)?;
    if !preview.problems.is_empty() {
        return Err(problems_error(&preview.problems));
    }
    if candidates.is_empty() {
        return Err(Error::invalid("file", "The file has no staff lines to import."));
    }
    let mut added = Vec::new();
    for candidate in in_manager_order(candidates) {
        let number = staff::add_in(&tx, &candidate.input, today)?;
        let member = staff::get(&tx, &number)?;
        audit::record_by(
            &tx,
            actor,
            "staff.import",
            "staff",
            &number,
            audit::snapshot(&member),
            now,
        )?;
        added.push(number);
    }
    tx.commit()?;
    Ok(StaffImportReport {
        imported: added.len() as u64,
        staff_numbers: added,
    })
}

/// [`preview`] of a file on disk.
pub fn preview_file(conn: &Connection, actor: &Actor, path: &Path, today: NaiveDate) -> Result<StaffImportPreview> {
    access::can_import_staff(actor)?;
    preview(conn, actor, &read(path)?, today)
}

/// [`import`] of a file on disk.
pub fn import_file(
    conn: &mut Connection,
    actor: &Actor,
    path: &Path,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<StaffImportReport> {
    access::can_import_staff(actor)?;
    import(conn, actor, &read(path)?, today, now)
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::Io(format!("Cannot read {}: {e}.", path.display())))
}

/// Every wrong line as one error: a message per line.
pub fn problems_error(problems: &[StaffImportProblem]) -> Error {
    Error::Invalid(
        problems
            .iter()
            .map(|p| FieldError {
                field: format!("line {}", p.line),
                message: p.message(),
            })
            .collect(),
    )
}

/// Managers first, so each person's line manager is stored before them. The
/// file has been checked for cycles, so every pass places someone.
fn in_manager_order(mut pending: Vec<Candidate>) -> Vec<Candidate> {
    let mut placed: std::collections::HashSet<String> = std::collections::HashSet::new();
    let in_file: std::collections::HashSet<String> = pending.iter().map(|c| c.row.staff_number.clone()).collect();
    let mut ordered = Vec::with_capacity(pending.len());
    while !pending.is_empty() {
        let before = pending.len();
        let (ready, rest): (Vec<_>, Vec<_>) = pending.into_iter().partition(|c| match &c.row.manager {
            Some(m) => !in_file.contains(m) || placed.contains(m),
            None => true,
        });
        for c in &ready {
            placed.insert(c.row.staff_number.clone());
        }
        ordered.extend(ready);
        pending = rest;
        if pending.len() == before {
            // Unreachable after the cycle check; never loop forever.
            ordered.extend(pending);
            break;
        }
    }
    ordered
}

/// The line of the file a record starts on, counted from its byte offset:
/// after the CRLF line ends Excel and ESR write, the csv reader puts a
/// record's start (and its own line count) at the LF left over from the line
/// before, one line early.
fn line_at(bytes: &[u8], position: &csv::Position) -> u64 {
    let mut start = (position.byte() as usize).min(bytes.len());
    while bytes.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
        start += 1;
    }
    bytes[..start].iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

/// Reads and checks the whole file: each line on its own, then the file as
/// a whole (duplicates, line managers, cycles) against the database.
fn check(conn: &Connection, bytes: &[u8], today: NaiveDate) -> Result<(StaffImportPreview, Vec<Candidate>)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut problems = Vec::new();
    let problem = |line: u64, staff_number: Option<&str>, reason: String| StaffImportProblem {
        line,
        staff_number: staff_number.filter(|n| !n.is_empty()).map(str::to_owned),
        reason,
    };
    let mut records = reader.byte_records();

    // The header: which column is which.
    let header = match records.next() {
        None => {
            problems.push(problem(
                1,
                None,
                format!(
                    "The file is empty. Its first line must be the header: {}.",
                    COLUMNS.join(",")
                ),
            ));
            return Ok((preview_of(0, Vec::new(), problems), Vec::new()));
        }
        Some(Err(e)) => {
            problems.push(problem(1, None, format!("The header cannot be read: {e}.")));
            return Ok((preview_of(0, Vec::new(), problems), Vec::new()));
        }
        Some(Ok(record)) => record,
    };
    let names: Vec<String> = header
        .iter()
        .map(|f| {
            String::from_utf8_lossy(f)
                .trim()
                .to_lowercase()
                .replace([' ', '-'], "_")
        })
        .collect();
    let mut index = HashMap::new();
    let mut missing = Vec::new();
    for column in COLUMNS {
        match names.iter().position(|n| n == column) {
            Some(i) => {
                index.insert(column, i);
            }
            None => missing.push(column),
        }
    }
    if !missing.is_empty() {
        let header_line = header.position().map_or(1, |p| line_at(bytes, p));
        problems.push(problem(
            header_line,
            None,
            format!(
                "The header has no column {}. The first line must name the columns {}.",
                missing.join(", "),
                COLUMNS.join(",")
            ),
        ));
        return Ok((preview_of(0, Vec::new(), problems), Vec::new()));
    }
    let widest = index.values().copied().max().unwrap_or(0);
    // Optional columns: a line too short to reach one leaves it empty.
    let optional_index: HashMap<&str, usize> = [LAST_APPRAISAL, INCREMENTAL_DATE]
        .into_iter()
        .filter_map(|c| names.iter().position(|n| n == c).map(|i| (c, i)))
        .collect();

    // Each line on its own.
    let mut lines = 0;
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut first_line_of: HashMap<String, u64> = HashMap::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(bytes, p));
                lines += 1;
                problems.push(problem(line, None, format!("This line cannot be read: {e}.")));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| line_at(bytes, p));
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue; // ",,,,,," rows that spreadsheets leave at the end
        }
        lines += 1;
        let Ok(fields) = record
            .iter()
            .map(|f| std::str::from_utf8(f).map(str::trim))
            .collect::<Result<Vec<&str>, _>>()
        else {
            problems.push(problem(
                line,
                None,
                "This line is not UTF-8 text. Save the file as \"CSV UTF-8\" and import it again.".to_owned(),
            ));
            continue;
        };
        if fields.len() <= widest {
            problems.push(problem(
                line,
                fields.first().copied(),
                format!(
                    "This line has {} values where the header has {}.",
                    fields.len(),
                    names.len()
                ),
            ));
            continue;
        }
        let field = |column: &str| fields[index[column]];
        let optional = |column: &str| optional_index.get(column).and_then(|&i| fields.get(i).copied());
        let staff_number = field("staff_number");
        let input = StaffInput {
            staff_number: staff_number.to_owned(),
            forename: field("forename").to_owned(),
            surname: field("surname").to_owned(),
            band: field("band").to_owned(),
            job_title: field("job_title").to_owned(),
            appointed: field("start_date").to_owned(),
            manager: field("manager_staff_number").to_owned(),
            last_appraisal_before: optional(LAST_APPRAISAL).unwrap_or_default().to_owned(),
            band_entered: optional(INCREMENTAL_DATE).unwrap_or_default().to_owned(),
            ..Default::default()
        };
        let mut reasons = Vec::new();
        if staff_number.is_empty() {
            reasons.push("The staff number is missing.".to_owned());
        } else if staff_number.eq_ignore_ascii_case(audit::SYSTEM) {
            reasons.push(format!(
                "{staff_number} cannot be a staff number: the audit trail uses it for the system."
            ));
        }
        let valid = match staff::validate(&input, today) {
            Ok(v) => Some(v),
            Err(Error::Invalid(fields)) => {
                reasons.extend(fields.into_iter().map(|f| f.message));
                None
            }
            Err(other) => return Err(other),
        };
        if !staff_number.is_empty() {
            if let Some(first) = first_line_of.get(staff_number) {
                reasons.push(format!("Staff number {staff_number} is also on line {first}."));
            } else {
                first_line_of.insert(staff_number.to_owned(), line);
                if let Some(member) = staff_db::get(conn, staff_number)? {
                    reasons.push(format!(
                        "Staff number {staff_number} is already in Appraise, for {}.",
                        member.full_name()
                    ));
                }
            }
        }
        if !reasons.is_empty() {
            problems.extend(reasons.into_iter().map(|r| problem(line, Some(staff_number), r)));
            continue;
        }
        let valid = valid.expect("no reasons means valid");
        candidates.push(Candidate {
            line,
            row: StaffImportRow {
                line,
                staff_number: staff_number.to_owned(),
                forename: valid.forename,
                surname: valid.surname,
                band: valid.band,
                job_title: valid.job_title,
                appointed: valid.appointed,
                manager: valid.manager,
            },
            input,
        });
    }

    // The file as a whole: every line manager exists, and no cycles.
    let managers: HashMap<&str, Option<&str>> = candidates
        .iter()
        .map(|c| (c.row.staff_number.as_str(), c.row.manager.as_deref()))
        .collect();
    let mut bad_lines = std::collections::HashSet::new();
    for c in &candidates {
        let Some(manager) = c.row.manager.as_deref() else {
            continue;
        };
        if managers.contains_key(manager) || first_line_of.contains_key(manager) {
            continue; // in the file (a wrong manager line is reported on its own)
        }
        match staff_db::get(conn, manager)? {
            None => {
                problems.push(problem(
                    c.line,
                    Some(&c.row.staff_number),
                    format!("Line manager {manager} is neither in this file nor in Appraise."),
                ));
                bad_lines.insert(c.line);
            }
            Some(m) if m.leaver_date.is_some_and(|d| d <= today) => {
                problems.push(problem(
                    c.line,
                    Some(&c.row.staff_number),
                    format!(
                        "Line manager {manager} ({}) left on {}.",
                        m.full_name(),
                        display(m.leaver_date.expect("checked"))
                    ),
                ));
                bad_lines.insert(c.line);
            }
            Some(_) => {}
        }
    }
    let line_of: HashMap<&str, u64> = candidates
        .iter()
        .map(|c| (c.row.staff_number.as_str(), c.line))
        .collect();
    for c in &candidates {
        if let Some(cycle) = cycle_through(&c.row.staff_number, &managers) {
            let mut cycle_lines: Vec<u64> = cycle[..cycle.len() - 1].iter().map(|n| line_of[n]).collect();
            cycle_lines.sort_unstable();
            problems.push(problem(
                c.line,
                Some(&c.row.staff_number),
                format!(
                    "Line-management cycle: {} (lines {}). Someone in it must report to a manager outside it.",
                    cycle.join(" reports to "),
                    cycle_lines.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
                ),
            ));
            bad_lines.insert(c.line);
        }
    }
    problems.sort_by_key(|p| p.line);
    candidates.retain(|c| !bad_lines.contains(&c.line));
    let people = candidates.iter().map(|c| c.row.clone()).collect();
    Ok((preview_of(lines, people, problems), candidates))
}

/// The cycle `start` is on, as staff numbers from `start` back to `start`,
/// following line managers within the file; `None` if `start` is not on one.
fn cycle_through<'a>(start: &'a str, managers: &HashMap<&'a str, Option<&'a str>>) -> Option<Vec<&'a str>> {
    let mut path = vec![start];
    let mut current = start;
    while let Some(Some(next)) = managers.get(current) {
        if *next == start {
            path.push(start);
            return Some(path);
        }
        if path.contains(next) {
            return None; // a cycle further up, which `start` only leads into
        }
        path.push(next);
        current = next;
    }
    None
}

fn preview_of(lines: u64, people: Vec<StaffImportRow>, problems: Vec<StaffImportProblem>) -> StaffImportPreview {
    StaffImportPreview {
        lines,
        people,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn now() -> NaiveDateTime {
        today().and_hms_opt(10, 0, 0).unwrap()
    }

    const HEADER: &str = "staff_number,surname,forename,band,job_title,start_date,manager_staff_number\n";

    fn file(lines: &[&str]) -> Vec<u8> {
        let mut text = HEADER.to_owned();
        for l in lines {
            text.push_str(l);
            text.push('\n');
        }
        text.into_bytes()
    }

    fn admin() -> Actor {
        Actor::system()
    }

    fn lines_of(err: Error) -> Vec<String> {
        match err {
            Error::Invalid(f) => f.into_iter().map(|f| f.field).collect(),
            other => panic!("invalid expected, got {other:?}"),
        }
    }

    #[test]
    fn a_good_file_imports_everyone_with_managers_after_their_reports() {
        let mut store = crate::store::testing::store();
        let bytes = file(&[
            "1002,Wiśniewski,Łukasz,4,Clinical Coder,01/09/2025,1001",
            "1003,Ní Bhriain,Zoë,3,Trainee Clinical Coder,2026-03-02,1002",
            "1001,Jones,Siân,7,Coding Manager,01/04/2019,",
            "1004,Byrne,Ciarán,Band 5,Clinical Coding Specialist,1/6/2022,1001",
        ]);
        let preview = preview(store.conn(), &admin(), &bytes, today()).unwrap();
        assert!(preview.ready(), "{:?}", preview.problems);
        assert_eq!(preview.lines, 4);
        let report = import(store.conn_mut(), &admin(), &bytes, today(), now()).unwrap();
        assert_eq!(report.imported, 4);
        assert_eq!(report.staff_numbers[0], "1001", "the manager is stored first");
        let zoe = staff::get(store.conn(), "1003").unwrap();
        assert_eq!(zoe.full_name(), "Zoë Ní Bhriain");
        assert_eq!(zoe.manager_name.as_deref(), Some("Łukasz Wiśniewski"));
        assert_eq!(zoe.appointed, NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
        assert_eq!(staff::get(store.conn(), "1004").unwrap().band, "5");
        assert_eq!(staff::get(store.conn(), "1004").unwrap().forename, "Ciarán");
        let log = audit::list(store.conn(), &admin(), &audit::AuditFilter::default()).unwrap();
        assert_eq!(log.len(), 4, "one audit row per person");
        assert!(log.iter().all(|e| e.action == "staff.import" && e.actor == "system"));
        assert!(audit::verify(store.conn()).unwrap().ok);
    }

    #[test]
    fn an_optional_last_appraisal_date_column_is_read_and_checked() {
        let mut store = crate::store::testing::store();
        let text = "staff_number,surname,forename,band,job_title,start_date,manager_staff_number,last_appraisal_date\n\
                    1001,Long,Ada,4,Clinical Coder,06/01/2020,,10/03/2026\n\
                    1002,Lee,Ann,4,Clinical Coder,06/01/2020,,\n";
        import(store.conn_mut(), &admin(), text.as_bytes(), today(), now()).unwrap();
        assert_eq!(
            staff::get(store.conn(), "1001").unwrap().last_appraisal_before,
            NaiveDate::from_ymd_opt(2026, 3, 10),
            "the date as given"
        );
        assert_eq!(
            staff::get(store.conn(), "1002").unwrap().last_appraisal_before,
            None,
            "empty: none"
        );
        let bad = "staff_number,surname,forename,band,job_title,start_date,manager_staff_number,last_appraisal_date\n\
                   1003,Ray,Bo,4,Clinical Coder,06/01/2020,,31/02/2026\n";
        let preview = preview(store.conn(), &admin(), bad.as_bytes(), today()).unwrap();
        assert_eq!(preview.problems.len(), 1, "{:?}", preview.problems);
        assert!(
            preview.problems[0].reason.contains("Last appraisal before Appraise"),
            "{:?}",
            preview.problems
        );
    }

    #[test]
    fn one_bad_line_imports_nothing_and_names_the_line() {
        let mut store = crate::store::testing::store();
        let bytes = file(&[
            "1001,Jones,Siân,7,Coding Manager,01/04/2019,",
            "1002,Lee,Ann,12,Clinical Coder,01/09/2025,1001",
            "1003,Ray,Bo,4,Clinical Coder,01/09/2025,1001",
        ]);
        let err = import(store.conn_mut(), &admin(), &bytes, today(), now()).unwrap_err();
        let text = err.to_string();
        assert_eq!(lines_of(err), ["line 3"], "the header is line 1");
        assert!(text.contains("Line 3 (staff number 1002)"), "{text}");
        assert!(text.contains("Band 12"), "{text}");
        assert!(staff::list(store.conn()).unwrap().is_empty(), "nothing imported");
        assert!(audit::list(store.conn(), &admin(), &audit::AuditFilter::default())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn every_bad_line_is_listed_with_its_reason() {
        let mut store = crate::store::testing::store();
        staff::add(
            store.conn_mut(),
            &StaffInput {
                staff_number: "900".into(),
                forename: "Eve".into(),
                surname: "Early".into(),
                band: "4".into(),
                appointed: "2020-01-01".into(),
                ..Default::default()
            },
            today(),
        )
        .unwrap();
        let bytes = file(&[
            "1001,Jones,Siân,7,Coding Manager,01/04/2019,", // 2 fine
            "1002,,Ann,4,Coder,01/09/2025,1001",            // 3 no forename
            "1003,Ray,Bo,4,Coder,31/02/2025,1001",          // 4 no such date
            "1001,Twice,Tom,4,Coder,01/09/2025,",           // 5 duplicate in file
            "900,Early,Eve,4,Coder,01/09/2025,",            // 6 already in Appraise
            "1006,Gone,Gus,4,Coder,01/09/2025,5555",        // 7 unknown manager
            ",Nobody,Nan,4,Coder,01/09/2025,",              // 8 no staff number
            "1008,Short,Sam,4",                             // 9 too few values
            "1009,Fine,Fay,4,Coder,2025-09-01,900",         // 10 fine: manager in Appraise
        ]);
        let preview = preview(store.conn(), &admin(), &bytes, today()).unwrap();
        let found: Vec<(u64, &str)> = preview.problems.iter().map(|p| (p.line, p.reason.as_str())).collect();
        let lines: Vec<u64> = found.iter().map(|f| f.0).collect();
        assert_eq!(lines, [3, 4, 5, 6, 7, 8, 9], "{found:#?}");
        let reason = |line: u64| preview.problems.iter().find(|p| p.line == line).unwrap().reason.clone();
        assert!(reason(3).contains("last name"), "{}", reason(3));
        assert!(reason(4).contains("31/02/2025"), "{}", reason(4));
        assert!(reason(5).contains("also on line 2"), "{}", reason(5));
        assert!(
            reason(6).contains("already in Appraise, for Eve Early"),
            "{}",
            reason(6)
        );
        assert!(reason(7).contains("5555"), "{}", reason(7));
        assert!(reason(8).contains("staff number is missing"), "{}", reason(8));
        assert!(reason(9).contains("4 values"), "{}", reason(9));
        assert_eq!(preview.people.len(), 2, "lines 2 and 10 are good");
        assert!(!preview.ready());
        assert_eq!(
            lines_of(import(store.conn_mut(), &admin(), &bytes, today(), now()).unwrap_err()).len(),
            7
        );
        assert_eq!(staff::list(store.conn()).unwrap().len(), 1, "still only Eve");
    }

    #[test]
    fn a_line_management_cycle_is_refused_naming_each_line_in_it() {
        let mut store = crate::store::testing::store();
        let bytes = file(&[
            "1001,Jones,Siân,7,Manager,01/04/2019,1003",
            "1002,Lee,Ann,4,Coder,01/09/2025,1001",
            "1003,Ray,Bo,6,Auditor,01/09/2025,1002",
            "1004,Byrne,Ciarán,4,Coder,01/09/2025,1001",
        ]);
        let preview = preview(store.conn(), &admin(), &bytes, today()).unwrap();
        let lines: Vec<u64> = preview.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 4], "every line in the cycle; line 5 only hangs off it");
        let reason = &preview.problems[0].reason;
        assert!(reason.contains("cycle"), "{reason}");
        assert!(
            reason.contains("1001 reports to 1003 reports to 1002 reports to 1001"),
            "{reason}"
        );
        assert!(reason.contains("lines 2, 3, 4"), "{reason}");
        assert!(import(store.conn_mut(), &admin(), &bytes, today(), now()).is_err());
        assert!(staff::list(store.conn()).unwrap().is_empty());
    }

    #[test]
    fn a_byte_order_mark_crlf_and_reordered_columns_are_understood() {
        let mut store = crate::store::testing::store();
        let text = "\u{feff}Surname,Forename,Staff Number,Band,Job Title,Start Date,Manager Staff Number,Org\r\n\
                    \"Ní Bhriain\",Zoë,2001,4,\"Coder, Inpatients\",01/09/2025,,Coding\r\n\
                    ,,,,,,,\r\n";
        let report = import(store.conn_mut(), &admin(), text.as_bytes(), today(), now()).unwrap();
        assert_eq!(report.imported, 1, "the blank spreadsheet row is skipped");
        let zoe = staff::get(store.conn(), "2001").unwrap();
        assert_eq!(zoe.surname, "Ní Bhriain");
        assert_eq!(zoe.job_title, "Coder, Inpatients");
    }

    #[test]
    fn a_file_that_is_not_utf8_names_the_line() {
        let store = crate::store::testing::store();
        let mut bytes = file(&["1001,Jones,Siân,7,Manager,01/04/2019,"]);
        bytes.extend_from_slice(b"1002,Wi\xB6niewski,Lukasz,4,Coder,01/09/2025,1001\n");
        let preview = preview(store.conn(), &admin(), &bytes, today()).unwrap();
        assert_eq!(preview.problems.len(), 1);
        assert_eq!(preview.problems[0].line, 3);
        assert!(preview.problems[0].reason.contains("UTF-8"));
    }

    #[test]
    fn a_header_without_the_esr_columns_is_refused_on_line_1() {
        let store = crate::store::testing::store();
        let preview = preview(store.conn(), &admin(), b"name,band\nAnn,4\n", today()).unwrap();
        assert_eq!(preview.problems.len(), 1);
        assert_eq!(preview.problems[0].line, 1);
        assert!(
            preview.problems[0].reason.contains("staff_number"),
            "{}",
            preview.problems[0].reason
        );
        let empty = preview_of(0, Vec::new(), Vec::new());
        assert!(!empty.ready(), "nothing to import is not ready");
    }

    #[test]
    fn windows_line_ends_keep_the_file_line_numbers() {
        let store = crate::store::testing::store();
        let text = format!(
            "\u{feff}{}\r\n1001,Jones,Siân,7,Manager,01/04/2019,\r\n1002,Lee,Ann,12,Coder,01/09/2025,1001\r\n1003,Ray,Bo,4,Coder,31/02/2025,1001\r\n",
            HEADER.trim_end()
        );
        let preview = preview(store.conn(), &admin(), text.as_bytes(), today()).unwrap();
        let lines: Vec<u64> = preview.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [3, 4], "{:?}", preview.problems);
    }

    #[test]
    fn quoted_values_spanning_lines_keep_the_file_line_numbers() {
        let store = crate::store::testing::store();
        let mut bytes = file(&["1001,Jones,Siân,7,\"Coding\nManager\",01/04/2019,"]);
        bytes.extend_from_slice(b"1002,Lee,Ann,99,Coder,01/09/2025,1001\n");
        let preview = preview(store.conn(), &admin(), &bytes, today()).unwrap();
        assert_eq!(preview.problems[0].line, 4, "line 2 spans two lines of the file");
    }

    #[test]
    fn only_the_administrator_imports() {
        let mut store = crate::store::testing::store();
        let manager = Actor {
            staff_number: "1".into(),
            role: crate::accounts::Role::Manager,
            name: "M".into(),
            must_change_passphrase: false,
        };
        let bytes = file(&["1001,Jones,Siân,7,Manager,01/04/2019,"]);
        assert_eq!(
            preview(store.conn(), &manager, &bytes, today()).unwrap_err().code(),
            "forbidden"
        );
        assert_eq!(
            import(store.conn_mut(), &manager, &bytes, today(), now())
                .unwrap_err()
                .code(),
            "forbidden"
        );
    }
}
