// Words for the audit log: what each action and record type is called in
// people's words, where its record is in the window (a link), and what
// changed, as plain lines of text (the page never renders HTML from a
// record).

import type { AuditEntry } from "./bindings";
import { ukDate } from "./format";
import { href } from "./route";

const ACTIONS: Record<string, string> = {
  "account.create": "Account created",
  "account.sign_in": "Signed in",
  "account.passphrase_refused": "Wrong passphrase",
  "account.passphrase_change": "Changed their passphrase",
  "account.passphrase_reset": "Passphrase reset",
  "account.role_change": "Role changed",
  "staff.add": "Staff member added",
  "staff.edit": "Staff record changed",
  "staff.import": "Imported from ESR",
  "staff.leaver": "Marked as a leaver",
  "staff.reinstate": "Leaving date undone",
  "setting.change": "Setting changed",
  "nccq.course_add": "NCCQ course recorded",
  "nccq.exam_add": "NCCQ exam result recorded",
  "nccq.membership_set": "IHRIM membership recorded",
  "framework.import": "Skills framework imported",
  "framework.expectation_set": "Role profile level set",
  "framework.role_add": "Role added",
  "appraisal.start": "Appraisal started",
  "appraisal.step": "Moved to another step of the meeting",
  "appraisal.meeting_date": "Meeting date changed",
  "appraisal.previous_outcome": "Last year's objective reviewed",
  "appraisal.self_level": "Self-assessed skill level set",
  "appraisal.agreed_level": "Agreed skill level set",
  "appraisal.objective_add": "Objective added",
  "appraisal.objective_update": "Objective changed",
  "appraisal.objective_remove": "Objective removed",
  "appraisal.kpi": "Coding accuracy objective set",
  "appraisal.pdp_add": "Learning need added to the PDP",
  "appraisal.pdp_update": "PDP learning need changed",
  "appraisal.pdp_remove": "PDP learning need removed",
  "appraisal.wellbeing": "Wellbeing conversation recorded",
  "appraisal.pay_confirm": "Pay progression confirmed",
  "appraisal.comments": "Comments written",
  "appraisal.sign": "Appraisal signed",
  "appraisal.reopen": "Signed appraisal re-opened",
  "pdp.progress": "PDP progress recorded",
  "appraisal.cancel": "Appraisal meeting cancelled",
  "coding_audit.add": "Coding audit result added",
  "framework.role_coding_set": "Role marked as a coding role or not",
  "database.backup": "Database backed up",
  "database.restore": "Database restored from a backup",
  "retention.mark": "Records marked for disposal",
  "retention.hold": "Legal hold put on records",
  "retention.lift_hold": "Legal hold lifted",
  "retention.dispose": "Records disposed of",
  "training.add": "Training recorded",
  "training.import": "Training imported",
  "cpd.add": "CPD logged",
  "pay.standard_confirm": "Pay-step standard confirmed",
  "pay.review": "Pay-step review recorded",
};

const RECORD_TYPES: Record<string, string> = {
  account: "Account",
  staff: "Staff record",
  setting: "Setting",
  // Written before the settings moved into one table (migration 0006).
  app_setting: "Setting",
  nccq_setting: "NCCQ settings",
  nccq_course: "NCCQ course",
  nccq_exam_attempt: "NCCQ exam result",
  ihrim_membership: "IHRIM membership",
  framework: "Skills framework",
  role_profile: "Role profile",
  role_expectation: "Role profile level",
  appraisal: "Appraisal",
  pdp_item: "PDP learning need",
  database: "Database",
  training_record: "Training record",
  cpd_entry: "CPD log",
  pay_step_standard: "Pay-step standard",
  pay_step_review: "Pay-step review",
  coding_audit: "Coding audit",
  retention_case: "Retention",
  demo: "Demonstration department",
};

/** Each setting topic by the name its part of the Settings page has. */
const SETTING_TOPICS: Record<string, string> = {
  appraisal: "appraisal settings",
  nccq: "NCCQ rules",
  print: "printed records",
  idle_lock_minutes: "idle lock",
  pay_steps: "pay steps",
  "pay_steps.review_weeks": "pay-step reviews",
  "training.required": "statutory and mandatory training",
};

