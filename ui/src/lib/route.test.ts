import { describe, expect, it } from "vitest";
import { href, parseRoute } from "./route";

describe("routes", () => {
  it("opens on the home page when there is no hash", () => {
    expect(parseRoute("")).toEqual({ page: "home" });
    expect(parseRoute("#/nonsense")).toEqual({ page: "home" });
    expect(parseRoute("#/staff")).toEqual({ page: "staff" });
  });
  it("reads a trainee's NCCQ page, staff numbers included", () => {
    expect(parseRoute("#/nccq/100001")).toEqual({ page: "nccq", staffNumber: "100001" });
    expect(parseRoute("#/nccq")).toEqual({ page: "nccq" });
  });
  it("round-trips every page through href", () => {
    for (const r of [
      { page: "home" },
      { page: "staff" },
      { page: "framework" },
      { page: "roles" },
      { page: "nccq", staffNumber: "A-1" },
      { page: "team" },
      { page: "accounts" },
      { page: "audit" },
      { page: "passphrase" },
      { page: "pdps" },
      { page: "settings" },
    ] as const) {
      expect(parseRoute(href(r))).toEqual(r);
    }
  });
});
