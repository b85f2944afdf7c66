// The one module that talks to the Rust side. Every call goes through
// `call`, which turns whatever Tauri rejects with into an `AppError` with a
// `code` to match on and a `message` to show.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  AccountSummary,
  AuditEntry,
  AuditFilter,
  CourseAttendance,
  CourseInput,
  ErrorPayload,
  ExamInput,
  ExamOutcome,
  FieldError,
  FilePreview,
  FrameworkSummary,
  FrameworkTree,
  ImportReport,
  NccqRecord,
  NccqSettings,
  NccqStatus,
  OpenStatus,
  PdfCheck,
  PrintSettings,
  Actor,
  SessionStatus,
  Role,
  RoleGrid,
  StaffImportPreview,
  StaffImportReport,
  StaffInput,
  StaffMember,
  TeamMember,
  VerifyReport,
} from "./bindings";
import type {
  AppraisalDue,
  AppraisalKind,
  AppraisalRecord,
  AppraisalSettings,
  AppraisalSummary,
  AppraisalView,
  KpiInput,
  KpiObjective,
  LearningNeed,
  Objective,
  ObjectiveInput,
  Outcome,
  Party,
  PayCriterionKind,
  PayProgression,
  PdpItem,
  PdpItemInput,
  PdpPlan,
  PdpProgress,
  PdpProgressInput,
  PreviousObjective,
  SkillAssessment,
  Step,
  Wellbeing,
} from "./bindings";

export class AppError extends Error {
  readonly code: string;
  readonly fields: FieldError[];

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.code = payload.code;
    this.fields = payload.fields;
  }

  /** The message for one input field, if the backend refused it. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

/** Whatever came back from a rejected invoke, as an AppError. */
export function toAppError(raw: unknown): AppError {
  if (raw instanceof AppError) return raw;
  if (raw && typeof raw === "object" && "code" in raw && "message" in raw) {
    const p = raw as Partial<ErrorPayload>;
    return new AppError({ code: String(p.code), message: String(p.message), fields: p.fields ?? [] });
  }
  const message = raw instanceof Error ? raw.message : String(raw);
  return new AppError({ code: "ipc", message: `Appraise could not complete that: ${message}`, fields: [] });
}

type Invoke = (cmd: string, args?: Record<string, unknown>) => Promise<unknown>;
let invokeImpl: Invoke = invoke;

/** For tests: replace the transport. */
export function setInvoke(fn: Invoke): void {
  invokeImpl = fn;
}

/**
 * Commands that answer "unauthenticated" as part of their own work (a wrong
 * passphrase, nobody signed in yet): their refusals go to the screen that
 * called them, never to the session-lost handler.
 */
const SESSION_COMMANDS = new Set([
  "startup_status",
  "session_status",
  "first_run",
  "sign_in",
  "sign_out",
  "unlock",
  "change_passphrase",
]);

/**
 * Called when a command is refused with "unauthenticated" (nobody signed in,
 * the idle lock, a passphrase to change). It shows the right screen and
 * resolves true once the same person carries on (unlocked), so the command
 * is sent again and the page that sent it never sees the refusal; false
 * when someone else signs in or the person signs out.
 */
export type SessionLostHandler = (error: AppError) => Promise<boolean>;
let onSessionLost: SessionLostHandler | null = null;

export function setSessionLostHandler(handler: SessionLostHandler | null): void {
  onSessionLost = handler;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await invokeImpl(cmd, args)) as T;
    } catch (raw) {
      const error = toAppError(raw);
      const retry =
        error.code === "unauthenticated" &&
        onSessionLost !== null &&
        !SESSION_COMMANDS.has(cmd) &&
        attempt < 3 &&
        (await onSessionLost(error));
      if (!retry) throw error;
    }
  }
}

