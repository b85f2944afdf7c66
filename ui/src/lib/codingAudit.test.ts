import { describe, expect, it } from "vitest";
import { changeText, outcomeText, percent } from "./codingAudit";

describe("coding audit words", () => {
  it("names the code types below the line of a result that is not met", () => {
    expect(outcomeText({ outcome: "not_met", below: ["secondary_procedure"] })).toBe(
      "Not met: secondary procedure below the line",
    );
    expect(outcomeText({ outcome: "exceeded", below: [] })).toBe("Exceeded");
  });

  it("writes percentages and trends as core prints them", () => {
    expect(percent(92)).toBe("92%");
    expect(percent(91.54)).toBe("91.5%");
    expect(changeText(1.5, "2025/26")).toBe("Up 1.5 points");
    expect(changeText(-2, "2025/26")).toBe("Down 2 points");
    expect(changeText(1, "2025/26")).toBe("Up 1 point");
    expect(changeText(null, "2025/26")).toBe("No results in 2025/26");
  });
});
