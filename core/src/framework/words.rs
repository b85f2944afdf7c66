//! The framework's words: the types every part of a framework uses (a
//! statement read from a file, a stored version's summary, the tree the
//! browser shows, an import's warnings, a role profile) and the SFIA 9 names.
//! A leaf: it imports no store and no rule, so the store may use it.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// SFIA 9 level names, level 1 first.
pub const LEVEL_NAMES: [&str; 7] = [
    "Follow",
    "Assist",
    "Apply",
    "Enable",
    "Ensure/advise",
    "Initiate/influence",
    "Set strategy/inspire/mobilise",
];

/// The SFIA 9 skills Appraise knows by code. A file may use others: they are
/// kept, with a warning, under their code. Add a skill here when a
/// department's framework uses it.
pub const KNOWN_SKILLS: &[(&str, &str)] = &[
    ("ANCC", "Analytical classification and coding"),
    ("ASMG", "Asset management"),
    ("RMGT", "Records management"),
    ("VUAS", "Vulnerability assessment"),
    ("SCAD", "Security administration"),
];

/// The SFIA 9 name of a level from 1 to 7 ("" outside that range).
pub fn level_name(level: u8) -> &'static str {
    match level {
        1..=7 => LEVEL_NAMES[usize::from(level) - 1],
        _ => "",
    }
}

/// The SFIA 9 name of a skill code Appraise knows.
pub fn known_skill(code: &str) -> Option<&'static str> {
    KNOWN_SKILLS.iter().find(|(c, _)| *c == code).map(|(_, name)| *name)
}

/// The two file formats a framework is imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Heading lines, each followed by one descriptor line: the department's
    /// own format.
    Text,
    /// Columns code,skill,competency,level,statement: for a spreadsheet.
    Csv,
}

impl SourceFormat {
    /// CSV when the file name ends in `.csv`, text otherwise.
    pub fn from_file_name(name: &str) -> SourceFormat {
        if name.to_lowercase().ends_with(".csv") {
            SourceFormat::Csv
        } else {
            SourceFormat::Text
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Csv => "csv",
        }
    }

    /// What a place in the file is called in messages: a text file has
    /// lines, a spreadsheet rows.
    pub(crate) fn place(self) -> &'static str {
        match self {
            SourceFormat::Text => "line",
            SourceFormat::Csv => "row",
        }
    }
}

/// What kind of fault a warning is about; the UI may group by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// Text with no heading before it: left out.
    NoHeading,
    /// A line that looks like a section title, not an entry: left out.
    SectionTitle,
    /// The same competency, level and skill twice: both statements kept.
    DuplicateHeading,
    /// A competency name that looks like a misspelling of another.
    SimilarName,
    /// The same text word for word under different headings.
    SameText,
    /// A skill code that is not one of `KNOWN_SKILLS`: kept.
    UnknownCode,
}

/// Something odd in a file that did not stop the import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportWarning {
    /// The line (text file) or row (CSV) it is about, from 1.
    pub line: u32,
    pub kind: WarningKind,
    pub message: String,
}

/// What importing a file would do, without doing it: for the screen that
/// asks "import this?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportPreview {
    pub format: SourceFormat,
    /// Lower-case hex; the same file always gives the same hash.
    pub source_sha256: String,
    pub skills: u32,
    pub competencies: u32,
    pub statements: u32,
    /// The first warnings in line order, at most 1,000.
    pub warnings: Vec<ImportWarning>,
    /// How many more warnings there were than are listed.
    pub warnings_not_listed: u32,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportReport {
    pub framework_id: i64,
    pub skills: u32,
    pub competencies: u32,
    pub statements: u32,
    /// The first warnings in line order, at most 1,000.
    pub warnings: Vec<ImportWarning>,
    /// How many more warnings there were than are listed.
    pub warnings_not_listed: u32,
}

/// How a framework is to be stored: its name (each import under a name is
/// the next version of it) and the file it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportRequest {
    pub name: String,
    /// The file's name, for the record ("skills-framework.txt").
    pub file_name: String,
    pub format: SourceFormat,
}

/// One framework version, for lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FrameworkSummary {
    pub id: i64,
    pub name: String,
    /// 1 for the first import under this name, then 2, 3, ...
    pub version: u32,
    #[ts(type = "string")]
    pub imported_at: NaiveDateTime,
    pub source_sha256: String,
    pub source_name: String,
    pub source_format: SourceFormat,
    /// Shipped with Appraise rather than imported.
    pub builtin: bool,
    pub skills: u32,
    pub competencies: u32,
    pub statements: u32,
    /// Statements that differ from the source file, each with its note.
    pub corrections: u32,
}

/// A framework as the browser shows it: skills, their competencies, and
/// each competency's statements by level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FrameworkTree {
    pub summary: FrameworkSummary,
    pub skills: Vec<SkillNode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SkillNode {
    pub id: i64,
    /// The SFIA code, such as ANCC.
    pub code: String,
    pub name: String,
    /// The code is one of the SFIA 9 skills Appraise knows.
    pub known: bool,
    pub competencies: Vec<CompetencyNode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CompetencyNode {
    pub id: i64,
    pub name: String,
    /// Only the levels this competency is defined at, lowest first.
    pub levels: Vec<LevelNode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LevelNode {
    /// 1 to 7.
    pub level: u8,
    /// The SFIA 9 name: Follow, Assist, ...
    pub level_name: String,
    /// Usually one; a level may hold several.
    pub statements: Vec<StatementNode>,
}

/// A level statement. Its id never changes and its row is never edited: an
/// objective refers to it by id and framework id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StatementNode {
    pub id: i64,
    pub text: String,
    /// Where it was in the source file (line or row).
    pub source_line: Option<u32>,
    /// Why it differs from the source, "Corrected from …", when it does.
    pub correction: Option<String>,
}

/// One row of the CSV form of a framework, and the shape every format is
/// compared in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FrameworkRow {
    pub code: String,
    pub skill: String,
    pub competency: String,
    pub level: u8,
    pub statement: String,
}

/// A file chosen in the app's import dialog, read and checked: what the
/// "import this?" screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FilePreview {
    pub path: String,
    pub file_name: String,
    /// The file name without its extension: the framework's name unless the
    /// person types another.
    pub suggested_name: String,
    pub preview: ImportPreview,
}

/// One statement read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The heading's line (text) or the row (CSV): messages point here.
    pub line: u32,
    /// The line the statement's text is on (the row again for CSV).
    pub text_line: u32,
    /// SFIA code in capitals.
    pub code: String,
    /// The skill's name as the file gives it; text files give none.
    pub skill: Option<String>,
    pub competency: String,
    /// 1 to 7.
    pub level: u8,
    pub text: String,
    /// Why this entry differs from the source, when a correction changed it.
    pub correction: Option<String>,
}

/// Text with no heading before it. Left out of the framework, but kept here
/// so a corrections file can give it its lost heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Orphan {
    pub line: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoleProfile {
    pub id: i64,
    /// An Agenda for Change band: one of `BANDS`.
    pub band: String,
    pub title: String,
    /// A coding role: its holders code, so until they are accredited they
    /// are on the NCCQ pathway (unless their staff record says otherwise).
    pub coding: bool,
}

/// A competency of a framework version, by the ids that never change and by
/// the names people read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CompetencyRef {
    pub framework_id: i64,
    pub competency_id: i64,
    pub skill_code: String,
    pub competency: String,
}
