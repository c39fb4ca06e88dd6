import { setImmediate as nextTurn } from 'node:timers/promises';
import { comparePositions, type EventStore, type LogPosition, type RecordedEvent, type Subscription } from '../../event-store/src/index.js';
import { backoffDelay } from './backoff.js';
import { processHeapGrowth, type HeapGrowth } from './heap-growth.js';
import { LiveBatches } from './live-batches.js';
import { LogEventsRead, type LogProcessor } from './processor.js';

/**
 * Events per run while catching up. Each commit writes every page the run dirtied (the read
 * models' fact indexes are written all over), so bigger runs write fewer pages per event.
 */
export const DEFAULT_BATCH_SIZE = 2000;

export interface LogConsumerOptions {
  /** events per run while catching up (and the longest live run); default DEFAULT_BATCH_SIZE */
  readonly batchSize?: number;
  /** where it says what it does (a Nest Logger in the apps); default: warnings and errors on the console */
  readonly logger?: ConsumerLogger;
  /** after each run every processor has committed: the position they all reached (the projector's thread tells the API with it) */
  readonly onCommitted?: (position: LogPosition | null) => void;
  /** the V8 heap growth held while catching up (default: this thread's, heap-growth.ts) */
  readonly heapGrowth?: HeapGrowth;
}

export interface ConsumerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Nest-free (the answer worker threads load libs/read-model, which loads this lib) */
const consoleLogger: ConsumerLogger = { log: () => undefined, warn: (message) => console.warn(message), error: (message) => console.error(message) };

export interface ConsumerProgress {
  /** events read in this run */
  readonly events: number;
  /** the position every processor has committed up to (null: none yet) */
  readonly position: LogPosition | null;
}

const earlier = (a: LogPosition | null, b: LogPosition | null): LogPosition | null =>
  a === null || b === null ? null : comparePositions(a, b) <= 0 ? a : b;

/**
 * The one reader of the log: reads it from the lowest checkpoint of its processors and hands each
 * run of events to every processor in order (the read models first, so a webhook's receiver that
 * calls the API back finds the event there), waiting for each to commit; a processor whose
 * checkpoint is already past a run is not asked. Then follows live appends; a dropped
 * subscription or a failed commit is resumed from the checkpoints with exponential backoff.
 * Nothing is held only in memory: a crash anywhere resumes from the checkpoints.
 */
export class LogConsumer {
  private readonly logger: ConsumerLogger;
  private readonly batchSize: number;
  /** each processor's checkpoint as last read or committed */
  private readonly known = new Map<LogProcessor, LogPosition | null>();
  private subscription: Subscription | null = null;
  private live: LiveBatches | null = null;
  private started = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  /** failures since the last commit (the backoff's exponent) */
  private failures = 0;
  /** why the last subscription dropped, until a run is committed again */
  private lastError: string | null = null;
  private following = false;
  private readonly onCommitted: ((position: LogPosition | null) => void) | undefined;
  private readonly heapGrowth: HeapGrowth;

  constructor(
    private readonly eventStore: EventStore,
    readonly processors: readonly LogProcessor[],
    options: LogConsumerOptions = {},
  ) {
    this.batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    this.logger = options.logger ?? consoleLogger;
    this.onCommitted = options.onCommitted;
    this.heapGrowth = options.heapGrowth ?? processHeapGrowth;
  }

  /** The lowest checkpoint of the processors (null when one has none): where reading starts. */
  async checkpoint(): Promise<LogPosition | null> {
    let lowest: LogPosition | null | undefined;
    for (const processor of this.processors) {
      const checkpoint = await processor.checkpoint();
      this.known.set(processor, checkpoint);
      lowest = lowest === undefined ? checkpoint : earlier(lowest, checkpoint);
    }
    return lowest ?? null;
  }

  /** The position every processor has committed up to, as last seen (null before the first read). */
  position(): LogPosition | null {
    if (this.known.size < this.processors.length) return null;
    return [...this.known.values()].reduce<LogPosition | null | undefined>((low, at) => (low === undefined ? at : earlier(low, at)), undefined) ?? null;
  }

  /** For readiness: 'following' the log live, 'starting' (catching up), or 'failing: why' while resuming after errors. */
  state(): string {
    if (this.lastError !== null) return `failing: ${this.lastError} (${this.failures} attempt${this.failures === 1 ? '' : 's'} since the last commit)`;
    return this.following ? 'following' : 'starting';
  }

