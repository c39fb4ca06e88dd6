import { randomUUID } from 'node:crypto';
import { readCheckpoint, takeTurn } from '../../consumers/src/index.js';
import type { RecordedEvent } from '../../event-store/src/index.js';
import type { WebhookSubscriptionRow } from './schema.js';
import { listDeliveries, retryDelivery } from './delivery-listing.js';

export { presentDelivery } from './delivery-listing.js';
import {
  deliveriesFor, filterOf, insertQueued, WEBHOOK_CONSUMER, type WebhookDb,
} from './delivery-queue.js';
import { generateSecret } from './signing.js';

export type SubscriptionStatus = 'active' | 'paused' | 'disabled';

export interface NewSubscription {
  readonly url: string;
  readonly description: string | null;
  readonly eventTypes: readonly string[];
  readonly jurisdictions: readonly string[];
  /** 1 = log order (the default); N > 1 = up to N deliveries at once, in no order */
  readonly maxInFlight?: number;
  /** the API key name that creates it; only that name (and auditors, read-only) will see it */
  readonly owner?: string | null;
  /** Idempotency-Key (unique per owner) and the hash of the request that carried it */
  readonly idempotencyKey?: string;
  readonly requestHash?: string;
}

/** Whose subscriptions: one key name's, or everyone's (the keyless local default; an auditor's reads). */
export type OwnerScope = { readonly owner: string } | { readonly everyone: true };

export interface SubscriptionChanges {
  readonly url?: string;
  readonly description?: string | null;
  readonly eventTypes?: readonly string[];
  readonly jurisdictions?: readonly string[];
  readonly maxInFlight?: number;
  /** active resumes (also a disabled one), paused pauses */
  readonly status?: 'active' | 'paused';
}

