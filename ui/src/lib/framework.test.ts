import { describe, expect, it } from "vitest";
import type { FrameworkSummary, RoleGridRow, SkillNode } from "./bindings";
import {
  NO_FILTER,
  cellChoices,
  choiceLevel,
  countTree,
  filterSkills,
  fold,
  frameworkLabel,
  frameworkToShow,
  groupRows,
  highlight,
  newestFramework,
  notListedText,
  placeWord,
  rememberFramework,
  searchTerms,
  ukDateTime,
} from "./framework";

let nextId = 1;
function statement(text: string, correction: string | null = null) {
  return { id: nextId++, text, source_line: null, correction };
}
function level(n: number, ...texts: string[]) {
  return { level: n, level_name: ["Follow", "Assist", "Apply", "Enable", "Ensure/advise"][n - 1] ?? "", statements: texts.map((t) => statement(t)) };
}

const skills: SkillNode[] = [
  {
    id: 1,
    code: "ANCC",
    name: "Analytical classification and coding",
    known: true,
    competencies: [
      {
        id: 10,
        name: "Coding accuracy",
        levels: [
          level(3, "Codes routine cases accurately."),
          level(4, "Refers to ICD10/OPCS4 standards on a regular basis.", "Refers to ICD10/OPCS4 classifications."),
        ],
      },
      { id: 11, name: "Strategy", levels: [level(5, "Contributes to the organisation’s strategy.")] },
    ],
  },
  {
    id: 2,
    code: "RMGT",
    name: "Records management",
    known: true,
    competencies: [{ id: 20, name: "Access requests", levels: [level(3, "Handles subject access requests."), level(4, "Advises on access.")] }],
  },
];

function names(result: SkillNode[]): string[] {
  return result.flatMap((s) => s.competencies.map((c) => `${s.code}/${c.name}:${c.levels.map((l) => l.level).join(",")}`));
}

describe("filtering the framework", () => {
  it("with no filter shows everything", () => {
    expect(names(filterSkills(skills, NO_FILTER))).toEqual(["ANCC/Coding accuracy:3,4", "ANCC/Strategy:5", "RMGT/Access requests:3,4"]);
    expect(countTree(filterSkills(skills, NO_FILTER))).toEqual({ competencies: 3, statements: 6 });
  });

  it("by skill keeps that skill only", () => {
    expect(names(filterSkills(skills, { ...NO_FILTER, skill: "RMGT" }))).toEqual(["RMGT/Access requests:3,4"]);
  });

  it("by level keeps the competencies defined at it, with that level only", () => {
    const result = filterSkills(skills, { ...NO_FILTER, skill: "ANCC", level: 4 });
    expect(names(result)).toEqual(["ANCC/Coding accuracy:4"]);
    expect(countTree(result)).toEqual({ competencies: 1, statements: 2 });
  });

  it("leaves out a skill with nothing left", () => {
    expect(filterSkills(skills, { ...NO_FILTER, level: 5 }).map((s) => s.code)).toEqual(["ANCC"]);
    expect(filterSkills(skills, { ...NO_FILTER, level: 7 })).toEqual([]);
  });

  it("searching a competency's name keeps all its levels", () => {
    expect(names(filterSkills(skills, { ...NO_FILTER, query: "  ACCURACY " }))).toEqual(["ANCC/Coding accuracy:3,4"]);
  });

  it("searching statement text keeps the levels that match", () => {
    expect(names(filterSkills(skills, { ...NO_FILTER, query: "icd10" }))).toEqual(["ANCC/Coding accuracy:4"]);
    expect(names(filterSkills(skills, { ...NO_FILTER, query: "access" }))).toEqual(["RMGT/Access requests:3,4"]);
  });

  it("needs every word, in the name or the level's statements", () => {
    expect(names(filterSkills(skills, { ...NO_FILTER, query: "accuracy routine" }))).toEqual(["ANCC/Coding accuracy:3"]);
    expect(names(filterSkills(skills, { ...NO_FILTER, query: "accuracy strategy" }))).toEqual([]);
  });

  it("ignores accents and curly quotes", () => {
    expect(names(filterSkills(skills, { ...NO_FILTER, query: "organisation's" }))).toEqual(["ANCC/Strategy:5"]);
    expect(fold("Ní Bhriain’s CAFÉ")).toBe("ni bhriain's cafe");
    expect(searchTerms("  Zoë  coding ")).toEqual(["zoe", "coding"]);
  });

  it("combines skill, level and search", () => {
    expect(names(filterSkills(skills, { skill: "RMGT", level: 4, query: "advises" }))).toEqual(["RMGT/Access requests:4"]);
    expect(names(filterSkills(skills, { skill: "ANCC", level: 4, query: "advises" }))).toEqual([]);
  });

  it("does not change the tree it was given", () => {
    filterSkills(skills, { skill: "ANCC", level: 4, query: "icd10" });
    expect(skills[0].competencies[0].levels).toHaveLength(2);
  });
});

