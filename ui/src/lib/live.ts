// Live refresh's one decision: the department's server says something
// changed; read the page on screen again now, or later? Later while the
// person is typing or the page holds something not yet stored (a field
// with focus, a save waiting, kept or refused, a form typed in and not
// sent, the page hidden behind the lock screen); then once that settles.
// The probes and the refresh come in, so it is tested without a window
// (live.svelte.ts wires it to the document).

export interface Probes {
  /** Why not now, if anything: typing, saving, an unsent form, locked. */
  busy(): boolean;
}

export class Refresher {
  readonly #probes: Probes;
  readonly #refresh: () => void;
  /** A change was heard while busy: refresh once it settles. */
  pending = false;

  constructor(probes: Probes, refresh: () => void) {
    this.#probes = probes;
    this.#refresh = refresh;
  }

  /** The server says something changed. Returns whether it refreshed now. */
  changed(): boolean {
    this.pending = true;
    return this.settle();
  }

  /** Something that held the refresh may have ended (a blur, a save, a timer). */
  settle(): boolean {
    if (!this.pending || this.#probes.busy()) return false;
    this.pending = false;
    this.#refresh();
    return true;
  }
}
