import { sql, type Kysely, type Transaction } from 'kysely';
import {
  isPostgres, type WebhookDatabase, type WebhookDeliveryRow, type WebhookSubscriptionRow,
} from '../../read-model/src/schema.js';

type Db = Kysely<WebhookDatabase>;
type Tx = Transaction<WebhookDatabase>;

/** The most deliveries a subscription may allow in flight (the sender's own limit is as large). */
export const MAX_IN_FLIGHT_PER_SUBSCRIPTION = 32;

export interface ClaimedDelivery {
  readonly delivery: WebhookDeliveryRow;
  readonly subscription: WebhookSubscriptionRow;
}

interface Candidate {
  readonly id: string;
  readonly seq: unknown;
  /** the whole row, when the query that found it read it (saves reading it again) */
  readonly row?: WebhookDeliveryRow;
}

/** A subscription as the claims need it: 1 in flight = log order; more = that many at once, any order. */
type Claimable = Pick<WebhookSubscriptionRow, 'id' | 'max_in_flight'>;

const leaseUntilOf = (now: Date, leaseMs: number) => new Date(now.getTime() + leaseMs).toISOString();

/**
 * Claims due deliveries: per active subscription its oldest unfinished one (log order) or, for a
 * subscription that allows N in flight, up to N due ones; plus manual retries. On PostgreSQL a
 * sender takes a transaction advisory lock per subscription and skips the subscriptions another
 * sender holds (the skip-locked idea at subscription level, so log order holds); both dialects
 * flip status with a guarded UPDATE, and a claim is a lease: a sender that dies mid-send leaves a
 * 'sending' row that is claimed again on expiry. `sending`: how many deliveries of each
 * subscription this sender has in flight.
 */
export async function claimDue(
  db: Db, now: Date, leaseMs: number, limit: number, sending: ReadonlyMap<string, number> = new Map(),
): Promise<ClaimedDelivery[]> {
  const nowText = now.toISOString();
  const leaseUntil = leaseUntilOf(now, leaseMs);
  const claimed = await db.transaction().execute(async (trx) => {
    const subscriptions = await trx.selectFrom('webhook_subscriptions').select(['id', 'max_in_flight']).where('status', '=', 'active').execute();
    const found: Candidate[] = [];
    for (const subscription of subscriptions) {
      if (!(await lockSubscription(trx, subscription.id))) continue;
      // a subscription this sender already sends as much of as it allows: its senders go on by
      // themselves (claimNextOf), so only its manual retries are looked for
      const full = (sending.get(subscription.id) ?? 0) >= Math.max(1, subscription.max_in_flight);
      if (!full) found.push(...await dueOf(trx, subscription, nowText, limit));
      found.push(...await manualRetriesOf(trx, subscription.id, nowText));
    }
    const ids: string[] = [];
    for (const { id } of found.sort((a, b) => Number(a.seq) - Number(b.seq)).slice(0, limit)) {
      if (await take(trx, id, nowText, leaseUntil)) ids.push(id);
    }
    return ids;
  });
  if (claimed.length === 0) return [];
  const deliveries = await db.selectFrom('webhook_deliveries').selectAll().where('id', 'in', claimed).orderBy('seq').execute();
  const subscriptions = await db.selectFrom('webhook_subscriptions').selectAll()
    .where('id', 'in', [...new Set(deliveries.map((d) => d.subscription_id))]).execute();
  const byId = new Map(subscriptions.map((sub) => [sub.id, sub]));
  return deliveries.flatMap((delivery) => {
    const subscription = byId.get(delivery.subscription_id);
    return subscription ? [{ delivery, subscription }] : [];
  });
}

/**
 * Within the transaction that recorded an attempt of `subscription` (its row as that transaction
 * left it): claims its next due delivery, so the sender goes on without a poll or a second
 * transaction. Null when the subscription is not active, nothing is due, or (PostgreSQL) another
 * sender holds it.
 */
export async function claimNextOf(trx: Tx, subscription: WebhookSubscriptionRow, now: Date, leaseMs: number): Promise<ClaimedDelivery | null> {
  const nowText = now.toISOString();
  if (subscription.status !== 'active' || !(await lockSubscription(trx, subscription.id))) return null;
  const [next] = await dueOf(trx, subscription, nowText, 1);
  const leaseUntil = leaseUntilOf(now, leaseMs);
  if (!next || !(await take(trx, next.id, nowText, leaseUntil))) return null;
  const delivery = next.row ? { ...next.row, status: 'sending', lease_until: leaseUntil }
    : await trx.selectFrom('webhook_deliveries').selectAll().where('id', '=', next.id).executeTakeFirstOrThrow();
  return { delivery, subscription };
}

