import { describe, expect, it } from "vitest";
import type { FrameworkTree, LevelStatements, SkillAssessment } from "./bindings";
import {
  choiceKey,
  competencyChoices,
  gapText,
  levelsAround,
  midYearStartable,
  wholeNumbers,
  MONTHS,
  nextStep,
  objectiveInput,
  previousStep,
  saveStatusText,
  stepInfo,
  stepsOf,
  STEPS,
  wellbeingPrintOwner,
} from "./appraisal";

function level(n: number): LevelStatements {
  return { level: n, level_name: `L${n}`, statements: [`statement ${n}`] };
}

function skill(over: Partial<SkillAssessment>): SkillAssessment {
  return {
    id: 1,
    framework_id: 1,
    competency_id: 2,
    skill_code: "ANCC",
    skill_name: "Analytical classification and coding",
    competency: "Coding accuracy",
    expected_level: 4,
    self_level: null,
    agreed_level: null,
    row_version: 1,
    gap: 0,
    levels: [2, 3, 4, 5, 6].map(level),
    ...over,
  };
}

describe("the steps", () => {
  it("are lettered a to h in the meeting's order", () => {
    expect(STEPS.map((s) => s.letter).join("")).toBe("abcdefgh");
    expect(stepInfo("previous_objectives").label).toBe("Last year's objectives");
    expect(stepInfo("sign_off").letter).toBe("h");
  });

  it("go forward and back, stopping at the ends", () => {
    expect(nextStep("previous_objectives")).toBe("skills");
    expect(nextStep("sign_off")).toBeNull();
    expect(previousStep("skills")).toBe("previous_objectives");
    expect(previousStep("previous_objectives")).toBeNull();
  });

  it("of an objective-setting meeting are only its own, lettered in their own order", () => {
    const own = stepsOf("objective_setting");
    expect(own.map((s) => s.step)).not.toContain("previous_objectives");
    expect(own.map((s) => s.step)).not.toContain("pay_progression");
    expect(own[0]).toMatchObject({ step: "skills", letter: "a" });
    expect(nextStep("wellbeing", "objective_setting")).toBe("comments");
    expect(previousStep("skills", "objective_setting")).toBeNull();
    expect(stepInfo("previous_objectives", "objective_setting").step).toBe("skills");
  });
});

describe("level statements around the expected level", () => {
  it("shows the expected level and its neighbours", () => {
    expect(levelsAround(skill({})).map((l) => l.level)).toEqual([3, 4, 5]);
  });

  it("skips to the nearest defined levels when the neighbours do not exist", () => {
    const s = skill({ expected_level: 4, levels: [2, 4, 6].map(level) });
    expect(levelsAround(s).map((l) => l.level)).toEqual([2, 4, 6]);
  });

  it("adds a level already given, however far off", () => {
    expect(levelsAround(skill({ self_level: 2 })).map((l) => l.level)).toEqual([2, 3, 4, 5]);
  });
});

describe("the gap", () => {
  it("reads from the agreed level once there is one", () => {
    expect(gapText(skill({ self_level: 3, agreed_level: 2, gap: 2 }))).toBe(
      "2 levels below the expected level 4 (agreed level 2)",
    );
  });

  it("reads from the self-assessment until then", () => {
    expect(gapText(skill({ self_level: 3, gap: 1 }))).toBe("1 level below the expected level 4 (self-assessed level 3)");
  });

  it("says nothing without a gap", () => {
    expect(gapText(skill({ self_level: 5, gap: 0 }))).toBe("");
  });
});

describe("competency choices", () => {
  it("lists every competency of the framework version with the levels it has", () => {
    const tree = {
      summary: {} as FrameworkTree["summary"],
      skills: [
        {
          id: 1,
          code: "ANCC",
          name: "Analytical classification and coding",
          known: true,
          competencies: [
            { id: 2, name: "Coding accuracy", levels: [2, 3, 4].map((n) => ({ level: n, level_name: "", statements: [] })) },
          ],
        },
      ],
    } as FrameworkTree;
    const choices = competencyChoices(tree);
    expect(choices).toEqual([
      {
        key: choiceKey("ANCC", "Coding accuracy"),
        skillCode: "ANCC",
        competency: "Coding accuracy",
        label: "ANCC · Coding accuracy",
        levels: [2, 3, 4],
      },
    ]);
    expect(choiceKey("", "")).toBe("");
  });
});

