// Words and colours for the NCCQ pathway's statuses, shared by the team
// list and a trainee's page.

import type { NccqState } from "./bindings";

export const STATE_LABEL: Record<NccqState, string> = {
  on_track: "On track",
  at_risk: "At risk",
  missed: "Missed",
  achieved: "Achieved",
};

/** NHS.UK tag colours: green on track, orange at risk, red missed, blue achieved. */
export const STATE_TAG: Record<NccqState, string> = {
  on_track: "nhsuk-tag nhsuk-tag--green",
  at_risk: "nhsuk-tag nhsuk-tag--orange",
  missed: "nhsuk-tag nhsuk-tag--red",
  achieved: "nhsuk-tag nhsuk-tag--blue",
};

/** "314 days left", "1 day left", "due today", "passed 51 days ago". */
export function daysLeftText(days: number): string {
  if (days === 0) return "due today";
  if (days === 1) return "1 day left";
  if (days === -1) return "passed 1 day ago";
  if (days < 0) return `passed ${-days} days ago`;
  return `${days} days left`;
}
