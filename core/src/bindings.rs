//! The TypeScript types of everything that crosses IPC, generated from the
//! Rust types into `ui/src/lib/bindings.ts`. The file is committed; a test
//! fails when it drifts. Regenerate with
//! `UPDATE_BINDINGS=1 cargo test -p appraise-core bindings`.

use ts_rs::{Config, TS};

use crate::access::Rights;
use crate::accounts::{AccountSummary, Actor, FirstRun, Role, SessionStatus, SignInName};
use crate::appraisal::{
    ActivityType, AppraisalDue, AppraisalKind, AppraisalRecord, AppraisalSettings, AppraisalStatus, AppraisalSummary,
    AppraisalView, Blocker, CompetencyRef, CriterionSource, DepartmentDate, KpiInput, KpiObjective, LearningNeed,
    LevelStatements, MeetingRights, Objective, ObjectiveInput, Outcome, Party, PayCriterion, PayCriterionKind,
    PayProgression, PdpItem, PdpItemInput, PdpPlan, PdpProgress, PdpProgressInput, PdpStatus, Person,
    PreviousObjective, Readiness, Reopening, Signature, SkillAssessment, Step, StepReadiness, StepState, Wellbeing,
};
use crate::audit::{AuditEntry, AuditFilter, VerifyReport};
use crate::coding_audit::rules::CodeTypeSummary;
use crate::coding_audit::words::{AuditErrorCounts, CodingAudit, PerCodeType};
use crate::coding_audit::{
    AuditJudgement, CodeType, CodingAuditCoder, CodingAuditInput, CodingAuditResult, CodingAuditSummary,
    CodingAuditsView,
};
use crate::cycle::Cycle;
use crate::dashboard::{
    AuditBelow, Dashboard, DuePerson, MonthCompliance, NccqRisk, NewlyOverdue, NextActions, OverdueItem, PayStepDue,
    PdpActivityDue, TrainingDue, TrainingExpiring,
};
use crate::error::{ErrorPayload, FieldError};
use crate::framework::{
    BuiltinStatus, CompetencyNode, FilePreview, FrameworkSummary, FrameworkTree, ImportPreview, ImportReport,
    ImportWarning, LevelNode, RoleGrid, RoleGridRow, RoleProfile, SkillNode, SourceFormat, StatementNode, WarningKind,
    LEVEL_NAMES,
};
use crate::nccq::{
    CourseAttendance, CourseInput, CourseKind, ExamAttempt, ExamInput, ExamOutcome, NccqDeadlines, NccqRecord,
    NccqSettings, NccqState, NccqStatus, NccqView, Paper, PassMarks,
};
use crate::pay_steps::{PayOutcome, PayReview, PayStandard, PayStatus, ReviewInput, StandardInput};
use crate::print::{ExportProgress, ExportReport, PdfCheck, PrintJob, PrintSettings};
use crate::reports::charts::{AuditPeriodAccuracy, ReportsOverview};
use crate::reports::compliance::{AppraisalCompliance, ComplianceOn, TeamCompliance};
use crate::reports::heatmap::{HeatmapCell, HeatmapRow, SkillsHeatmap};
use crate::reports::training_needs::{TrainingNeed, TrainingNeedGroup};
use crate::server::connection::{ConnectionChoice, ConnectionStatus, ServerPlace};
use crate::staff::{StaffInput, StaffMember, StaffRights, StaffView, BANDS};
use crate::staff_import::{StaffImportPreview, StaffImportProblem, StaffImportReport, StaffImportRow};
use crate::store::OpenStatus;
use crate::team::TeamMember;
use crate::training::cpd::CpdLog;
use crate::training::import::TrainingImportReport;
use crate::training::refreshers::RefresherStatus;
use crate::training::{
    Compliance, ComplianceItem, CpdEntry, CpdInput, SubjectState, TrainingInput, TrainingRecord, TrainingView,
};

