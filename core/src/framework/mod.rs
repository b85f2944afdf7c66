//! The department's skills framework: SFIA 9 skills, the competencies within
//! them and the level statements an appraisal agrees objectives against.
//! Owns importing a framework file (text or CSV), the built-in framework
//! Appraise ships, exporting to CSV and the role profiles (the level each
//! role is expected to reach in each competency).
//!
//! A framework is never changed once stored: a new file is a new version,
//! with new statement ids, so an objective that names a statement id and its
//! framework id keeps the exact words it was agreed against.
//!
//! The files, lowest first: `words.rs` (the types, a leaf the store may
//! use), `source.rs` (what every reader shares), `check.rs` (the checks
//! every format gets), `csv.rs` and `parse.rs` (reading a file),
//! `stored.rs` (reading stored versions), `import.rs`, `roles.rs`,
//! `builtin.rs`.

mod builtin;
mod check;
mod csv;
mod import;
mod parse;
mod roles;
mod source;
mod stored;
pub mod words;

pub use builtin::{builtin, ensure_builtin, BuiltinStatus, BUILTIN_CORRECTIONS, BUILTIN_NAME, BUILTIN_SOURCE};
pub use check::MAX_WARNINGS;
pub use import::{import, import_file, import_parsed, preview, preview_file};
pub use parse::{parse, Counts, Parsed, MAX_FILE_BYTES};
pub use roles::{
    add_role, codes_by_default, default_role, default_role_codes, role_grid, set_expectation, set_role_coding,
    DefaultRole, RoleGrid, RoleGridRow, DEFAULT_ROLES,
};
pub use stored::{export_csv, get, list, rows_to_csv, tree};
pub use words::{
    known_skill, level_name, CompetencyNode, CompetencyRef, Entry, FilePreview, FrameworkRow, FrameworkSummary,
    FrameworkTree, ImportPreview, ImportReport, ImportRequest, ImportWarning, LevelNode, Orphan, RoleProfile,
    SkillNode, SourceFormat, StatementNode, WarningKind, KNOWN_SKILLS, LEVEL_NAMES,
};