  /**
   * Reads the log from the lowest checkpoint to its end, a run of batchSize events at a time, the
   * process's heap growth held meanwhile (heap-growth.ts: memory follows what is live).
   */
  catchUp(onProgress?: (progress: ConsumerProgress) => void): Promise<ConsumerProgress> {
    return this.heapGrowth.heldDuring(() => this.readToEnd(onProgress));
  }

  private async readToEnd(onProgress?: (progress: ConsumerProgress) => void): Promise<ConsumerProgress> {
    const after = await this.checkpoint();
    let run: RecordedEvent[] = [];
    let events = 0;
    const flush = async (): Promise<void> => {
      if (run.length === 0) return;
      await this.dispatch(run);
      events += run.length;
      run = [];
      onProgress?.({ events, position: this.position() });
      // SQLite answers synchronously: without a turn of the event loop here, what processors set
      // going (a webhook sender's requests and their timeouts) waited for the whole catch-up
      await nextTurn();
    };
    for await (const event of this.eventStore.readAll(after ? { after } : {})) {
      run.push(event);
      if (run.length >= this.batchSize) await flush();
    }
    await flush();
    for (const processor of this.processors) await processor.caughtUp?.(events);
    return { events, position: this.position() };
  }

  /** Starts the processors, catches up, then follows the log until stop(), resuming after failures. */
  async start(): Promise<void> {
    this.stopped = false;
    if (!this.started) {
      this.started = true;
      for (const processor of this.processors) await processor.start?.();
    }
    const { events, position } = await this.catchUp();
    this.logger.log(`caught up: ${events} events read, checkpoint ${position ? position.commit : 'none'}`);
    await this.resubscribing();
    this.following = true;
  }

  /**
   * Follows the log live from the lowest checkpoint until stop(). A dropped subscription or a
   * failed commit stops it and reports the error (start() resumes from the checkpoints, which only
   * move with a commit: nothing is skipped).
   */
  async follow(onError?: (error: Error) => void): Promise<void> {
    if (this.subscription) throw new Error('the log consumer is already following');
    const after = await this.checkpoint();
    const live = new LiveBatches((events) => this.dispatch(events), this.batchSize, (error) => {
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

  /** Stops following, after the events already received are committed; then stops the processors. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const subscription = this.subscription;
    const live = this.live;
    this.subscription = null;
    this.live = null;
    await subscription?.close();
    await live?.settled();
    if (this.started) {
      this.started = false;
      for (const processor of this.processors) await processor.stop?.();
    }
  }

  /** Nest calls it when the application closes (ConsumerModule provides the consumer). */
  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /** Empties every processor's effects and checkpoint, then reads the whole log again. */
  async rebuild(onProgress?: (progress: ConsumerProgress) => void): Promise<ConsumerProgress> {
    if (this.subscription) throw new Error('stop following before a rebuild');
    for (const processor of this.processors) await processor.reset?.();
    return this.catchUp(onProgress);
  }

  /** follow(), and after a failure (also of resubscribing) the same again from the checkpoints after a backoff. */
  private resubscribing(): Promise<void> {
    const dropped = (error: Error): void => {
      if (this.stopped) return;
      const delay = backoffDelay(this.failures);
      this.failures += 1;
      this.lastError = error.message;
      this.logger.warn(`subscription dropped (${error.message}); resuming from the checkpoint in ${Math.round(delay)} ms`);
      this.retryTimer = setTimeout(() => {
        if (!this.stopped) this.follow(dropped).catch((failed: unknown) => dropped(failed instanceof Error ? failed : new Error(String(failed))));
      }, delay);
    };
    return this.follow(dropped);
  }

  /** Hands a run to each processor in order; each commits before the next is asked. */
  private async dispatch(events: readonly RecordedEvent[]): Promise<void> {
    const read = new LogEventsRead(events);
    const last = read.last;
    if (!last) return;
    for (const processor of this.processors) {
      const known = this.known.get(processor);
      if (known && comparePositions(known, last) >= 0) continue;
      await processor.handle(read);
      this.known.set(processor, last);
      processor.committed?.(last);
    }
    this.failures = 0;
    this.lastError = null;
    this.onCommitted?.(this.position());
  }
}
