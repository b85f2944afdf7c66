// The appraisal meeting's words and small decisions of display: the steps
// a–h, which level statements to show for a competency, how a gap reads,
// and the inputs a form starts from. The rules themselves (which levels
// exist, the gap, who may write what) come from the backend.

import {
  ACTIVITY_TYPES,
  APPRAISAL_STEPS,
  KIND_STEPS,
  type ActivityType,
  type AppraisalDue,
  type AppraisalKind,
  type AppraisalStatus,
  type CompetencyNode,
  type FieldError,
  type FrameworkTree,
  type LevelStatements,
  type Objective,
  type ObjectiveInput,
  type Outcome,
  type PdpItem,
  type PdpItemInput,
  type PdpStatus,
  type SkillAssessment,
  type Step,
  type StepState,
} from "./bindings";
import { ukDate } from "./format";

export interface StepInfo {
  step: Step;
  label: string;
  /** a to h, as the meeting guide letters them. */
  letter: string;
  index: number;
}

/** The steps of the meeting in order, lettered a–h. */
export const STEPS: readonly StepInfo[] = APPRAISAL_STEPS.map((s, index) => ({
  step: s.step,
  label: s.label,
  letter: String.fromCharCode(97 + index),
  index,
}));

/**
 * The steps `kind` of meeting goes through, lettered in its own order: an
 * objective-setting meeting or a mid-year review has fewer than the annual
 * appraisal's eight.
 */
export function stepsOf(kind: AppraisalKind = "annual"): StepInfo[] {
  const own: readonly Step[] = KIND_STEPS[kind];
  return STEPS.filter((s) => own.includes(s.step)).map((s, index) => ({ ...s, letter: String.fromCharCode(97 + index), index }));
}

/** The step as `kind` of meeting letters it; the first step when it is not one of its own. */
export function stepInfo(step: Step, kind: AppraisalKind = "annual"): StepInfo {
  const steps = stepsOf(kind);
  return steps.find((s) => s.step === step) ?? steps[0];
}

/** The step after `step`, or null at the last. */
export function nextStep(step: Step, kind: AppraisalKind = "annual"): Step | null {
  return stepsOf(kind)[stepInfo(step, kind).index + 1]?.step ?? null;
}

/** The step before `step`, or null at the first. */
export function previousStep(step: Step, kind: AppraisalKind = "annual"): Step | null {
  const i = stepInfo(step, kind).index;
  return i > 0 ? stepsOf(kind)[i - 1].step : null;
}

/** Where a step stands, in words (and the mark the step list shows). */
export const STEP_STATE: Record<StepState, { text: string; mark: string }> = {
  complete: { text: "complete", mark: "✓" },
  incomplete: { text: "incomplete", mark: "" },
  not_applicable: { text: "not applicable", mark: "–" },
};

export const OUTCOMES: ReadonlyArray<{ outcome: Outcome; label: string }> = [
  { outcome: "met", label: "Met" },
  { outcome: "partly_met", label: "Partly met" },
  { outcome: "not_met", label: "Not met" },
  { outcome: "carried_forward", label: "Carried forward" },
];

export const KIND_LABEL: Record<AppraisalKind, string> = {
  annual: "Annual appraisal",
  mid_year: "Mid-year review",
  objective_setting: "Objective-setting meeting",
};

export const STATUS_LABEL: Record<AppraisalStatus, string> = {
  in_progress: "In progress",
  signed: "Signed",
  reopened: "Re-opened",
};

export const STATUS_TAG: Record<AppraisalStatus, string> = {
  in_progress: "nhsuk-tag nhsuk-tag--blue",
  signed: "nhsuk-tag nhsuk-tag--green",
  reopened: "nhsuk-tag nhsuk-tag--grey",
};

export const PDP_STATUS_LABEL: Record<PdpStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  completed: "Completed",
};

export function activityLabel(activity: ActivityType | string): string {
  return ACTIVITY_TYPES.find((a) => a.activity === activity)?.label ?? activity;
}

/**
 * The levels to read out for a competency: the expected level and the
 * defined levels either side of it (the nearest below and above), plus any
 * level already given, lowest first.
 */
export function levelsAround(skill: SkillAssessment): LevelStatements[] {
  const levels = skill.levels;
  const below = levels.filter((l) => l.level < skill.expected_level).at(-1);
  const above = levels.find((l) => l.level > skill.expected_level);
  const wanted = new Set<number>([skill.expected_level]);
  if (below) wanted.add(below.level);
  if (above) wanted.add(above.level);
  for (const given of [skill.self_level, skill.agreed_level]) if (given != null) wanted.add(given);
  return levels.filter((l) => wanted.has(l.level));
}

