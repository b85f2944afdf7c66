//! Importing statutory and mandatory training from an ESR/OLM "competence
//! compliance" CSV export.
//!
//! The header (line 1) names at least the columns `Employee Number` (or
//! `Assignment Number`, whose "-2" style suffix is dropped), `Competence
//! Name`, `Achievement Date` and `Expiry Date`, in any order, ignoring
//! case, spaces and underscores; other columns are ignored. Dates may be
//! dd/mm/yyyy or yyyy-mm-dd; the expiry date may be empty. The whole file
//! is checked first: if any line is wrong nothing is stored, and every
//! wrong line is named by its line number with the reason. A competence
//! already held (same person, name and achievement date) is not stored
//! twice, so the same export may be imported again.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDateTime;
use serde::Serialize;
use ts_rs::TS;

use super::records::check;
use super::words::{NewTrainingRecord, TrainingInput};
use crate::accounts::Actor;
use crate::store::db::Connection;
use crate::store::staff as staff_db;
use crate::store::training as db;
use crate::{access, audit, Error, FieldError, Result};

/// The columns the file must name, as the README lists them. The first may
/// be `Assignment Number` instead.
pub const COLUMNS: [&str; 4] = ["Employee Number", "Competence Name", "Achievement Date", "Expiry Date"];

/// What an import stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TrainingImportReport {
    /// Competence lines read (not the header, not blank lines).
    pub lines: u64,
    /// Competences stored.
    pub stored: u64,
    /// Lines for competences already held, not stored again.
    pub already_held: u64,
    /// How many people the file names.
    pub people: u64,
}

