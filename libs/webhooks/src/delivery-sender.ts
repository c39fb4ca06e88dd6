import { Logger } from '@nestjs/common';
import { AttemptRecorder } from './attempt-recorder.js';
import type { WebhookConfig } from '../../config/src/index.js';
import { claimDue, isPostgres, releaseAllClaims, type ClaimedDelivery, type WebhookDb } from './delivery-queue.js';
import { recordAttempts } from './record-attempt.js';
import { WebhookSender } from './sender.js';
import { signDelivery } from './signing.js';
import { signingSecrets } from './subscription-store.js';

const MAX_IN_FLIGHT = 32;
/** a claim outlives the send's timeout by this much before another sender may take the delivery over */
const LEASE_MARGIN_MS = 30_000;

/**
 * The webhook sender: claims due deliveries, POSTs them signed, and records every attempt. The
 * enqueuer (a processor of the log consumer) fills the queue; the consumer wakes the sender once
 * the enqueuer's transaction is committed, and a timer (pollMs) wakes it for retries that come
 * due. Nothing lives only in memory: a crash at any point resumes from the tables.
 */
export class DeliverySender {
  private readonly logger = new Logger('Webhooks');
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

  constructor(private readonly db: WebhookDb, private readonly config: WebhookConfig) {
    this.sender = new WebhookSender({ timeoutMs: config.timeoutMs, allowPrivate: config.allowPrivate });
    this.leaseMs = config.timeoutMs + LEASE_MARGIN_MS;
    this.attempts = new AttemptRecorder((group) => recordAttempts(this.db, group, config));
  }

  async start(): Promise<void> {
    this.stopped = false;
    // SQLite has a single sender (this process): a 'sending' row is a previous run's, cut short
    if (!isPostgres(this.db)) await releaseAllClaims(this.db);
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await Promise.allSettled([...this.inFlight]);
    await this.sender.close();
  }

  /** Look for due deliveries now (the enqueuer committed a run, a send finished). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.running = this.sendDue().catch((error: unknown) => {
      this.logger.error(`webhook step failed (will retry): ${error instanceof Error ? error.message : String(error)}`);
    }).finally(() => {
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