/**
 * PostgreSQL, several senders: one claims a subscription's deliveries at a time, the others skip
 * that subscription (a row lock with SKIP LOCKED would hand them the next row, out of log order).
 */
async function lockSubscription(trx: Tx, subscriptionId: string): Promise<boolean> {
  if (!isPostgres(trx)) return true;
  const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtextextended(${`webhook:${subscriptionId}`}, 0)) as locked`.execute(trx);
  return rows[0]?.locked === true;
}

/** Flips one row to 'sending' if it is still claimable; false when someone else took it. */
async function take(trx: Tx, id: string, nowText: string, leaseUntil: string): Promise<boolean> {
  const result = await trx.updateTable('webhook_deliveries').set({ status: 'sending', lease_until: leaseUntil })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', nowText)])]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The subscription's deliveries (not manual retries) that may go now, at most `room`. */
async function dueOf(trx: Tx, subscription: Claimable, nowText: string, room: number): Promise<Candidate[]> {
  return subscription.max_in_flight > 1 ? dueUnordered(trx, subscription, nowText, room) : dueHead(trx, subscription.id, nowText);
}

/**
 * In log order: only the head of the queue (the lowest seq still pending or sending), when due.
 * Each head is two index lookups on (subscription_id, status, seq), so a claim costs the same with
 * ten or a million deliveries waiting.
 */
async function dueHead(trx: Tx, subscriptionId: string, nowText: string): Promise<Candidate[]> {
  const heads = [];
  for (const status of ['pending', 'sending'] as const) {
    const head = await trx.selectFrom('webhook_deliveries').selectAll()
      .where('subscription_id', '=', subscriptionId).where('status', '=', status).where('manual', '=', 0)
      .orderBy('seq').limit(1)
      .executeTakeFirst();
    if (head) heads.push(head);
  }
  const head = heads.sort((a, b) => Number(a.seq) - Number(b.seq))[0];
  const due = head && (head.status === 'pending' ? (head.next_attempt_at ?? '') <= nowText : (head.lease_until ?? '') <= nowText);
  return head && due ? [{ id: head.id, seq: head.seq, row: head }] : [];
}

/**
 * Several in flight, no order: the oldest due ones (expired claims first), while fewer than
 * max_in_flight are being sent. A delivery waiting for its retry does not hold the others back.
 */
async function dueUnordered(trx: Tx, subscription: Claimable, nowText: string, room: number): Promise<Candidate[]> {
  const sending = await trx.selectFrom('webhook_deliveries').select(['id', 'seq', 'lease_until'])
    .where('subscription_id', '=', subscription.id).where('status', '=', 'sending').where('manual', '=', 0)
    .execute();
  const expired = sending.filter((row) => (row.lease_until ?? '') <= nowText);
  const free = Math.min(room, subscription.max_in_flight - (sending.length - expired.length));
  if (free <= 0) return [];
  const pending = await trx.selectFrom('webhook_deliveries').select(['id', 'seq'])
    .where('subscription_id', '=', subscription.id).where('status', '=', 'pending').where('manual', '=', 0)
    // coalesce keeps the planners on the subscription's index, walked in seq order: on the
    // (status, next_attempt_at) index SQLite read and sorted every subscription's pending rows
    .where(sql<string>`coalesce(next_attempt_at, '')`, '<=', nowText)
    .orderBy('seq').limit(free)
    .execute();
  return [...expired.map(({ id, seq }) => ({ id, seq })), ...pending].slice(0, free);
}

/** Manual retries: one attempt each, outside the subscription's order. */
function manualRetriesOf(trx: Tx, subscriptionId: string, nowText: string): Promise<Candidate[]> {
  return trx.selectFrom('webhook_deliveries').select(['id', 'seq'])
    // a literal, as the partial index's condition is: a bound value would not prove the index applies
    .where('subscription_id', '=', subscriptionId).where('manual', '=', sql.lit(1))
    .where((eb) => eb.or([
      eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', nowText)]),
      eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', nowText)]),
    ]))
    .execute();
}

/** Single-writer SQLite: a previous run of this process cannot still be sending, so its claims end now. */
export async function releaseAllClaims(db: Db): Promise<void> {
  // a literal: the partial index of claims in flight applies (the table's other rows are not read)
  await db.updateTable('webhook_deliveries').set({ status: 'pending', lease_until: null }).where('status', '=', sql.lit('sending')).execute();
}
