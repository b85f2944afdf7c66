import { describe, expect, it } from "vitest";
import type { Actor, SessionStatus } from "./bindings";
import { homePage, mayUse, screenFor } from "./access";

const person = (role: Actor["role"], must_change_passphrase = false): Actor => ({
  staff_number: "1001",
  role,
  name: "Siân Jones",
  must_change_passphrase,
});

const status = (over: Partial<SessionStatus>): SessionStatus => ({
  first_run: false,
  actor: null,
  locked: false,
  idle_lock_minutes: 10,
  names: [],
  first_run_people: [],
  ...over,
});

describe("the first screen", () => {
  it("asks for the administrator on a new database, else for a name, a passphrase or a new one", () => {
    expect(screenFor(status({ first_run: true }))).toBe("first_run");
    expect(screenFor(status({}))).toBe("sign_in");
    expect(screenFor(status({ actor: person("coder"), locked: true }))).toBe("unlock");
    expect(screenFor(status({ actor: person("coder", true) }))).toBe("change_passphrase");
    expect(screenFor(status({ actor: person("manager") }))).toBe("app");
  });
});

describe("what each role is shown", () => {
  it("keeps the administrator's pages to the administrator and the team to managers", () => {
    for (const page of ["accounts", "audit", "roles"]) {
      expect(mayUse(page, "administrator")).toBe(true);
      expect(mayUse(page, "manager")).toBe(false);
      expect(mayUse(page, "coder")).toBe(false);
    }
    expect(mayUse("team", "manager")).toBe(true);
    expect(mayUse("team", "coder")).toBe(false);
    for (const page of ["staff", "nccq", "framework", "passphrase", "appraisals"]) {
      expect(mayUse(page, "coder")).toBe(true);
    }
    expect(mayUse("staff", undefined)).toBe(false);
  });
});

describe("where each person lands after signing in", () => {
  it("gives each role its own starting page, whatever page was open before", () => {
    expect(homePage("administrator")).toBe("home");
    expect(homePage("manager")).toBe("home");
    expect(homePage("coder")).toBe("home");
  });
  it("keeps the team PDPs and the settings to those who may use them", () => {
    expect(mayUse("pdps", "coder")).toBe(false);
    expect(mayUse("pdps", "manager")).toBe(true);
    expect(mayUse("settings", "manager")).toBe(false);
    expect(mayUse("settings", "administrator")).toBe(true);
  });
});
