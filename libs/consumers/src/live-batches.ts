import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RecordedEvent } from '../../event-store/src/index.js';

/**
 * The live events of a consumer, handled in runs: those received in one turn of the event loop (a
 * subscription hands over a page of events before it yields) go in one transaction per processor:
 * a commit per event wrote the same index pages once per event, and an append over HTTP waited
 * on them. A run longer than `max` makes the subscription wait for its commit, so memory stays
 * bounded. After a failure, nothing more is handled (the consumer resumes from the checkpoints).
 */
export class LiveBatches {
  private pending: RecordedEvent[] = [];
  private flushing: Promise<void> | null = null;
  private failed = false;

  constructor(
    private readonly handle: (events: readonly RecordedEvent[]) => Promise<void>,
    private readonly max: number,
    private readonly onFailure: (error: Error) => void,
  ) {}

  async add(event: RecordedEvent): Promise<void> {
    if (this.failed) return;
    this.pending.push(event);
    this.flushing ??= this.flush();
    if (this.pending.length >= this.max) await this.flushing;
  }

  /** Resolves once every event received so far is committed (or the commit failed). */
  async settled(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    await nextTurn();
    try {
      while (this.pending.length > 0 && !this.failed) {
        const run = this.pending.splice(0, this.max);
        await this.handle(run);
      }
    } catch (error) {
      this.failed = true;
      this.pending = [];
      this.onFailure(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.flushing = null;
    }
  }
}