describe("forms", () => {
  it("start an objective's form from what was saved, dates as dd/mm/yyyy", () => {
    const input = objectiveInput({
      id: 3,
      text: "Code day cases",
      measure: "Audit",
      due: "2027-03-31",
      competency: { framework_id: 1, competency_id: 2, skill_code: "ANCC", competency: "Coding accuracy" },
      target_level: 3,
      statement_id: 9,
      statement_text: "x",
      carried_from: null,
      row_version: 1,
      missing: [],
    });
    expect(input).toEqual({
      text: "Code day cases",
      measure: "Audit",
      due: "31/03/2027",
      framework_id: 1,
      skill_code: "ANCC",
      competency: "Coding accuracy",
      target_level: 3,
    });
  });

  it("say where saving stands", () => {
    expect(saveStatusText("saving")).toBe("Saving…");
    expect(saveStatusText("saved")).toBe("Saved");
  });
});

describe("appraisal routes", () => {
  it("round-trip the list, one meeting and the PDP pages", async () => {
    const { href, parseRoute } = await import("./route");
    for (const r of [
      { page: "appraisals" },
      { page: "appraisals", id: 12 },
      { page: "pdp" },
      { page: "pdp", staffNumber: "100001" },
    ] as const) {
      expect(parseRoute(href(r))).toEqual(r);
    }
    expect(parseRoute("#/appraisals/abc")).toEqual({ page: "appraisals" });
  });
});

describe("sentence", () => {
  it("ends typed text with one full stop", async () => {
    const { sentence } = await import("./appraisal");
    expect(sentence("Typo in objective 2")).toBe("Typo in objective 2.");
    expect(sentence("Typo in objective 2.")).toBe("Typo in objective 2.");
    expect(sentence("Why?")).toBe("Why?");
  });
});

describe("midYearStartable", () => {
  it("offers a mid-year review only once this cycle's annual appraisal is signed and none exists", () => {
    expect(midYearStartable({ annual_status: "signed", mid_year_status: null })).toBe(true);
    expect(midYearStartable({ annual_status: "in_progress", mid_year_status: null })).toBe(false);
    expect(midYearStartable({ annual_status: null, mid_year_status: null })).toBe(false);
    expect(midYearStartable({ annual_status: "signed", mid_year_status: "in_progress" })).toBe(false);
    expect(midYearStartable({ annual_status: "signed", mid_year_status: "signed" })).toBe(false);
  });
  it("names the twelve months from January", () => {
    expect(MONTHS).toHaveLength(12);
    expect(MONTHS[3]).toBe("April");
  });
});

describe("wholeNumbers", () => {
  it("reads whole numbers and names each field that is not one", () => {
    const labels = { a: "Weeks", b: "Primary", c: "Secondary" };
    expect(wholeNumbers({ a: " 6 ", b: "90", c: "0" }, labels)).toEqual({ values: { a: 6, b: 90, c: 0 }, errors: [] });
    const r = wholeNumbers({ a: "", b: "9.5", c: "-1" }, labels);
    expect(r.errors.map((e) => e.field)).toEqual(["a", "b", "c"]);
    expect(r.errors[0].message).toBe("Weeks: nothing is not a whole number.");
  });
});

describe("wellbeingPrintOwner", () => {
  it("says the print choice is the appraisee's to make, and what it is", () => {
    expect(wellbeingPrintOwner("Siân Jones", true)).toBe(
      "This is Siân Jones's choice to make; you can see it but not change it. At present the conversation is printed.",
    );
    expect(wellbeingPrintOwner("Siân Jones", false)).toMatch(/At present the conversation is not printed\.$/);
  });
});
