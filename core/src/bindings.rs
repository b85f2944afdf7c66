//! The TypeScript types of everything that crosses IPC, generated from the
//! Rust types into `ui/src/lib/bindings.ts`. The file is committed; a test
//! fails when it drifts. Regenerate with
//! `UPDATE_BINDINGS=1 cargo test -p appraise-core bindings`.

use ts_rs::{Config, TS};

use crate::error::{ErrorPayload, FieldError};
use crate::framework::{
    BuiltinStatus, CompetencyNode, FilePreview, FrameworkSummary, FrameworkTree, ImportPreview, ImportReport,
    ImportWarning, LevelNode, RoleGrid, RoleGridRow, RoleProfile, SkillNode, SourceFormat, StatementNode, WarningKind,
    LEVEL_NAMES,
};
use crate::nccq::{
    CourseAttendance, CourseInput, CourseKind, ExamAttempt, ExamInput, ExamOutcome, NccqDeadlines, NccqRecord,
    NccqSettings, NccqState, NccqStatus, Paper, PassMarks,
};
use crate::staff::{StaffInput, StaffMember, BANDS};
use crate::store::OpenStatus;

/// The whole generated file.
pub fn typescript() -> String {
    // serde writes i64 as a JSON number, so TypeScript sees `number`.
    let cfg = Config::new().with_large_int("number");
    let decls = [
        FieldError::decl(&cfg),
        ErrorPayload::decl(&cfg),
        OpenStatus::decl(&cfg),
        StaffMember::decl(&cfg),
        StaffInput::decl(&cfg),
        // Skills framework.
        SourceFormat::decl(&cfg),
        WarningKind::decl(&cfg),
        ImportWarning::decl(&cfg),
        ImportPreview::decl(&cfg),
        FilePreview::decl(&cfg),
        ImportReport::decl(&cfg),
        BuiltinStatus::decl(&cfg),
        FrameworkSummary::decl(&cfg),
        StatementNode::decl(&cfg),
        LevelNode::decl(&cfg),
        CompetencyNode::decl(&cfg),
        SkillNode::decl(&cfg),
        FrameworkTree::decl(&cfg),
        RoleProfile::decl(&cfg),
        RoleGridRow::decl(&cfg),
        RoleGrid::decl(&cfg),
        // NCCQ pathway.
        Paper::decl(&cfg),
        CourseKind::decl(&cfg),
        NccqState::decl(&cfg),
        PassMarks::decl(&cfg),
        NccqSettings::decl(&cfg),
        CourseAttendance::decl(&cfg),
        ExamAttempt::decl(&cfg),
        NccqRecord::decl(&cfg),
        CourseInput::decl(&cfg),
        ExamInput::decl(&cfg),
        ExamOutcome::decl(&cfg),
        NccqDeadlines::decl(&cfg),
        NccqStatus::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types in core/ by core/src/bindings.rs. Do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p appraise-core bindings\n",
    );
    for decl in decls {
        out.push_str("\nexport ");
        out.push_str(&decl);
        out.push('\n');
    }
    // Constants the UI needs from the rules, so a list is written once.
    let bands: Vec<String> = BANDS.iter().map(|b| format!("\"{b}\"")).collect();
    out.push_str(&format!(
        "\n/** Agenda for Change bands, in order. */\nexport const BANDS = [{}] as const;\n",
        bands.join(", ")
    ));
    let levels: Vec<String> = LEVEL_NAMES.iter().map(|n| format!("\"{n}\"")).collect();
    out.push_str(&format!(
        "\n/** SFIA 9 level names, level 1 first. */\nexport const LEVEL_NAMES = [{}] as const;\n",
        levels.join(", ")
    ));
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn committed_typescript_bindings_match_the_rust_types() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
        let generated = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).expect("write bindings");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "ui/src/lib/bindings.ts is out of date with the Rust types; run `UPDATE_BINDINGS=1 cargo test -p appraise-core bindings` and commit it"
        );
    }
}
