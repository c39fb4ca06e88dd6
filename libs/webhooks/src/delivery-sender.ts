import { randomUUID } from 'node:crypto';
import type { ConsumerLogger } from '../../consumers/src/index.js';
import { AttemptRecorder } from './attempt-recorder.js';
import type { WebhookConfig } from '../../config/src/index.js';
import { claimDue, isPostgres, releaseAllClaims, type ClaimedDelivery, type WebhookDb } from './delivery-queue.js';
import { releaseLeases } from './claims.js';
import { runLane, type LaneContext } from './lane.js';
import { recordAttempts, type AttemptToRecord, type RecordedAttempt } from './record-attempt.js';
import { WebhookSender, type SendResult } from './sender.js';
import { signDelivery } from './signing.js';
import { signingSecrets } from './subscription-store.js';

/** deliveries in flight per sender, over all its subscriptions */
const MAX_IN_FLIGHT = 32;
/** a lease outlives the send's timeout by this much before another sender may take the subscription over */
const LEASE_MARGIN_MS = 30_000;

/** Nest-free (the embedded projector's worker thread loads this lib) */
const consoleLogger: ConsumerLogger = { log: () => undefined, warn: (message) => console.warn(message), error: (message) => console.error(message) };

/**
 * The webhook sender: leases the subscriptions with deliveries due, runs a lane per subscription
 * (lane.ts) that POSTs them signed, and records every attempt. The enqueuer (a processor of the
 * log consumer) fills the queue; the consumer wakes the sender once the enqueuer's transaction is
 * committed, and a timer (pollMs) wakes it for retries that come due. Nothing lives only in
 * memory: a crash at any point resumes from the tables (the high-water marks and the rows above them).
 */
export class DeliverySender {
  private readonly sender: WebhookSender;
  /** this sender's name in the subscriptions' leases */
  private readonly id = randomUUID();
  /** the attempts answered in one turn of the event loop are recorded in one transaction */
  private readonly attempts: AttemptRecorder;
  /** the lanes running, by subscription id, and the manual retries in flight */
  private readonly lanes = new Map<string, Promise<void>>();
  private readonly manual = new Set<Promise<void>>();
  /** sends in flight, and the sends waiting for one of them to end */
  private sending = 0;
  private readonly waiting: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private readonly leaseMs: number;
  private readonly lane: LaneContext;

  /** logger: where it says what failed (the apps give a Nest Logger; the projector's thread, one that posts to the main thread) */
  constructor(private readonly db: WebhookDb, private readonly config: WebhookConfig, private readonly logger: ConsumerLogger = consoleLogger) {
    this.sender = new WebhookSender({ timeoutMs: config.timeoutMs, allowPrivate: config.allowPrivate });
    this.leaseMs = config.timeoutMs + LEASE_MARGIN_MS;
    this.attempts = new AttemptRecorder((group) => recordAttempts(this.db, group, config));
    this.lane = {
      db, sender: this.id, leaseMs: this.leaseMs,
      send: (claimed) => this.send(claimed),
      record: (attempt, soon) => this.record(attempt, soon),
      flush: () => this.attempts.flush(),
      stopping: () => this.stopped,
    };
  }

  async start(): Promise<void> {
    this.stopped = false;
    // SQLite has a single sender (this process): a lease or claim is a previous run's, cut short
    if (!isPostgres(this.db)) await releaseAllClaims(this.db);
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await Promise.allSettled([...this.lanes.values(), ...this.manual]);
    await releaseLeases(this.db, this.id).catch(() => undefined);
    await this.sender.close();
  }

  /** Look for due deliveries now (the enqueuer committed a run, a lane ended). */
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

  /** Starts a lane per newly leased subscription (up to MAX_IN_FLIGHT lanes) and the manual retries due. */
  private async sendDue(): Promise<void> {
    const room = MAX_IN_FLIGHT - this.lanes.size;
    if (room <= 0) return;
    const { leased, manual } = await claimDue(this.db, this.id, new Date(), this.leaseMs, room, new Set(this.lanes.keys()));
    for (const subscription of leased) {
      const id = subscription.subscription.id;
      const lane = runLane(this.lane, subscription).catch((error: unknown) => {
        // the lease expires and what was not recorded is sent again: at least once, never lost
        this.logger.error(`webhook lane of ${id} stopped: ${error instanceof Error ? error.message : String(error)}`);
      }).finally(() => {
        this.lanes.delete(id);
        this.wake();
      });
      this.lanes.set(id, lane);
    }
    for (const claimed of manual) {
      const task = this.send(claimed)
        .then((result) => this.record({ claimed, result, now: new Date(), sender: null }))
        .then(() => undefined, (error: unknown) => {
          this.logger.error(`manual retry ${claimed.delivery.id} failed: ${error instanceof Error ? error.message : String(error)}`);
        })
        .finally(() => this.manual.delete(task));
      this.manual.add(task);
    }
  }

  /** Signs and POSTs one delivery, at most MAX_IN_FLIGHT at once. */
  private async send({ delivery, subscription }: ClaimedDelivery): Promise<SendResult> {
    // a slot is free, or handed over by a send that ends
    if (this.sending < MAX_IN_FLIGHT) this.sending += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      const now = new Date();
      const headers = signDelivery(signingSecrets(subscription, now), delivery.webhook_id, now, delivery.payload);
      return await this.sender.send(subscription.url, headers, delivery.payload);
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.sending -= 1;
    }
  }

  private async record(attempt: AttemptToRecord, soon = false): Promise<RecordedAttempt> {
    const recorded = await this.attempts.record(attempt, soon);
    if (recorded.outcome !== 'delivered') {
      const { delivery, subscription } = attempt.claimed;
      // the URL's host only: a path or query may carry the receiver's own token
      this.logger.warn(`delivery ${delivery.id} to ${hostOf(subscription.url)}: ${attempt.result.error ?? attempt.result.statusCode} -> ${recorded.outcome}`);
    }
    return recorded;
  }
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid url)';
  }
};
