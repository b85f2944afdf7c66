//! Reading a framework file into entries (competency, level, skill code,
//! statement): the department's text format here, CSV in `csv.rs`, then the
//! checks every format shares (`check.rs`). Nothing here touches the
//! database.
//!
//! The text format is the department's: a heading line such as
//! `Coding accuracy (Level Four) (ANCC)` followed by one descriptor line.
//! Real files vary, so a heading may put the code before or after the
//! level, with any spacing, and the level as a word or a digit.

use std::collections::{HashMap, HashSet};

use super::check::{check, WarningList};
use super::source::{decode, file_error, level_word, parse_level, sha256_hex, shorten, tidy};
use super::words::{known_skill, Entry, FrameworkRow, ImportWarning, Orphan, SourceFormat, WarningKind};
use crate::Result;

/// A whole file, read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub format: SourceFormat,
    /// SHA-256 of the bytes as given, lower-case hex.
    pub source_sha256: String,
    /// In file order.
    pub entries: Vec<Entry>,
    pub orphans: Vec<Orphan>,
    /// In line order; at one line, in the order of their kinds. At most
    /// `check::MAX_WARNINGS`: the first ones.
    pub warnings: Vec<ImportWarning>,
    /// How many more warnings there were than are listed.
    pub warnings_not_listed: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub skills: u32,
    pub competencies: u32,
    pub statements: u32,
}

impl Parsed {
    pub fn counts(&self) -> Counts {
        let skills: HashSet<&str> = self.entries.iter().map(|e| e.code.as_str()).collect();
        let competencies: HashSet<(&str, &str)> = self
            .entries
            .iter()
            .map(|e| (e.code.as_str(), e.competency.as_str()))
            .collect();
        Counts {
            skills: skills.len() as u32,
            competencies: competencies.len() as u32,
            statements: self.entries.len() as u32,
        }
    }

    /// A skill's name: the first the file gives for the code, else the SFIA
    /// name Appraise knows, else the code itself.
    pub fn skill_name(&self, code: &str) -> String {
        self.entries
            .iter()
            .filter(|e| e.code == code)
            .find_map(|e| e.skill.clone())
            .or_else(|| known_skill(code).map(str::to_owned))
            .unwrap_or_else(|| code.to_owned())
    }

    /// Every skill's name (see [`Parsed::skill_name`]) by code, in one pass.
    pub fn skill_names(&self) -> HashMap<&str, String> {
        let mut given: HashMap<&str, Option<&str>> = HashMap::new();
        for e in &self.entries {
            let name = given.entry(&e.code).or_default();
            if name.is_none() {
                *name = e.skill.as_deref();
            }
        }
        given
            .into_iter()
            .map(|(code, name)| {
                let name = name.or_else(|| known_skill(code)).unwrap_or(code);
                (code, name.to_owned())
            })
            .collect()
    }

    /// The entries as CSV rows, in file order.
    pub fn rows(&self) -> Vec<FrameworkRow> {
        let skills = self.skill_names();
        self.entries
            .iter()
            .map(|e| FrameworkRow {
                code: e.code.clone(),
                skill: skills[e.code.as_str()].clone(),
                competency: e.competency.clone(),
                level: e.level,
                statement: e.text.clone(),
            })
            .collect()
    }
}

/// A file larger than this is refused unread: the largest real frameworks
/// are well under a megabyte, and even a file of 100,000 statements (about
/// 7 MB) is imported.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Reads a framework file. Refuses (with every problem's line number) a file
/// that is not UTF-8, has no entries, has a level outside 1–7 or a heading
/// with no descriptor; anything else odd is a warning.
pub fn parse(bytes: &[u8], format: SourceFormat) -> Result<Parsed> {
    check_size(bytes.len())?;
    let text = decode(bytes)?;
    let (entries, orphans, found) = match format {
        SourceFormat::Text => parse_text(text)?,
        SourceFormat::Csv => super::csv::read(text)?,
    };
    if entries.is_empty() {
        let hint = match format {
            SourceFormat::Text => {
                "an entry is a heading such as “Coding accuracy (Level Three) (ANCC)” followed by a line of text"
            }
            SourceFormat::Csv => "after the header row, each row needs a code, competency, level and statement",
        };
        return Err(file_error(vec![format!("The file has no framework entries: {hint}.")]));
    }
    let mut warnings = WarningList::default();
    for warning in found {
        warnings.push(warning);
    }
    check(&entries, format, &mut warnings);
    let (warnings, warnings_not_listed) = warnings.finish();
    Ok(Parsed {
        format,
        source_sha256: sha256_hex(bytes),
        entries,
        orphans,
        warnings,
        warnings_not_listed,
    })
}

