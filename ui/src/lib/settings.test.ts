import { describe, expect, it } from "vitest";
import { bandOrder, passMarksText, readPassMarks, readPaySteps, readSittings, sittingsText } from "./settings";

describe("the NCCQ rules as typed on the Settings page", () => {
  it("reads sitting dates one a line, as people type them", () => {
    expect(readSittings("09/03/2026\n\n2026-09-14\n")).toEqual({ sittings: ["2026-03-09", "2026-09-14"] });
    expect(sittingsText(["2026-03-09"]), "shown as dd/mm/yyyy").toBe("09/03/2026");
  });
  it("names the line that is not a date", () => {
    expect(readSittings("09/03/2026\nMarch").error?.message).toMatch(/^March is not a date/);
  });
  it("reads pass marks a year a line and shows them the same way", () => {
    const text = passMarksText([{ year: 2026, practical: 80, theory: 75 }]);
    expect(text).toBe("2026: 80% practical, 75% theory");
    expect(readPassMarks(`${text}\n2027 70 70`).marks).toEqual([
      { year: 2026, practical: 80, theory: 75 },
      { year: 2027, practical: 70, theory: 70 },
    ]);
  });
  it("refuses a pass-mark line without a year and two marks", () => {
    expect(readPassMarks("2026: 80").error?.field).toBe("pass_marks");
  });
});

describe("the pay steps as typed on the Settings page", () => {
  it("reads each band's years, separated by commas or spaces", () => {
    expect(readPaySteps({ "5": "2, 4", "6": "2 5", "8a": "" })).toEqual({ steps: { "5": [2, 4], "6": [2, 5], "8a": [] }, errors: [] });
  });
  it("names the band whose years are not whole numbers", () => {
    expect(readPaySteps({ "4": "three" }).errors).toEqual([
      { field: "pay_steps.4", message: "Band 4: write the years as whole numbers separated by commas, for example 2, 5." },
    ]);
  });
});

describe("bands in pay order", () => {
  it("puts 8a to 8d between 7 and 9", () => {
    expect(bandOrder(["2", "9", "8a", "7", "8d"])).toEqual(["2", "7", "8a", "8d", "9"]);
  });
});
