//! The staff list as a person reads it: filtered by what they type (name,
//! staff number, band, team) and drawn a page of rows at a time, so a
//! department of hundreds does not draw every row at once.

import type { StaffView } from "./bindings";
import { fold, searchTerms } from "./framework";
import { fullName } from "./format";

/**
 * Rows drawn at first and added by each "Show more": a screenful or two to
 * read, and more than most coding departments (and the demonstration
 * department's 12 staff), which see everyone without paging.
 */
export const PAGE_SIZE = 50;

/**
 * What a person's row is found by: their name, staff number, band (as
 * "5" and "band 5") and team (their line manager's name, the team they are in).
 */
function searchable(m: StaffView): string {
  return fold([fullName(m), m.staff_number, `band ${m.band}`, m.manager_name ?? ""].join("\n"));
}

/** "band 5", "Band 8a" typed: the bands asked for, and the other words. */
function splitBands(query: string): { bands: string[]; words: string[] } {
  const bands: string[] = [];
  const rest = fold(query).replace(/\bband\s+(\S+)/g, (_, band: string) => {
    bands.push(band);
    return " ";
  });
  return { bands, words: searchTerms(rest) };
}

/**
 * The people a filter lets through, in the list's order: every word typed
 * must appear in their name, staff number, band or team, and "band 8"
 * keeps only that band (8a to 8d for "band 8"). An empty filter lets
 * everyone through.
 */
export function filterStaff(staff: StaffView[], query: string): StaffView[] {
  const { bands, words } = splitBands(query);
  if (!bands.length && !words.length) return staff;
  return staff.filter((m) => {
    const band = fold(m.band);
    if (!bands.every((b) => band.startsWith(b))) return false;
    const text = searchable(m);
    return words.every((t) => text.includes(t));
  });
}

/** The part of a list drawn: its first `limit` rows, and what the count line says. */
export type Page<T> = {
  rows: T[];
  /** How many rows match but are not drawn yet. */
  more: number;
  /** "Showing 1–100 of 500 people", "Showing all 12 people", "Showing 3 people who match (500 in all)". */
  count: string;
};

function people(n: number): string {
  return n === 1 ? "1 person" : `${n} people`;
}

/**
 * The first `limit` rows of `matching` (the rows a filter let through, of
 * `total` in all), and the count line saying how many are shown of how many.
 */
export function pageOf<T>(matching: T[], limit: number, total: number, filtered: boolean): Page<T> {
  const shown = Math.min(Math.max(limit, 0), matching.length);
  const more = matching.length - shown;
  const n = matching.length;
  let count: string;
  if (filtered) {
    const match = n === 1 ? "who matches" : "who match";
    if (n === 0) count = `No one matches (${people(total)} in all)`;
    else if (more === 0) count = `Showing ${people(n)} ${match} (${total} in all)`;
    else count = `Showing 1–${shown} of ${people(n)} ${match} (${total} in all)`;
  } else if (more === 0) {
    count = n === 1 ? "Showing 1 person" : `Showing all ${people(n)}`;
  } else {
    count = `Showing 1–${shown} of ${people(n)}`;
  }
  return { rows: matching.slice(0, shown), more, count };
}