export const api = {
  startupStatus: () => call<OpenStatus>("startup_status"),

  // Session: who is signed in. Any other command may reject with code
  // "unauthenticated" (nobody signed in, or the idle lock): show sign-in.
  sessionStatus: () => call<SessionStatus>("session_status"),
  firstRun: (input: StaffInput, passphrase: string) => call<Actor>("first_run", { input, passphrase }),
  signIn: (staffNumber: string, passphrase: string) => call<Actor>("sign_in", { staffNumber, passphrase }),
  signOut: () => call<null>("sign_out"),
  unlock: (passphrase: string) => call<Actor>("unlock", { passphrase }),
  changePassphrase: (current: string, next: string) => call<Actor>("change_passphrase", { current, new: next }),
  /** The person typed or clicked: the idle lock counts from now. */
  sessionTouch: () => call<null>("session_touch"),

  staffList: () => call<StaffMember[]>("staff_list"),
  staffGet: (staffNumber: string) => call<StaffMember>("staff_get", { staffNumber }),
  staffAdd: (input: StaffInput) => call<StaffMember>("staff_add", { input }),
  staffEdit: (staffNumber: string, input: StaffInput) => call<StaffMember>("staff_edit", { staffNumber, input }),
  staffMarkLeaver: (staffNumber: string, leavingDate: string) =>
    call<StaffMember>("staff_mark_leaver", { staffNumber, leavingDate }),
  staffReinstate: (staffNumber: string) => call<StaffMember>("staff_reinstate", { staffNumber }),
  staffImportPreview: (path: string) => call<StaffImportPreview>("staff_import_preview", { path }),
  staffImport: (path: string) => call<StaffImportReport>("staff_import", { path }),
  team: () => call<TeamMember[]>("team"),
  /** The date the app works with, ISO. */
  today: () => call<string>("today"),
  /** The system's file-open dialog; null when cancelled. */
  pickFile: (title: string, extensions: string[], filter?: string) =>
    call<string | null>("pick_file", { title, extensions, filter: filter ?? null }),

  frameworkList: () => call<FrameworkSummary[]>("framework_list"),
  frameworkTree: (frameworkId: number) => call<FrameworkTree>("framework_tree", { frameworkId }),
  frameworkPreview: (path: string) => call<FilePreview>("framework_preview", { path }),
  frameworkImport: (path: string, name: string) => call<ImportReport>("framework_import", { path, name }),
  frameworkRoleGrid: (frameworkId: number) => call<RoleGrid>("framework_role_grid", { frameworkId }),
  frameworkSetExpectation: (roleId: number, skillCode: string, competency: string, level: number | null) =>
    call<null>("framework_set_expectation", { roleId, skillCode, competency, level }),

  nccqTeam: () => call<NccqStatus[]>("nccq_team"),
  nccqStatus: (staffNumber: string) => call<NccqStatus>("nccq_status", { staffNumber }),
  nccqRecord: (staffNumber: string) => call<NccqRecord>("nccq_record", { staffNumber }),
  nccqSettings: () => call<NccqSettings>("nccq_settings"),
  nccqAddCourse: (staffNumber: string, input: CourseInput) => call<CourseAttendance>("nccq_add_course", { staffNumber, input }),
  nccqAddExam: (staffNumber: string, input: ExamInput) => call<ExamOutcome>("nccq_add_exam", { staffNumber, input }),
  nccqSetMembership: (staffNumber: string, validUntil: string) =>
    call<string>("nccq_set_membership", { staffNumber, validUntil }),

  // The administrator's: accounts, the idle lock and the audit trail.
  accountList: () => call<AccountSummary[]>("account_list"),
  accountCreate: (staffNumber: string, role: Role, passphrase: string) =>
    call<AccountSummary>("account_create", { staffNumber, role, passphrase }),
  accountResetPassphrase: (staffNumber: string, passphrase: string) =>
    call<AccountSummary>("account_reset_passphrase", { staffNumber, passphrase }),
  accountSetRole: (staffNumber: string, role: Role) => call<AccountSummary>("account_set_role", { staffNumber, role }),
  idleLockGet: () => call<number>("idle_lock_get"),
  idleLockSet: (minutes: number) => call<number>("idle_lock_set", { minutes }),
  auditList: (filter: AuditFilter) => call<AuditEntry[]>("audit_list", { filter }),
  auditRecordTypes: () => call<string[]>("audit_record_types"),
  auditVerify: () => call<VerifyReport>("audit_verify"),
};

