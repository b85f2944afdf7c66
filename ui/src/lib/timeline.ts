// Turns a trainee's NCCQ status and record into a drawn timeline: every
// date worth a mark, its position on a horizontal line, and where its label
// goes so that labels do not sit on top of one another. Plain data, so the
// layout is tested without a browser; NccqTimeline.svelte only draws it.

import type { NccqRecord, NccqStatus, Paper } from "./bindings";
import { ukDate } from "./format";

export type MarkKind =
  | "appointed"
  | "course_deadline"
  | "course"
  | "course_booked"
  | "sitting"
  | "sitting_result"
  | "nccq_deadline"
  | "acc"
  | "refresher_due";

export interface SittingResult {
  paper: Paper;
  passed: boolean;
  score: number;
  passMark: number;
}

export interface Mark {
  kind: MarkKind;
  /** ISO date. */
  date: string;
  /** Where on the line. */
  x: number;
  /** The label, one string a line: title, dd/mm/yyyy date, then details. */
  lines: string[];
  /** Papers sat at this sitting (sitting_result only). */
  results: SittingResult[];
  /** Drawn past a break at the end of the line: too far ahead to scale. */
  beyond: boolean;
  side: "above" | "below";
  /** 0 next to the line, 1 the row further out, ... */
  tier: number;
  /** The label's box: centre x, top y, width, height. */
  box: { cx: number; top: number; width: number; height: number };
}

export interface Timeline {
  width: number;
  height: number;
  axisY: number;
  /** The scaled part of the line. */
  axisStart: number;
  axisEnd: number;
  /** Where the line resumes after a break, when some mark lies beyond. */
  beyondX: number | null;
  /** x of today on the line (clamped to it). */
  todayX: number;
  today: { date: string; lines: string[]; box: { cx: number; top: number; width: number; height: number } };
  years: Array<{ year: number; x: number }>;
  marks: Mark[];
  /** The whole timeline in words, for the image's aria-label. */
  summary: string;
}

export const WIDTH = 960;
export const LINE_HEIGHT = 17;
export const FONT_SIZE = 14;
/** A generous average width of a character at FONT_SIZE in Arial. */
const CHAR_WIDTH = 7.8;
const LABEL_PAD = 4;
const EDGE = 4;
const AXIS_PAD = 40;
const GAP_X = 10;
const GAP_Y = 8;
const MAX_TIERS = 4;
/** Clear space between the line and the nearest row of labels. */
const ABOVE_CLEAR = 24;
/** Below the line there are also the year labels. */
const BELOW_CLEAR = 40;
const TOP = 6;
const BOTTOM = 8;
/** Room for the break and the marks beyond it. */
const BEYOND_ROOM = 70;
/** Marks this many days past the end still stretch the line; later ones go beyond a break. */
const STRETCH_DAYS = 120;

const PAPER_LABEL: Record<Paper, string> = { practical: "Practical", theory: "Theory" };

/** Days since 1970-01-01 of an ISO date. */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function percent(n: number): string {
  return `${n}%`;
}

export function resultLine(r: SittingResult): string {
  return `${PAPER_LABEL[r.paper]} ${r.passed ? "passed" : "failed"} (${percent(r.score)})`;
}

interface Draft {
  kind: MarkKind;
  date: string;
  title: string[];
  results: SittingResult[];
}

/** Order of marks on the same day: what happened before what is due. */
const SAME_DAY_ORDER: MarkKind[] = [
  "appointed",
  "course",
  "course_booked",
  "sitting_result",
  "sitting",
  "acc",
  "course_deadline",
  "nccq_deadline",
  "refresher_due",
];

