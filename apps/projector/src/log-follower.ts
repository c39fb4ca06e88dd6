import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type { EventStore, LogPosition, RecordedEvent, Subscription } from '../../../libs/event-store/src/event-store.js';
import type { ReadModelStore } from '../../../libs/read-model/src/read-model-store.js';
import { LogEventsRead } from './log-events-read.event.js';
import { PROJECTOR_EVENT_STORE, READ_MODEL_STORE } from './projector.tokens.js';
import { READ_MODEL_PROJECTOR } from './read-model.projection.js';

export interface CatchUpProgress {
  readonly events: number;
  readonly position: LogPosition | null;
}

const BATCH_SIZE = 500;
const MAX_BACKOFF_MS = 10_000;

/**
 * Reads the log from the read model's checkpoint and hands it, batch by batch, to the
 * @nestjs/cqrs handlers; then follows live appends. A dropped subscription is resumed from
 * the checkpoint with exponential backoff.
 */
@Injectable()
export class LogFollower implements OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private subscription: Subscription | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private lastPosition: LogPosition | null = null;

  constructor(
    private readonly eventBus: EventBus,
    @Inject(PROJECTOR_EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModel: ReadModelStore,
  ) {}

  /** Position of the last event committed to the read models. */
  position(): LogPosition | null {
    return this.lastPosition;
  }

  async catchUp(onProgress?: (progress: CatchUpProgress) => void): Promise<CatchUpProgress> {
    const after = await this.readModel.checkpoint(READ_MODEL_PROJECTOR);
    this.lastPosition = after;
    let batch: RecordedEvent[] = [];
    let events = 0;
    for await (const event of this.eventStore.readAll(after ? { after } : {})) {
      batch.push(event);
      if (batch.length >= BATCH_SIZE) {
        events += await this.dispatch(batch);
        batch = [];
        onProgress?.({ events, position: this.lastPosition });
      }
    }
    if (batch.length > 0) events += await this.dispatch(batch);
    onProgress?.({ events, position: this.lastPosition });
    return { events, position: this.lastPosition };
  }

  /** Catch up, then follow the log until shutdown. */
  async start(): Promise<void> {
    this.stopped = false;
    const { events, position } = await this.catchUp();
    this.logger.log(`caught up: ${events} events projected, checkpoint ${position ? position.commit : 'none'}`);
    await this.follow(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.subscription?.close();
    this.subscription = null;
  }

  private async follow(attempt: number): Promise<void> {
    const after = await this.readModel.checkpoint(READ_MODEL_PROJECTOR);
    this.subscription = this.eventStore.subscribeToAll({
      ...(after ? { after } : {}),
      onEvent: async (event) => {
        await this.dispatch([event]);
        attempt = 0;
      },
      onError: (error) => {
        this.subscription = null;
        if (this.stopped) return;
        const delay = Math.min(MAX_BACKOFF_MS, 100 * 2 ** attempt) * (0.5 + Math.random() / 2);
        this.logger.warn(`subscription dropped (${error.message}); resuming from the checkpoint in ${Math.round(delay)} ms`);
        this.retryTimer = setTimeout(() => void this.follow(attempt + 1), delay);
      },
    });
  }

  private async dispatch(events: RecordedEvent[]): Promise<number> {
    const read = new LogEventsRead(events);
    this.eventBus.publish(read);
    await read.settled;
    this.lastPosition = events[events.length - 1]!.position;
    return events.length;
  }
}
