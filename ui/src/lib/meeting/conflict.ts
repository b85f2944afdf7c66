// What a row of the meeting shows when its save was refused as a
// `conflict`: someone saved the same row after this window read it. Core's
// message says who and when; the card keeps what this person typed and can
// show the saved version beside it, field by field, until the person
// reloads. Plain data, tested without a browser; Conflict.svelte draws it.

import type { LevelStatements, ObjectiveInput, Outcome, PdpItemInput } from "../bindings";
import type { AppError } from "../ipc";
import { OUTCOMES, activityLabel } from "../appraisal";

/** A row's fields as a person reads them: label and text, in form order. */
export type Fields = ReadonlyArray<readonly [label: string, text: string]>;

/** One field of the saved version beside the same field as typed. */
export interface ComparedField {
  label: string;
  theirs: string;
  yours: string;
  differs: boolean;
}

/** The saved version, as far as the card has read it. */
export type Theirs =
  | { state: "hidden" }
  | { state: "reading" }
  | { state: "shown"; fields: Fields }
  /** The row is no longer there (taken out since). */
  | { state: "gone" }
  | { state: "failed"; message: string };

/** What the card shows about a conflict. */
export interface ConflictView {
  /** Core's words: who changed it and when, and that nothing was saved. */
  message: string;
  /** The id of the message, for the fields' aria-describedby. */
  errorId: string;
  seeLabel: string;
  /** Whether the saved version is open beside what was typed. */
  expanded: boolean;
  /** The fields that differ, theirs beside what was typed; null until read. */
  compare: ComparedField[] | null;
  /** A line under the comparison (the fields that are the same in both), or instead of it: reading, gone, or why it failed. */
  note: string | null;
}

/** Shown for a field with nothing in it, so an empty cell still reads. */
export const NOTHING = "Nothing entered";

/** The id of the conflict message for the save keyed `key`. */
export function conflictErrorId(key: string): string {
  return `${key}-conflict-error`;
}

/** Core's message when `error` is a conflict with someone else's save. */
export function conflictMessage(error: AppError | undefined): string | undefined {
  return error?.code === "conflict" ? error.message : undefined;
}

/** Ids for aria-describedby, leaving out those not on the page; undefined when none are. */
export function describedBy(...ids: Array<string | false | null | undefined>): string | undefined {
  const present = ids.filter((id): id is string => typeof id === "string" && id !== "");
  return present.length ? present.join(" ") : undefined;
}

/** Each field of `theirs` beside the same field of `yours`, marking those that differ. */
export function compareFields(theirs: Fields, yours: Fields): ComparedField[] {
  const typed = new Map(yours.map(([label, text]) => [label, text]));
  return theirs.map(([label, text]) => {
    const mine = typed.get(label) ?? "";
    return {
      label,
      theirs: text.trim() || NOTHING,
      yours: mine.trim() || NOTHING,
      differs: text.trim() !== mine.trim(),
    };
  });
}

/** What the card shows for the save keyed `key`: nothing when it was not refused as a conflict. */
export function conflictView(key: string, error: AppError | undefined, theirs: Theirs, yours: Fields): ConflictView | null {
  const message = conflictMessage(error);
  if (message === undefined) return null;
  const expanded = theirs.state !== "hidden";
  let compare: ComparedField[] | null = null;
  let note: string | null = null;
  if (theirs.state === "reading") note = "Reading their version…";
  else if (theirs.state === "gone") note = "It has been taken out since, so there is no saved version to compare.";
  else if (theirs.state === "failed") note = theirs.message;
  else if (theirs.state === "shown") {
    const fields = compareFields(theirs.fields, yours);
    compare = fields.filter((f) => f.differs);
    const same = fields.filter((f) => !f.differs).map((f) => f.label);
    note = compare.length === 0 ? "Their version is the same as what is on your screen." : sameNote(same);
  }
  return {
    message,
    errorId: conflictErrorId(key),
    seeLabel: expanded ? "Hide their version" : "See their version",
    expanded,
    compare,
    note,
  };
}

/** "The same in both: target level, measure of success and due date." */
function sameNote(labels: string[]): string | null {
  if (labels.length === 0) return null;
  const names = labels.map((l) => l.charAt(0).toLowerCase() + l.slice(1));
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `The same in both: ${list}.`;
}

function levelText(level: number | null, levels: readonly LevelStatements[] = []): string {
  if (level == null) return "";
  const named = levels.find((l) => l.level === level);
  return named ? `Level ${level}: ${named.level_name}` : `Level ${level}`;
}

/** An objective's fields, as typed or as saved (through `objectiveInput`). */
export function objectiveFields(input: ObjectiveInput): Fields {
  return [
    ["Objective", input.text],
    ["Competency", input.skill_code && input.competency ? `${input.skill_code} · ${input.competency}` : ""],
    ["Target level", levelText(input.target_level)],
    ["Measure of success", input.measure],
    ["Due date", input.due],
  ];
}

/** A PDP item's fields, as typed or as saved (through `pdpInput`). */
export function pdpFields(input: PdpItemInput): Fields {
  return [
    ["Learning need", input.learning_need],
    ["Activity", activityLabel(input.activity)],
    ["Target date", input.target_date],
    ["What the activity is", input.description],
    ["Support needed", input.support],
  ];
}

/** One of last year's objectives, as reviewed. */
export function previousFields(outcome: Outcome | null, comments: string): Fields {
  return [
    ["Outcome", OUTCOMES.find((o) => o.outcome === outcome)?.label ?? ""],
    ["Comments", comments],
  ];
}

/** A skill's two levels, named as the framework names them. */
export function skillFields(
  skill: { self_level: number | null; agreed_level: number | null },
  levels: readonly LevelStatements[],
): Fields {
  return [
    ["Self-assessed level", levelText(skill.self_level, levels)],
    ["Agreed level", levelText(skill.agreed_level, levels)],
  ];
}
