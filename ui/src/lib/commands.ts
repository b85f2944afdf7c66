// Generated from the #[tauri::command] functions in src-tauri/ by
// src-tauri/src/command_bindings.rs. Do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p appraise bindings

import type {
  AccountSummary,
  Actor,
  AppraisalDue,
  AppraisalKind,
  AppraisalRecord,
  AppraisalSettings,
  AppraisalSummary,
  AppraisalView,
  AuditEntry,
  AuditFilter,
  BackupCheck,
  BackupReport,
  BackupSettings,
  CodingAuditInput,
  CodingAuditResult,
  CodingAuditSummary,
  CodingAuditsView,
  ConnectionChoice,
  ConnectionStatus,
  CourseAttendance,
  CourseInput,
  CpdEntry,
  CpdInput,
  CpdLog,
  Dashboard,
  Disposal,
  DueRecord,
  ExamInput,
  ExamOutcome,
  ExportProgress,
  ExportReport,
  FilePreview,
  FirstRun,
  FrameworkSummary,
  FrameworkTree,
  ImportReport,
  KpiInput,
  KpiObjective,
  LastAutomatic,
  LearningNeed,
  NccqSettings,
  NccqStatus,
  NccqView,
  NewlyOverdue,
  Objective,
  ObjectiveInput,
  OpenStatus,
  Outcome,
  Party,
  PayCriterionKind,
  PayProgression,
  PayStatus,
  PayStepTable,
  PdfCheck,
  PdpItem,
  PdpItemInput,
  PdpPlan,
  PdpProgress,
  PdpProgressInput,
  PersonExport,
  PreviousObjective,
  PrintSettings,
  RefresherStatus,
  ReportsOverview,
  RestoreReport,
  RetentionRules,
  ReviewInput,
  Rights,
  Role,
  RoleGrid,
  SessionStatus,
  SkillAssessment,
  SkillsHeatmap,
  StaffImportPreview,
  StaffImportReport,
  StaffInput,
  StaffMember,
  StaffView,
  StandardInput,
  Step,
  TeamMember,
  TrainingImportReport,
  TrainingInput,
  TrainingRecord,
  TrainingSettings,
  TrainingView,
  VerifyReport,
  Wellbeing,
} from "./bindings";

/**
 * Every command the window may invoke: the argument object, keyed as Tauri
 * expects, and what the command resolves to. A refusal rejects.
 */
