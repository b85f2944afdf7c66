// Words for the audit log: what each action and record type is called, and
// what changed, as plain lines of text (the page never renders HTML from a
// record).

import type { AuditEntry } from "./bindings";
import { ukDate } from "./format";

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
  training_record: "Training record",
  cpd_entry: "CPD log",
  pay_step_standard: "Pay-step standard",
  pay_step_review: "Pay-step review",
};

/** "Signed in" for "account.sign_in"; an action this version does not know keeps its code. */
export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action;
}

export function recordTypeLabel(table: string): string {
  return RECORD_TYPES[table] ?? table.replace(/_/g, " ");
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

function value(v: unknown): string {
  if (v === null || v === undefined || v === "") return "none";
  if (typeof v === "string") return /^\d{4}-\d{2}-\d{2}$/.test(v) ? ukDate(v) : v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
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