/// Refuses a file far larger than any framework: a spreadsheet or a
/// database picked by mistake, which would take minutes to read.
pub fn check_size(bytes: usize) -> Result<()> {
    if bytes <= MAX_FILE_BYTES {
        return Ok(());
    }
    let mb = |b: usize| b.div_ceil(1024 * 1024);
    Err(file_error(vec![format!(
        "The file is {} MB, far larger than any framework (a framework of 100,000 statements is about 7 MB; the limit is {} MB). Check that this is the framework file.",
        mb(bytes),
        mb(MAX_FILE_BYTES)
    )]))
}

/// A heading's parts.
#[derive(Debug, PartialEq, Eq)]
struct Heading {
    competency: String,
    level: u8,
    code: String,
}

/// A heading waiting for its descriptor.
struct Pending<'a> {
    line: u32,
    text: &'a str,
    /// None for a heading already refused: its descriptor is skipped.
    heading: Option<Heading>,
}

impl Pending<'_> {
    fn no_descriptor(&self, why: &str) -> String {
        format!(
            "Line {}: the heading “{}” has no descriptor: {why}.",
            self.line, self.text
        )
    }
}

/// What one line of a text file is.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    Heading(Heading),
    /// Looks like a heading but cannot be one; the message says why.
    BadHeading(String),
    Text,
}

type ParseOutput = (Vec<Entry>, Vec<Orphan>, Vec<ImportWarning>);

fn parse_text(text: &str) -> Result<ParseOutput> {
    let mut entries = Vec::new();
    let mut orphans = Vec::new();
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    let mut pending: Option<Pending> = None;

    for (i, raw) in text.split('\n').enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        match classify(line) {
            Line::Heading(parts) => {
                if let Some(p) = pending.take() {
                    errors.push(p.no_descriptor(&format!("the next line, {n}, is another heading")));
                }
                pending = Some(Pending {
                    line: n,
                    text: line,
                    heading: Some(parts),
                });
            }
            Line::BadHeading(why) => {
                if let Some(p) = pending.take() {
                    errors.push(p.no_descriptor(&format!("the next line, {n}, is another heading")));
                }
                errors.push(format!("Line {n}: {why}"));
                pending = Some(Pending {
                    line: n,
                    text: line,
                    heading: None,
                });
            }
            Line::Text => match pending.take() {
                Some(Pending {
                    line: at,
                    heading: Some(h),
                    ..
                }) => entries.push(Entry {
                    line: at,
                    text_line: n,
                    code: h.code,
                    skill: None,
                    competency: h.competency,
                    level: h.level,
                    text: line.to_owned(),
                    correction: None,
                }),
                Some(_) => {} // the descriptor of a refused heading
                None => {
                    warnings.push(orphan_warning(n, line));
                    orphans.push(Orphan {
                        line: n,
                        text: line.to_owned(),
                    });
                }
            },
        }
    }
    if let Some(p) = pending {
        errors.push(p.no_descriptor("the file ends after it"));
    }
    if !errors.is_empty() {
        return Err(file_error(errors));
    }
    Ok((entries, orphans, warnings))
}

/// Text with no heading is either a section title (short, no full stop) or
/// a statement whose heading was lost.
fn orphan_warning(line: u32, text: &str) -> ImportWarning {
    let title = text.chars().count() <= 60 && !text.ends_with(['.', '!', '?', ';', ',', ':']);
    if title {
        ImportWarning {
            line,
            kind: WarningKind::SectionTitle,
            message: format!("“{text}” looks like a section title, not an entry; it is left out."),
        }
    } else {
        ImportWarning {
            line,
            kind: WarningKind::NoHeading,
            message: format!(
                "“{}” has no heading, so its competency, level and skill are unknown; it is left out. Put a heading such as “Strategy (Level Six) (ANCC)” above it to keep it.",
                shorten(text, 60)
            ),
        }
    }
}

/// Whether a line is a heading: a competency name followed by a level group
/// and a code group, in either order, as the last two bracketed parts.
fn classify(line: &str) -> Line {
    let Some((rest, last)) = trailing_group(line) else {
        return Line::Text;
    };
    let before_last = trailing_group(rest);
    let (name, level, code) = match (group(last), before_last.map(|(r, g)| (r, group(g)))) {
        (Group::Level(level), Some((name, Group::Code(code)))) => (name, level, code),
        (Group::Code(code), Some((name, Group::Level(level)))) => (name, level, code),
        (Group::Level(_), _) => {
            return Line::BadHeading(format!(
                "“{line}” has a level but no skill code: add the SFIA code in capitals, such as (ANCC)."
            ))
        }
        _ => return Line::Text,
    };
    let level = match level {
        Ok(level) => level,
        Err(why) => return Line::BadHeading(why),
    };
    let competency = tidy(name);
    if competency.is_empty() {
        return Line::BadHeading(format!("“{line}” has no competency name before its level and code."));
    }
    Line::Heading(Heading {
        competency,
        level,
        code: code.to_owned(),
    })
}