export interface Commands {
  /** Where the data is and, when it could not be opened, why. */
  startup_status: { args: {}; result: OpenStatus };
  /** Where the data lives, and whether this window may change it. */
  connection_status: { args: {}; result: ConnectionStatus };
  /** Saves where the data lives for this person and opens it: at first start anyone (nobody can sign in yet), later the administrator. Signs the window out. Refused when the machine-wide file sets it. */
  connection_choose: { args: { choice: ConnectionChoice }; result: ConnectionStatus };
  session_status: { args: {}; result: SessionStatus };
  /** First run: makes the chosen person (or the one added) the administrator, saves the trust's and department's names, and signs them in. */
  first_run: { args: { form: FirstRun; passphrase: string }; result: Actor };
  sign_in: { args: { staffNumber: string; passphrase: string }; result: Actor };
  /** Ends the session; on the server, closes the person's connection too. */
  sign_out: { args: {}; result: null };
  /** After the idle lock: the same person types their passphrase again. */
  unlock: { args: { passphrase: string }; result: Actor };
  change_passphrase: { args: { current: string; new: string }; result: Actor };
  /** The person typed or clicked in the window: the idle lock counts from now. Refused like any record command once locked. */
  session_touch: { args: {}; result: null };
  /** What the signed-in person may use across the department (the page-wide buttons), from core's access rules. */
  rights: { args: {}; result: Rights };
  /** The staff the signed-in person may see, each with what they may do with them. */
  staff_list: { args: {}; result: StaffView[] };
  staff_get: { args: { staffNumber: string }; result: StaffView };
  staff_add: { args: { input: StaffInput }; result: StaffMember };
  staff_edit: { args: { staffNumber: string; input: StaffInput }; result: StaffMember };
  /** Records a leaving date (dd/mm/yyyy or ISO); the records stay, read-only. */
  staff_mark_leaver: { args: { staffNumber: string; leavingDate: string }; result: StaffMember };
  /** Undoes a leaving date recorded in error (administrator). */
  staff_reinstate: { args: { staffNumber: string }; result: StaffMember };
  /** Checks an ESR CSV export without storing anything (administrator). */
  staff_import_preview: { args: { path: string }; result: StaffImportPreview };
  /** Imports an ESR CSV export: everyone, or nobody if any line is wrong (administrator). */
  staff_import: { args: { path: string }; result: StaffImportReport };
  /** A line manager's reports (and their reports' reports); everyone for the administrator. */
  team: { args: {}; result: TeamMember[] };
  /** The date the app works with (ISO), for "today" marks on screen. */
  today: { args: {}; result: string };
  /** Shows the system's file-open dialog; `None` when the person cancels. `filter` names the kind of file in the dialog ("Framework files" unless given). Async so the dialog does not block the main thread it needs. */
  pick_file: { args: { title: string; extensions: string[]; filter: string | null }; result: string | null };
  framework_list: { args: {}; result: FrameworkSummary[] };
  framework_tree: { args: { frameworkId: number }; result: FrameworkTree };
  /** Reads and checks a file; writes nothing (administrator). */
  framework_preview: { args: { path: string }; result: FilePreview };
  framework_import: { args: { path: string; name: string }; result: ImportReport };
  framework_role_grid: { args: { frameworkId: number }; result: RoleGrid };
  framework_set_expectation: { args: { roleId: number; skillCode: string; competency: string; level: number | null }; result: null };
  /** Marks a role as a coding role or not: its holders without an ACC date are on the NCCQ pathway, unless their staff record says otherwise. */
  framework_set_role_coding: { args: { roleId: number; coding: boolean }; result: null };
  /** Everyone the signed-in person may see who is still working towards the NCCQ, least time left first. */
  nccq_team: { args: {}; result: NccqStatus[] };
  nccq_status: { args: { staffNumber: string }; result: NccqStatus };
  /** One trainee's record, with what the signed-in person may record on it. */
  nccq_record: { args: { staffNumber: string }; result: NccqView };
  nccq_settings: { args: {}; result: NccqSettings };
  /** Checks and stores the NCCQ rules: months, sittings, pass marks by year (administrator only, audited). */
  nccq_settings_save: { args: { settings: NccqSettings }; result: NccqSettings };
  /** The years after entry to each band at which the next pay points are reached. */
  pay_steps_get: { args: {}; result: PayStepTable };
  /** Checks and stores the pay-step table whole (administrator only, audited). */
  pay_steps_save: { args: { steps: PayStepTable }; result: PayStepTable };
  /** Weeks before each pay step that its review is due. */
  pay_review_weeks_get: { args: {}; result: number };
  /** Checks and stores the weeks before a pay step that its review is due. */
  pay_review_weeks_save: { args: { weeks: number }; result: number };
  /** The statutory and mandatory subjects everyone must hold in date. */
  training_settings_get: { args: {}; result: TrainingSettings };
  /** Checks and stores the list of required subjects whole. */
  training_settings_save: { args: { training: TrainingSettings }; result: TrainingSettings };
  nccq_add_course: { args: { staffNumber: string; input: CourseInput }; result: CourseAttendance };
  nccq_add_exam: { args: { staffNumber: string; input: ExamInput }; result: ExamOutcome };
  /** Records the last day of someone's IHRIM membership; returns it (ISO). */
  nccq_set_membership: { args: { staffNumber: string; validUntil: string }; result: string };
  /** A person's results, with whether the signed-in person may record one. */
  coding_audit_view: { args: { staffNumber: string }; result: CodingAuditsView };
  /** Records a result; returns it with its outcome. */
  coding_audit_add: { args: { staffNumber: string; input: CodingAuditInput }; result: CodingAuditResult };
  /** The results an appraisal's coding-accuracy objective is measured by. */
  coding_audit_for_appraisal: { args: { id: number }; result: CodingAuditResult[] };
  /** The summary of an audit period (as 2026/27); the current NHS year when none is given. */
  coding_audit_summary: { args: { period: string | null }; result: CodingAuditSummary };
  /** "Save as PDF…" on the summary: "Coding audit summary 2026-27 2027-04-02.pdf". */
  pdf_save_coding_audit_summary: { args: { period: string }; result: string | null };
  account_list: { args: {}; result: AccountSummary[] };
  /** Gives a staff member an account with a first passphrase, which they change at their first sign-in. */
  account_create: { args: { staffNumber: string; role: Role; passphrase: string }; result: AccountSummary };
  account_reset_passphrase: { args: { staffNumber: string; passphrase: string }; result: AccountSummary };
  account_set_role: { args: { staffNumber: string; role: Role }; result: AccountSummary };
  /** Minutes of no use before the window locks. */
  idle_lock_get: { args: {}; result: number };
  idle_lock_set: { args: { minutes: number }; result: number };
  audit_list: { args: { filter: AuditFilter }; result: AuditEntry[] };
  /** The record types the trail names, for the log browser's filter. */
  audit_record_types: { args: {}; result: string[] };
  audit_verify: { args: {}; result: VerifyReport };
  /** The appraisals the signed-in person may see, newest cycle first. */
  appraisal_list: { args: {}; result: AppraisalSummary[] };
  /** Who is due which meeting in the current cycle, among those they may see. */
  appraisal_schedule: { args: {}; result: AppraisalDue[] };
  /** The signed-in person's home page: their team's figures (the administrator's narrowed to one manager's team when `manager` is given) and their own next actions. */
  dashboard_get: { args: { manager: string | null }; result: Dashboard };
  /** At sign-in: what became overdue since the person's sign-in before this one (`appraise_core::dashboard::since`), shown as one desktop notification when there is any. Showing it never fails the sign-in: a desktop with no notification service (a test display) is noted in the log and the window carries on; the items are returned either way. */
  dashboard_overdue_since_sign_in: { args: {}; result: NewlyOverdue };
  appraisal_start: { args: { staffNumber: string; kind: AppraisalKind }; result: AppraisalRecord };
  /** The trust's appraisal settings (administrator only). */
  appraisal_settings_get: { args: {}; result: AppraisalSettings };
  /** Checks and stores the appraisal settings (administrator only, audited). */
  appraisal_settings_save: { args: { settings: AppraisalSettings }; result: AppraisalSettings };
  /** One appraisal and what the signed-in person may do with it. */
  appraisal_get: { args: { id: number }; result: AppraisalView };
  appraisal_set_step: { args: { id: number; step: Step }; result: null };
  /** Sets the day the meeting was held (a meeting held yesterday is entered today); gives the date as saved. */
  appraisal_set_meeting_date: { args: { id: number; date: string }; result: string };
  /** Cancels a meeting nobody has signed (audited). */
  appraisal_cancel: { args: { id: number }; result: null };
  /** The outcome of one of last year's objectives. `expected_version`: the row's `row_version` as the window read it; if someone has saved the row since, the save is refused as a `conflict` naming who and when (the same for the four saves below). `None` saves whatever is there. */
  appraisal_set_previous_outcome: { args: { previousId: number; outcome: Outcome | null; comments: string; expectedVersion: number | null }; result: PreviousObjective };
  appraisal_set_self_level: { args: { skillId: number; level: number | null; expectedVersion: number | null }; result: SkillAssessment };
  appraisal_set_agreed_level: { args: { skillId: number; level: number | null; expectedVersion: number | null }; result: SkillAssessment };
  appraisal_add_objective: { args: { id: number; input: ObjectiveInput }; result: Objective };
  appraisal_update_objective: { args: { objectiveId: number; input: ObjectiveInput; expectedVersion: number | null }; result: Objective };
  appraisal_remove_objective: { args: { objectiveId: number }; result: null };
  /** Sets the coding-accuracy KPI objective; `null` takes it away. */
  appraisal_set_kpi: { args: { id: number; input: KpiInput | null }; result: KpiObjective | null };
  appraisal_suggest_learning_needs: { args: { id: number }; result: LearningNeed[] };
  appraisal_add_pdp_item: { args: { id: number; input: PdpItemInput }; result: PdpItem };
  appraisal_update_pdp_item: { args: { itemId: number; input: PdpItemInput; expectedVersion: number | null }; result: PdpItem };
  appraisal_remove_pdp_item: { args: { itemId: number }; result: null };
  appraisal_set_wellbeing: { args: { id: number; wellbeing: Wellbeing }; result: Wellbeing };
  appraisal_pay: { args: { id: number }; result: PayProgression };
  /** The appraiser confirms a pay progression standard; `met: null` takes the confirmation back. */
  appraisal_confirm_pay: { args: { id: number; criterion: PayCriterionKind; met: boolean | null; note: string }; result: PayProgression };
  appraisal_set_comments: { args: { id: number; party: Party; comments: string }; result: string };
  /** One party signs with their own passphrase, typed at this screen: the signer need not be the person signed in. */
  appraisal_sign_off: { args: { id: number; party: Party; signerStaffNumber: string; passphrase: string }; result: AppraisalRecord };
  /** Re-opens a signed appraisal as a new version (administrator). */
  appraisal_reopen: { args: { id: number; reason: string }; result: AppraisalRecord };
  /** A person's current plan and progress: the signed-in person's own when no staff number is given. */
  pdp_current: { args: { staffNumber: string | null }; result: PdpPlan };
  /** The plans of the people the signed-in person manages. */
  pdp_team: { args: {}; result: PdpPlan[] };
  pdp_set_progress: { args: { itemId: number; input: PdpProgressInput }; result: PdpProgress };
  /** "Save as PDF…" on an appraisal: signed or not (an unsigned one prints with blank signature lines). */
  pdf_save_appraisal: { args: { id: number }; result: string | null };
  /** "Save PDP summary as PDF…": a person's current plan and their progress. */
  pdf_save_pdp: { args: { staffNumber: string }; result: string | null };
  /** "Save NCCQ report as PDF…": a trainee's progress towards the NCCQ. */
  pdf_save_nccq: { args: { staffNumber: string }; result: string | null };
  /** "Export cycle…": every signed record of `cycle` the signed-in person may see, one PDF each, into a folder they choose. Sends `pdf-export-progress` after each file and stops early when `pdf_export_cancel` is called. `None` when the person cancels the folder dialog. */
  pdf_export_cycle: { args: { cycle: string }; result: ExportReport | null };
  /** Writes everything about `staff_number` into a new folder inside the one the person chooses; `None` when they cancel the dialog. */
  person_export: { args: { staffNumber: string }; result: PersonExport | null };
  /** "Back up now…": asks where to save, then makes and checks the backup and its `.sha256` (administrator only). `None` when they cancel. */
  backup_now: { args: {}; result: BackupReport | null };
  /** "Restore from a backup…", first step: asks which backup, then checks it as a restore would, without changing anything (administrator only). `None` when they cancel; a damaged or foreign file is refused here. */
  backup_check: { args: {}; result: BackupCheck | null };
  /** "Restore from a backup…", confirmed: closes the store, lets core check the backup again and replace the database (the current file kept aside), opens it again and signs everyone out (administrator only). A refused restore changes nothing and keeps the session. */
  backup_restore: { args: {}; result: RestoreReport };
  /** The automatic backups' settings (administrator only). */
  backup_settings_get: { args: {}; result: BackupSettings };
  /** Saves the automatic backups' settings (administrator only, audited). */
  backup_settings_save: { args: { settings: BackupSettings }; result: BackupSettings };
  /** How the last automatic backup went, for the administrator's home page; `None` for anyone else and before the first. */
  backup_last_automatic: { args: {}; result: LastAutomatic | null };
  /** Shows the folder dialog for the automatic backups' folder (administrator only); `None` when they cancel. */
  backup_pick_folder: { args: {}; result: string | null };
  /** The leavers whose retention period has ended, not yet disposed of. */
  retention_due: { args: {}; result: DueRecord[] };
  /** The retention rules in force. */
  retention_rules: { args: {}; result: RetentionRules };
  /** Marks a leaver's records for disposal, with a reason. */
  retention_mark: { args: { staffNumber: string; reason: string }; result: DueRecord };
  /** Puts a legal hold on a person's records, with a reason. */
  retention_hold: { args: { staffNumber: string; reason: string }; result: null };
  /** Lifts a legal hold, with a reason. */
  retention_lift_hold: { args: { staffNumber: string; reason: string }; result: null };
  /** Disposes of a marked leaver's records once the grace period is over. */
  retention_dispose: { args: { staffNumber: string }; result: Disposal };
  /** Stops the export under way before its next file. */
  pdf_export_cancel: { args: {}; result: null };
  /** Shows a file or folder this window saved in the system's viewer. */
  open_path: { args: { path: string }; result: null };
  /** "Check a PDF…": is a file exactly what Appraise printed, and is the record unchanged since? `None` when the person cancels the dialog. */
  pdf_verify: { args: {}; result: PdfCheck | null };
  /** The trust, department and marking printed on every record. */
  print_settings_get: { args: {}; result: PrintSettings };
  /** Changes them (administrator). */
  print_settings_save: { args: { settings: PrintSettings }; result: PrintSettings };
  pay_status: { args: { staffNumber: string }; result: PayStatus };
  pay_confirm_standard: { args: { staffNumber: string; input: StandardInput }; result: PayStatus };
  pay_review: { args: { staffNumber: string; input: ReviewInput }; result: PayStatus };
  /** A person's competences and their compliance today. */
  training_view: { args: { staffNumber: string }; result: TrainingView };
  training_add: { args: { staffNumber: string; input: TrainingInput }; result: TrainingRecord };
  /** Imports an ESR/OLM competence export picked with `pick_file`. */
  training_import: { args: { path: string }; result: TrainingImportReport };
  training_refreshers: { args: {}; result: RefresherStatus[] };
  /** A person's CPD log and whether the signed-in person may add to it. */
  cpd_log: { args: { staffNumber: string }; result: CpdLog };
  cpd_add: { args: { staffNumber: string; input: CpdInput }; result: CpdEntry };
  /** Compliance, audit accuracy, NCCQ timelines and training needs. */
  reports_overview: { args: {}; result: ReportsOverview };
  /** The skills heatmap of the people the signed-in person sees. */
  skills_heatmap: { args: {}; result: SkillsHeatmap };
  /** "Save as CSV…" / "Save as Excel…": `format` is `csv` or `xlsx`. Returns the path written, or `None` when the person cancelled. */
  report_save: { args: { name: string; format: string }; result: string | null };
  /** "Save calendar (.ics)…": the signed-in person's team (a line manager, or the administrator's own reports) or, with `staff_number`, one person. */
  calendar_save: { args: { staffNumber: string | null }; result: string | null };
}

/** Every event the shell sends the window, with its payload. */
export interface Events {
  "data-changed": null;
  "pdf-export-progress": ExportProgress;
}
