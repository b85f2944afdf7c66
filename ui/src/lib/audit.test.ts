import { describe, expect, it } from "vitest";
import { actionLabel, detailLines, isoDate, recordLabel, recordLink, recordTypeLabel, when } from "./audit";

describe("the audit log in words", () => {
  it("names actions and record types, keeping codes it does not know", () => {
    expect(actionLabel("account.sign_in")).toBe("Signed in");
    expect(actionLabel("future.thing")).toBe("future.thing");
    expect(recordTypeLabel("nccq_exam_attempt")).toBe("NCCQ exam result");
    expect(recordTypeLabel("appraisal_pdp_item")).toBe("appraisal pdp item");
    expect(recordTypeLabel("setting")).toBe("Setting");
  });

  it("shows each change as from → to, dates as dd/mm/yyyy, and nested values by their path", () => {
    expect(detailLines({ band: { from: "3", to: "4" }, leaver_date: { from: null, to: "2026-10-31" } })).toEqual([
      "band: 3 → 4",
      "leaver date: none → 31/10/2026",
    ]);
    expect(detailLines({ forename: "Zoë", manager: null, failed_attempts: 3 })).toEqual(["forename: Zoë", "failed attempts: 3"]);
    expect(detailLines({ attempt: { score: 71, passed: true } })).toEqual(["attempt score: 71", "attempt passed: true"]);
    expect(detailLines("hand-edited text")).toEqual(["hand-edited text"]);
    expect(detailLines({})).toEqual([]);
  });

  it("reads dates as people type them, and refuses dates that do not exist", () => {
    expect(isoDate("21/11/2026")).toBe("2026-11-21");
    expect(isoDate("1/9/2025")).toBe("2025-09-01");
    expect(isoDate("2026-11-21")).toBe("2026-11-21");
    expect(isoDate(" ")).toBeNull();
    expect(isoDate("31/02/2026")).toBeUndefined();
    expect(isoDate("yesterday")).toBeUndefined();
    expect(when("2026-11-21T10:05:09")).toBe("21/11/2026 10:05:09");
  });
});

/**
 * Every action core records (the string after `audit::record(` or
 * `record_by(` in core/src, tests left out), so a new one without words
 * fails here rather than showing its code in the log.
 */
function actionsCoreWrites(): string[] {
  const sources = import.meta.glob<string>(["../../../core/src/**/*.rs", "!**/tests/**", "!**/*tests.rs", "!**/test_support.rs"], {
    query: "?raw",
    import: "default",
    eager: true,
  });
  const found = new Set<string>();
  for (const text of Object.values(sources)) {
    const source = text.split("#[cfg(test)]")[0];
    for (const call of source.matchAll(/\b(?:audit::record|record_by|record)\(([^;]{0,300})/g)) {
      const action = call[1].match(/"([a-z_]+\.[a-z_]+)"/);
      if (action) found.add(action[1]);
    }
  }
  return [...found].sort();
}

describe("the audit log in people's words", () => {
  it("names every action core writes, none left as its internal code", () => {
    const actions = actionsCoreWrites();
    expect(actions.length, "the actions are found in core's sources").toBeGreaterThan(30);
    for (const action of actions) {
      expect(actionLabel(action), action).not.toBe(action);
      expect(actionLabel(action), action).not.toMatch(/[._]/);
    }
    expect(actionLabel("appraisal.pay_confirm")).toBe("Pay progression confirmed");
  });
  it("names the record, a setting by its part of the Settings page", () => {
    expect(recordLabel({ table: "appraisal", record_id: "12" })).toBe("Appraisal 12");
    expect(recordLabel({ table: "setting", record_id: "nccq" })).toBe("Setting: NCCQ rules");
    expect(recordLabel({ table: "nccq_course", record_id: "100001" })).toBe("NCCQ course of 100001");
  });
  it("shows lists and records in a change as words, not JSON", () => {
    expect(detailLines({ sittings: { from: [], to: ["2027-03-09", "2027-09-14"] } })).toEqual(["sittings: none → 09/03/2027; 14/09/2027"]);
    expect(detailLines({ pass_marks: { from: [], to: [{ year: 2027, practical: 80, theory: 75 }] } })).toEqual([
      "pass marks: none → year 2027, practical 80, theory 75",
    ]);
  });
  it("links each record to where it is in the window", () => {
    expect(recordLink({ table: "appraisal", record_id: "12" })).toBe("#/appraisals/12");
    expect(recordLink({ table: "nccq_exam_attempt", record_id: "100001" })).toBe("#/nccq/100001");
    expect(recordLink({ table: "setting", record_id: "print" })).toBe("#/settings");
    expect(recordLink({ table: "pdp_item", record_id: "3" }), "a PDP item has no page of its own").toBeNull();
  });
});