/** Every dated event worth a mark, without positions. */
export function collectMarks(status: NccqStatus, record: NccqRecord, today: string): Draft[] {
  const drafts: Draft[] = [
    { kind: "appointed", date: status.appointed, title: ["Appointed"], results: [] },
    { kind: "course_deadline", date: status.standards_course_start_by, title: ["Standards course", "start deadline"], results: [] },
    { kind: "nccq_deadline", date: status.nccq_by, title: ["NCCQ deadline"], results: [] },
  ];
  for (const c of record.courses) {
    const booked = dayNumber(c.start) > dayNumber(today);
    const name = c.kind === "standards" ? "Standards course" : "Refresher course";
    drafts.push({ kind: booked ? "course_booked" : "course", date: c.start, title: [name, booked ? "booked" : "started"], results: [] });
  }
  const sittings = new Map<string, SittingResult[]>();
  for (const a of record.exams) {
    const list = sittings.get(a.sitting) ?? [];
    list.push({ paper: a.paper, passed: a.passed, score: a.score, passMark: a.pass_mark });
    sittings.set(a.sitting, list);
  }
  for (const s of status.sittings_left) if (!sittings.has(s)) sittings.set(s, []);
  for (const [date, results] of sittings) {
    drafts.push({ kind: results.length ? "sitting_result" : "sitting", date, title: ["Sitting"], results });
  }
  if (status.acc_date) drafts.push({ kind: "acc", date: status.acc_date, title: ["ACC awarded"], results: [] });
  if (status.next_refresher_due) {
    drafts.push({ kind: "refresher_due", date: status.next_refresher_due, title: ["Refresher due"], results: [] });
  }
  return drafts.sort(
    (a, b) => dayNumber(a.date) - dayNumber(b.date) || SAME_DAY_ORDER.indexOf(a.kind) - SAME_DAY_ORDER.indexOf(b.kind),
  );
}

function labelWidth(lines: string[]): number {
  return Math.ceil(Math.max(...lines.map((l) => l.length)) * CHAR_WIDTH) + 2 * LABEL_PAD;
}

function clampCentre(x: number, width: number): number {
  return Math.min(Math.max(x, EDGE + width / 2), WIDTH - EDGE - width / 2);
}

export function describeMark(m: { kind: MarkKind; date: string; results: SittingResult[]; title: string[] }): string {
  const date = ukDate(m.date);
  switch (m.kind) {
    case "appointed":
      return `appointed ${date}`;
    case "course_deadline":
      return `Standards course to start by ${date}`;
    case "course":
    case "course_booked":
      return `${m.title.join(" ")} ${date}`;
    case "sitting":
      return `sitting ${date}`;
    case "sitting_result":
      return `sitting ${date}: ${m.results.map(resultLine).join(", ")}`;
    case "nccq_deadline":
      return `NCCQ deadline ${date}`;
    case "acc":
      return `ACC awarded ${date}`;
    case "refresher_due":
      return `refresher course due ${date}`;
  }
}

/**
 * Lays out the timeline: a line from the appointment (or earliest mark) to
 * the NCCQ deadline (or the latest mark, today included), a mark per event,
 * and each label in the first free row, alternating above and below.
 */