/** The level the gap is measured from: agreed, or until then self-assessed. */
export function currentLevel(skill: SkillAssessment): number | null {
  return skill.agreed_level ?? skill.self_level ?? null;
}

/** How the backend's gap reads on screen; empty when there is none. */
export function gapText(skill: SkillAssessment): string {
  if (skill.gap <= 0) return "";
  const basis = skill.agreed_level != null ? "agreed" : "self-assessed";
  const levels = skill.gap === 1 ? "1 level" : `${skill.gap} levels`;
  return `${levels} below the expected level ${skill.expected_level} (${basis} level ${currentLevel(skill)})`;
}

/** The competencies of a framework version, for a chooser: "ANCC · Coding accuracy". */
export interface CompetencyChoice {
  key: string;
  skillCode: string;
  competency: string;
  label: string;
  levels: number[];
}

export function competencyChoices(tree: FrameworkTree | null): CompetencyChoice[] {
  if (!tree) return [];
  return tree.skills.flatMap((skill) =>
    skill.competencies.map((c: CompetencyNode) => ({
      key: choiceKey(skill.code, c.name),
      skillCode: skill.code,
      competency: c.name,
      label: `${skill.code} · ${c.name}`,
      levels: c.levels.map((l) => l.level),
    })),
  );
}

export function choiceKey(skillCode: string, competency: string): string {
  return skillCode && competency ? `${skillCode}|${competency}` : "";
}

/** A form's starting point for an objective already saved. */
export function objectiveInput(o: Objective): ObjectiveInput {
  return {
    text: o.text,
    measure: o.measure,
    due: ukDate(o.due),
    framework_id: o.competency?.framework_id ?? null,
    skill_code: o.competency?.skill_code ?? "",
    competency: o.competency?.competency ?? "",
    target_level: o.target_level,
  };
}

export function emptyObjective(): ObjectiveInput {
  return { text: "", measure: "", due: "", framework_id: null, skill_code: "", competency: "", target_level: null };
}

/** A form's starting point for a PDP item already saved. */
export function pdpInput(i: PdpItem): PdpItemInput {
  return {
    learning_need: i.learning_need,
    activity: i.activity,
    description: i.description,
    target_date: ukDate(i.target_date),
    support: i.support,
    skill_code: i.skill_code ?? "",
    competency: i.competency ?? "",
  };
}

export function emptyPdpItem(): PdpItemInput {
  return {
    learning_need: "",
    activity: "course",
    description: "",
    target_date: "",
    support: "",
    skill_code: "",
    competency: "",
  };
}

/** Text people typed, ending as a sentence does (a full stop unless it has one). */
export function sentence(text: string): string {
  const t = text.trim();
  return !t || /[.!?]$/.test(t) ? t : `${t}.`;
}

/** "Saving…", "Saved", "Not saved" for the status line. */
export function saveStatusText(status: "idle" | "saving" | "saved" | "error"): string {
  switch (status) {
    case "saving":
      return "Saving…";
    case "saved":
      return "Saved";
    case "error":
      return "Not saved: see the message by the field";
    default:
      return "Every field is saved as you type";
  }
}

/** This cycle's annual appraisal is signed and no mid-year review exists yet. */
export function midYearStartable(d: Pick<AppraisalDue, "annual_status" | "mid_year_status">): boolean {
  return d.annual_status === "signed" && d.mid_year_status === null;
}

/**
 * The line the appraiser (or anyone but the appraisee) reads under the
 * wellbeing print choice: whose choice it is, and what they chose.
 */
export function wellbeingPrintOwner(appraisee: string, printed: boolean): string {
  const now = printed ? "is printed" : "is not printed";
  return `This is ${appraisee}'s choice to make; you can see it but not change it. At present the conversation ${now}.`;
}

/** The month names for a cycle's start, 1 (January) to 12 (December). */
export const MONTHS: readonly string[] = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/**
 * Whole numbers typed into a settings form: the numbers, or a message per
 * field that is not one (core checks the ranges).
 */
export function wholeNumbers<K extends string>(
  texts: Record<K, string>,
  labels: Record<K, string>,
): { values: Record<K, number>; errors: FieldError[] } {
  const values = {} as Record<K, number>;
  const errors: FieldError[] = [];
  for (const field of Object.keys(texts) as K[]) {
    const text = texts[field].trim();
    const n = Number(text);
    if (text === "" || !Number.isInteger(n) || n < 0) {
      errors.push({ field, message: `${labels[field]}: ${text || "nothing"} is not a whole number.` });
    } else {
      values[field] = n;
    }
  }
  return { values, errors };
}
