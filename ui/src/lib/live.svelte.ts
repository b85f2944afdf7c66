// Live refresh on the department's server: the shell's listener
// (src-tauri/src/live.rs) sends `data-changed` when another PC commits a
// change, and the page on screen is read again (App.svelte keys the routed
// page on `live.epoch`) — at once, or once the person stops typing and
// their saves settle (live.ts decides). On a file nothing is sent.

import { listen } from "@tauri-apps/api/event";
import type { Events } from "./commands";
import { retryEverywhere, savingAnywhere } from "./autosave";
import { Refresher } from "./live";

/** Fields where a person types; a checkbox or a button with focus holds nothing. */
const TYPED =
  "textarea, select, [contenteditable]:not([contenteditable='false']), " +
  "input:not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit]):not([type=reset]):not([type=file])";

/** Forms typed in and not yet sent (a staff record being edited, say). */
const unsent = new Set<HTMLFormElement>();

function typing(): boolean {
  const el = document.activeElement;
  return el instanceof HTMLElement && el.matches(TYPED);
}

function formUnsent(): boolean {
  for (const form of unsent) if (!form.isConnected) unsent.delete(form);
  return unsent.size > 0;
}

/** The page is hidden behind the unlock screen: it carries on as it was. */
function locked(): boolean {
  return document.getElementById("page")?.hidden === true;
}

class Live {
  /** Bumped to read the page on screen again. */
  epoch = $state(0);
  /** What a page keeps across being read again (the meeting's step on screen), until the person moves elsewhere. */
  readonly #carried = new Map<string, { value: unknown; epoch: number }>();

  /** Keeps `value` for `key` should the page be read again. */
  carry(key: string, value: unknown): void {
    this.#carried.set(key, { value, epoch: this.epoch });
  }

  /** What was kept for `key` before the page was read again; nothing on a page opened afresh. */
  carried<T>(key: string): T | undefined {
    const kept = this.#carried.get(key);
    return kept !== undefined && kept.epoch < this.epoch ? (kept.value as T) : undefined;
  }

  /** The person moved to another page: nothing carries over. */
  forget(): void {
    this.#carried.clear();
  }

  readonly #refresher = new Refresher(
    { busy: () => typing() || savingAnywhere() || formUnsent() || locked() },
    () => this.#refresh(),
  );

  #refresh(): void {
    // Where the person had scrolled to, back once the page has been read again.
    const y = window.scrollY;
    this.epoch++;
    for (const ms of [50, 300, 1000]) setTimeout(() => window.scrollY < y && window.scrollTo(0, y), ms);
  }

  /** Starts listening; returns the function that stops it. */
  watch(): () => void {
    const settle = () => setTimeout(() => this.#refresher.settle(), 0);
    const onInput = (e: Event) => {
      const form = e.target instanceof Element ? e.target.closest("form") : null;
      if (form) unsent.add(form);
    };
    const onSubmit = (e: Event) => {
      if (e.target instanceof HTMLFormElement) unsent.delete(e.target);
      settle();
    };
    const onHash = () => this.forget();
    window.addEventListener("hashchange", onHash);
    document.addEventListener("input", onInput, true);
    document.addEventListener("submit", onSubmit, true);
    document.addEventListener("focusout", settle, true);
    // Saves end and forms close without an event of their own.
    const timer = setInterval(() => this.#refresher.settle(), 500);
    let stop: (() => void) | null = null;
    let stopped = false;
    const changed = () => {
      // Also sent when the server is back after a lost connection: what
      // could not be saved meanwhile is saved first, then the page read again.
      void retryEverywhere();
      this.#refresher.changed();
    };
    void listen<Events["data-changed"]>("data-changed", changed).then((unlisten) => {
      if (stopped) unlisten();
      else stop = unlisten;
    });
    return () => {
      stopped = true;
      stop?.();
      clearInterval(timer);
      window.removeEventListener("hashchange", onHash);
      document.removeEventListener("input", onInput, true);
      document.removeEventListener("submit", onSubmit, true);
      document.removeEventListener("focusout", settle, true);
    };
  }
}

export const live = new Live();