/// Splits `text (group)` into `text` and `group`, when the line ends in a
/// bracketed part.
fn trailing_group(s: &str) -> Option<(&str, &str)> {
    let body = s.trim_end().strip_suffix(')')?;
    let open = body.rfind('(')?;
    Some((body[..open].trim_end(), body[open + 1..].trim()))
}

enum Group<'a> {
    Level(Result<u8, String>),
    Code(&'a str),
    Other,
}

fn group(inside: &str) -> Group<'_> {
    if let Some(word) = level_word(inside) {
        return Group::Level(parse_level(word));
    }
    let is_code = (2..=8).contains(&inside.len()) && inside.bytes().all(|b| b.is_ascii_uppercase());
    if is_code {
        Group::Code(inside)
    } else {
        Group::Other
    }
}

#[cfg(test)]
mod tests {
    use super::super::source::MAX_ERRORS;
    use super::*;
    use crate::Error;

    fn text(source: &str) -> Result<Parsed> {
        parse(source.as_bytes(), SourceFormat::Text)
    }

    fn messages(err: Error) -> Vec<String> {
        match err {
            Error::Invalid(fields) => fields.into_iter().map(|f| f.message).collect(),
            other => panic!("expected invalid, got {other:?}"),
        }
    }

    fn heading(line: &str) -> Option<(String, u8, String)> {
        match classify(line) {
            Line::Heading(h) => Some((h.competency, h.level, h.code)),
            _ => None,
        }
    }

    #[test]
    fn headings_are_read_in_every_form_the_department_writes() {
        let expect = |c: &str, l: u8, code: &str| Some((c.to_owned(), l, code.to_owned()));
        assert_eq!(
            heading("Quality assurance (Level Six) (ANCC)"),
            expect("Quality assurance", 6, "ANCC")
        );
        assert_eq!(
            heading("Records management (RMGT)(Level 2)"),
            expect("Records management", 2, "RMGT")
        );
        assert_eq!(
            heading("Access requests (RMGT)( Level 3)"),
            expect("Access requests", 3, "RMGT")
        );
        assert_eq!(
            heading("Information interpretation(Level Three) (ANCC)"),
            expect("Information interpretation", 3, "ANCC")
        );
        assert_eq!(
            heading("Critical information and technology assets(VUAS) (Level 3)"),
            expect("Critical information and technology assets", 3, "VUAS")
        );
        assert_eq!(
            heading("Advice (general)  (level seven)(SCAD)"),
            expect("Advice (general)", 7, "SCAD")
        );
    }

    #[test]
    fn prose_ending_in_brackets_is_not_a_heading() {
        assert_eq!(
            classify("Works towards the National Clinical Coding Qualification (UK)."),
            Line::Text
        );
        assert_eq!(classify("Uses ICD-10 (WHO) (UK)"), Line::Text, "two codes, no level");
        assert_eq!(
            classify("Sets the level (of care) (ANCC)"),
            Line::Text,
            "not a level word"
        );
    }

    #[test]
    fn levels_are_words_or_digits_from_one_to_seven() {
        assert_eq!(parse_level("Four"), Ok(4));
        assert_eq!(parse_level("level 7"), Ok(7));
        assert_eq!(parse_level("1"), Ok(1));
        for outside in ["0", "8", "Eight", "Zero", "99999999999999999999999"] {
            let err = parse_level(outside).unwrap_err();
            assert!(err.contains("outside 1–7"), "{outside}: {err}");
        }
        assert!(parse_level("High").unwrap_err().contains("not a level"));
    }

    #[test]
    fn a_level_outside_one_to_seven_is_refused_with_its_line() {
        let err = text("A (Level 3) (ANCC)\nText.\n\nB (Level Eight) (ANCC)\nMore.\n").unwrap_err();
        let msgs = messages(err);
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert!(msgs[0].starts_with("Line 4:"), "{msgs:?}");
        assert!(msgs[0].contains("outside 1–7"), "{msgs:?}");
    }

    #[test]
    fn a_heading_with_no_descriptor_is_refused_with_its_line() {
        let msgs = messages(text("A (Level 3) (ANCC)\nB (Level 4) (ANCC)\nText.\n").unwrap_err());
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert!(
            msgs[0].starts_with("Line 1:") && msgs[0].contains("no descriptor"),
            "{msgs:?}"
        );
        let msgs = messages(text("A (Level 3) (ANCC)\nText.\nB (Level 4) (ANCC)\n\n").unwrap_err());
        assert!(
            msgs[0].starts_with("Line 3:") && msgs[0].contains("file ends"),
            "{msgs:?}"
        );
    }

