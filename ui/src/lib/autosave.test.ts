import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Autosaver, retryEverywhere, SAVE_DELAY_MS } from "./autosave";

describe("Autosaver", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once typing pauses, with the latest text only", async () => {
    const saved: string[] = [];
    const s = new Autosaver();
    for (const text of ["C", "Co", "Cod"]) {
      s.schedule("objective", async () => saved.push(text));
      await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 100);
    }
    expect(saved).toEqual([]);
    expect(s.status).toBe("saving");
    await vi.advanceTimersByTimeAsync(100);
    expect(saved).toEqual(["Cod"]);
    expect(s.status).toBe("saved");
  });

  it("saves at once on flush (leaving the field) and not again afterwards", async () => {
    const save = vi.fn(async () => {});
    const s = new Autosaver();
    s.schedule("k", save);
    await s.flush("k");
    expect(save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 2);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it("never runs two saves of one key at once, so an addition happens once", async () => {
    let id: number | null = null;
    let adds = 0;
    let updates = 0;
    let release: () => void = () => {};
    const save = () =>
      new Promise<void>((resolve) => {
        release = () => {
          if (id === null) {
            adds++;
            id = 7;
          } else updates++;
          resolve();
        };
      });
    const s = new Autosaver();
    const first = s.now("draft", save);
    s.schedule("draft", save);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    release(); // the addition finishes only now
    await first;
    await vi.advanceTimersByTimeAsync(0);
    release();
    await s.flushAll();
    expect([adds, updates]).toEqual([1, 1]);
  });

  it("keeps a failure per key until that key saves again", async () => {
    const s = new Autosaver();
    await s.now("a", async () => {
      throw new Error("no");
    });
    await s.now("b", async () => {});
    expect(s.status).toBe("error");
    expect(s.error("a")).toBeInstanceOf(Error);
    await s.now("a", async () => {});
    expect(s.error("a")).toBeUndefined();
    expect(s.status).toBe("saved");
  });

  it("tells the page about every change of state", async () => {
    const onchange = vi.fn();
    const s = new Autosaver(onchange);
    s.schedule("k", async () => {});
    await s.flushAll();
    expect(onchange.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(s.busy).toBe(false);
  });

  it("on reload, drops what was waiting after the save under way, and forgets the failure only once the saved row is back", async () => {
    const s = new Autosaver();
    let release: () => void = () => {};
    const refused = () =>
      new Promise<void>((_, reject) => {
        release = () => reject(new Error("conflict"));
      });
    const later = vi.fn(async () => {});
    const first = s.now("obj", refused);
    s.schedule("obj", later);
    let refusalWhileReplacing: unknown = "not replaced";
    const reloaded = s.reload(["obj"], async () => {
      refusalWhileReplacing = s.error("obj");
    });
    release(); // the refusal arrives while the reload waits for it
    await first;
    await reloaded;
    expect(refusalWhileReplacing, "the refusal stays on screen until the saved row is").toBeInstanceOf(Error);
    expect(s.error("obj"), "the refusal is forgotten once the row is reloaded").toBeUndefined();
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 2);
    expect(later, "what was typed before the reload is never sent").not.toHaveBeenCalled();
    expect(s.busy).toBe(false);
    expect(s.status).not.toBe("error");
  });

  it("keeps the refusal when the saved row cannot be read back", async () => {
    const s = new Autosaver();
    await s.now("obj", async () => {
      throw new Error("conflict");
    });
    await expect(s.reload(["obj"], async () => Promise.reject(new Error("gone")))).rejects.toThrow("gone");
    expect(s.error("obj"), "still refused: nothing on screen was replaced").toBeInstanceOf(Error);
  });

  describe("while the department's server cannot be reached", () => {
    const offline = { code: "offline", message: "Not connected", fields: [] };

    it("keeps what could not be saved and saves it, in order and once, when the server is back", async () => {
      let connected = false;
      const saved: string[] = [];
      const saver = (what: string) => async () => {
        if (!connected) throw offline;
        saved.push(what);
      };
      const s = new Autosaver();
      await s.now("comments", saver("comments: A good year."));
      await s.now("objective 1", saver("objective 1: Code day cases"));
      expect(saved).toEqual([]);
      expect(s.kept).toBe(2);
      expect(s.status).toBe("error");

      connected = true;
      await retryEverywhere();
      expect(saved).toEqual(["comments: A good year.", "objective 1: Code day cases"]);
      expect(s.kept).toBe(0);
      expect(s.status).toBe("saved");
      await retryEverywhere();
      expect(saved).toHaveLength(2);
    });

    it("keeps only the newest words of a field typed again while offline", async () => {
      let connected = false;
      const saved: string[] = [];
      const saver = (what: string) => async () => {
        if (!connected) throw offline;
        saved.push(what);
      };
      const s = new Autosaver();
      await s.now("comments", saver("A good"));
      await s.now("comments", saver("A good year."));
      connected = true;
      await s.retryKept();
      expect(saved).toEqual(["A good year."]);
    });

    it("does not make again a save the backend refused for another reason", async () => {
      const save = vi.fn(async () => {
        throw { code: "invalid", message: "Too long", fields: [] };
      });
      const s = new Autosaver();
      await s.now("k", save);
      await retryEverywhere();
      expect(save).toHaveBeenCalledTimes(1);
      expect(s.kept).toBe(0);
    });
  });
});
