// The autosaver as the page sees it: its status and each key's messages,
// reactive, so a field shows what the backend said about it.

import { Autosaver, type SaveStatus } from "./autosave";
import { AppError, toAppError } from "./ipc";

export class Saving {
  #version = $state(0);
  readonly saver = new Autosaver(() => this.#version++);

  get status(): SaveStatus {
    void this.#version;
    return this.saver.status;
  }

  /** The refusal of `key`'s last save, if any. */
  error(key: string): AppError | undefined {
    void this.#version;
    const e = this.saver.error(key);
    return e === undefined ? undefined : toAppError(e);
  }

  /** The backend's message for one field of `key`. */
  field(key: string, field: string): string | undefined {
    return this.error(key)?.fieldMessage(field);
  }

  /**
   * Why the page should not move on yet: a row someone else saved after this
   * person opened it, whose typed text would be lost with the page. Settled
   * by reloading the row (or by a save that goes through).
   */
  unsettled(): AppError | undefined {
    if (!this.errors().some((e) => e.error.code === "conflict")) return undefined;
    return new AppError({
      code: "conflict",
      message: "Someone else saved part of this step after you opened it. Reload it (below) before you move on.",
      fields: [],
    });
  }

  /** Every current refusal, for the summary at the top of the step. */
  errors(): Array<{ key: string; error: AppError }> {
    void this.#version;
    return [...this.saver.errors.entries()].map(([key, e]) => ({ key, error: toAppError(e) }));
  }

  schedule(key: string, save: () => Promise<unknown>): void {
    this.saver.schedule(key, save);
  }

  now(key: string, save: () => Promise<unknown>): Promise<void> {
    return this.saver.now(key, save);
  }

  flush(key: string): Promise<void> {
    return this.saver.flush(key);
  }

  flushAll(): Promise<void> {
    return this.saver.flushAll();
  }

  reload(keys: readonly string[], replace: () => Promise<void>): Promise<void> {
    return this.saver.reload(keys, replace);
  }

  drop(key: string): void {
    this.saver.drop(key);
  }
}
