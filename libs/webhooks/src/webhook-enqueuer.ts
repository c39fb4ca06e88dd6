import type { ConsumerLogger, LogEventsRead, LogProcessor } from '../../consumers/src/index.js';
import { readCheckpoint } from '../../consumers/src/index.js';
import type { LogPosition } from '../../event-store/src/index.js';
import type { WebhookConfig } from '../../config/src/index.js';
import { enqueueFromLog, WEBHOOK_CONSUMER, type WebhookDb } from './delivery-queue.js';
import { DeliverySender } from './delivery-sender.js';

/**
 * The webhooks' processor of the log consumer: turns each run of events into delivery rows (one
 * per matching subscription) with its checkpoint, in one transaction. It comes after the read
 * models' processor, so a receiver that calls back the API sees the event, and a retraction's
 * jurisdiction can be looked up there. Once a run is committed the consumer wakes the sender.
 */
export class WebhookEnqueuer implements LogProcessor {
  readonly name = WEBHOOK_CONSUMER;
  readonly sender: DeliverySender;

  constructor(private readonly db: WebhookDb, private readonly config: WebhookConfig, logger?: ConsumerLogger) {
    this.sender = new DeliverySender(db, config, logger);
  }

  checkpoint(): Promise<LogPosition | null> {
    return readCheckpoint(this.db, this.name);
  }

  async handle(read: LogEventsRead): Promise<void> {
    await enqueueFromLog(this.db, this.name, read.events, { now: new Date(), maxPayloadBytes: this.config.maxPayloadBytes });
  }

  committed(): void {
    this.sender.wake();
  }

  start(): Promise<void> {
    return this.sender.start();
  }

  stop(): Promise<void> {
    return this.sender.stop();
  }
}
