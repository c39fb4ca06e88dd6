import { setImmediate as nextTurn } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '../../../../libs/event-store/src/event-store.js';
import type { ReadModelStore } from '../../../../libs/read-model/src/read-model-store.js';
import type { WebhookConfig } from '../../../../libs/webhooks/src/config.js';
import {
  claimDue, enqueueFromLog, isPostgres, readCheckpoint, releaseAllClaims, skipUnheard, WEBHOOK_CONSUMER, type ClaimedDelivery,
  type WebhookDb,
} from '../../../../libs/webhooks/src/delivery-queue.js';
import { AttemptRecorder } from '../../../../libs/webhooks/src/attempt-recorder.js';
import { recordAttempts } from '../../../../libs/webhooks/src/record-attempt.js';
import { WebhookSender } from '../../../../libs/webhooks/src/sender.js';
import { signDelivery } from '../../../../libs/webhooks/src/signing.js';
import { signingSecrets } from '../../../../libs/webhooks/src/subscription-store.js';
import { PROJECTOR_EVENT_STORE, READ_MODEL_STORE } from '../projector.tokens.js';
import { READ_MODEL_PROJECTOR } from '../read-model.projection.js';
import { WEBHOOK_CONFIG } from './webhook.tokens.js';

const BATCH_SIZE = 500;
const MAX_IN_FLIGHT = 32;
/** a claim outlives the send's timeout by this much before another sender may take the delivery over */
const LEASE_MARGIN_MS = 30_000;

/**
 * Webhook delivery, in two steps that only meet in the database:
 * 1. a checkpointed consumer of the log turns each event into delivery rows (one per matching
 *    subscription) and moves its checkpoint in the same transaction. It stays behind the read
 *    models' checkpoint, so a receiver that calls back the API sees the event, and a retraction's
 *    jurisdiction can be looked up there;
 * 2. a sender claims due deliveries, POSTs them signed, and records every attempt.
 * Nothing here lives only in memory: a crash at any point resumes from the tables.
 */
