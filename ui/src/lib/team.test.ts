import { describe, expect, it } from "vitest";
import type { AppraisalDue } from "./bindings";
import { appraisalStanding } from "./team";

const due = (over: Partial<AppraisalDue>): AppraisalDue => ({
  staff_number: "100001",
  name: "Cy Coder",
  band: "4",
  manager: "100002",
  cycle: "2026/27",
  last_signed: "2025-12-01",
  last_appraisal_before: null,
  annual_due: "2026-12-01",
  annual_status: null,
  annual_id: null,
  annual_overdue: false,
  mid_year_due: "2026-06-01",
  mid_year_status: null,
  objective_setting_due: null,
  objective_setting_held: null,
  objective_setting_late: false,
  ...over,
});

describe("a team member's appraisal at a glance", () => {
  it("says when it is due, or how long it has been overdue", () => {
    expect(appraisalStanding(due({}))?.text).toBe("Due 01/12/2026");
    const late = appraisalStanding(due({ annual_overdue: true }));
    expect(late?.text).toBe("Overdue since 01/12/2026");
    expect(late?.tag, "overdue shows red").toMatch(/red/);
  });
  it("links a started or signed appraisal to its meeting", () => {
    const started = appraisalStanding(due({ annual_status: "in_progress", annual_id: 7 }));
    expect(started).toEqual({ text: "In progress (2026/27)", tag: "nhsuk-tag nhsuk-tag--blue", link: "#/appraisals/7" });
    expect(appraisalStanding(due({ annual_status: "signed", annual_id: 7 }))?.text).toBe("Signed for 2026/27");
  });
  it("speaks of a new starter's objective-setting meeting first", () => {
    expect(appraisalStanding(due({ objective_setting_due: "2026-05-12" }))?.text).toBe("Objectives due 12/05/2026");
  });
  it("shows nothing for someone the schedule does not list", () => {
    expect(appraisalStanding(undefined)).toBeNull();
  });
});
