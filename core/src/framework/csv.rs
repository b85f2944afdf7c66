//! The CSV form of a framework, so a department can keep it in a
//! spreadsheet: a header row naming the columns code, skill, competency,
//! level and statement (in any order; other columns are ignored), then one
//! row per statement. Rows are numbered as a spreadsheet numbers them, the
//! header being row 1.

use super::source::{file_error, parse_level, tidy};
use super::words::{Entry, FrameworkRow, ImportWarning, Orphan};
use crate::Result;

pub const COLUMNS: [&str; 5] = ["code", "skill", "competency", "level", "statement"];

/// Reads CSV text (already checked to be UTF-8, its byte-order mark gone)
/// into entries. Every bad row is reported, by row number.
pub(super) fn read(text: &str) -> Result<(Vec<Entry>, Vec<Orphan>, Vec<ImportWarning>)> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records().enumerate();
    let mut errors = Vec::new();

    let columns = match records.next() {
        None => return Ok((Vec::new(), Vec::new(), Vec::new())),
        Some((_, Err(e))) => return Err(file_error(vec![format!("Row 1 cannot be read: {e}.")])),
        Some((_, Ok(header))) => {
            let find = |name: &str| header.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
            let found: Vec<Option<usize>> = COLUMNS.iter().map(|c| find(c)).collect();
            let missing: Vec<&str> = COLUMNS
                .iter()
                .zip(&found)
                .filter(|(_, f)| f.is_none())
                .map(|(c, _)| *c)
                .collect();
            if !missing.is_empty() {
                return Err(file_error(vec![format!(
                    "Row 1 must be the header naming the columns {}; it has no {} column.",
                    COLUMNS.join(","),
                    missing.join(" or ")
                )]));
            }
            found.into_iter().map(|f| f.expect("checked above")).collect::<Vec<_>>()
        }
    };

    let mut entries = Vec::new();
    for (i, record) in records {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(format!("Row {row} cannot be read: {e}."));
                continue;
            }
        };
        let field = |c: usize| record.get(columns[c]).map(str::trim).unwrap_or("");
        let (code, skill, competency, level, statement) = (field(0), field(1), field(2), field(3), field(4));
        if [code, skill, competency, level, statement].iter().all(|f| f.is_empty()) {
            continue; // an empty spreadsheet row
        }
        let mut bad = |message: String| errors.push(format!("Row {row}: {message}"));
        let code = code.to_ascii_uppercase();
        if code.is_empty() {
            bad("there is no skill code.".to_owned());
        } else if !((2..=8).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase())) {
            bad(format!(
                "“{code}” is not a skill code: use the SFIA code, 2 to 8 letters, such as ANCC."
            ));
        }
        let competency = tidy(competency);
        if competency.is_empty() {
            bad("there is no competency.".to_owned());
        }
        let level = if level.is_empty() {
            bad("there is no level.".to_owned());
            None
        } else {
            parse_level(level).map_err(&mut bad).ok()
        };
        if statement.is_empty() {
            bad("there is no statement.".to_owned());
        }
        if let Some(level) = level {
            let skill = tidy(skill);
            entries.push(Entry {
                line: row,
                text_line: row,
                code,
                skill: (!skill.is_empty()).then_some(skill),
                competency,
                level,
                text: statement.to_owned(),
                correction: None,
            });
        }
    }
    if !errors.is_empty() {
        return Err(file_error(errors));
    }
    Ok((entries, Vec::new(), Vec::new()))
}

/// The CSV text of `rows`: a byte-order mark and CRLF line ends so Excel
/// shows accents and curly quotes, with a header row.
pub(super) fn write(rows: &[FrameworkRow]) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut write = |fields: [&str; 5]| writer.write_record(fields).expect("writing to memory cannot fail");
    write(COLUMNS);
    for r in rows {
        write([&r.code, &r.skill, &r.competency, &r.level.to_string(), &r.statement]);
    }
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    let text = String::from_utf8(bytes).expect("every field was a str");
    format!("\u{feff}{text}")
}

