// The skills framework pages' logic, kept out of the components so it can be
// tested: choosing a version, filtering the tree, marking search matches and
// the choices of a role-grid cell.
import {
  LEVEL_NAMES,
  type CompetencyNode,
  type FrameworkSummary,
  type RoleGridRow,
  type SkillNode,
  type SourceFormat,
} from "./bindings";
import { ukDate } from "./format";

// ---- Versions -------------------------------------------------------------

/** The newest version stored (the list comes oldest first, by id). */
export function newestFramework(list: FrameworkSummary[]): FrameworkSummary | undefined {
  return list.reduce<FrameworkSummary | undefined>((best, f) => (!best || f.id > best.id ? f : best), undefined);
}

// The version chosen on either page, so the framework browser and the role
// profiles show the same one until the app restarts.
let chosen: number | null = null;

export function rememberFramework(id: number): void {
  chosen = id;
}

/** The version to show: the one chosen last, if still stored, else the newest. */
export function frameworkToShow(list: FrameworkSummary[]): number | undefined {
  if (chosen !== null && list.some((f) => f.id === chosen)) return chosen;
  return newestFramework(list)?.id;
}

/** "2026-11-21T10:30:00.123" -> "21/11/2026 10:30". */
export function ukDateTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(iso);
  return m ? `${ukDate(m[1])} ${m[2]}` : ukDate(iso);
}

/** How a version is named in a chooser. */
export function frameworkLabel(f: FrameworkSummary): string {
  const origin = f.builtin ? "built in" : `imported ${ukDateTime(f.imported_at)}`;
  return `${f.name}, version ${f.version} (${origin})`;
}

/** What a place in a file is called: a text file has lines, a spreadsheet rows. */
export function placeWord(format: SourceFormat): "Line" | "Row" {
  return format === "csv" ? "Row" : "Line";
}

export function levelName(level: number): string {
  return LEVEL_NAMES[level - 1] ?? "";
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The line under a warning list that core cut short; empty when every warning is listed. */
export function notListedText(notListed: number): string {
  return notListed > 0 ? `… and ${plural(notListed, "more warning")} not listed.` : "";
}

// ---- Search ---------------------------------------------------------------

/**
 * A character as search compares it: lower case, without accents, with
 * curly quotes and dashes as their plain forms.
 */
function foldChar(c: string): string {
  return c
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010-\u2015]/g, "-");
}

/** Text as search compares it (see `foldChar`). */
export function fold(text: string): string {
  return Array.from(text, foldChar).join("");
}

/** The words of a search, folded; empty when there is nothing to search for. */
export function searchTerms(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

export type FrameworkFilter = {
  /** A skill code, or "" for every skill. */
  skill: string;
  /** 1 to 7, or null for every level. */
  level: number | null;
  /** Words that must all appear in the competency's name or the level's statements. */
  query: string;
};

export const NO_FILTER: FrameworkFilter = { skill: "", level: null, query: "" };

/**
 * The part of a framework a filter lets through: the skills with a
 * competency left, the competencies with a level left, and of each
 * competency only the levels that match.
 *
 * A level matches the search when every word of it is in the competency's
 * name or the level's statements (so "coding accuracy ICD10" finds the
 * level of Coding accuracy that names ICD10). Searching for a competency's
 * name keeps all its levels.
 */
export function filterSkills(skills: SkillNode[], filter: FrameworkFilter): SkillNode[] {
  const terms = searchTerms(filter.query);
  const out: SkillNode[] = [];
  for (const skill of skills) {
    if (filter.skill && skill.code !== filter.skill) continue;
    const competencies: CompetencyNode[] = [];
    for (const c of skill.competencies) {
      const name = fold(c.name);
      const levels = c.levels.filter((l) => {
        if (filter.level !== null && l.level !== filter.level) return false;
        if (!terms.length) return true;
        const text = `${name}\n${l.statements.map((s) => fold(s.text)).join("\n")}`;
        return terms.every((t) => text.includes(t));
      });
      if (levels.length) competencies.push({ ...c, levels });
    }
    if (competencies.length) out.push({ ...skill, competencies });
  }
  return out;
}

/** How many competencies and statements a (filtered) tree holds. */
export function countTree(skills: SkillNode[]): { competencies: number; statements: number } {
  let competencies = 0;
  let statements = 0;
  for (const s of skills) {
    for (const c of s.competencies) {
      competencies++;
      for (const l of c.levels) statements += l.statements.length;
    }
  }
  return { competencies, statements };
}

export type Segment = { text: string; match: boolean };

/**
 * `text` split into the parts that match a search word and the parts that
 * do not, to mark matches without building HTML. Matching ignores case and
 * accents, as the search does; the parts keep the text as written.
 */
export function highlight(text: string, terms: string[]): Segment[] {
  if (!terms.length || !text) return text ? [{ text, match: false }] : [];
  // Fold character by character, remembering where each folded character
  // came from, so a match maps back onto the original text.
  const chars = Array.from(text);
  let folded = "";
  const origin: number[] = []; // folded index -> index in `chars`
  chars.forEach((c, i) => {
    const f = foldChar(c);
    folded += f;
    for (let k = 0; k < f.length; k++) origin.push(i);
  });
  const marked = new Array<boolean>(chars.length).fill(false);
  for (const term of terms) {
    let from = 0;
    for (;;) {
      const at = folded.indexOf(term, from);
      if (at < 0) break;
      for (let k = at; k < at + term.length; k++) marked[origin[k]] = true;
      from = at + term.length;
    }
  }
  const segments: Segment[] = [];
  chars.forEach((c, i) => {
    const last = segments[segments.length - 1];
    if (last && last.match === marked[i]) last.text += c;
    else segments.push({ text: c, match: marked[i] });
  });
  return segments;
}

// ---- Role profiles --------------------------------------------------------

export type RowGroup = { code: string; name: string; rows: Array<{ row: RoleGridRow; index: number }> };

/** The grid's rows under their skills, in the grid's order; `index` is the row's place in the grid. */
export function groupRows(rows: RoleGridRow[]): RowGroup[] {
  const groups: RowGroup[] = [];
  rows.forEach((row, index) => {
    let group = groups.find((g) => g.code === row.skill_code);
    if (!group) {
      group = { code: row.skill_code, name: row.skill_name, rows: [] };
      groups.push(group);
    }
    group.rows.push({ row, index });
  });
  return groups;
}

export type Choice = { value: string; label: string };

/**
 * The choices in one cell: not expected, then each level the competency is
 * defined at, as its number (the grid's key names the levels). A level set against another version of the framework that
 * this one does not define is kept as a choice, marked, so the cell shows
 * what is stored rather than pretending it is something else.
 */
export function cellChoices(row: RoleGridRow, roleIndex: number): Choice[] {
  const choices: Choice[] = [{ value: "", label: "—" }];
  const current = row.expected[roleIndex] ?? null;
  const levels = [...row.levels];
  if (current !== null && !levels.includes(current)) levels.push(current);
  levels.sort((a, b) => a - b);
  for (const level of levels) {
    const defined = row.levels.includes(level);
    choices.push({
      value: String(level),
      label: defined ? String(level) : `${level} (not in this version)`,
    });
  }
  return choices;
}

/** A cell's <select> value as a level, or null for "not expected". */
export function choiceLevel(value: string): number | null {
  return value === "" ? null : Number(value);
}