/** The appraisal meeting and the PDP. Core decides who may read and write which part. */
export const appraisalApi = {
  list: () => call<AppraisalSummary[]>("appraisal_list"),
  schedule: () => call<AppraisalDue[]>("appraisal_schedule"),
  settings: () => call<AppraisalSettings>("appraisal_settings_get"),
  saveSettings: (settings: AppraisalSettings) => call<AppraisalSettings>("appraisal_settings_save", { settings }),
  start: (staffNumber: string, kind: AppraisalKind) => call<AppraisalRecord>("appraisal_start", { staffNumber, kind }),
  get: (id: number) => call<AppraisalView>("appraisal_get", { id }),
  setStep: (id: number, step: Step) => call<null>("appraisal_set_step", { id, step }),
  setPreviousOutcome: (previousId: number, outcome: Outcome | null, comments: string) =>
    call<PreviousObjective>("appraisal_set_previous_outcome", { previousId, outcome, comments }),
  setSelfLevel: (skillId: number, level: number | null) =>
    call<SkillAssessment>("appraisal_set_self_level", { skillId, level }),
  setAgreedLevel: (skillId: number, level: number | null) =>
    call<SkillAssessment>("appraisal_set_agreed_level", { skillId, level }),
  addObjective: (id: number, input: ObjectiveInput) => call<Objective>("appraisal_add_objective", { id, input }),
  updateObjective: (objectiveId: number, input: ObjectiveInput) =>
    call<Objective>("appraisal_update_objective", { objectiveId, input }),
  removeObjective: (objectiveId: number) => call<null>("appraisal_remove_objective", { objectiveId }),
  setKpi: (id: number, input: KpiInput | null) => call<KpiObjective | null>("appraisal_set_kpi", { id, input }),
  suggestLearningNeeds: (id: number) => call<LearningNeed[]>("appraisal_suggest_learning_needs", { id }),
  addPdpItem: (id: number, input: PdpItemInput) => call<PdpItem>("appraisal_add_pdp_item", { id, input }),
  updatePdpItem: (itemId: number, input: PdpItemInput) => call<PdpItem>("appraisal_update_pdp_item", { itemId, input }),
  removePdpItem: (itemId: number) => call<null>("appraisal_remove_pdp_item", { itemId }),
  setWellbeing: (id: number, wellbeing: Wellbeing) => call<Wellbeing>("appraisal_set_wellbeing", { id, wellbeing }),
  pay: (id: number) => call<PayProgression>("appraisal_pay", { id }),
  confirmPay: (id: number, criterion: PayCriterionKind, met: boolean | null, note: string) =>
    call<PayProgression>("appraisal_confirm_pay", { id, criterion, met, note }),
  setComments: (id: number, party: Party, comments: string) =>
    call<string>("appraisal_set_comments", { id, party, comments }),
  /** The signer types their own passphrase at this screen; they need not be the one signed in. */
  signOff: (id: number, party: Party, signerStaffNumber: string, passphrase: string) =>
    call<AppraisalRecord>("appraisal_sign_off", { id, party, signerStaffNumber, passphrase }),
  reopen: (id: number, reason: string) => call<AppraisalRecord>("appraisal_reopen", { id, reason }),

  /** A person's current plan: the signed-in person's own without a staff number. */
  pdpCurrent: (staffNumber?: string) => call<PdpPlan>("pdp_current", { staffNumber: staffNumber ?? null }),
  pdpTeam: () => call<PdpPlan[]>("pdp_team"),
  pdpSetProgress: (itemId: number, input: PdpProgressInput) =>
    call<PdpProgress>("pdp_set_progress", { itemId, input }),
};

/** How an export of a cycle's signed records ended. */
export interface ExportReport {
  written: number;
  total: number;
  cancelled: boolean;
  folder: string;
}

/** Sent after each file of an export. */
export interface ExportProgress {
  done: number;
  total: number;
  file: string;
}

/**
 * Printed records. Each "save" shows the system's save dialog and resolves to
 * the path written, or null when the person cancelled.
 */
export const pdfApi = {
  saveAppraisal: (id: number) => call<string | null>("pdf_save_appraisal", { id }),
  savePdp: (staffNumber: string) => call<string | null>("pdf_save_pdp", { staffNumber }),
  saveNccq: (staffNumber: string) => call<string | null>("pdf_save_nccq", { staffNumber }),
  /** Every signed record of a cycle into a chosen folder; null when the folder dialog was cancelled. */
  exportCycle: (cycle: string) => call<ExportReport | null>("pdf_export_cycle", { cycle }),
  cancelExport: () => call<null>("pdf_export_cancel"),
  /** Calls `onProgress` after each file of an export; resolves to the function that stops listening. */
  onExportProgress: (onProgress: (p: ExportProgress) => void): Promise<UnlistenFn> =>
    listen<ExportProgress>("pdf-export-progress", (e) => onProgress(e.payload)),
  /** Shows a file or folder saved in this window in the system's viewer. */
  open: (path: string) => call<null>("open_path", { path }),
  /** Is a PDF exactly what Appraise printed? null when the dialog was cancelled. */
  verify: () => call<PdfCheck | null>("pdf_verify"),
  settings: () => call<PrintSettings>("print_settings_get"),
  saveSettings: (settings: PrintSettings) => call<PrintSettings>("print_settings_save", { settings }),
};
