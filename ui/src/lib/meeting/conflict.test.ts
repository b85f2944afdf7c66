import { describe, expect, it } from "vitest";
import { AppError } from "../ipc";
import {
  NOTHING,
  compareFields,
  conflictErrorId,
  conflictMessage,
  conflictView,
  describedBy,
  objectiveFields,
  pdpFields,
  previousFields,
  skillFields,
} from "./conflict";

const MESSAGE =
  "Siân Jones changed this at 10:15 on 21/11/2026, after you opened it. What you typed has not been saved: compare it with their version, or reload and type it again.";
const conflict = new AppError({ code: "conflict", message: MESSAGE, fields: [] });
const invalid = new AppError({ code: "invalid", message: "Check the objective.", fields: [{ field: "due", message: "Not a date." }] });

const typed = objectiveFields({
  text: "Code 95% of cases within 5 days",
  measure: "Monthly audit",
  due: "31/03/2027",
  framework_id: 1,
  skill_code: "ANCC",
  competency: "Coding accuracy",
  target_level: 3,
});
const saved = objectiveFields({
  text: "Code 98% of cases within 3 days",
  measure: "Monthly audit",
  due: "31/03/2027",
  framework_id: 1,
  skill_code: "ANCC",
  competency: "Coding accuracy",
  target_level: 3,
});

describe("a save refused as a conflict", () => {
  it("shows core's message, naming who and when, with an id for aria-describedby", () => {
    const view = conflictView("obj-7", conflict, { state: "hidden" }, typed);
    expect(view?.message, "the message is core's, word for word").toBe(MESSAGE);
    expect(view?.errorId, "the id the fields point at").toBe("obj-7-conflict-error");
    expect(view?.errorId).toBe(conflictErrorId("obj-7"));
  });

  it("shows nothing for a save that was not refused, or refused for another reason", () => {
    expect(conflictView("obj-7", undefined, { state: "hidden" }, typed), "a saved row shows no conflict").toBeNull();
    expect(conflictView("obj-7", invalid, { state: "hidden" }, typed), "a field's refusal is not a conflict").toBeNull();
    expect(conflictMessage(invalid)).toBeUndefined();
    expect(conflictMessage(conflict)).toBe(MESSAGE);
  });

  it("offers their version closed, then reading, then beside what was typed", () => {
    const closed = conflictView("obj-7", conflict, { state: "hidden" }, typed)!;
    expect([closed.seeLabel, closed.expanded, closed.compare, closed.note]).toEqual(["See their version", false, null, null]);

    const reading = conflictView("obj-7", conflict, { state: "reading" }, typed)!;
    expect([reading.seeLabel, reading.expanded, reading.note]).toEqual(["Hide their version", true, "Reading their version…"]);

    const shown = conflictView("obj-7", conflict, { state: "shown", fields: saved }, typed)!;
    expect(shown.compare, "only the field that differs, their words beside the typed ones").toEqual([
      {
        label: "Objective",
        theirs: "Code 98% of cases within 3 days",
        yours: "Code 95% of cases within 5 days",
        differs: true,
      },
    ]);
    expect(shown.note, "the rest named in one line").toBe(
      "The same in both: competency, target level, measure of success and due date.",
    );
  });

  it("says so when their version is what was typed", () => {
    const same = conflictView("obj-7", conflict, { state: "shown", fields: typed }, typed)!;
    expect(same.compare, "nothing to set side by side").toEqual([]);
    expect(same.note).toBe("Their version is the same as what is on your screen.");
  });

  it("names a single field that is the same", () => {
    const view = conflictView("prev-2", conflict, { state: "shown", fields: previousFields("met", "Done") }, previousFields("not_met", "Done"))!;
    expect(view.compare?.map((f) => f.label)).toEqual(["Outcome"]);
    expect(view.note).toBe("The same in both: comments.");
  });

  it("says so when the row has gone or could not be read", () => {
    expect(conflictView("k", conflict, { state: "gone" }, typed)?.note).toMatch(/taken out since/);
    expect(conflictView("k", conflict, { state: "failed", message: "Not connected." }, typed)?.note).toBe("Not connected.");
  });
});

describe("comparing fields", () => {
  it("reads an empty field as nothing entered and ignores spaces at the ends", () => {
    const rows = compareFields([["Comments", ""], ["Outcome", "Met "]], [["Comments", "  "], ["Outcome", "Met"]]);
    expect(rows).toEqual([
      { label: "Comments", theirs: NOTHING, yours: NOTHING, differs: false },
      { label: "Outcome", theirs: "Met", yours: "Met", differs: false },
    ]);
  });

  it("names an objective's competency and level, a PDP item's activity and an outcome as the form does", () => {
    expect(new Map(typed).get("Competency")).toBe("ANCC · Coding accuracy");
    expect(new Map(typed).get("Target level")).toBe("Level 3");
    const pdp = pdpFields({
      learning_need: "Neoplasms",
      activity: "e_learning",
      description: "",
      target_date: "",
      support: "",
      skill_code: "",
      competency: "",
    });
    expect(new Map(pdp).get("Activity")).toBe("E-learning");
    expect(previousFields("partly_met", "Nearly")).toEqual([
      ["Outcome", "Partly met"],
      ["Comments", "Nearly"],
    ]);
    expect(previousFields(null, "")[0], "no outcome yet").toEqual(["Outcome", ""]);
  });

  it("names a skill's levels by the framework's level names", () => {
    const levels = [{ level: 3, level_name: "Apply", statements: [] }];
    expect(skillFields({ self_level: 3, agreed_level: null }, levels)).toEqual([
      ["Self-assessed level", "Level 3: Apply"],
      ["Agreed level", ""],
    ]);
  });
});

describe("aria-describedby", () => {
  it("names only the ids on the page", () => {
    expect(describedBy("obj-7-text-hint", false, undefined, "obj-7-conflict-error")).toBe("obj-7-text-hint obj-7-conflict-error");
    expect(describedBy(null, false), "no attribute at all when nothing describes the field").toBeUndefined();
  });
});