describe("marking search matches", () => {
  it("splits text into matching and other parts, keeping the text as written", () => {
    expect(highlight("Coding accuracy and coding", ["coding"])).toEqual([
      { text: "Coding", match: true },
      { text: " accuracy and ", match: false },
      { text: "coding", match: true },
    ]);
  });

  it("matches without accents and maps back onto accented text", () => {
    const parts = highlight("Zoë’s café", ["zoe's", "cafe"]);
    expect(parts).toEqual([
      { text: "Zoë’s", match: true },
      { text: " ", match: false },
      { text: "café", match: true },
    ]);
    expect(parts.map((p) => p.text).join("")).toBe("Zoë’s café");
  });

  it("with no search, or nothing found, gives the text whole", () => {
    expect(highlight("Strategy", [])).toEqual([{ text: "Strategy", match: false }]);
    expect(highlight("Strategy", ["audit"])).toEqual([{ text: "Strategy", match: false }]);
    expect(highlight("", ["audit"])).toEqual([]);
  });

  it("merges overlapping matches", () => {
    expect(highlight("auditor", ["audit", "dito"])).toEqual([
      { text: "audito", match: true },
      { text: "r", match: false },
    ]);
  });
});

function summary(id: number, extra: Partial<FrameworkSummary> = {}): FrameworkSummary {
  return {
    id,
    name: "Clinical coding skills (SFIA 9)",
    version: 1,
    imported_at: "2026-11-21T09:05:33.123",
    source_sha256: "",
    source_name: "skills-framework.txt",
    source_format: "text",
    builtin: true,
    skills: 5,
    competencies: 36,
    statements: 100,
    corrections: 2,
    ...extra,
  };
}

describe("framework versions", () => {
  it("shows the newest by default, then the one chosen while it exists", () => {
    const list = [summary(1), summary(3, { builtin: false }), summary(2)];
    expect(newestFramework(list)?.id).toBe(3);
    expect(newestFramework([])).toBeUndefined();
    expect(frameworkToShow(list)).toBe(3);
    rememberFramework(2);
    expect(frameworkToShow(list)).toBe(2);
    expect(frameworkToShow([summary(1)])).toBe(1);
  });

  it("names a version with its origin", () => {
    expect(frameworkLabel(summary(1))).toBe("Clinical coding skills (SFIA 9), version 1 (built in)");
    expect(frameworkLabel(summary(2, { name: "Department", version: 2, builtin: false }))).toBe(
      "Department, version 2 (imported 21/11/2026 09:05)",
    );
    expect(ukDateTime("2026-11-21 23:54:00")).toBe("21/11/2026 23:54");
    expect(ukDateTime("2026-11-21")).toBe("21/11/2026");
  });

  it("says how many warnings a long list leaves out, and nothing when none", () => {
    expect(notListedText(0)).toBe("");
    expect(notListedText(1)).toBe("… and 1 more warning not listed.");
    expect(notListedText(2345)).toBe("… and 2345 more warnings not listed.");
  });

  it("calls a place in a CSV file a row", () => {
    expect(placeWord("csv")).toBe("Row");
    expect(placeWord("text")).toBe("Line");
  });
});

describe("the role grid", () => {
  const row = (skill_code: string, competency: string, levels: number[], expected: Array<number | null>): RoleGridRow => ({
    skill_code,
    skill_name: skill_code === "ANCC" ? "Analytical classification and coding" : "Records management",
    competency,
    levels,
    expected,
  });

  it("groups rows under their skill, keeping each row's place in the grid", () => {
    const rows = [row("ANCC", "Strategy", [5, 6], [null]), row("ANCC", "Escalation", [2, 3], [2]), row("RMGT", "Controls", [3], [3])];
    const groups = groupRows(rows);
    expect(groups.map((g) => [g.code, g.name, g.rows.map((r) => r.index)])).toEqual([
      ["ANCC", "Analytical classification and coding", [0, 1]],
      ["RMGT", "Records management", [2]],
    ]);
  });

  it("offers not expected and the levels the competency is defined at", () => {
    expect(cellChoices(row("ANCC", "Coding accuracy", [2, 3, 4], [4]), 0)).toEqual([
      { value: "", label: "—" },
      { value: "2", label: "2" },
      { value: "3", label: "3" },
      { value: "4", label: "4" },
    ]);
  });

  it("keeps a stored level this version does not define, marked", () => {
    const choices = cellChoices(row("ANCC", "Coding accuracy", [2, 4], [null, 3]), 1);
    expect(choices.map((c) => c.value)).toEqual(["", "2", "3", "4"]);
    expect(choices[2].label).toBe("3 (not in this version)");
  });

  it("reads a cell's value as a level", () => {
    expect(choiceLevel("")).toBeNull();
    expect(choiceLevel("4")).toBe(4);
  });
});
