import { describe, expect, it } from "vitest";
import { daysLeftText, STATE_LABEL, STATE_TAG } from "./nccq";

describe("daysLeftText", () => {
  it("counts days left, and days since once the deadline has passed", () => {
    expect(daysLeftText(314)).toBe("314 days left");
    expect(daysLeftText(1)).toBe("1 day left");
    expect(daysLeftText(0)).toBe("due today");
    expect(daysLeftText(-1)).toBe("passed 1 day ago");
    expect(daysLeftText(-51)).toBe("passed 51 days ago");
  });
});

describe("status tags", () => {
  it("has words and an NHS.UK tag colour for every state", () => {
    expect(STATE_LABEL.at_risk).toBe("At risk");
    expect(STATE_TAG.on_track).toContain("nhsuk-tag--green");
    expect(STATE_TAG.at_risk).toContain("nhsuk-tag--orange");
    expect(STATE_TAG.missed).toContain("nhsuk-tag--red");
    expect(STATE_TAG.achieved).toContain("nhsuk-tag--blue");
  });
});
