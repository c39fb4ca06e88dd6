import { AsyncLocalStorage } from 'node:async_hooks';
import pkg from '@eventstore/db-client';
import type { AllStreamSubscription, EventStoreDBClient } from '@eventstore/db-client';
import { comparePositions, type LogPosition, type SubscribeOptions, type Subscription } from '../event-store.js';
import { reportStopped, toError } from '../subscription-support.js';
import { toRecordedEvent } from './eventstoredb-mapping.js';

const { START, excludeSystemEvents, AccessDeniedError } = pkg;

export interface ResubscribePolicy {
  /** first delay after a drop (ms); doubles on each consecutive failure */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** consecutive failed attempts (no event delivered in between) before giving up and calling onError */
  readonly maxAttempts: number;
}

export const DEFAULT_RESUBSCRIBE_POLICY: ResubscribePolicy = { initialDelayMs: 100, maxDelayMs: 10_000, maxAttempts: 30 };

/** The handler threw: the subscription stops instead of resubscribing (same as the SQLite adapter). */
class HandlerFailed extends Error {
  constructor(readonly original: Error) {
    super(original.message);
  }
}

const handlerContext = new AsyncLocalStorage<EventStoreDbSubscription>();

/**
 * One filtered `$all` catch-up subscription (system events excluded). When the server drops it,
 * it resubscribes from the last delivered position with exponential backoff and jitter; onError
 * is called only when it gives up. Handlers are awaited one at a time, in log order; events at or
 * before the last delivered position are skipped, so a resubscription never delivers twice.
 */
export class EventStoreDbSubscription implements Subscription {
  private closed = false;
  private current: AllStreamSubscription | null = null;
  private cancelSleep: (() => void) | null = null;
  private readonly done: Promise<void>;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeOptions,
    private readonly policy: ResubscribePolicy,
    onFinished: (subscription: EventStoreDbSubscription) => void,
  ) {
    this.done = this.run().finally(() => onFinished(this));
  }

  close(): Promise<void> {
    this.closed = true;
    this.cancelSleep?.();
    void this.current?.unsubscribe().catch(() => undefined);
    if (handlerContext.getStore() === this) return Promise.resolve();
    return this.done;
  }

  private async run(): Promise<void> {
    await Promise.resolve();
    let last: LogPosition | undefined = this.options.after;
    let failures = 0;
    while (!this.closed) {
      // fromPosition is exclusive for a position, inclusive for START
      const subscription = this.client.subscribeToAll({ fromPosition: last ?? START, filter: excludeSystemEvents() });
      this.current = subscription;
      let error: Error;
      try {
        for await (const resolved of subscription) {
          if (this.closed) break;
          const event = toRecordedEvent(resolved);
          if (!event || (last && comparePositions(event.position, last) <= 0)) continue;
          try {
            await handlerContext.run(this, () => this.options.onEvent(event));
          } catch (handlerError) {
            throw new HandlerFailed(toError(handlerError));
          }
          last = event.position;
          failures = 0;
        }
        error = new Error('EventStoreDB subscription ended');
      } catch (caught) {
        error = toError(caught);
      } finally {
        this.current = null;
        await subscription.unsubscribe().catch(() => undefined);
      }
      if (this.closed) return;
      failures += 1;
      const fatal = error instanceof HandlerFailed || error instanceof AccessDeniedError;
      if (fatal || failures > this.policy.maxAttempts) {
        this.closed = true;
        reportStopped(this.options, error instanceof HandlerFailed ? error.original : error);
        return;
      }
      await this.sleep(this.backoff(failures));
    }
  }

  /** 100, 200, 400 ... ms up to maxDelayMs, with "equal jitter" (a random point in the upper half) */
  private backoff(failures: number): number {
    const base = Math.min(this.policy.maxDelayMs, this.policy.initialDelayMs * 2 ** (failures - 1));
    return Math.round(base / 2 + (Math.random() * base) / 2);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.cancelSleep = null;
        resolve();
      }, ms);
      this.cancelSleep = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
