import type { Worker } from 'node:worker_threads';
import type { CheckedRange } from '../../../event-store/src/index.js';

type CheckerMessage = { readonly range: CheckedRange } | { readonly error: string; readonly index: number } | { readonly done: true };

/**
 * The checker thread as the walk sees it: the ranges it answered, kept until the walk takes them,
 * a wait for one not in yet, and its end. Its first failure (an error, an exit before its done)
 * fails every wait, now and later.
 */
export class CheckerHand {
  /** a range it could not check is answered with its error: thrown only if the walk gets there */
  readonly #answered = new Map<number, CheckedRange | Error>();
  #waiting: { readonly index: number; resolve(): void; reject(error: Error): void } | null = null;
  #failure: Error | null = null;
  #done = false;
  #onDone: { resolve(): void; reject(error: Error): void } | null = null;

  constructor(private readonly worker: Worker) {
    worker.on('message', (message: CheckerMessage) => {
      if ('range' in message || 'error' in message) {
        const index = 'range' in message ? message.range.index : message.index;
        this.#answered.set(index, 'range' in message ? message.range : new Error(`checking the positions of range ${index} failed: ${message.error}`));
        if (this.#waiting?.index === index) this.#settle();
      } else {
        this.#done = true;
        this.#onDone?.resolve();
      }
    });
    worker.on('error', (error) => this.#fail(error));
    // a thread that ends without an error (killed, out of memory) must not leave the walk waiting for ever
    worker.on('exit', (code) => this.#fail(new Error(`the checker thread exited (code ${code}) before answering`)));
  }

  /** The checker's answer for range `index`, if it is in (taken: the walk keeps it no longer). */
  take(index: number): CheckedRange | undefined {
    if (this.#failure) throw this.#failure;
    const range = this.#answered.get(index);
    this.#answered.delete(index);
    if (range instanceof Error) throw range;
    return range;
  }

  /** Resolves when the checker's answer for range `index` is in. */
  answer(index: number): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#answered.has(index)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.#waiting = { index, resolve, reject };
    });
  }

  /** Resolves when the checker said it claims nothing more; rejects if it failed first. */
  done(): Promise<void> {
    if (this.#done) return Promise.resolve();
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#onDone = { resolve, reject };
    });
  }

  async terminate(): Promise<void> {
    this.#done = true;
    await this.worker.terminate();
  }

  #settle(): void {
    const waiting = this.#waiting;
    this.#waiting = null;
    waiting?.resolve();
  }

  #fail(error: Error): void {
    if (this.#done || this.#failure) return;
    this.#failure = error;
    const waiting = this.#waiting;
    this.#waiting = null;
    waiting?.reject(error);
    this.#onDone?.reject(error);
  }
}
