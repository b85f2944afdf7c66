// Saving as people type: each field (or group of fields saved together)
// has a key; a change schedules its save a short while after the last
// keystroke, leaving a field saves at once, and saves of one key never
// overlap, so a new record is added once and then updated. The page shows
// one status for all of them: "Saving…", "Saved" or what went wrong.

/** How long after the last keystroke a field is saved. */
export const SAVE_DELAY_MS = 400;

export type SaveStatus = "idle" | "saving" | "saved" | "error";

/**
 * A save the department's server could not take (not connected, or no
 * answer in time): it is kept and made again once the server is back.
 */
export function unreachable(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "offline" || code === "timeout";
}

/** Every autosaver still alive, so the connection coming back reaches them all. */
const alive = new Set<WeakRef<Autosaver>>();

/** Makes every kept save again, autosaver by autosaver (the connection is back). */
export async function retryEverywhere(): Promise<void> {
  for (const ref of [...alive]) {
    const saver = ref.deref();
    if (saver === undefined) alive.delete(ref);
    else await saver.retryKept();
  }
}

/**
 * True while any page has a save waiting or under way, kept for the
 * server's return, or refused (what was typed is on screen, not stored):
 * live refresh (live.svelte.ts) waits until none has.
 */
export function savingAnywhere(): boolean {
  for (const ref of alive) {
    const saver = ref.deref();
    if (saver !== undefined && (saver.busy || saver.kept > 0 || saver.errors.size > 0)) return true;
  }
  return false;
}

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
  /** Keys whose save the server could not take, in the order they failed. */
  readonly #kept = new Set<string>();
  #savedOnce = false;

  constructor(onchange: () => void = () => {}, delay = SAVE_DELAY_MS) {
    this.#onchange = onchange;
    this.#delay = delay;
    alive.add(new WeakRef(this));
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

  /** True while something is waiting to be saved or being saved (a save kept for the server's return is not). */
  get busy(): boolean {
    for (const [key, slot] of this.#slots) {
      const waiting = slot.pending !== null && !this.#kept.has(key);
      if (slot.timer !== null || waiting || slot.running !== null) return true;
    }
    return false;
  }

  /** How many saves are kept until the server is back. */
  get kept(): number {
    return this.#kept.size;
  }

  /**
   * Makes again, one after another in the order they failed, the saves the
   * server could not take; each is the latest asked for its key, so nothing
   * is saved twice.
   */
  async retryKept(): Promise<void> {
    for (const key of [...this.#kept]) {
      this.#kept.delete(key);
      await this.#run(key);
    }
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
   * Puts a row back as someone else saved it: lets go of what `keys` were
   * about to save, waits for any save of them under way, and runs `replace`
   * (which reads the saved row onto the screen). Their last failures are
   * forgotten only after that, so the conflict stays on screen until the
   * saved text is there, and stays if reading it failed.
   */
  async reload(keys: readonly string[], replace: () => Promise<void>): Promise<void> {
    for (const key of keys) {
      const slot = this.#slots.get(key);
      if (!slot) continue;
      if (slot.timer !== null) clearTimeout(slot.timer);
      slot.timer = null;
      slot.pending = null;
      while (slot.running) await slot.running;
    }
    await replace();
    for (const key of keys) {
      this.#kept.delete(key);
      this.errors.delete(key);
    }
    this.#onchange();
  }

  /** Forgets a key (its record was taken away). */
  drop(key: string): void {
    const slot = this.#slots.get(key);
    if (slot?.timer != null) clearTimeout(slot.timer);
    this.#slots.delete(key);
    this.#kept.delete(key);
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
        this.#kept.delete(key);
        this.#savedOnce = true;
      } catch (e) {
        this.errors.set(key, e);
        // Kept to make again when the server is back, unless a newer save
        // of the same key has been asked for meanwhile (that one goes).
        if (unreachable(e)) {
          if (slot.pending === null) slot.pending = save;
          this.#kept.add(key);
        }
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
