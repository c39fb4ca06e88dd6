import { ServiceUnavailableException } from '@nestjs/common';
import pLimit, { type LimitFunction } from 'p-limit';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AppConfig } from '../../../../libs/config/src/index.js';

/** Raised when the queue of reads waiting for a turn is full: a 503 with Retry-After, never a 500. */
export class ReadCapacityError extends ServiceUnavailableException {
  constructor(readonly retryAfterSeconds: number, waiting: number) {
    super({ code: 'read-capacity', message: `${waiting} computed reads are already waiting; retry in ${retryAfterSeconds} s (answers already given, and /health, are not limited)` });
  }
}

/**
 * At most READ_CONCURRENCY answers computed at once (each is a read of the read models and the
 * fold, CPU on the event loop), at most READ_QUEUE waiting for a turn; beyond that a 503. A turn
 * starts on a later turn of the event loop, so requests that need no computation (`/health`,
 * answers from the answer cache, writes) are served between two computations instead of behind
 * every computation asked for.
 */
export class ReadGate {
  private readonly limit: LimitFunction;
  /** a running mean of the time one computation takes (ms), for Retry-After */
  private meanMs = 500;
  /** computations running now (past their turn of the event loop, not yet answered) */
  private running = 0;

  constructor(private readonly queueBound: number, concurrency: number) {
    this.limit = pLimit(concurrency);
  }

  get active(): number {
    return this.limit.activeCount;
  }

  /** answers being computed at this moment: seen above 0 only by a request served during a computation (answer workers) */
  get computing(): number {
    return this.running;
  }

  get waiting(): number {
    return this.limit.pendingCount;
  }

  run<T>(compute: () => Promise<T>): Promise<T> {
    if (this.limit.activeCount >= this.limit.concurrency && this.limit.pendingCount >= this.queueBound) {
      return Promise.reject(new ReadCapacityError(this.retryAfterSeconds(), this.limit.pendingCount));
    }
    return this.limit(async () => {
      await nextTurn();
      const started = performance.now();
      this.running += 1;
      try {
        return await compute();
      } finally {
        this.running -= 1;
        this.meanMs = 0.8 * this.meanMs + 0.2 * (performance.now() - started);
      }
    });
  }

  /** How long the queue ahead takes to drain, at least a second. */
  private retryAfterSeconds(): number {
    const queued = this.limit.activeCount + this.limit.pendingCount;
    return Math.max(1, Math.min(60, Math.ceil((queued * this.meanMs) / this.limit.concurrency / 1000)));
  }
}

/** One gate per running application (its config object), whichever interceptor instance asks. */
const gates = new WeakMap<object, ReadGate>();
export function readGateOf(config: Pick<AppConfig, 'readConcurrency' | 'readQueue'>): ReadGate {
  let gate = gates.get(config);
  if (!gate) {
    gate = new ReadGate(config.readQueue, config.readConcurrency);
    gates.set(config, gate);
  }
  return gate;
}
