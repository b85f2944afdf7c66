// Reading the NCCQ rules as the Settings page shows them: sitting dates one
// a line, pass marks one year a line ("2026: 80% practical, 75% theory" or
// just "2026 80 75"), with a message for each line that cannot be read.

import type { FieldError, PassMarks } from "./bindings";
import { isoDate } from "./audit";
import { ukDate } from "./format";

export function sittingsText(sittings: string[]): string {
  return sittings.map(ukDate).join("\n");
}

export function passMarksText(marks: PassMarks[]): string {
  return marks.map((m) => `${m.year}: ${m.practical}% practical, ${m.theory}% theory`).join("\n");
}

const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);

/** The sitting dates typed one a line, as ISO dates; an error for the first line that is not a date. */
export function readSittings(text: string): { sittings: string[]; error?: FieldError } {
  const sittings: string[] = [];
  for (const line of lines(text)) {
    const iso = isoDate(line);
    if (!iso) return { sittings, error: { field: "sittings", message: `${line} is not a date: write it as dd/mm/yyyy, one a line.` } };
    sittings.push(iso);
  }
  return { sittings };
}

/** The pass marks typed one year a line: the year, then the practical and theory marks in percent. */
export function readPassMarks(text: string): { marks: PassMarks[]; error?: FieldError } {
  const marks: PassMarks[] = [];
  for (const line of lines(text)) {
    const numbers = line.match(/\d+/g)?.map(Number) ?? [];
    if (numbers.length !== 3 || numbers[0] < 1900) {
      return {
        marks,
        error: { field: "pass_marks", message: `"${line}" should be a year and two marks, for example 2026: 80% practical, 75% theory.` },
      };
    }
    marks.push({ year: numbers[0], practical: numbers[1], theory: numbers[2] });
  }
  return { marks };
}

/** The pay-step years typed per band ("2, 5"): the table, or a message for each band that cannot be read. */
export function readPaySteps(texts: Record<string, string>): { steps: Record<string, number[]>; errors: FieldError[] } {
  const steps: Record<string, number[]> = {};
  const errors: FieldError[] = [];
  for (const [band, text] of Object.entries(texts)) {
    const parts = text.split(/[,\s]+/).filter(Boolean);
    if (parts.some((p) => !/^\d+$/.test(p))) {
      errors.push({ field: `pay_steps.${band}`, message: `Band ${band}: write the years as whole numbers separated by commas, for example 2, 5.` });
    } else steps[band] = parts.map(Number);
  }
  return { steps, errors };
}

/** Agenda for Change bands in pay order: 2 to 7, 8a to 8d, then 9 (not the text order, which puts 9 before 8a). */
export function bandOrder(bands: string[]): string[] {
  return [...bands].sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b));
}
