import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventStore, LogPosition, RecordedEvent, Subscription } from '../../event-store/src/event-store.js';
import { project } from './projections.js';
import type { ReadModelStore } from './read-model-store.js';

/**
 * Events per transaction while catching up. Each commit writes every page the batch dirtied
 * (the fact indexes are written all over), so bigger batches write fewer pages per event.
 */
export const DEFAULT_BATCH_SIZE = 2000;
/** a catch-up this long (a rebuild, a projector long stopped) refreshes the planner's statistics at its end */
export const STATISTICS_AFTER_EVENTS = 10_000;

export interface ProjectorOptions {
  /** the checkpoint's name */
  readonly name: string;
  /** events per transaction while catching up; default DEFAULT_BATCH_SIZE */
  readonly batchSize?: number;
  /**
   * Commits the changes of a run of events, in log order, with the checkpoint at the last one, in
   * one transaction (the app hands them to its @nestjs/cqrs handlers); default: their projected
   * changes through the store.
   */
  readonly applyEvents?: (events: readonly RecordedEvent[]) => Promise<void>;
}

export interface ProjectorProgress {
  /** events read in this run */
  readonly events: number;
  /** position of the last committed event */
  readonly position: LogPosition;
}

/**
 * Builds the read models from the log. Every transaction carries the changes of a run of events
 * and the checkpoint after them, so a crash anywhere resumes from the last commit without loss
 * or double effects. One projector per name at a time.
 */
export class Projector {
  private readonly name: string;
  private readonly batchSize: number;
  private readonly applyEvents: (events: readonly RecordedEvent[]) => Promise<void>;
  private subscription: Subscription | null = null;
  private live: LiveBatches | null = null;

  constructor(
    private readonly eventStore: EventStore,
    private readonly store: ReadModelStore,
    options: ProjectorOptions,
  ) {
    this.name = options.name;
    this.batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    this.applyEvents = options.applyEvents ?? (async (events) => {
      const last = events[events.length - 1];
      if (last) await this.store.apply(this.name, last.position, events.flatMap(project));
    });
  }

  checkpoint(): Promise<LogPosition | null> {
    return this.store.checkpoint(this.name);
  }

  /** Reads the log from the checkpoint to its end, one transaction per batch. */
  async catchUp(onProgress?: (progress: ProjectorProgress) => void): Promise<ProjectorProgress | null> {
    const after = await this.checkpoint();
    let batch: RecordedEvent[] = [];
    let events = 0;
    let last: ProjectorProgress | null = after ? { events: 0, position: after } : null;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const position = batch[batch.length - 1]!.position;
      await this.applyEvents(batch);
      events += batch.length;
      batch = [];
      last = { events, position };
      onProgress?.(last);
    };
    for await (const event of this.eventStore.readAll(after ? { after } : {})) {
      batch.push(event);
      if (batch.length >= this.batchSize) await flush();
    }
    await flush();
    if (events >= STATISTICS_AFTER_EVENTS) await this.store.refreshStatistics();
    return last;
  }

  /**
   * Follows the log live from the checkpoint until stop(). The events that arrive together (a
   * notice's events, a burst of appends) are committed in one transaction: a commit per event
   * wrote the same index pages once per event, and an append over HTTP waited on them. A failed
   * commit stops the subscription and reports the error (the caller resumes from the checkpoint,
   * which only moves with a commit: nothing is skipped).
   */
  async follow(onError?: (error: Error) => void): Promise<void> {
    if (this.subscription) throw new Error(`projector ${this.name} is already following`);
    const after = await this.checkpoint();
    const live = new LiveBatches(this.applyEvents, this.batchSize, (error) => {
      const subscription = this.subscription;
      this.subscription = null;
      this.live = null;
      void subscription?.close().finally(() => onError?.(error));
    });
    this.live = live;
    this.subscription = this.eventStore.subscribeToAll({
      ...(after ? { after } : {}),
      onEvent: (event) => live.add(event),
      onError: (error) => {
        this.subscription = null;
        this.live = null;
        onError?.(error);
      },
    });
  }

  /** Stops following, after the events already received are committed. */
  async stop(): Promise<void> {
    const subscription = this.subscription;
    const live = this.live;
    this.subscription = null;
    this.live = null;
    await subscription?.close();
    await live?.settled();
  }

  /** Empties the read models and the checkpoint, then builds them again from the start of the log. */
  async rebuild(onProgress?: (progress: ProjectorProgress) => void): Promise<ProjectorProgress | null> {
    if (this.subscription) throw new Error(`projector ${this.name}: stop following before a rebuild`);
    await this.store.truncate(this.name);
    return this.catchUp(onProgress);
  }
}

/**
 * The live events of a projector, committed in runs: those received in one turn of the event loop
 * (a subscription hands over a page of events before it yields) go in one transaction. A run
 * longer than `max` makes the subscription wait for its commit, so memory stays bounded.
 */
class LiveBatches {
  private pending: RecordedEvent[] = [];
  private flushing: Promise<void> | null = null;
  private failed = false;

  constructor(
    private readonly apply: (events: readonly RecordedEvent[]) => Promise<void>,
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
        await this.apply(run);
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