    #[test]
    fn a_level_with_no_code_is_refused() {
        let msgs = messages(text("A (Level 3)\nText.\n").unwrap_err());
        assert!(
            msgs[0].starts_with("Line 1:") && msgs[0].contains("no skill code"),
            "{msgs:?}"
        );
    }

    #[test]
    fn a_file_that_is_not_utf8_is_refused_saying_so() {
        let mut bytes = b"A (Level 3) (ANCC)\nThe organisation".to_vec();
        bytes.push(0x92); // Windows-1252's curly apostrophe
        bytes.extend_from_slice(b"s strategy.\n");
        let msgs = messages(parse(&bytes, SourceFormat::Text).unwrap_err());
        assert!(msgs[0].contains("not UTF-8") && msgs[0].contains("line 2"), "{msgs:?}");
        let utf16 = [0xFF, 0xFE, b'A', 0];
        let msgs = messages(parse(&utf16, SourceFormat::Text).unwrap_err());
        assert!(msgs[0].contains("UTF-16"), "{msgs:?}");
    }

    #[test]
    fn a_file_with_no_entries_is_refused() {
        for empty in [
            "",
            "\n\n",
            "\u{feff}",
            "Just a title\nAnd a sentence that is not a heading at all.\n",
        ] {
            let msgs = messages(text(empty).unwrap_err());
            assert!(msgs[0].contains("no framework entries"), "{empty:?}: {msgs:?}");
        }
    }

    #[test]
    fn blank_lines_and_trailing_spaces_do_not_matter() {
        let parsed = text("\n\nA  (Level 3) (ANCC)   \n\n   Text here.  \n\n").unwrap();
        assert_eq!(parsed.entries.len(), 1);
        let e = &parsed.entries[0];
        assert_eq!((e.line, e.text_line), (3, 5), "line numbers count blank lines");
        assert_eq!(e.competency, "A");
        assert_eq!(e.text, "Text here.");
    }

    #[test]
    fn text_after_a_descriptor_is_text_with_no_heading() {
        let parsed =
            text("A (Level 3) (ANCC)\nFirst.\nA second sentence that has lost its heading somewhere.\n").unwrap();
        assert_eq!(parsed.entries.len(), 1);
        assert_eq!(parsed.warnings[0].kind, WarningKind::NoHeading);
        assert_eq!(parsed.warnings[0].line, 3);
        assert_eq!(parsed.orphans[0].line, 3);
    }

    #[test]
    fn unknown_codes_are_kept_with_a_warning() {
        let parsed = text("A (Level 3) (XYZW)\nText.\nB (Level 3) (XYZW)\nOther.\n").unwrap();
        assert_eq!(parsed.counts().statements, 2, "kept");
        let unknown: Vec<_> = parsed
            .warnings
            .iter()
            .filter(|w| w.kind == WarningKind::UnknownCode)
            .collect();
        assert_eq!(unknown.len(), 1, "one warning per code: {unknown:?}");
        assert_eq!(unknown[0].line, 1);
        assert!(unknown[0].message.contains("XYZW"), "{}", unknown[0].message);
        assert_eq!(
            parsed.skill_name("XYZW"),
            "XYZW",
            "an unknown skill is named by its code"
        );
    }

    #[test]
    fn the_seed_flags_only_the_infomation_pair_as_misspelt() {
        let parsed = parse(super::super::BUILTIN_SOURCE, SourceFormat::Text).unwrap();
        let similar: Vec<&ImportWarning> = parsed
            .warnings
            .iter()
            .filter(|w| w.kind == WarningKind::SimilarName)
            .collect();
        assert_eq!(similar.len(), 1, "{similar:#?}");
    }

    #[test]
    fn warnings_for_the_seed_are_in_line_order() {
        let parsed = parse(super::super::BUILTIN_SOURCE, SourceFormat::Text).unwrap();
        let lines: Vec<u32> = parsed.warnings.iter().map(|w| w.line).collect();
        let mut sorted = lines.clone();
        sorted.sort();
        assert_eq!(lines, sorted);
        assert_eq!(lines[..2], [1, 2], "orphan text, then the section title");
    }

    #[test]
    fn many_errors_are_summarised() {
        let source = "A (Level 9) (ANCC)\nx\n".repeat(30);
        let msgs = messages(text(&source).unwrap_err());
        assert_eq!(msgs.len(), MAX_ERRORS + 1);
        assert!(msgs.last().unwrap().contains("10 more"), "{:?}", msgs.last());
    }
}
