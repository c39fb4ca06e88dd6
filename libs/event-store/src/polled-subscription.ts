import { AsyncLocalStorage } from 'node:async_hooks';
import type { LogPosition, RecordedEvent, SubscribeOptions, Subscription } from './event-store.js';
import { reportStopped, toError } from './subscription-support.js';

/** What the subscription needs from the store: a page reader and an in-process append signal. */
export interface PolledSubscriptionSource {
  /** events strictly after `after` (all when absent), in position order, at most `limit` */
  readPage(after: LogPosition | undefined, limit: number): RecordedEvent[] | Promise<RecordedEvent[]>;
  /** calls `listener` after each append committed through this store instance; returns the un-listen function */
  onAppend(listener: () => void): () => void;
}

const PAGE_SIZE = 1000;
/** the handler currently running, to let close() be called from inside it without deadlocking */
const handlerContext = new AsyncLocalStorage<PolledSubscription>();

const isBusy = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && /^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: unknown }).code));

/**
 * Catch-up then live subscription over a log read by pages (SQLite, PostgreSQL). Woken by appends
 * made through the same store instance (and, on PostgreSQL, by NOTIFY from other processes), and
 * polls every `pollIntervalMs` to see appends made by other processes.
 * Handlers run one at a time in position order; `after` only moves forward, so an event is
 * never delivered twice within one subscription.
 */
export class PolledSubscription implements Subscription {
  private closed = false;
  private woken = false;
  private wakeUp: (() => void) | null = null;
  private readonly done: Promise<void>;

  constructor(
    private readonly source: PolledSubscriptionSource,
    private readonly options: SubscribeOptions,
    private readonly pollIntervalMs: number,
    onFinished: (subscription: PolledSubscription) => void,
  ) {
    this.done = this.run(options.after).finally(() => onFinished(this));
  }

  close(): Promise<void> {
    this.closed = true;
    this.wake();
    // close() awaited from inside this subscription's own handler: the loop ends once it returns
    if (handlerContext.getStore() === this) return Promise.resolve();
    return this.done;
  }

  private wake(): void {
    this.woken = true;
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async run(from: LogPosition | undefined): Promise<void> {
    // let the constructor return (and the caller store the subscription) before the first delivery
    await Promise.resolve();
    const unlisten = this.source.onAppend(() => this.wake());
    let after = from;
    try {
      while (!this.closed) {
        this.woken = false;
        let page: RecordedEvent[];
        try {
          page = await this.source.readPage(after, PAGE_SIZE);
        } catch (error) {
          if (!isBusy(error)) throw error;
          await this.sleep(this.pollIntervalMs);
          continue;
        }
        if (page.length === 0) {
          await this.sleep(this.pollIntervalMs);
          continue;
        }
        for (const event of page) {
          if (this.closed) return;
          await handlerContext.run(this, () => this.options.onEvent(event));
          after = event.position;
        }
        // a long catch-up would otherwise run on microtasks only: let timers and sockets have a turn per page
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      if (this.closed) return;
      this.closed = true;
      reportStopped(this.options, toError(error));
    } finally {
      unlisten();
    }
  }
}

/** The subscriptions of one store instance: woken together when it appends, closed together. */
export class PolledSubscriptions {
  private readonly open = new Set<PolledSubscription>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly readPage: PolledSubscriptionSource['readPage'], private readonly pollIntervalMs: number) {}

  subscribe(options: SubscribeOptions): Subscription {
    const source: PolledSubscriptionSource = {
      readPage: this.readPage,
      onAppend: (listener) => this.onAppend(listener),
    };
    const subscription = new PolledSubscription(source, options, this.pollIntervalMs, (finished) => this.open.delete(finished));
    this.open.add(subscription);
    return subscription;
  }

  /** Calls `listener` after each append through this store instance; returns the un-listen function. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Something was appended (here, or in another process that said so): every subscription reads again now. */
  appended(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Stops every subscription, each after its handler in flight. */
  async close(): Promise<void> {
    await Promise.all([...this.open].map((subscription) => subscription.close()));
    this.listeners.clear();
  }
}
