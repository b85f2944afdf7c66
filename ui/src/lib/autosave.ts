// Saving as people type: each field (or group of fields saved together)
// has a key; a change schedules its save a short while after the last
// keystroke, leaving a field saves at once, and saves of one key never
// overlap, so a new record is added once and then updated. The page shows
// one status for all of them: "Saving…", "Saved" or what went wrong.

/** How long after the last keystroke a field is saved. */
export const SAVE_DELAY_MS = 400;

export type SaveStatus = "idle" | "saving" | "saved" | "error";

type Save = () => Promise<unknown>;

interface Slot {
  timer: ReturnType<typeof setTimeout> | null;
  /** The latest save asked for and not yet started. */
  pending: Save | null;
  /** The save under way, if any. */
  running: Promise<void> | null;
}

export class Autosaver {
  readonly #delay: number;
  readonly #onchange: () => void;
  readonly #slots = new Map<string, Slot>();
  /** The last failure per key, until that key saves again. */
  readonly errors = new Map<string, unknown>();
  #savedOnce = false;

  constructor(onchange: () => void = () => {}, delay = SAVE_DELAY_MS) {
    this.#onchange = onchange;
    this.#delay = delay;
  }

  #slot(key: string): Slot {
    let slot = this.#slots.get(key);
    if (!slot) {
      slot = { timer: null, pending: null, running: null };
      this.#slots.set(key, slot);
    }
    return slot;
  }

  /** Saves `save` for `key` once typing has paused; a later call replaces it. */
  schedule(key: string, save: Save): void {
    const slot = this.#slot(key);
    slot.pending = save;
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      slot.timer = null;
      void this.#run(key);
    }, this.#delay);
    this.#onchange();
  }

  /** Saves `save` for `key` now (a choice, a checkbox), after any save of it under way. */
  now(key: string, save: Save): Promise<void> {
    const slot = this.#slot(key);
    slot.pending = save;
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    return this.#run(key);
  }

  /** Runs what is waiting for `key` at once (when a field loses focus). */
  flush(key: string): Promise<void> {
    const slot = this.#slots.get(key);
    if (!slot) return Promise.resolve();
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    return this.#run(key);
  }

  /** Runs everything waiting, and waits for every save under way. */
  async flushAll(): Promise<void> {
    await Promise.all([...this.#slots.keys()].map((key) => this.flush(key)));
  }

  /** True while something is waiting to be saved or being saved. */
  get busy(): boolean {
    for (const slot of this.#slots.values()) {
      if (slot.timer !== null || slot.pending !== null || slot.running !== null) return true;
    }
    return false;
  }

  get status(): SaveStatus {
    if (this.busy) return "saving";
    if (this.errors.size > 0) return "error";
    return this.#savedOnce ? "saved" : "idle";
  }

  /** The failure of `key`'s last save, if it failed. */
  error(key: string): unknown {
    return this.errors.get(key);
  }

  /**
   * Lets go of what `key` was about to save and of its last failure, once
   * any save of it under way has finished: the row is being reloaded as
   * someone else saved it, so what was typed gives way.
   */
  async discard(key: string): Promise<void> {
    const slot = this.#slots.get(key);
    if (slot) {
      if (slot.timer !== null) clearTimeout(slot.timer);
      slot.timer = null;
      slot.pending = null;
      while (slot.running) await slot.running;
    }
    this.errors.delete(key);
    this.#onchange();
  }

  /** Forgets a key (its record was taken away). */
  drop(key: string): void {
    const slot = this.#slots.get(key);
    if (slot?.timer != null) clearTimeout(slot.timer);
    this.#slots.delete(key);
    this.errors.delete(key);
    this.#onchange();
  }

  async #run(key: string): Promise<void> {
    const slot = this.#slot(key);
    // One save of a key at a time: wait for the one under way, then run the latest asked for.
    while (slot.running) await slot.running;
    const save = slot.pending;
    if (!save) return;
    slot.pending = null;
    slot.running = (async () => {
      try {
        await save();
        this.errors.delete(key);
        this.#savedOnce = true;
      } catch (e) {
        this.errors.set(key, e);
      }
    })();
    this.#onchange();
    try {
      await slot.running;
    } finally {
      slot.running = null;
      this.#onchange();
    }
  }
}