/** A subscription as the API shows it: never its secret (that is shown on create and rotate only). */
export function presentSubscription(row: WebhookSubscriptionRow) {
  return {
    id: row.id,
    owner: row.owner,
    url: row.url,
    description: row.description,
    ...filterOf(row),
    status: row.status as SubscriptionStatus,
    maxInFlight: row.max_in_flight,
    disabledReason: row.disabled_reason,
    failingSince: row.failing_since,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The secrets that sign now: the current one, and the previous one during its grace period. */
export function signingSecrets(row: WebhookSubscriptionRow, now: Date): string[] {
  const previousValid = row.previous_secret && row.previous_secret_expires_at && Date.parse(row.previous_secret_expires_at) > now.getTime();
  return previousValid ? [row.secret, row.previous_secret as string] : [row.secret];
}

/** Subscriptions in SQL (the read-model database); the HTTP layer validates before calling. */
export class SubscriptionStore {
  constructor(private readonly db: WebhookDb) {}

  /**
   * A subscription hears of the events after `afterPosition` (the log's head when it was asked
   * for), or after the webhook consumer's checkpoint when that is further: the consumer may have
   * enqueued a batch between the two, and those events were recorded before the subscription
   * existed. Taking the consumer's turn makes the two exclusive: no event is missed in between.
   */
  async create(input: NewSubscription, afterPosition: bigint, now = new Date()): Promise<WebhookSubscriptionRow> {
    return this.db.transaction().execute(async (trx) => {
      await takeTurn(trx, WEBHOOK_CONSUMER);
      const consumed = await readCheckpoint(trx, WEBHOOK_CONSUMER);
      const after = consumed && consumed.commit > afterPosition ? consumed.commit : afterPosition;
      return insertSubscription(trx, input, after, now);
    });
  }

  /**
   * Creates it once per (owner, Idempotency-Key): a retry, also one racing in another process
   * (the unique index decides), gets the first subscription and `replayed`.
   */
  async createOnce(input: NewSubscription, afterPosition: bigint, now = new Date()): Promise<{ row: WebhookSubscriptionRow; replayed: boolean }> {
    const key = input.idempotencyKey;
    if (key === undefined) return { row: await this.create(input, afterPosition, now), replayed: false };
    const first = await this.byIdempotencyKey(input.owner ?? null, key);
    if (first) return { row: first, replayed: true };
    try {
      return { row: await this.create(input, afterPosition, now), replayed: false };
    } catch (error) {
      const raced = await this.byIdempotencyKey(input.owner ?? null, key);
      if (raced) return { row: raced, replayed: true };
      throw error;
    }
  }

  byIdempotencyKey(owner: string | null, key: string): Promise<WebhookSubscriptionRow | undefined> {
    return this.db.selectFrom('webhook_subscriptions').selectAll()
      .where('idempotency_key', '=', key)
      .where((eb) => (owner === null ? eb('owner', 'is', null) : eb('owner', '=', owner)))
      .executeTakeFirst();
  }

  /** Every subscription, or the ones of one owner, oldest first; a window of them when `window` is given. */
  list(scope: OwnerScope = { everyone: true }, window?: { readonly offset: number; readonly limit: number }): Promise<WebhookSubscriptionRow[]> {
    return this.db.selectFrom('webhook_subscriptions').selectAll()
      .$if('owner' in scope, (qb) => qb.where('owner', '=', (scope as { owner: string }).owner))
      .orderBy('created_at').orderBy('id')
      .$if(window !== undefined, (qb) => qb.limit(window!.limit).offset(window!.offset))
      .execute();
  }

  get(id: string): Promise<WebhookSubscriptionRow | undefined> {
    return this.db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: string, changes: SubscriptionChanges, now = new Date()): Promise<WebhookSubscriptionRow | undefined> {
    await this.db.updateTable('webhook_subscriptions').set({
      ...(changes.url !== undefined ? { url: changes.url } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.eventTypes ? { event_types: JSON.stringify(changes.eventTypes) } : {}),
      ...(changes.jurisdictions ? { jurisdictions: JSON.stringify(changes.jurisdictions) } : {}),
      ...(changes.maxInFlight !== undefined ? { max_in_flight: changes.maxInFlight } : {}),
      // resuming clears the failure record: the 5-day clock starts again
      ...(changes.status === 'active' ? { status: 'active', disabled_reason: null, failing_since: null } : {}),
      ...(changes.status === 'paused' ? { status: 'paused' } : {}),
      updated_at: now.toISOString(),
    }).where('id', '=', id).execute();
    return this.get(id);
  }

  /** Deletes the subscription with its deliveries and their attempts. */
  async delete(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('webhook_attempts')
        .where('delivery_id', 'in', (eb) => eb.selectFrom('webhook_deliveries').select('id').where('subscription_id', '=', id)).execute();
      const payloadIds = (await trx.selectFrom('webhook_deliveries').select('payload_id').distinct()
        .where('subscription_id', '=', id).execute()).map((row) => row.payload_id);
      await trx.deleteFrom('webhook_deliveries').where('subscription_id', '=', id).execute();
      // the bodies only this subscription's deliveries held
      for (let start = 0; start < payloadIds.length; start += 500) {
        await trx.deleteFrom('webhook_payloads').where('id', 'in', payloadIds.slice(start, start + 500))
          .where(({ not, exists, selectFrom }) => not(exists(selectFrom('webhook_deliveries').select('id')
            .whereRef('webhook_deliveries.payload_id', '=', 'webhook_payloads.id'))))
          .execute();
      }
      const result = await trx.deleteFrom('webhook_subscriptions').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  /** A new secret; the old one keeps signing (second signature) until the grace period ends. */
  async rotateSecret(id: string, graceMs: number, now = new Date()): Promise<WebhookSubscriptionRow | undefined> {
    const row = await this.get(id);
    if (!row) return undefined;
    await this.db.updateTable('webhook_subscriptions').set({
      secret: generateSecret(), previous_secret: row.secret,
      previous_secret_expires_at: new Date(now.getTime() + graceMs).toISOString(), updated_at: now.toISOString(),
    }).where('id', '=', id).execute();
    return this.get(id);
  }

  /** Newest first, with every attempt; `before` is the cursor (a delivery seq) of the next page. */
  deliveries(subscriptionId: string, options: { limit: number; before?: number; status?: string }) {
    return listDeliveries(this.db, subscriptionId, options);
  }

  /** A failed or delivered delivery gets one manual attempt now; a pending one is made due now. Null when it does not exist. */
  retry(subscriptionId: string, deliveryId: string, now = new Date()) {
    return retryDelivery(this.db, subscriptionId, deliveryId, now);
  }

  /** Enqueues `events` (already chosen by position or time) for one subscription, through its filter. */
  async replay(subscription: WebhookSubscriptionRow, events: AsyncIterable<RecordedEvent>, maxPayloadBytes: number, limit: number, now = new Date()) {
    let enqueued = 0;
    let truncated = false;
    for await (const event of events) {
      const queued = await deliveriesFor(this.db, event, [subscription], { origin: 'replay', now, maxPayloadBytes });
      if (!queued) continue;
      if (enqueued >= limit) {
        truncated = true;
        break;
      }
      // under the enqueuer's turn: rows are numbered (seq) in the order they commit, so none lands below a mark already past it
      enqueued += await this.db.transaction().execute(async (trx) => {
        await takeTurn(trx, WEBHOOK_CONSUMER);
        return insertQueued(trx, [queued]);
      });
    }
    return { enqueued, truncated };
  }
}

async function insertSubscription(db: WebhookDb, input: NewSubscription, afterPosition: bigint, now: Date): Promise<WebhookSubscriptionRow> {
  const row = {
    id: randomUUID(), url: input.url, description: input.description,
    event_types: JSON.stringify(input.eventTypes), jurisdictions: JSON.stringify(input.jurisdictions),
    status: 'active', disabled_reason: null, secret: generateSecret(), previous_secret: null, previous_secret_expires_at: null,
    after_position: afterPosition <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(afterPosition) : afterPosition, failing_since: null,
    max_in_flight: input.maxInFlight ?? 1, created_at: now.toISOString(), updated_at: now.toISOString(),
  };
  // migration 0012's columns only when given: a schema migrated to an earlier version still takes the rest
  const owned = {
    ...(input.owner != null ? { owner: input.owner } : {}),
    ...(input.idempotencyKey !== undefined ? { idempotency_key: input.idempotencyKey, request_hash: input.requestHash ?? null } : {}),
  };
  await db.insertInto('webhook_subscriptions').values({ ...row, ...owned }).execute();
  return { owner: null, idempotency_key: null, request_hash: null, ...row, ...owned } as WebhookSubscriptionRow;
}
