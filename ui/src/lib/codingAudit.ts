// Words for coding audit results, shared by the person's page, the meeting
// and the department summary. Core judges; this only says it.
import type { AuditOutcome, CodeType, CodingAuditResult } from "./bindings";

export const CODE_TYPES: { field: CodeType; label: string }[] = [
  { field: "primary_diagnosis", label: "Primary diagnosis" },
  { field: "secondary_diagnosis", label: "Secondary diagnosis" },
  { field: "primary_procedure", label: "Primary procedure" },
  { field: "secondary_procedure", label: "Secondary procedure" },
];

const CODE_WORDS: Record<CodeType, string> = {
  primary_diagnosis: "primary diagnosis",
  secondary_diagnosis: "secondary diagnosis",
  primary_procedure: "primary procedure",
  secondary_procedure: "secondary procedure",
};

export const OUTCOME_LABEL: Record<AuditOutcome, string> = { exceeded: "Exceeded", met: "Met", not_met: "Not met" };
export const OUTCOME_TAG: Record<AuditOutcome, string> = {
  exceeded: "nhsuk-tag--green",
  met: "nhsuk-tag--blue",
  not_met: "nhsuk-tag--red",
};

/** 92, 91.5: as core prints them. */
export function percent(x: number): string {
  return `${Number.isInteger(x) ? x : Math.round(x * 10) / 10}%`;
}

/** "Not met: secondary procedure below the line", or the outcome alone. */
export function outcomeText(r: { outcome: AuditOutcome; below: CodeType[] }): string {
  const label = OUTCOME_LABEL[r.outcome];
  return r.below.length ? `${label}: ${r.below.map((c) => CODE_WORDS[c]).join(", ")} below the line` : label;
}

/** "up 1.5 points", "down 2 points", "no change". */
export function changeText(x: number | null, previous: string): string {
  if (x === null) return `No results in ${previous}`;
  const n = String(Math.round(Math.abs(x) * 10) / 10);
  const points = n === "1" ? "1 point" : `${n} points`;
  return x > 0 ? `Up ${points}` : x < 0 ? `Down ${points}` : "No change";
}

