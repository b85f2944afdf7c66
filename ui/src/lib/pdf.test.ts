import { describe, expect, it } from "vitest";
import { exportSummary, progressLabel } from "./pdf";

describe("printed records", () => {
  it("counts an export's progress as people say it", () => {
    expect(progressLabel(12, 40)).toBe("12 of 40");
  });

  it("sums up an export: done, cancelled, or nothing to do", () => {
    const base = { written: 3, total: 3, cancelled: false, folder: "/tmp/out" };
    expect(exportSummary(base, "2025/26")).toBe("3 records of 2025/26 saved to /tmp/out.");
    expect(exportSummary({ ...base, written: 1, cancelled: true }, "2025/26")).toBe("Cancelled: 1 record of 3 saved to /tmp/out.");
    expect(exportSummary({ ...base, written: 0, total: 0 }, "2025/26")).toBe("There are no signed records in 2025/26 to export.");
  });
});
