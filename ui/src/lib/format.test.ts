import { describe, expect, it } from "vitest";
import { fullName, ukDate } from "./format";

describe("ukDate", () => {
  it("shows ISO dates as day/month/year", () => {
    expect(ukDate("2025-09-01")).toBe("01/09/2025");
  });
  it("shows nothing for no date", () => {
    expect(ukDate(null)).toBe("");
    expect(ukDate("")).toBe("");
  });
  it("leaves text it does not recognise alone rather than guessing", () => {
    expect(ukDate("soon")).toBe("soon");
  });
});

describe("fullName", () => {
  it("keeps accented names intact", () => {
    expect(fullName({ forename: "Zoë", surname: "Ní Bhriain" })).toBe("Zoë Ní Bhriain");
  });
});
