// Who is signed in to this window, and which screen that calls for. The
// backend keeps the session; this mirrors it for the screens and puts the
// window back on the right screen whenever a command is refused with
// "unauthenticated" (see `setSessionLostHandler` in ipc.ts).

import type { Actor, SessionStatus } from "./bindings";
import { homePage, screenFor, type Screen } from "./access";
import { href } from "./route";
import { api, AppError, setSessionLostHandler } from "./ipc";

/** How often the window asks whether the idle lock has come down. */
const POLL_MS = 15_000;
/** At most one "still here" this often while someone types or clicks. */
const TOUCH_MS = 30_000;

class Session {
  screen: Screen = $state("loading");
  status: SessionStatus | null = $state(null);
  actor: Actor | null = $state(null);
  /** Bumps when someone signs in: the pages start afresh for them. */
  epoch = $state(0);
  /** Why the window went back to a sign-in screen, to show there. */
  reason = $state("");

  /** Commands waiting for the same person to carry on. */
  #waiting: Array<(carryOn: boolean) => void> = [];
  #lastTouch = 0;
  /** Who last signed in to this window: the same person signing back in carries on where they were. */
  #lastPerson = "";

  /** Asks the backend and shows the screen that fits. */
  async refresh(): Promise<void> {
    const status = await api.sessionStatus();
    this.status = status;
    this.actor = status.actor;
    this.screen = screenFor(status);
  }

  /** The handler ipc.ts calls on "unauthenticated". */
  lost = async (error: AppError): Promise<boolean> => {
    try {
      await this.refresh();
    } catch {
      return false;
    }
    if (this.screen === "app") return true; // nothing is wrong any more: send it again
    this.reason = error.message;
    return new Promise((resolve) => this.#waiting.push(resolve));
  };

  #release(carryOn: boolean) {
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const resolve of waiting) resolve(carryOn);
  }

  /** Someone signed in (or made the first account): pages start afresh for them. */
  signedIn(actor: Actor) {
    this.#release(false);
    this.actor = actor;
    this.reason = "";
    this.epoch += 1;
    this.screen = actor.must_change_passphrase ? "change_passphrase" : "app";
    // Someone else starts on their own page, not the page the previous person left open.
    if (actor.staff_number !== this.#lastPerson) location.hash = href({ page: homePage(actor.role) });
    this.#lastPerson = actor.staff_number;
  }

  /** The same person typed their passphrase after the idle lock: carry on where they were. */
  unlocked(actor: Actor) {
    this.actor = actor;
    this.reason = "";
    this.screen = actor.must_change_passphrase ? "change_passphrase" : "app";
    if (this.screen === "app") this.#release(true);
  }

  /** A new passphrase chosen (forced or not). */
  passphraseChanged(actor: Actor) {
    this.actor = actor;
    if (this.screen === "change_passphrase") {
      this.screen = "app";
      this.#release(true);
    }
  }

  async signOut(): Promise<void> {
    await api.signOut();
    this.#release(false);
    this.actor = null;
    this.reason = "";
    await this.refresh();
  }

  /** Starts watching for the idle lock; returns the function that stops it. */
  watch(): () => void {
    setSessionLostHandler(this.lost);
    const poll = window.setInterval(async () => {
      if (this.screen !== "app") return;
      try {
        const status = await api.sessionStatus();
        if (screenFor(status) !== "app") {
          this.status = status;
          this.screen = screenFor(status);
        }
      } catch {
        /* the next command will tell */
      }
    }, POLL_MS);
    const active = () => {
      const now = Date.now();
      if (this.screen !== "app" || now - this.#lastTouch < TOUCH_MS) return;
      this.#lastTouch = now;
      api.sessionTouch().catch(() => {});
    };
    window.addEventListener("keydown", active);
    window.addEventListener("pointerdown", active);
    return () => {
      setSessionLostHandler(null);
      window.clearInterval(poll);
      window.removeEventListener("keydown", active);
      window.removeEventListener("pointerdown", active);
    };
  }
}

export const session = new Session();
