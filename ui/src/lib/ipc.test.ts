import { afterEach, describe, expect, it } from "vitest";
import { AppError, api, setInvoke, toAppError } from "./ipc";

describe("ipc errors", () => {
  afterEach(() => setInvoke(async () => undefined));

  it("keeps the backend's code, message and field messages", async () => {
    setInvoke(async () => {
      throw { code: "invalid", message: "Band 12 is not an Agenda for Change band.", fields: [{ field: "band", message: "Band 12 is not an Agenda for Change band." }] };
    });
    const err = await api.staffAdd({} as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const appErr = err as AppError;
    expect(appErr.code).toBe("invalid");
    expect(appErr.fieldMessage("band")).toContain("Band 12");
    expect(appErr.fieldMessage("forename")).toBeUndefined();
  });

  it("turns a transport failure into an error a person can read", () => {
    const err = toAppError(new Error("connection reset"));
    expect(err.code).toBe("ipc");
    expect(err.message).toContain("connection reset");
  });

  it("passes arguments under the names the Rust commands expect", async () => {
    const seen: Array<[string, unknown]> = [];
    setInvoke(async (cmd, args) => {
      seen.push([cmd, args]);
      return [];
    });
    await api.staffEdit("100001", {} as never);
    expect(seen).toEqual([["staff_edit", { staffNumber: "100001", input: {} }]]);
  });
});
