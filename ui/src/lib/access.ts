// What the window shows to whom, by role: the screen and the pages in the
// menu. The backend decides every access (a coder
// asking for someone else's record is refused there); this only hides what
// a role may not use, so nobody meets a page that would refuse them. What
// one may do on a page comes from core: `api.rights()` for the page-wide
// buttons, and with each record (`StaffView.rights`, `NccqView.rights`,
// `AppraisalView.rights`).

import type { Role, SessionStatus } from "./bindings";

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
  retention: ["administrator"],
  team: ["administrator", "manager"],
  pdps: ["administrator", "manager"],
  reports: ["administrator", "manager"],
  settings: ["administrator"],
  backups: ["administrator"],
};

export function mayUse(page: string, role: Role | undefined): boolean {
  if (!role) return false;
  const allowed = RESTRICTED[page];
  return !allowed || allowed.includes(role);
}

/**
 * Where each person lands after signing in — their own home page, never
 * the page the previous person left open.
 */
export function homePage(_role: Role): "home" {
  return "home";
}

export const ROLE_LABEL: Record<Role, string> = {
  administrator: "Administrator",
  manager: "Line manager",
  coder: "Coder",
};