fn normal(name: &str) -> String {
    name.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn line_of(bytes: &[u8], position: Option<&csv::Position>) -> u64 {
    let Some(p) = position else { return 0 };
    let mut start = (p.byte() as usize).min(bytes.len());
    while bytes.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
        start += 1;
    }
    bytes[..start].iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

/// Imports a file on disk (administrator only).
pub fn import_file(
    conn: &mut Connection,
    actor: &Actor,
    path: &Path,
    now: NaiveDateTime,
) -> Result<TrainingImportReport> {
    access::can_import_training(actor)?;
    let bytes = std::fs::read(path).map_err(|e| Error::Io(format!("Cannot read {}: {e}.", path.display())))?;
    import(conn, actor, &bytes, now)
}

/// Checks the whole file, then stores every competence in one write
/// transaction with one audit row (administrator only). Every wrong line is
/// an `Error::Invalid` field `line N`.
pub fn import(conn: &mut Connection, actor: &Actor, bytes: &[u8], now: NaiveDateTime) -> Result<TrainingImportReport> {
    let tx = crate::store::write(conn)?;
    access::can_import_training(actor)?;
    let (rows, lines) = checked(&tx, bytes, now)?;
    let mut report = TrainingImportReport {
        lines,
        stored: 0,
        already_held: 0,
        people: rows
            .iter()
            .map(|(id, _)| id)
            .collect::<std::collections::HashSet<_>>()
            .len() as u64,
    };
    for (staff_id, record) in &rows {
        match db::insert_record(&tx, *staff_id, record, "import")? {
            Some(_) => report.stored += 1,
            None => report.already_held += 1,
        }
    }
    audit::record_by(
        &tx,
        actor,
        "training.import",
        "training_record",
        "",
        audit::snapshot(&report),
        now,
    )?;
    tx.commit()?;
    Ok(report)
}

type Checked = (Vec<(i64, NewTrainingRecord)>, u64);

fn checked(conn: &Connection, bytes: &[u8], now: NaiveDateTime) -> Result<Checked> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut problems: Vec<FieldError> = Vec::new();
    let mut problem = |line: u64, message: String| {
        problems.push(FieldError {
            field: format!("line {line}"),
            message: format!("Line {line}: {message}"),
        })
    };
    let mut records = reader.byte_records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        None => {
            problem(
                1,
                format!(
                    "The file is empty. Its first line must name the columns {}.",
                    COLUMNS.join(", ")
                ),
            );
            return Err(Error::Invalid(problems));
        }
        Some(Err(e)) => {
            problem(1, format!("The header cannot be read: {e}."));
            return Err(Error::Invalid(problems));
        }
    };
    let names: Vec<String> = header.iter().map(|f| normal(&String::from_utf8_lossy(f))).collect();
    let find = |n: &str| names.iter().position(|x| x == &normal(n));
    let person = find("Employee Number").or_else(|| find("Assignment Number"));
    let columns = [person, find(COLUMNS[1]), find(COLUMNS[2]), find(COLUMNS[3])];
    let missing: Vec<&str> = COLUMNS
        .iter()
        .zip(columns)
        .filter(|(_, c)| c.is_none())
        .map(|(n, _)| *n)
        .collect();
    if !missing.is_empty() {
        problem(
            1,
            format!(
                "The header has no column {}. The first line must name the columns {}.",
                missing.join(", "),
                COLUMNS.join(", ")
            ),
        );
        return Err(Error::Invalid(problems));
    }
    let [person, name, achieved, expiry] = columns.map(|c| c.expect("checked above"));
    let widest = person.max(name).max(achieved).max(expiry);

    let mut lines = 0;
    let mut rows = Vec::new();
    let mut ids: HashMap<String, Option<i64>> = HashMap::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                lines += 1;
                problem(line_of(bytes, e.position()), format!("This line cannot be read: {e}."));
                continue;
            }
        };
        let line = line_of(bytes, record.position());
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        lines += 1;
        let Ok(fields) = record
            .iter()
            .map(|f| std::str::from_utf8(f).map(str::trim))
            .collect::<std::result::Result<Vec<&str>, _>>()
        else {
            problem(
                line,
                "This line is not UTF-8 text. Save the file as \"CSV UTF-8\" and import it again.".to_owned(),
            );
            continue;
        };
        if fields.len() <= widest {
            problem(
                line,
                format!(
                    "This line has {} values where the header has {}.",
                    fields.len(),
                    names.len()
                ),
            );
            continue;
        }
        // An assignment number is the employee number with "-1", "-2"...
        let number = fields[person].split('-').next().unwrap_or("").trim();
        let mut reasons = Vec::new();
        let staff_id = if number.is_empty() {
            reasons.push("The employee number is missing.".to_owned());
            None
        } else {
            let id = match ids.get(number) {
                Some(id) => *id,
                None => {
                    let id = staff_db::id_of(conn, number)?;
                    ids.insert(number.to_owned(), id);
                    id
                }
            };
            match id {
                None => reasons.push(format!(
                    "There is no staff member with staff number {number} in Appraise."
                )),
                Some(_) if access::not_read_only(conn, number, now.date()).is_err() => reasons.push(format!(
                    "Staff number {number} has left: their records are kept, read-only."
                )),
                Some(_) => {}
            }
            id
        };
        let input = TrainingInput {
            competence: fields[name].to_owned(),
            completed_on: fields[achieved].to_owned(),
            expires_on: fields[expiry].to_owned(),
        };
        match check(&input) {
            Ok(new) if reasons.is_empty() => rows.push((staff_id.expect("no reasons"), new)),
            Ok(_) => {}
            Err(fields) => reasons.extend(fields.into_iter().map(|f| f.message)),
        }
        for r in reasons {
            problem(line, r);
        }
    }
    if lines == 0 {
        problem(1, "The file has a header but no competences.".to_owned());
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok((rows, lines))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::accounts::Role;
    use crate::training::records;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 28)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    fn admin() -> Actor {
        Actor {
            staff_number: "1000".into(),
            role: Role::Administrator,
            name: "Admin".into(),
            must_change_passphrase: false,
        }
    }

    fn store_with_one() -> crate::Store {
        let mut store = crate::store::testing::store();
        crate::staff::add(
            store.conn_mut(),
            &crate::staff::StaffInput {
                staff_number: "1002".into(),
                forename: "Łukasz".into(),
                surname: "Wiśniewski".into(),
                band: "4".into(),
                appointed: "2020-01-06".into(),
                ..Default::default()
            },
            now().date(),
        )
        .unwrap();
        store
    }

    const GOOD: &str = "Assignment Number,Employee Name,Competence Name,Achievement Date,Expiry Date\n\
        1002-1,\"Wiśniewski, Łukasz\",NHS|CSTF|Fire Safety - 2 Years|,01/05/2023,01/05/2025\n\
        1002-1,\"Wiśniewski, Łukasz\",NHS|CSTF|Information Governance and Data Security - 1 Year|,2026-01-10,2027-01-10\n";

    #[test]
    fn a_good_export_is_stored_and_importing_it_again_stores_nothing_new() {
        let mut store = store_with_one();
        let report = import(store.conn_mut(), &admin(), GOOD.as_bytes(), now()).unwrap();
        assert_eq!((report.lines, report.stored, report.people), (2, 2, 1), "{report:?}");
        let again = import(store.conn_mut(), &admin(), GOOD.as_bytes(), now()).unwrap();
        assert_eq!((again.stored, again.already_held), (0, 2), "{again:?}");
        let c = records::status_as(store.conn(), &admin(), "1002", now().date()).unwrap();
        assert_eq!(c.expired, ["Fire Safety"], "{}", c.summary());
    }

    #[test]
    fn every_bad_line_is_named_and_nothing_is_stored() {
        let mut store = store_with_one();
        let bad = format!(
            "{GOOD}9999,Nobody,Fire Safety,01/01/2026,\n1002,x,,31/02/2026,\n1002,x,Fire Safety,01/01/2026,01/01/2020\n"
        );
        let err = import(store.conn_mut(), &admin(), bad.as_bytes(), now()).unwrap_err();
        let Error::Invalid(fields) = err else {
            panic!("expected invalid, got {err:?}")
        };
        let lines: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(lines, ["line 4", "line 5", "line 5", "line 6"], "{fields:?}");
        assert!(
            fields[0].message.contains("9999"),
            "names the number: {}",
            fields[0].message
        );
        let held = records::view_as(store.conn(), &admin(), "1002", now().date()).unwrap();
        assert!(held.records.is_empty(), "nothing stored");
    }

    #[test]
    fn a_header_without_the_columns_is_refused_on_line_1_and_only_the_administrator_imports() {
        let mut store = store_with_one();
        let err = import(store.conn_mut(), &admin(), b"Name,Date\nx,y\n", now()).unwrap_err();
        assert!(err.to_string().contains("Competence Name"), "{err}");
        let manager = Actor {
            role: Role::Manager,
            ..admin()
        };
        let err = import(store.conn_mut(), &manager, GOOD.as_bytes(), now()).unwrap_err();
        assert_eq!(err.code(), "forbidden", "{err}");
    }
}