/// The whole generated file.
pub fn typescript() -> String {
    // serde writes i64 as a JSON number, so TypeScript sees `number`.
    let cfg = Config::new().with_large_int("number");
    let decls = [
        FieldError::decl(&cfg),
        ErrorPayload::decl(&cfg),
        OpenStatus::decl(&cfg),
        ConnectionChoice::decl(&cfg),
        ServerPlace::decl(&cfg),
        ConnectionStatus::decl(&cfg),
        StaffMember::decl(&cfg),
        StaffInput::decl(&cfg),
        StaffRights::decl(&cfg),
        StaffView::decl(&cfg),
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
        crate::pay_steps::PayStepTable::decl(&cfg),
        CourseAttendance::decl(&cfg),
        ExamAttempt::decl(&cfg),
        NccqRecord::decl(&cfg),
        NccqView::decl(&cfg),
        CourseInput::decl(&cfg),
        ExamInput::decl(&cfg),
        ExamOutcome::decl(&cfg),
        NccqDeadlines::decl(&cfg),
        NccqStatus::decl(&cfg),
        // Pay steps, training and CPD.
        PayOutcome::decl(&cfg),
        PayReview::decl(&cfg),
        PayStandard::decl(&cfg),
        PayStatus::decl(&cfg),
        ReviewInput::decl(&cfg),
        StandardInput::decl(&cfg),
        TrainingRecord::decl(&cfg),
        TrainingInput::decl(&cfg),
        SubjectState::decl(&cfg),
        ComplianceItem::decl(&cfg),
        Compliance::decl(&cfg),
        TrainingView::decl(&cfg),
        TrainingImportReport::decl(&cfg),
        RefresherStatus::decl(&cfg),
        CpdEntry::decl(&cfg),
        CpdInput::decl(&cfg),
        CpdLog::decl(&cfg),
        crate::training::cpd::PdpChoice::decl(&cfg),
        // Accounts, access and the audit trail.
        Role::decl(&cfg),
        Actor::decl(&cfg),
        SessionStatus::decl(&cfg),
        FirstRun::decl(&cfg),
        Rights::decl(&cfg),
        SignInName::decl(&cfg),
        AccountSummary::decl(&cfg),
        AuditEntry::decl(&cfg),
        AuditFilter::decl(&cfg),
        VerifyReport::decl(&cfg),
        StaffImportProblem::decl(&cfg),
        StaffImportRow::decl(&cfg),
        StaffImportPreview::decl(&cfg),
        StaffImportReport::decl(&cfg),
        TeamMember::decl(&cfg),
        // Appraisals.
        Cycle::decl(&cfg),
        AppraisalKind::decl(&cfg),
        AppraisalStatus::decl(&cfg),
        Step::decl(&cfg),
        Outcome::decl(&cfg),
        Party::decl(&cfg),
        Person::decl(&cfg),
        Signature::decl(&cfg),
        Reopening::decl(&cfg),
        CompetencyRef::decl(&cfg),
        PreviousObjective::decl(&cfg),
        LevelStatements::decl(&cfg),
        SkillAssessment::decl(&cfg),
        Objective::decl(&cfg),
        ObjectiveInput::decl(&cfg),
        KpiObjective::decl(&cfg),
        KpiInput::decl(&cfg),
        ActivityType::decl(&cfg),
        PdpStatus::decl(&cfg),
        PdpProgress::decl(&cfg),
        PdpItem::decl(&cfg),
        PdpItemInput::decl(&cfg),
        PdpProgressInput::decl(&cfg),
        LearningNeed::decl(&cfg),
        PdpPlan::decl(&cfg),
        Wellbeing::decl(&cfg),
        PayCriterionKind::decl(&cfg),
        CriterionSource::decl(&cfg),
        PayCriterion::decl(&cfg),
        PayProgression::decl(&cfg),
        AppraisalRecord::decl(&cfg),
        AppraisalSummary::decl(&cfg),
        DepartmentDate::decl(&cfg),
        // Coding audits.
        CodeType::decl(&cfg),
        PerCodeType::<u32>::decl(&cfg),
        crate::coding_audit::AuditOutcome::decl(&cfg),
        AuditJudgement::decl(&cfg),
        AuditErrorCounts::decl(&cfg),
        CodingAudit::decl(&cfg),
        CodingAuditInput::decl(&cfg),
        CodingAuditResult::decl(&cfg),
        CodingAuditsView::decl(&cfg),
        TeamCompliance::decl(&cfg),
        ComplianceOn::decl(&cfg),
        AppraisalCompliance::decl(&cfg),
        AuditPeriodAccuracy::decl(&cfg),
        TrainingNeed::decl(&cfg),
        TrainingNeedGroup::decl(&cfg),
        ReportsOverview::decl(&cfg),
        HeatmapCell::decl(&cfg),
        HeatmapRow::decl(&cfg),
        SkillsHeatmap::decl(&cfg),
        CodeTypeSummary::decl(&cfg),
        CodingAuditCoder::decl(&cfg),
        CodingAuditSummary::decl(&cfg),
        AppraisalSettings::decl(&cfg),
        AppraisalDue::decl(&cfg),
        // The home page.
        DuePerson::decl(&cfg),
        MonthCompliance::decl(&cfg),
        NccqRisk::decl(&cfg),
        PayStepDue::decl(&cfg),
        TrainingDue::decl(&cfg),
        AuditBelow::decl(&cfg),
        PdpActivityDue::decl(&cfg),
        TrainingExpiring::decl(&cfg),
        NextActions::decl(&cfg),
        Dashboard::decl(&cfg),
        OverdueItem::decl(&cfg),
        NewlyOverdue::decl(&cfg),
        MeetingRights::decl(&cfg),
        StepState::decl(&cfg),
        StepReadiness::decl(&cfg),
        Blocker::decl(&cfg),
        Readiness::decl(&cfg),
        AppraisalView::decl(&cfg),
        // Printing.
        PrintSettings::decl(&cfg),
        crate::settings::training::TrainingSettings::decl(&cfg),
        PrintJob::decl(&cfg),
        ExportProgress::decl(&cfg),
        ExportReport::decl(&cfg),
        PdfCheck::decl(&cfg),
        crate::subject_access::PersonExport::decl(&cfg),
        // Backups.
        crate::backup::BackupReport::decl(&cfg),
        crate::backup::BackupCheck::decl(&cfg),
        crate::backup::RestoreReport::decl(&cfg),
        crate::settings::backup::BackupSettings::decl(&cfg),
        crate::settings::backup::LastAutomatic::decl(&cfg),
        // Retention and disposal.
        crate::retention::DueRecord::decl(&cfg),
        crate::retention::Disposal::decl(&cfg),
        crate::settings::retention::RetentionRules::decl(&cfg),
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
    // The appraisal's steps and PDP activities with their words, in order.
    let steps: Vec<String> = Step::ALL
        .iter()
        .map(|s| format!("{{ step: \"{}\", label: \"{}\" }}", s.code(), s.label()))
        .collect();
    out.push_str(&format!(
        "\n/** The steps of the appraisal meeting, in order, with their headings. */\nexport const APPRAISAL_STEPS = [{}] as const;\n",
        steps.join(", ")
    ));
    let kinds: Vec<String> = AppraisalKind::ALL
        .iter()
        .map(|k| {
            let steps: Vec<String> = k.steps().iter().map(|s| format!("\"{}\"", s.code())).collect();
            format!("{}: [{}]", k.code(), steps.join(", "))
        })
        .collect();
    out.push_str(&format!(
        "\n/** The steps each kind of meeting goes through, in order. */\nexport const KIND_STEPS = {{ {} }} as const;\n",
        kinds.join(", ")
    ));
    let activities: Vec<String> = ActivityType::ALL
        .iter()
        .map(|a| format!("{{ activity: \"{}\", label: \"{}\" }}", a.code(), a.label()))
        .collect();
    out.push_str(&format!(
        "\n/** PDP activity types with their words. */\nexport const ACTIVITY_TYPES = [{}] as const;\n",
        activities.join(", ")
    ));
    out.push_str(&format!(
        "\n/** The shortest passphrase accepted, in characters. */\nexport const MIN_PASSPHRASE = {};\n",
        crate::accounts::MIN_PASSPHRASE
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
