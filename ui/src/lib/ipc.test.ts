import { afterEach, describe, expect, it } from "vitest";
import { AppError, api, call, setInvoke, setSessionLostHandler, toAppError } from "./ipc";

describe("ipc errors", () => {
  afterEach(() => {
    setInvoke(async () => undefined);
    setSessionLostHandler(null);
  });

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

  it("sends a command without arguments with no argument object, as the map says", async () => {
    const seen: Array<[string, unknown]> = [];
    setInvoke(async (cmd, args) => {
      seen.push([cmd, args]);
      return "2026-05-05";
    });
    expect(await call("today")).toBe("2026-05-05");
    expect(seen).toEqual([["today", undefined]]);
  });

  it("types every call by the generated command map", () => {
    // Never run: these lines only have to fail the type check.
    const unused = () => {
      // @ts-expect-error staff_get takes staffNumber, as Tauri sends it, not staff_number
      void call("staff_get", { staff_number: "100001" });
      // @ts-expect-error there is no such command
      void call("staff_delete", { staffNumber: "100001" });
      // @ts-expect-error appraisal_get needs its id
      void call("appraisal_get");
    };
    expect(typeof unused).toBe("function");
  });

  it("after the idle lock, sends a command again once the same person carries on", async () => {
    const sent: string[] = [];
    let locked = true;
    setInvoke(async (cmd) => {
      sent.push(cmd);
      if (locked) throw { code: "unauthenticated", message: "Appraise locked itself.", fields: [] };
      return [{ staff_number: "1001" }];
    });
    const lost: string[] = [];
    setSessionLostHandler(async (e) => {
      lost.push(e.message);
      locked = false; // the person typed their passphrase
      return true;
    });
    const staff = await api.staffList();
    expect(staff).toEqual([{ staff_number: "1001" }]);
    expect(sent).toEqual(["staff_list", "staff_list"]);
    expect(lost).toEqual(["Appraise locked itself."]);
  });

  it("passes the refusal on when someone else signs in, and never intercepts a wrong passphrase", async () => {
    setInvoke(async () => {
      throw { code: "unauthenticated", message: "That passphrase is not right.", fields: [] };
    });
    let asked = 0;
    setSessionLostHandler(async () => {
      asked += 1;
      return false;
    });
    const refused = await api.staffGet("1002").catch((e: unknown) => e);
    expect((refused as AppError).code).toBe("unauthenticated");
    expect(asked).toBe(1);
    const wrong = await api.signIn("1001", "not it at all").catch((e: unknown) => e);
    expect((wrong as AppError).message).toBe("That passphrase is not right.");
    expect(asked).toBe(1);
  });
});
