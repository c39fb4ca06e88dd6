import type { IEvent } from '@nestjs/cqrs';
import type { RecordedEvent } from '../../../libs/event-store/src/event-store.js';

/**
 * A run of events read back from the store, in log order. The only thing the projector's
 * @nestjs/cqrs handlers ever receive: nothing reaches them that is not persisted.
 * The reader waits for `settled`, so the next run is read only after this one is committed.
 */
export class LogEventsRead implements IEvent {
  readonly settled: Promise<void>;
  /** whether the read-model projection took it (its handler runs as it is published) */
  taken = false;
  private resolve!: () => void;
  private reject!: (error: Error) => void;

  constructor(readonly events: readonly RecordedEvent[]) {
    this.settled = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /** Called by the handler once its changes and checkpoint are committed, or with the failure. */
  settle(error?: unknown): void {
    if (error === undefined) this.resolve();
    else this.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