/** "Signed in" for "account.sign_in"; an action this version does not know keeps its code. */
export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action;
}

export function recordTypeLabel(table: string): string {
  return RECORD_TYPES[table] ?? table.replace(/_/g, " ");
}

/** The record an entry is about, in words: "Appraisal 12", "Setting: NCCQ rules", "NCCQ course of 100001". */
export function recordLabel(e: Pick<AuditEntry, "table" | "record_id">): string {
  const type = recordTypeLabel(e.table);
  if (e.table === "setting" || e.table === "app_setting") return `${type}: ${SETTING_TOPICS[e.record_id] ?? e.record_id.replace(/_/g, " ")}`;
  if (e.table.startsWith("nccq_") || e.table === "ihrim_membership") return `${type} of ${e.record_id}`;
  return e.record_id ? `${type} ${e.record_id}` : type;
}

/**
 * Where the record is in the window, or null where it has no page: an
 * appraisal its meeting, an NCCQ record the trainee's pathway, a staff record
 * or account its list, a setting the Settings page.
 */
export function recordLink(e: Pick<AuditEntry, "table" | "record_id">): string | null {
  const id = Number(e.record_id);
  switch (e.table) {
    case "appraisal":
      return Number.isInteger(id) && id > 0 ? href({ page: "appraisals", id }) : null;
    case "nccq_course":
    case "nccq_exam_attempt":
    case "ihrim_membership":
      return e.record_id ? href({ page: "nccq", staffNumber: e.record_id }) : null;
    case "staff":
      return href({ page: "staff" });
    case "account":
      return href({ page: "accounts" });
    case "setting":
    case "app_setting":
    case "nccq_setting":
      return href({ page: "settings" });
    case "framework":
      return href({ page: "framework" });
    case "role_profile":
    case "role_expectation":
      return href({ page: "roles" });
    default:
      return null;
  }
}

/** "2026-11-21T10:05:09" -> "21/11/2026 10:05:09". */
export function when(at: string): string {
  const [date, time = ""] = at.split("T");
  return `${ukDate(date)} ${time}`.trim();
}

export function who(e: AuditEntry): string {
  if (e.actor === "system") return "System (command line)";
  return e.actor_name ? `${e.actor_name} (${e.actor})` : e.actor;
}

/** A stored value as people read it: dates as dd/mm/yyyy, lists joined, a record as "name value" pairs (never JSON). */
function value(v: unknown): string {
  if (v === null || v === undefined || v === "") return "none";
  if (typeof v === "string") return /^\d{4}-\d{2}-\d{2}$/.test(v) ? ukDate(v) : v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return v.length ? v.map(value).join("; ") : "none";
  if (typeof v === "object") {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k.replace(/_/g, " ")} ${value(x)}`)
      .join(", ");
  }
  return String(v);
}

function isChange(v: unknown): v is { from: unknown; to: unknown } {
  return !!v && typeof v === "object" && !Array.isArray(v) && "from" in v && "to" in v && Object.keys(v).length === 2;
}

/** What changed, a line per field: "band: 3 → 4" for a change, "forename: Zoë" for a value. */
export function detailLines(detail: unknown): string[] {
  if (detail === null || detail === undefined) return [];
  if (typeof detail !== "object" || Array.isArray(detail)) return [value(detail)];
  const lines: string[] = [];
  for (const [key, v] of Object.entries(detail as Record<string, unknown>)) {
    const label = key.replace(/_/g, " ");
    if (isChange(v)) lines.push(`${label}: ${value(v.from)} → ${value(v.to)}`);
    else if (v && typeof v === "object" && !Array.isArray(v)) {
      for (const line of detailLines(v)) lines.push(`${label} ${line}`);
    } else if (v !== null && v !== "") lines.push(`${label}: ${value(v)}`);
  }
  return lines;
}

/** dd/mm/yyyy (or ISO) -> ISO; null for empty; undefined when it is not a date. */
export function isoDate(text: string): string | null | undefined {
  const t = text.trim();
  if (!t) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
    if (!m) return undefined;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
