import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type { EventStore, LogPosition, RecordedEvent } from '../../../libs/event-store/src/event-store.js';
import { Projector } from '../../../libs/read-model/src/projector.js';
import type { ReadModelStore } from '../../../libs/read-model/src/read-model-store.js';
import { LogEventsRead } from './log-events-read.event.js';
import { PROJECTOR_EVENT_STORE, READ_MODEL_STORE } from './projector.tokens.js';
import { READ_MODEL_PROJECTOR } from './read-model.projection.js';

export interface CatchUpProgress {
  readonly events: number;
  readonly position: LogPosition | null;
}

const MAX_BACKOFF_MS = 10_000;

/**
 * Reads the log from the read model's checkpoint and hands it, batch by batch, to the
 * @nestjs/cqrs handlers; then follows live appends. The reading (catch-up batches, the live
 * subscription) is the read-model Projector's; each run of events it reads is published as
 * LogEventsRead and committed by the handlers before the next is read. A dropped subscription
 * is resumed from the checkpoint with exponential backoff.
 */
@Injectable()
export class LogFollower implements OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private readonly projector: Projector;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private lastPosition: LogPosition | null = null;
  /** subscription drops since the last event delivered (the backoff's exponent) */
  private failures = 0;
  /** why the last subscription dropped, until an event is committed again */
  private lastError: string | null = null;
  private following = false;

  constructor(
    private readonly eventBus: EventBus,
    @Inject(PROJECTOR_EVENT_STORE) eventStore: EventStore,
    @Inject(READ_MODEL_STORE) readModel: ReadModelStore,
  ) {
    this.projector = new Projector(eventStore, readModel, { name: READ_MODEL_PROJECTOR, applyEvents: (events) => this.dispatch(events) });
  }

  /** Position of the last event committed to the read models. */
  position(): LogPosition | null {
    return this.lastPosition;
  }

  /** For readiness: 'following' the log live, 'starting' (catching up), or 'failing: why' while resuming after errors. */
  state(): string {
    if (this.lastError !== null) return `failing: ${this.lastError} (${this.failures} attempt${this.failures === 1 ? '' : 's'} since the last commit)`;
    return this.following ? 'following' : 'starting';
  }

  async catchUp(onProgress?: (progress: CatchUpProgress) => void): Promise<CatchUpProgress> {
    this.lastPosition = await this.projector.checkpoint();
    const result = await this.projector.catchUp(onProgress);
    const progress = { events: result?.events ?? 0, position: this.lastPosition };
    onProgress?.(progress);
    return progress;
  }

  /** Catch up, then follow the log until shutdown. */
  async start(): Promise<void> {
    this.stopped = false;
    const { events, position } = await this.catchUp();
    this.logger.log(`caught up: ${events} events projected, checkpoint ${position ? position.commit : 'none'}`);
    await this.follow();
    this.following = true;
  }

  /** The handlers go away with the modules: a dropped subscription is not resumed from here on. */
  onModuleDestroy(): void {
    this.stopped = true;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.projector.stop();
  }

  /** Follows the log live; after a dropped subscription, resumes from the checkpoint after a backoff. */
  private async follow(): Promise<void> {
    await this.projector.follow((error) => {
      if (this.stopped) return;
      const delay = Math.min(MAX_BACKOFF_MS, 100 * 2 ** this.failures) * (0.5 + Math.random() / 2);
      this.failures += 1;
      this.lastError = error.message;
      this.logger.warn(`subscription dropped (${error.message}); resuming from the checkpoint in ${Math.round(delay)} ms`);
      this.retryTimer = setTimeout(() => void this.follow(), delay);
    });
  }

  private async dispatch(events: readonly RecordedEvent[]): Promise<void> {
    const read = new LogEventsRead(events);
    this.eventBus.publish(read);
    // the bus calls its handlers as it publishes; once the application is closing it has none, and
    // `settled` would never come (the live projector would hold the shutdown forever)
    if (!read.taken) throw new Error('the read-model projection is not listening (the application is closing)');
    await read.settled;
    this.lastPosition = events[events.length - 1]!.position;
    this.failures = 0;
    this.lastError = null;
  }
}
