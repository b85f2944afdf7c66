import { describe, expect, it } from "vitest";
import type { AuditPeriodAccuracy, NccqStatus, SkillsHeatmap } from "./bindings";
import { accuracyPoints, accuracyTable, gapBand, heatCells, heatTable, nccqSpans, peopleWithGaps } from "./reports";

const map: SkillsHeatmap = {
  competencies: ["Anatomy", "Coding standards"],
  rows: [
    {
      staff_number: "1",
      name: "Ann Lee",
      cells: [
        { competency: "Anatomy", expected: 3, agreed: 2, gap: 1 },
        { competency: "Coding standards", expected: 2, agreed: 2, gap: 0 },
      ],
    },
    { staff_number: "2", name: "Bo Chan", cells: [{ competency: "Coding standards", expected: 2, agreed: null, gap: 0 }] },
  ],
};

describe("the skills heatmap", () => {
  it("names each square's colour band: met, a gap of one, a bigger gap, not agreed", () => {
    expect(gapBand(2, 0)).toBe("met");
    expect(gapBand(1, 1)).toBe("gap 1");
    expect(gapBand(0, 3)).toBe("gap 2+");
    expect(gapBand(null, 0)).toBe("not agreed");
  });
  it("gives one square per person and competency assessed, in words a table reads", () => {
    const cells = heatCells(map);
    expect(cells).toHaveLength(3);
    expect(cells[0].words).toBe("2 of 3 (gap 1)");
    expect(cells[2].words).toBe("not agreed");
  });
  it("lays the table alternative out a row per person, blank where a competency was not assessed", () => {
    expect(heatTable(map)).toEqual([
      { name: "Ann Lee", cells: ["2 of 3 (gap 1)", "2 of 2"] },
      { name: "Bo Chan", cells: ["", "not agreed"] },
    ]);
  });
  it("counts the people short of their role somewhere", () => {
    expect(peopleWithGaps(map)).toBe(1);
  });
});

describe("coding accuracy over audit periods", () => {
  const periods: AuditPeriodAccuracy[] = [
    { period: "2024/25", code_types: [] },
    { period: "2025/26", code_types: [{ code_type: "primary_diagnosis", mean: 91.5, lowest: 88, change: null }] },
  ];
  it("leaves out a period without results from the chart", () => {
    expect(accuracyPoints(periods)).toEqual([{ period: "2025/26", codeType: "Primary diagnosis", mean: 91.5 }]);
  });
  it("says so in the table", () => {
    expect(accuracyTable(periods)[0].means[0]).toBe("no results");
    expect(accuracyTable(periods)[1].means[0]).toBe("91.5%");
  });
});

describe("NCCQ timelines", () => {
  it("spans each trainee from appointment to their deadline with their sittings", () => {
    const s = { name: "Ann Lee", appointed: "2025-01-06", nccq_by: "2027-01-06", state: "at_risk", sittings_left: ["2026-03-01"] } as unknown as NccqStatus;
    const [span] = nccqSpans([s]);
    expect(span.start.getFullYear()).toBe(2025);
    expect(span.end.getFullYear()).toBe(2027);
    expect(span.state).toBe("at risk");
    expect(span.sittings).toHaveLength(1);
  });
});
