// What the window shows to whom. The backend decides every access (a coder
// asking for someone else's record is refused there); this only hides what
// a role may not use, so nobody meets a page that would refuse them.

import type { Actor, Role, SessionStatus } from "./bindings";

/** The screen the window shows before (or instead of) the app's pages. */
export type Screen = "loading" | "first_run" | "sign_in" | "unlock" | "change_passphrase" | "app";

/** Decides the screen from what the backend says about the session. */
export function screenFor(status: SessionStatus): Screen {
  if (status.first_run) return "first_run";
  if (!status.actor) return "sign_in";
  if (status.locked) return "unlock";
  if (status.actor.must_change_passphrase) return "change_passphrase";
  return "app";
}

/** Pages only some roles may use; every other page is open to anyone signed in. */
const RESTRICTED: Record<string, readonly Role[]> = {
  roles: ["administrator"],
  accounts: ["administrator"],
  audit: ["administrator"],
  team: ["administrator", "manager"],
};

export function mayUse(page: string, role: Role | undefined): boolean {
  if (!role) return false;
  const allowed = RESTRICTED[page];
  return !allowed || allowed.includes(role);
}

export const ROLE_LABEL: Record<Role, string> = {
  administrator: "Administrator",
  manager: "Line manager",
  coder: "Coder",
};

export function isAdministrator(actor: Actor | null | undefined): boolean {
  return actor?.role === "administrator";
}

/** May add staff: the administrator, or a line manager (to their own team). */
export function mayAddStaff(actor: Actor | null | undefined): boolean {
  return actor?.role === "administrator" || actor?.role === "manager";
}

/**
 * May change this person's staff and NCCQ records: the administrator, or a
 * line manager for someone else in the list they see (their reports). The
 * backend checks the line-management chain itself.
 */
export function mayEditStaff(actor: Actor | null | undefined, staffNumber: string): boolean {
  if (actor?.role === "administrator") return true;
  return actor?.role === "manager" && actor.staff_number !== staffNumber;
}

/** Left by `today` (both ISO): their records are shown, read-only. */
export function hasLeft(leaverDate: string | null | undefined, today: string): boolean {
  return !!leaverDate && !!today && leaverDate <= today;
}
