// The autosaver as the page sees it: its status and each key's messages,
// reactive, so a field shows what the backend said about it.

import { Autosaver, type SaveStatus } from "./autosave";
import { toAppError, type AppError } from "./ipc";

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

  discard(key: string): Promise<void> {
    return this.saver.discard(key);
  }

  drop(key: string): void {
    this.saver.drop(key);
  }
}
