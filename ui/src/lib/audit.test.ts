import { describe, expect, it } from "vitest";
import { actionLabel, detailLines, isoDate, recordTypeLabel, when } from "./audit";

describe("the audit log in words", () => {
  it("names actions and record types, keeping codes it does not know", () => {
    expect(actionLabel("account.sign_in")).toBe("Signed in");
    expect(actionLabel("appraisal.sign")).toBe("appraisal.sign");
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
