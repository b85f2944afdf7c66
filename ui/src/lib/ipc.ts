// The one module that talks to the Rust side. Every call goes through
// `call`, which turns whatever Tauri rejects with into an `AppError` with a
// `code` to match on and a `message` to show. Command names, argument keys
// and results come from the generated `Commands` map (commands.ts, written
// from the #[tauri::command] functions): nothing here is typed by hand.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { ErrorPayload, FieldError } from "./bindings";
import type { Commands, Events } from "./commands";

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
const SESSION_COMMANDS = new Set<keyof Commands>([
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

/**
 * Told after every command whether the department's server answered: false
 * when a command was refused as "offline" (the connection is lost) or
 * "timeout" (no answer in time), true when one succeeded. The window's
 * banner listens (connection.svelte.ts).
 */
export type ConnectionHandler = (connected: boolean) => void;
let onConnection: ConnectionHandler | null = null;

export function setConnectionHandler(handler: ConnectionHandler | null): void {
  onConnection = handler;
}

/** A command's argument object, keyed as the Rust command expects. */
export type Args<K extends keyof Commands> = Commands[K]["args"];
/** What a command resolves to. */
export type Result<K extends keyof Commands> = Commands[K]["result"];
/** The type of one of a command's arguments. */
type Arg<K extends keyof Commands, P extends keyof Args<K>> = Args<K>[P];
/** `call`'s arguments after the name: none for a command that takes none. */
type ArgList<K extends keyof Commands> = [keyof Args<K>] extends [never] ? [] : [args: Args<K>];

/** Invokes a command by name, typed by the generated map. */
export async function call<K extends keyof Commands>(cmd: K, ...args: ArgList<K>): Promise<Result<K>> {
  for (let attempt = 0; ; attempt++) {
    try {
      const result = (await invokeImpl(cmd, args[0] as Record<string, unknown> | undefined)) as Result<K>;
      onConnection?.(true);
      return result;
    } catch (raw) {
      const error = toAppError(raw);
      if (error.code === "offline" || error.code === "timeout") onConnection?.(false);
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
  startupStatus: () => call("startup_status"),
  /** Where the data lives: a file on this computer or the department's server. */
  connectionStatus: () => call("connection_status"),
  connectionChoose: (choice: Arg<"connection_choose", "choice">) => call("connection_choose", { choice }),

  // Session: who is signed in. Any other command may reject with code
  // "unauthenticated" (nobody signed in, or the idle lock): show sign-in.
  sessionStatus: () => call("session_status"),
  firstRun: (
    form: Arg<"first_run",
    "form">,
    passphrase: Arg<"first_run",
    "passphrase">,
  ) => call("first_run", { form, passphrase }),
  signIn: (
    staffNumber: Arg<"sign_in",
    "staffNumber">,
    passphrase: Arg<"sign_in",
    "passphrase">,
  ) => call("sign_in", { staffNumber, passphrase }),
  signOut: () => call("sign_out"),
  unlock: (passphrase: Arg<"unlock", "passphrase">) => call("unlock", { passphrase }),
  changePassphrase: (
    current: Arg<"change_passphrase",
    "current">,
    next: Arg<"change_passphrase",
    "new">,
  ) => call("change_passphrase", { current, new: next }),
  /** The person typed or clicked: the idle lock counts from now. */
  sessionTouch: () => call("session_touch"),
  /** What the signed-in person may use across the department (the page-wide buttons). */
  rights: () => call("rights"),

  staffList: () => call("staff_list"),
  staffGet: (staffNumber: Arg<"staff_get", "staffNumber">) => call("staff_get", { staffNumber }),
  staffAdd: (input: Arg<"staff_add", "input">) => call("staff_add", { input }),
  staffEdit: (
    staffNumber: Arg<"staff_edit",
    "staffNumber">,
    input: Arg<"staff_edit",
    "input">,
  ) => call("staff_edit", { staffNumber, input }),
  staffMarkLeaver: (
    staffNumber: Arg<"staff_mark_leaver",
    "staffNumber">,
    leavingDate: Arg<"staff_mark_leaver",
    "leavingDate">,
  ) => call("staff_mark_leaver", { staffNumber, leavingDate }),
  staffReinstate: (staffNumber: Arg<"staff_reinstate", "staffNumber">) => call("staff_reinstate", { staffNumber }),
  staffImportPreview: (path: Arg<"staff_import_preview", "path">) => call("staff_import_preview", { path }),
  staffImport: (path: Arg<"staff_import", "path">) => call("staff_import", { path }),
  team: () => call("team"),
  /** The date the app works with, ISO. */
  today: () => call("today"),
  /** The system's file-open dialog; null when cancelled. */
  pickFile: (
    title: Arg<"pick_file",
    "title">,
    extensions: Arg<"pick_file",
    "extensions">,
    filter?: Arg<"pick_file",
    "filter">,
  ) => call("pick_file", { title, extensions, filter: filter ?? null }),

  frameworkList: () => call("framework_list"),
  frameworkTree: (frameworkId: Arg<"framework_tree", "frameworkId">) => call("framework_tree", { frameworkId }),
  frameworkPreview: (path: Arg<"framework_preview", "path">) => call("framework_preview", { path }),
  frameworkImport: (
    path: Arg<"framework_import",
    "path">,
    name: Arg<"framework_import",
    "name">,
  ) => call("framework_import", { path, name }),
  frameworkRoleGrid: (
    frameworkId: Arg<"framework_role_grid",
    "frameworkId">,
  ) => call("framework_role_grid", { frameworkId }),
  frameworkSetExpectation: (
    roleId: Arg<"framework_set_expectation",
    "roleId">,
    skillCode: Arg<"framework_set_expectation",
    "skillCode">,
    competency: Arg<"framework_set_expectation",
    "competency">,
    level: Arg<"framework_set_expectation",
    "level">,
  ) => call("framework_set_expectation", { roleId, skillCode, competency, level }),
  frameworkSetRoleCoding: (
    roleId: Arg<"framework_set_role_coding",
    "roleId">,
    coding: Arg<"framework_set_role_coding",
    "coding">,
  ) => call("framework_set_role_coding", { roleId, coding }),

  nccqTeam: () => call("nccq_team"),
  nccqStatus: (staffNumber: Arg<"nccq_status", "staffNumber">) => call("nccq_status", { staffNumber }),
  nccqRecord: (staffNumber: Arg<"nccq_record", "staffNumber">) => call("nccq_record", { staffNumber }),
  nccqSettings: () => call("nccq_settings"),
  nccqSaveSettings: (settings: Arg<"nccq_settings_save", "settings">) => call("nccq_settings_save", { settings }),
  payStepsGet: () => call("pay_steps_get"),
  payStepsSave: (steps: Arg<"pay_steps_save", "steps">) => call("pay_steps_save", { steps }),
  payReviewWeeksGet: () => call("pay_review_weeks_get"),
  payReviewWeeksSave: (weeks: Arg<"pay_review_weeks_save", "weeks">) => call("pay_review_weeks_save", { weeks }),
  trainingSettingsGet: () => call("training_settings_get"),
  trainingSettingsSave: (training: Arg<"training_settings_save", "training">) => call("training_settings_save", { training }),
  nccqAddCourse: (
    staffNumber: Arg<"nccq_add_course",
    "staffNumber">,
    input: Arg<"nccq_add_course",
    "input">,
  ) => call("nccq_add_course", { staffNumber, input }),
  nccqAddExam: (
    staffNumber: Arg<"nccq_add_exam",
    "staffNumber">,
    input: Arg<"nccq_add_exam",
    "input">,
  ) => call("nccq_add_exam", { staffNumber, input }),
  nccqSetMembership: (
    staffNumber: Arg<"nccq_set_membership",
    "staffNumber">,
    validUntil: Arg<"nccq_set_membership",
    "validUntil">,
  ) => call("nccq_set_membership", { staffNumber, validUntil }),

  // The administrator's: accounts, the idle lock and the audit trail.
  accountList: () => call("account_list"),
  accountCreate: (
    staffNumber: Arg<"account_create",
    "staffNumber">,
    role: Arg<"account_create",
    "role">,
    passphrase: Arg<"account_create",
    "passphrase">,
  ) => call("account_create", { staffNumber, role, passphrase }),
  accountResetPassphrase: (
    staffNumber: Arg<"account_reset_passphrase",
    "staffNumber">,
    passphrase: Arg<"account_reset_passphrase",
    "passphrase">,
  ) => call("account_reset_passphrase", { staffNumber, passphrase }),
  accountSetRole: (
    staffNumber: Arg<"account_set_role",
    "staffNumber">,
    role: Arg<"account_set_role",
    "role">,
  ) => call("account_set_role", { staffNumber, role }),
  idleLockGet: () => call("idle_lock_get"),
  idleLockSet: (minutes: Arg<"idle_lock_set", "minutes">) => call("idle_lock_set", { minutes }),
  auditList: (filter: Arg<"audit_list", "filter">) => call("audit_list", { filter }),
  auditRecordTypes: () => call("audit_record_types"),
  auditVerify: () => call("audit_verify"),
};

/** The home page: whose figures a reader gets is decided in core. */
export const dashboardApi = {
  get: (manager: Arg<"dashboard_get", "manager">) => call("dashboard_get", { manager }),
  /** At sign-in: what became overdue since the sign-in before, shown as a desktop notification by the shell. */
  overdueSinceSignIn: () => call("dashboard_overdue_since_sign_in"),
};

/**
 * The appraisal meeting and the PDP. Core decides who may read and write which part.
 * A save of a row two people may edit at once sends the `row_version` it started
 * from, and is refused as a `conflict` if someone saved the row since.
 */
export const appraisalApi = {
  list: () => call("appraisal_list"),
  schedule: () => call("appraisal_schedule"),
  settings: () => call("appraisal_settings_get"),
  saveSettings: (settings: Arg<"appraisal_settings_save", "settings">) => call("appraisal_settings_save", { settings }),
  start: (
    staffNumber: Arg<"appraisal_start",
    "staffNumber">,
    kind: Arg<"appraisal_start",
    "kind">,
  ) => call("appraisal_start", { staffNumber, kind }),
  get: (id: Arg<"appraisal_get", "id">) => call("appraisal_get", { id }),
  setStep: (
    id: Arg<"appraisal_set_step",
    "id">,
    step: Arg<"appraisal_set_step",
    "step">,
  ) => call("appraisal_set_step", { id, step }),
  cancel: (id: Arg<"appraisal_cancel", "id">) => call("appraisal_cancel", { id }),
  setMeetingDate: (
    id: Arg<"appraisal_set_meeting_date",
    "id">,
    date: Arg<"appraisal_set_meeting_date",
    "date">,
  ) => call("appraisal_set_meeting_date", { id, date }),
  setPreviousOutcome: (
    previousId: Arg<"appraisal_set_previous_outcome",
    "previousId">,
    outcome: Arg<"appraisal_set_previous_outcome",
    "outcome">,
    comments: Arg<"appraisal_set_previous_outcome",
    "comments">,
    expectedVersion: Arg<"appraisal_set_previous_outcome",
    "expectedVersion">,
  ) => call("appraisal_set_previous_outcome", { previousId, outcome, comments, expectedVersion }),
  setSelfLevel: (
    skillId: Arg<"appraisal_set_self_level",
    "skillId">,
    level: Arg<"appraisal_set_self_level",
    "level">,
    expectedVersion: Arg<"appraisal_set_self_level",
    "expectedVersion">,
  ) => call("appraisal_set_self_level", { skillId, level, expectedVersion }),
  setAgreedLevel: (
    skillId: Arg<"appraisal_set_agreed_level",
    "skillId">,
    level: Arg<"appraisal_set_agreed_level",
    "level">,
    expectedVersion: Arg<"appraisal_set_agreed_level",
    "expectedVersion">,
  ) => call("appraisal_set_agreed_level", { skillId, level, expectedVersion }),
  addObjective: (
    id: Arg<"appraisal_add_objective",
    "id">,
    input: Arg<"appraisal_add_objective",
    "input">,
  ) => call("appraisal_add_objective", { id, input }),
  updateObjective: (
    objectiveId: Arg<"appraisal_update_objective",
    "objectiveId">,
    input: Arg<"appraisal_update_objective",
    "input">,
    expectedVersion: Arg<"appraisal_update_objective",
    "expectedVersion">,
  ) => call("appraisal_update_objective", { objectiveId, input, expectedVersion }),
  removeObjective: (
    objectiveId: Arg<"appraisal_remove_objective",
    "objectiveId">,
  ) => call("appraisal_remove_objective", { objectiveId }),
  setKpi: (
    id: Arg<"appraisal_set_kpi",
    "id">,
    input: Arg<"appraisal_set_kpi",
    "input">,
  ) => call("appraisal_set_kpi", { id, input }),
  suggestLearningNeeds: (
    id: Arg<"appraisal_suggest_learning_needs",
    "id">,
  ) => call("appraisal_suggest_learning_needs", { id }),
  addPdpItem: (
    id: Arg<"appraisal_add_pdp_item",
    "id">,
    input: Arg<"appraisal_add_pdp_item",
    "input">,
  ) => call("appraisal_add_pdp_item", { id, input }),
  updatePdpItem: (
    itemId: Arg<"appraisal_update_pdp_item",
    "itemId">,
    input: Arg<"appraisal_update_pdp_item",
    "input">,
    expectedVersion: Arg<"appraisal_update_pdp_item",
    "expectedVersion">,
  ) => call("appraisal_update_pdp_item", { itemId, input, expectedVersion }),
  removePdpItem: (itemId: Arg<"appraisal_remove_pdp_item", "itemId">) => call("appraisal_remove_pdp_item", { itemId }),
  setWellbeing: (
    id: Arg<"appraisal_set_wellbeing",
    "id">,
    wellbeing: Arg<"appraisal_set_wellbeing",
    "wellbeing">,
  ) => call("appraisal_set_wellbeing", { id, wellbeing }),
  pay: (id: Arg<"appraisal_pay", "id">) => call("appraisal_pay", { id }),
  confirmPay: (
    id: Arg<"appraisal_confirm_pay",
    "id">,
    criterion: Arg<"appraisal_confirm_pay",
    "criterion">,
    met: Arg<"appraisal_confirm_pay",
    "met">,
    note: Arg<"appraisal_confirm_pay",
    "note">,
  ) => call("appraisal_confirm_pay", { id, criterion, met, note }),
  setComments: (
    id: Arg<"appraisal_set_comments",
    "id">,
    party: Arg<"appraisal_set_comments",
    "party">,
    comments: Arg<"appraisal_set_comments",
    "comments">,
  ) => call("appraisal_set_comments", { id, party, comments }),
  /** The signer types their own passphrase at this screen; they need not be the one signed in. */
  signOff: (
    id: Arg<"appraisal_sign_off",
    "id">,
    party: Arg<"appraisal_sign_off",
    "party">,
    signerStaffNumber: Arg<"appraisal_sign_off",
    "signerStaffNumber">,
    passphrase: Arg<"appraisal_sign_off",
    "passphrase">,
  ) => call("appraisal_sign_off", { id, party, signerStaffNumber, passphrase }),
  reopen: (
    id: Arg<"appraisal_reopen",
    "id">,
    reason: Arg<"appraisal_reopen",
    "reason">,
  ) => call("appraisal_reopen", { id, reason }),

  /** A person's current plan: the signed-in person's own without a staff number. */
  pdpCurrent: (
    staffNumber?: Arg<"pdp_current",
    "staffNumber">,
  ) => call("pdp_current", { staffNumber: staffNumber ?? null }),
  pdpTeam: () => call("pdp_team"),
  pdpSetProgress: (
    itemId: Arg<"pdp_set_progress",
    "itemId">,
    input: Arg<"pdp_set_progress",
    "input">,
  ) => call("pdp_set_progress", { itemId, input }),
};

/** How an export of a cycle's signed records ended. */
export type ExportReport = NonNullable<Result<"pdf_export_cycle">>;

/** Sent after each file of an export. */
export type ExportProgress = Events["pdf-export-progress"];

/**
 * Printed records. Each "save" shows the system's save dialog and resolves to
 * the path written, or null when the person cancelled.
 */
export const pdfApi = {
  saveAppraisal: (id: Arg<"pdf_save_appraisal", "id">) => call("pdf_save_appraisal", { id }),
  savePdp: (staffNumber: Arg<"pdf_save_pdp", "staffNumber">) => call("pdf_save_pdp", { staffNumber }),
  saveNccq: (staffNumber: Arg<"pdf_save_nccq", "staffNumber">) => call("pdf_save_nccq", { staffNumber }),
  /** Every signed record of a cycle into a chosen folder; null when the folder dialog was cancelled. */
  exportCycle: (cycle: Arg<"pdf_export_cycle", "cycle">) => call("pdf_export_cycle", { cycle }),
  /** Everything held about one person into a new folder inside a chosen one (a subject access request); null when cancelled. */
  exportPerson: (staffNumber: Arg<"person_export", "staffNumber">) => call("person_export", { staffNumber }),
  cancelExport: () => call("pdf_export_cancel"),
  /** Calls `onProgress` after each file of an export; resolves to the function that stops listening. */
  onExportProgress: (onProgress: (p: ExportProgress) => void): Promise<UnlistenFn> =>
    listen<Events["pdf-export-progress"]>("pdf-export-progress", (e) => onProgress(e.payload)),
  /** Shows a file or folder saved in this window in the system's viewer. */
  open: (path: Arg<"open_path", "path">) => call("open_path", { path }),
  /** Is a PDF exactly what Appraise printed? null when the dialog was cancelled. */
  verify: () => call("pdf_verify"),
  settings: () => call("print_settings_get"),
  saveSettings: (settings: Arg<"print_settings_save", "settings">) => call("print_settings_save", { settings }),
};

/** Pay steps, statutory and mandatory training, and the CPD log. */
export const trainingApi = {
  payStatus: (staffNumber: Arg<"pay_status", "staffNumber">) => call("pay_status", { staffNumber }),
  payConfirmStandard: (
    staffNumber: Arg<"pay_confirm_standard", "staffNumber">,
    input: Arg<"pay_confirm_standard", "input">,
  ) => call("pay_confirm_standard", { staffNumber, input }),
  payReview: (staffNumber: Arg<"pay_review", "staffNumber">, input: Arg<"pay_review", "input">) =>
    call("pay_review", { staffNumber, input }),
  view: (staffNumber: Arg<"training_view", "staffNumber">) => call("training_view", { staffNumber }),
  add: (staffNumber: Arg<"training_add", "staffNumber">, input: Arg<"training_add", "input">) =>
    call("training_add", { staffNumber, input }),
  import: (path: Arg<"training_import", "path">) => call("training_import", { path }),
  refreshers: () => call("training_refreshers"),
  cpdLog: (staffNumber: Arg<"cpd_log", "staffNumber">) => call("cpd_log", { staffNumber }),
  cpdAdd: (staffNumber: Arg<"cpd_add", "staffNumber">, input: Arg<"cpd_add", "input">) =>
    call("cpd_add", { staffNumber, input }),
};

/**
 * The Reports page: its figures, the skills heatmap, and saving a report
 * (CSV or Excel) or the team's calendar (.ics) through the save dialog;
 * each save resolves to the path written, or null when cancelled.
 */
export const reportsApi = {
  overview: () => call("reports_overview"),
  skillsHeatmap: () => call("skills_heatmap"),
  save: (name: Arg<"report_save", "name">, format: "csv" | "xlsx") => call("report_save", { name, format }),
  saveCalendar: (staffNumber?: string) => call("calendar_save", { staffNumber: staffNumber ?? null }),
};

/** The Retention page (the administrator's): core decides and refuses. */
export const retentionApi = {
  due: () => call("retention_due"),
  rules: () => call("retention_rules"),
  mark: (staffNumber: Arg<"retention_mark", "staffNumber">, reason: Arg<"retention_mark", "reason">) =>
    call("retention_mark", { staffNumber, reason }),
  hold: (staffNumber: Arg<"retention_hold", "staffNumber">, reason: Arg<"retention_hold", "reason">) =>
    call("retention_hold", { staffNumber, reason }),
  liftHold: (staffNumber: Arg<"retention_lift_hold", "staffNumber">, reason: Arg<"retention_lift_hold", "reason">) =>
    call("retention_lift_hold", { staffNumber, reason }),
  dispose: (staffNumber: Arg<"retention_dispose", "staffNumber">) => call("retention_dispose", { staffNumber }),
};
