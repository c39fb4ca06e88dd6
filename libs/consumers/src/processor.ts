import type { IEvent, IEventHandler } from '@nestjs/cqrs';
import type { LogPosition, RecordedEvent } from '../../event-store/src/index.js';

/**
 * A run of events read back from the store, in log order: all a processor ever receives, so
 * nothing reaches it that is not persisted.
 */
export class LogEventsRead implements IEvent {
  constructor(readonly events: readonly RecordedEvent[]) {}

  /** the position of the run's last event */
  get last(): LogPosition | null {
    return this.events[this.events.length - 1]?.position ?? null;
  }
}

/**
 * One processor of the log consumer: a @nestjs/cqrs event handler of the runs of events the
 * consumer reads, with its own checkpoint. The consumer calls the processors one after the other
 * and waits for each: `handle` commits the processor's effects of the run's events after its
 * checkpoint and moves the checkpoint to the run's end, in one transaction (commitEvents).
 */
export interface LogProcessor extends IEventHandler<LogEventsRead> {
  /** its checkpoint's name */
  readonly name: string;
  /** the position of the last event it committed, null when none */
  checkpoint(): Promise<LogPosition | null>;
  handle(read: LogEventsRead): Promise<void>;
  /** after `handle` committed (from the consumer: a queue's sender is woken here) */
  committed?(position: LogPosition): void;
  /** after a catch-up of `events` events (statistics after a long one) */
  caughtUp?(events: number): Promise<void>;
  /** empties its effects and its checkpoint (a rebuild) */
  reset?(): Promise<void>;
  /** when the consumer starts following, and once it stopped */
  start?(): Promise<void>;
  stop?(): Promise<void>;
}
