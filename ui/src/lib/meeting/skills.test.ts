import { describe, expect, it } from "vitest";
import { gapCount, gapSummary, levelLabel, visibleSkills } from "./skills";

const skills = [
  { id: 1, gap: 0 },
  { id: 2, gap: 2 },
  { id: 3, gap: 0 },
  { id: 4, gap: 1 },
];

describe("the skills grid", () => {
  it("shows every competency, or only the gaps when asked", () => {
    expect(visibleSkills(skills, false).map((s) => s.id)).toEqual([1, 2, 3, 4]);
    expect(visibleSkills(skills, true).map((s) => s.id)).toEqual([2, 4]);
  });

  it("counts the gaps and says so in a sentence", () => {
    expect(gapCount(skills)).toBe(2);
    expect(gapSummary(skills)).toBe("2 of 4 competencies are below the expected level.");
    expect(gapSummary([{ gap: 1 }])).toBe("1 of 1 competency is below the expected level.");
    expect(gapSummary([{ gap: 0 }, { gap: 0 }])).toBe("None of the 2 competencies is below the expected level.");
  });

  it("names a level by its number and name, or says none is given", () => {
    const skill = { levels: [{ level: 3, level_name: "Apply", statements: [] }] };
    expect(levelLabel(skill, 3, "Not given")).toBe("Level 3: Apply");
    expect(levelLabel(skill, 5, "Not given")).toBe("Level 5");
    expect(levelLabel(skill, null, "Not agreed yet")).toBe("Not agreed yet");
  });
});
