// The Reports page's data shaped for its charts and their table
// alternatives: pure functions, no drawing (the charts are Observable Plot).

import type { AppraisalCompliance, AuditPeriodAccuracy, NccqStatus, SkillsHeatmap } from "./bindings";
import { ukDate } from "./format";

/** One square of the heatmap, and what its colour means in words. */
export interface HeatCell {
  name: string;
  competency: string;
  expected: number;
  agreed: number | null;
  gap: number;
  /** "met", "gap 1", "gap 2+" or "not agreed": the colour's key. */
  band: string;
  /** As a table cell reads: "2 of 3 (gap 1)". */
  words: string;
}

export function gapBand(agreed: number | null, gap: number): string {
  if (agreed === null) return "not agreed";
  if (gap === 0) return "met";
  return gap === 1 ? "gap 1" : "gap 2+";
}

/** The heatmap's squares, one per person and competency they were assessed in. */
export function heatCells(map: SkillsHeatmap): HeatCell[] {
  return map.rows.flatMap((row) =>
    row.cells.map((c) => {
      const band = gapBand(c.agreed, c.gap);
      const level = c.agreed === null ? "not agreed" : `${c.agreed} of ${c.expected}`;
      return {
        name: row.name,
        competency: c.competency,
        expected: c.expected,
        agreed: c.agreed,
        gap: c.gap,
        band,
        words: c.gap > 0 ? `${level} (gap ${c.gap})` : level,
      };
    }),
  );
}

/** The table alternative: a row per person, a column per competency ("" where not assessed). */
export function heatTable(map: SkillsHeatmap): { name: string; cells: string[] }[] {
  const cells = heatCells(map);
  return map.rows.map((row) => ({
    name: row.name,
    cells: map.competencies.map((comp) => cells.find((c) => c.name === row.name && c.competency === comp)?.words ?? ""),
  }));
}

/** How many people fall short of their role in at least one competency. */
export function peopleWithGaps(map: SkillsHeatmap): number {
  return map.rows.filter((r) => r.cells.some((c) => c.gap > 0)).length;
}

/** Compliance over 12 months as points (dates as Date for the axis) and as table rows. */
export function compliancePoints(c: AppraisalCompliance): { on: Date; percent: number; label: string; in_post: number; appraised: number }[] {
  return c.months.map((m) => ({
    on: new Date(`${m.on}T00:00:00`),
    percent: m.percent,
    label: ukDate(m.on),
    in_post: m.in_post,
    appraised: m.appraised,
  }));
}

/** Mean accuracy per code type per period, one point each; periods with no results are left out. */
export function accuracyPoints(periods: AuditPeriodAccuracy[]): { period: string; codeType: string; mean: number }[] {
  return periods.flatMap((p) => p.code_types.map((c) => ({ period: p.period, codeType: CODE_TYPE_WORDS[c.code_type] ?? c.code_type, mean: c.mean })));
}

const CODE_TYPE_WORDS: Record<string, string> = {
  primary_diagnosis: "Primary diagnosis",
  secondary_diagnosis: "Secondary diagnosis",
  primary_procedure: "Primary procedure",
  secondary_procedure: "Secondary procedure",
};

/** The accuracy table: a row per period, a column per code type. */
export function accuracyTable(periods: AuditPeriodAccuracy[]): { period: string; means: string[] }[] {
  const types = Object.keys(CODE_TYPE_WORDS);
  return periods.map((p) => ({
    period: p.period,
    means: types.map((t) => {
      const c = p.code_types.find((x) => x.code_type === t);
      return c ? `${c.mean.toFixed(1)}%` : "no results";
    }),
  }));
}

export const CODE_TYPES = Object.values(CODE_TYPE_WORDS);

/** One trainee's span and their dates on the shared axis. */
export interface NccqSpan {
  name: string;
  start: Date;
  end: Date;
  state: string;
  sittings: Date[];
}

export function nccqSpans(team: NccqStatus[]): NccqSpan[] {
  const d = (iso: string) => new Date(`${iso}T00:00:00`);
  return team.map((s) => ({
    name: s.name,
    start: d(s.appointed),
    end: d(s.nccq_by),
    state: s.state.replace("_", " "),
    sittings: s.sittings_left.map(d),
  }));
}
