// The one module that talks to the Rust side. Every call goes through
// `call`, which turns whatever Tauri rejects with into an `AppError` with a
// `code` to match on and a `message` to show.
import { invoke } from "@tauri-apps/api/core";
import type {
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
  Actor,
  SessionStatus,
  RoleGrid,
  StaffInput,
  StaffMember,
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

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return (await invokeImpl(cmd, args)) as T;
  } catch (raw) {
    throw toAppError(raw);
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

  staffList: () => call<StaffMember[]>("staff_list"),
  staffGet: (staffNumber: string) => call<StaffMember>("staff_get", { staffNumber }),
  staffAdd: (input: StaffInput) => call<StaffMember>("staff_add", { input }),
  staffEdit: (staffNumber: string, input: StaffInput) => call<StaffMember>("staff_edit", { staffNumber, input }),
  /** The date the app works with, ISO. */
  today: () => call<string>("today"),
  /** The system's file-open dialog; null when cancelled. */
  pickFile: (title: string, extensions: string[]) => call<string | null>("pick_file", { title, extensions }),

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
};