export function buildTimeline(status: NccqStatus, record: NccqRecord, today: string): Timeline {
  const drafts = collectMarks(status, record, today);
  const todayDay = dayNumber(today);

  // The scaled range: everything up to a little past the NCCQ deadline (or
  // today); a mark far beyond that (a refresher years ahead) goes past a break.
  const days = drafts.map((d) => dayNumber(d.date));
  const first = Math.min(...days, todayDay);
  const core = Math.max(dayNumber(status.nccq_by), todayDay);
  let last = core;
  for (const d of days) if (d <= core + STRETCH_DAYS) last = Math.max(last, d);
  const span = Math.max(last - first, 30);
  const pad = Math.max(span * 0.02, 10);
  const from = first - pad;
  const to = last + pad;
  const hasBeyond = days.some((d) => d > last);

  const axisStart = AXIS_PAD;
  const axisEnd = WIDTH - AXIS_PAD - (hasBeyond ? BEYOND_ROOM : 0);
  const beyondX = hasBeyond ? WIDTH - AXIS_PAD - 10 : null;
  const xOf = (day: number) => axisStart + ((day - from) / (to - from)) * (axisEnd - axisStart);

  // Rows of labels: the right edge of the last label placed in each.
  const rowRight = new Map<string, number>();
  const rowKey = (side: string, tier: number) => `${side}${tier}`;
  let previous: "above" | "below" = "below";
  const placed = drafts.map((d) => {
    const day = dayNumber(d.date);
    const beyond = day > last;
    const x = beyond ? (beyondX as number) : xOf(day);
    const lines = [...d.title, ukDate(d.date), ...d.results.map(resultLine)];
    const width = labelWidth(lines);
    const cx = clampCentre(x, width);
    const left = cx - width / 2;

    const preferred: "above" | "below" = previous === "above" ? "below" : "above";
    const other = preferred === "above" ? "below" : "above";
    const tries: Array<["above" | "below", number]> = [];
    for (let tier = 0; tier < MAX_TIERS; tier++) tries.push([preferred, tier], [other, tier]);
    let choice = tries.find(([side, tier]) => left >= (rowRight.get(rowKey(side, tier)) ?? -Infinity) + GAP_X);
    if (!choice) {
      // Every row is taken here: the one that overlaps least.
      choice = tries.reduce((best, t) =>
        (rowRight.get(rowKey(...t)) ?? -Infinity) < (rowRight.get(rowKey(...best)) ?? -Infinity) ? t : best,
      );
    }
    const [side, tier] = choice;
    rowRight.set(rowKey(side, tier), cx + width / 2);
    previous = side;
    return { draft: d, day, beyond, x, lines, side, tier, cx, width, height: lines.length * LINE_HEIGHT };
  });

  // Row heights, then vertical positions: rows above grow upwards from the
  // line, rows below downwards; today's label has the top row to itself.
  const rowHeight = (side: string, tier: number) =>
    Math.max(0, ...placed.filter((p) => p.side === side && p.tier === tier).map((p) => p.height));
  const above = Array.from({ length: MAX_TIERS }, (_, t) => rowHeight("above", t));
  const below = Array.from({ length: MAX_TIERS }, (_, t) => rowHeight("below", t));
  const stack = (heights: number[]) => heights.filter((h) => h > 0).reduce((sum, h) => sum + h + GAP_Y, 0);

  const todayLines = ["Today", ukDate(today)];
  const todayHeight = todayLines.length * LINE_HEIGHT;
  const axisY = TOP + todayHeight + GAP_Y + stack(above) + ABOVE_CLEAR;

  const rowTop = (side: "above" | "below", tier: number, height: number): number => {
    if (side === "above") {
      let bottom = axisY - ABOVE_CLEAR;
      for (let t = 0; t < tier; t++) if (above[t] > 0) bottom -= above[t] + GAP_Y;
      return bottom - height; // sit close to the line
    }
    let top = axisY + BELOW_CLEAR;
    for (let t = 0; t < tier; t++) if (below[t] > 0) top += below[t] + GAP_Y;
    return top;
  };

  const marks: Mark[] = placed.map((p) => ({
    kind: p.draft.kind,
    date: p.draft.date,
    x: p.x,
    lines: p.lines,
    results: p.draft.results,
    beyond: p.beyond,
    side: p.side,
    tier: p.tier,
    box: { cx: p.cx, top: rowTop(p.side, p.tier, p.height), width: p.width, height: p.height },
  }));

  const todayX = Math.min(Math.max(xOf(todayDay), axisStart), axisEnd);
  const todayWidth = labelWidth(todayLines);
  const height = axisY + BELOW_CLEAR + stack(below) + BOTTOM;

  const years: Array<{ year: number; x: number }> = [];
  const firstYear = new Date(from * 86_400_000).getUTCFullYear() + 1;
  const lastYear = new Date(to * 86_400_000).getUTCFullYear();
  for (let y = firstYear; y <= lastYear; y++) {
    years.push({ year: y, x: xOf(Date.UTC(y, 0, 1) / 86_400_000) });
  }

  return {
    width: WIDTH,
    height,
    axisY,
    axisStart,
    axisEnd,
    beyondX,
    todayX,
    today: { date: today, lines: todayLines, box: { cx: clampCentre(todayX, todayWidth), top: TOP, width: todayWidth, height: todayHeight } },
    years,
    marks,
    summary: summarise(status, drafts, today),
  };
}

/** "NCCQ timeline for …: appointed 01/10/2025; …; today 21/11/2026; …." */
function summarise(status: NccqStatus, drafts: Draft[], today: string): string {
  const todayDay = dayNumber(today);
  const parts: string[] = [];
  let todaySaid = false;
  for (const d of drafts) {
    if (!todaySaid && dayNumber(d.date) > todayDay) {
      parts.push(`today ${ukDate(today)}`);
      todaySaid = true;
    }
    parts.push(describeMark(d));
  }
  if (!todaySaid) parts.push(`today ${ukDate(today)}`);
  return `NCCQ timeline for ${status.name}: ${parts.join("; ")}.`;
}
