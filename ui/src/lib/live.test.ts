import { describe, expect, it } from "vitest";
import { Refresher } from "./live";

function refresher(busy: { now: boolean }) {
  let refreshed = 0;
  const r = new Refresher({ busy: () => busy.now }, () => refreshed++);
  return { r, refreshed: () => refreshed };
}

describe("Refresher", () => {
  it("reads the page again at once when nothing is being typed or saved", () => {
    const { r, refreshed } = refresher({ now: false });
    expect(r.changed(), "refreshed now").toBe(true);
    expect(refreshed(), "once").toBe(1);
    expect(r.pending, "nothing left to do").toBe(false);
  });

  it("waits while the person is typing or saving, and refreshes once when that settles", () => {
    const busy = { now: true };
    const { r, refreshed } = refresher(busy);
    expect(r.changed(), "not while busy").toBe(false);
    expect(r.changed(), "a second change while busy").toBe(false);
    expect(r.settle(), "still busy").toBe(false);
    expect(refreshed(), "what is typed is kept").toBe(0);
    busy.now = false;
    expect(r.settle(), "settled: refreshed").toBe(true);
    expect(refreshed(), "once for all the changes heard meanwhile").toBe(1);
    expect(r.settle(), "nothing pending any more").toBe(false);
    expect(refreshed(), "not again").toBe(1);
  });

  it("does nothing on a settle when no change was heard", () => {
    const { r, refreshed } = refresher({ now: false });
    expect(r.settle(), "nothing to refresh").toBe(false);
    expect(refreshed(), "the page stays as it is").toBe(0);
  });
});

describe("live", () => {
  it("carries a page's state over a refresh, and not to a page opened afresh", async () => {
    const { live } = await import("./live.svelte");
    live.carry("meeting-7", "skills");
    expect(live.carried("meeting-7"), "the page has not been read again").toBeUndefined();
    live.epoch++;
    expect(live.carried("meeting-7"), "read again: the step on screen stays").toBe("skills");
    live.forget();
    expect(live.carried("meeting-7"), "after moving elsewhere, the page opens as it always did").toBeUndefined();
  });
});