@Injectable()
export class WebhookDelivery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly db: WebhookDb;
  private readonly sender: WebhookSender;
  /** the attempts answered in one turn of the event loop are recorded in one transaction */
  private readonly attempts: AttemptRecorder;
  private readonly inFlight = new Set<Promise<void>>();
  /** lanes running per subscription id: a claim skips the subscriptions already sent at their limit */
  private readonly lanesBySubscription = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  /** a claim outlives the send's timeout by LEASE_MARGIN_MS before another sender may take it over */
  private readonly leaseMs: number;

  constructor(
    @Inject(PROJECTOR_EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModel: ReadModelStore,
    @Inject(WEBHOOK_CONFIG) private readonly config: WebhookConfig,
  ) {
    this.db = readModel.db as unknown as WebhookDb;
    this.sender = new WebhookSender({ timeoutMs: config.timeoutMs, allowPrivate: config.allowPrivate });
    this.leaseMs = config.timeoutMs + LEASE_MARGIN_MS;
    this.attempts = new AttemptRecorder((group) => recordAttempts(this.db, group, config));
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopped = false;
    // SQLite has a single sender (this process): a 'sending' row is a previous run's, cut short
    if (!isPostgres(this.db)) await releaseAllClaims(this.db);
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await Promise.allSettled([...this.inFlight]);
    await this.sender.close();
  }

  /** Look for new events and due deliveries now (the projector committed a batch, a send finished). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.running = this.tick().finally(() => {
      this.running = null;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        setImmediate(() => this.wake());
      } else {
        this.timer = setTimeout(() => this.wake(), this.config.pollMs);
      }
    });
  }

  private async tick(): Promise<void> {
    try {
      // enqueue and send in turns: while the read models catch up on a long backlog, new batches
      // keep coming, and draining them all first would hold every delivery back until the end
      while (!this.stopped) {
        const enqueued = await this.consumeBatch();
        await this.sendDue();
        if (enqueued === 0) break;
        // SQLite answers synchronously, so this loop is all microtasks: without a turn of the event
        // loop, the sends' responses (and their timeouts) waited for the whole backlog to be enqueued
        await nextTurn();
      }
    } catch (error) {
      this.logger.error(`webhook step failed (will retry): ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Enqueues the next batch of events the read models already hold; returns how many were read. */
  private async consumeBatch(): Promise<number> {
    const projected = await this.readModel.checkpoint(READ_MODEL_PROJECTOR);
    if (!projected) return 0;
    const after = await readCheckpoint(this.db, WEBHOOK_CONSUMER);
    if (after && after.commit >= projected.commit) return 0;
    // commit positions rise with each event, so no more than their difference lie between: reading
    // a full page when the read models are a few events ahead parsed hundreds only to drop them
    const between = projected.commit - (after?.commit ?? -1n);
    // a long backlog (after a rebuild, a first start over a long log) that no subscription can hear
    // (none, or all created since) is passed without reading it; live increments are read as they come
    if (between > BigInt(BATCH_SIZE) && await skipUnheard(this.db, WEBHOOK_CONSUMER, projected)) return 0;
    const limit = between < BigInt(BATCH_SIZE) ? Number(between) : BATCH_SIZE;
    const events: RecordedEvent[] = [];
    for await (const event of this.eventStore.readAll({ ...(after ? { after } : {}), limit })) {
      if (event.position.commit > projected.commit) break;
      events.push(event);
    }
    if (events.length === 0) return 0;
    await enqueueFromLog(this.db, WEBHOOK_CONSUMER, events, { now: new Date(), maxPayloadBytes: this.config.maxPayloadBytes });
    return events.length;
  }

  /** Starts a lane per claimed delivery, up to MAX_IN_FLIGHT lanes. */
  private async sendDue(): Promise<void> {
    const room = MAX_IN_FLIGHT - this.inFlight.size;
    if (room <= 0) return;
    const claimed = await claimDue(this.db, new Date(), this.leaseMs, room, this.lanesBySubscription);
    for (const delivery of claimed) {
      const task = this.runLane(delivery).finally(() => {
        this.inFlight.delete(task);
        this.wake();
      });
      this.inFlight.add(task);
    }
  }

  /**
   * Sends a delivery, then the next one its attempt's transaction claimed for the same
   * subscription, and so on until none is due: one subscription's queue drains back to back
   * (log order, one at a time, unless it allows more in flight), without waiting for a poll.
   */
  private async runLane(first: ClaimedDelivery): Promise<void> {
    const subscriptionId = first.subscription.id;
    const lanes = this.lanesBySubscription;
    lanes.set(subscriptionId, (lanes.get(subscriptionId) ?? 0) + 1);
    try {
      let claimed: ClaimedDelivery | null = first;
      while (claimed) claimed = await this.deliver(claimed);
    } finally {
      const left = (lanes.get(subscriptionId) ?? 1) - 1;
      if (left > 0) lanes.set(subscriptionId, left);
      else lanes.delete(subscriptionId);
    }
  }

  private async deliver(claimed: ClaimedDelivery): Promise<ClaimedDelivery | null> {
    const { delivery, subscription } = claimed;
    const now = new Date();
    const headers = signDelivery(signingSecrets(subscription, now), delivery.webhook_id, now, delivery.payload);
    const result = await this.sender.send(subscription.url, { ...headers }, delivery.payload);
    try {
      const { outcome, next } = await this.attempts.record({
        claimed, result, now: new Date(), claimNextForMs: this.stopped ? null : this.leaseMs,
      });
      if (outcome !== 'delivered') {
        // the URL's host only: a path or query may carry the receiver's own token
        this.logger.warn(`delivery ${delivery.id} to ${hostOf(subscription.url)}: ${result.error ?? result.statusCode} -> ${outcome}`);
      }
      return next;
    } catch (error) {
      // the claim's lease expires and the delivery is sent again: at least once, never lost
      this.logger.error(`recording delivery ${delivery.id} failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid url)';
  }
};