#[cfg(test)]
mod tests {
    use super::super::parse::{parse, Parsed};
    use super::super::words::{SourceFormat, WarningKind};
    use crate::Error;

    fn csv(source: &str) -> crate::Result<Parsed> {
        parse(source.as_bytes(), SourceFormat::Csv)
    }

    fn messages(err: Error) -> Vec<String> {
        match err {
            Error::Invalid(fields) => fields.into_iter().map(|f| f.message).collect(),
            other => panic!("expected invalid, got {other:?}"),
        }
    }

    #[test]
    fn columns_may_come_in_any_order_with_others_beside_them() {
        let parsed = csv(
            "Level,Notes,Statement,Code,Competency,Skill\r\nFour,ignored,\"Refers to ICD10, always.\",ancc,Coding  accuracy,\r\n",
        )
        .unwrap();
        let e = &parsed.entries[0];
        assert_eq!(e.code, "ANCC", "code in capitals");
        assert_eq!(e.level, 4, "level as a word");
        assert_eq!(e.competency, "Coding accuracy", "spaces tidied as in text files");
        assert_eq!(e.text, "Refers to ICD10, always.", "quoted commas kept");
        assert_eq!(
            parsed.skill_name("ANCC"),
            "Analytical classification and coding",
            "blank skill: SFIA name"
        );
    }

    #[test]
    fn every_bad_row_is_refused_with_its_row_number() {
        let msgs = messages(
            csv("code,skill,competency,level,statement\nANCC,,A,3,Text.\nANCC,,B,8,Text.\n,,C,3,Text.\nANCC,,D,3,\nANCC,,E,,x\n")
                .unwrap_err(),
        );
        assert_eq!(msgs.len(), 4, "{msgs:?}");
        assert!(
            msgs[0].starts_with("Row 3:") && msgs[0].contains("outside 1–7"),
            "{msgs:?}"
        );
        assert!(
            msgs[1].starts_with("Row 4:") && msgs[1].contains("no skill code"),
            "{msgs:?}"
        );
        assert!(
            msgs[2].starts_with("Row 5:") && msgs[2].contains("no statement"),
            "{msgs:?}"
        );
        assert!(
            msgs[3].starts_with("Row 6:") && msgs[3].contains("no level"),
            "{msgs:?}"
        );
    }

    #[test]
    fn a_missing_header_is_refused_naming_the_columns() {
        let msgs = messages(csv("ANCC,Analytical,Coding accuracy,3,Text.\n").unwrap_err());
        assert!(
            msgs[0].starts_with("Row 1") && msgs[0].contains("code,skill,competency,level,statement"),
            "{msgs:?}"
        );
    }

    #[test]
    fn a_header_alone_is_no_entries() {
        let msgs = messages(csv("\u{feff}code,skill,competency,level,statement\r\n,,,,\r\n").unwrap_err());
        assert!(msgs[0].contains("no framework entries"), "{msgs:?}");
    }

    #[test]
    fn duplicate_rows_get_the_warnings_a_text_file_gets_with_row_numbers() {
        let parsed =
            csv("code,skill,competency,level,statement\nANCC,,A,3,One.\nANCC,,A,3,Two.\nANCC,,B,2,One.\n").unwrap();
        let found: Vec<(u32, WarningKind)> = parsed.warnings.iter().map(|w| (w.line, w.kind)).collect();
        assert_eq!(found, [(3, WarningKind::DuplicateHeading), (4, WarningKind::SameText)]);
        assert!(
            parsed.warnings[0].message.contains("row 2"),
            "{}",
            parsed.warnings[0].message
        );
    }

    #[test]
    fn written_csv_has_a_header_quotes_and_crlf() {
        let rows = [super::FrameworkRow {
            code: "ANCC".into(),
            skill: "Analytical classification and coding".into(),
            competency: "Coding accuracy".into(),
            level: 3,
            statement: "Refers to ICD10, \"always\".".into(),
        }];
        assert_eq!(
            super::write(&rows),
            "\u{feff}code,skill,competency,level,statement\r\nANCC,Analytical classification and coding,Coding accuracy,3,\"Refers to ICD10, \"\"always\"\".\"\r\n"
        );
    }
}
