import { describe, expect, it } from "vitest";
import { AppError } from "./ipc";
import { Saving } from "./saving.svelte";

const conflict = new AppError({
  code: "conflict",
  message: "Siân Jones changed this at 10:15 on 21/11/2026, after you opened it.",
  fields: [],
});

describe("Saving", () => {
  it("holds the page on a step while a row refused as a conflict is unsettled, and lets go once it is reloaded", async () => {
    const saving = new Saving();
    await saving.now("obj-7", async () => {
      throw conflict;
    });
    expect(saving.error("obj-7")?.code, "the refusal is kept for the card").toBe("conflict");
    expect(saving.unsettled()?.message, "the page is told not to move on").toMatch(/before you move on/);
    await saving.reload(["obj-7"], async () => {});
    expect(saving.unsettled(), "reloading the row settles it").toBeUndefined();
  });

  it("does not hold the page for a field's refusal", async () => {
    const saving = new Saving();
    await saving.now("obj-7", async () => {
      throw new AppError({ code: "invalid", message: "Check the date.", fields: [{ field: "due", message: "Not a date." }] });
    });
    expect(saving.unsettled()).toBeUndefined();
  });
});
