import { LogConsumer, type LogConsumerOptions, type LogEventsRead, type LogProcessor } from '../../consumers/src/index.js';
import type { EventStore, LogPosition } from '../../event-store/src/index.js';
import { READ_MODEL_PROJECTOR, type ReadModelStore } from './read-model-store.js';

/** a catch-up this long (a rebuild, a projector long stopped) refreshes the planner's statistics at its end */
export const STATISTICS_AFTER_EVENTS = 10_000;

/**
 * The read models' processor of the log consumer (a @nestjs/cqrs event handler of the runs of
 * events read back from the store): turns each run into read-model changes with the pure
 * `project` and commits them with its checkpoint in one transaction (ReadModelStore.applyEvents),
 * so a crash anywhere resumes without loss or double effects. Tests, bench and production all
 * project through it.
 */
export class ReadModelProjection implements LogProcessor {
  /** caught up once: a run's stale places are projected right after it (a live run too large to do so in its transaction) */
  private live = false;

  constructor(private readonly store: ReadModelStore, readonly name: string = READ_MODEL_PROJECTOR) {}

  checkpoint(): Promise<LogPosition | null> {
    return this.store.checkpoint(this.name);
  }

  async handle(read: LogEventsRead): Promise<void> {
    await this.store.applyEvents(this.name, read.events);
    if (this.live) await this.store.recomputeStale();
  }

  /**
   * The places a catch-up marked stale are projected now, each once (statistics first after a long
   * catch-up: the planner then reads each place's facts by the right index, and again after; in
   * long transactions of several places after a long one).
   */
  async caughtUp(events: number): Promise<void> {
    if (events >= STATISTICS_AFTER_EVENTS) await this.store.refreshStatistics();
    const places = await this.store.recomputeStale({ bulk: events >= STATISTICS_AFTER_EVENTS });
    if (events >= STATISTICS_AFTER_EVENTS && places > 0) await this.store.refreshStatistics();
    this.live = true;
  }

  /** Empties the read models and the checkpoint (a rebuild). */
  reset(): Promise<void> {
    this.live = false;
    return this.store.truncate(this.name);
  }
}

/** A log consumer with the read-model projection only (tests, bench, `npm run projector:rebuild`). */
export const readModelConsumer = (
  eventStore: EventStore, store: ReadModelStore, options: LogConsumerOptions & { readonly name?: string } = {},
): LogConsumer => new LogConsumer(eventStore, [new ReadModelProjection(store, options.name)], options);
