import { sql, type Kysely, type Transaction } from 'kysely';
import {
  isPostgres, type WebhookDatabase, type WebhookDeliveryWithBody, type WebhookSubscriptionRow,
} from './schema.js';

type Db = Kysely<WebhookDatabase>;
type Tx = Transaction<WebhookDatabase>;

/** The most deliveries a subscription may allow in flight (the sender's own limit is as large). */
export const MAX_IN_FLIGHT_PER_SUBSCRIPTION = 32;

/**
 * In-order subscriptions: how many deliveries one claim takes, the head and the ones right behind
 * it, each under the same lease. The lane sends them one after the other; an attempt that does not
 * let the next one go (a retry, a 410, a paused subscription) gives the rest back. One claim per
 * run instead of one per delivery: the head lookups and the claim were half a delivery's SQL.
 */
export const CLAIM_AHEAD = 16;

export interface ClaimedDelivery {
  readonly delivery: WebhookDeliveryWithBody;
  readonly subscription: WebhookSubscriptionRow;
  /** claimed with it (in-order subscriptions): the deliveries right behind it, in log order, to send after it */
  readonly queued?: readonly WebhookDeliveryWithBody[];
}

interface Candidate {
  readonly id: string;
  readonly seq: unknown;
  /** the whole row, when the query that found it read it (saves reading it again) */
  readonly row?: WebhookDeliveryWithBody;
  /** in-order subscriptions: the due deliveries right behind it, claimed with it */
  readonly behind?: readonly WebhookDeliveryWithBody[];
}

/** A subscription as the claims need it: 1 in flight = log order; more = that many at once, any order. */
type Claimable = Pick<WebhookSubscriptionRow, 'id' | 'max_in_flight'>;

/** Deliveries with their bodies (webhook_payloads). */
const withBodies = (db: Db | Tx) => db.selectFrom('webhook_deliveries')
  .innerJoin('webhook_payloads', 'webhook_payloads.id', 'webhook_deliveries.payload_id')
  .selectAll('webhook_deliveries').select('webhook_payloads.body as payload');

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
    }
    // manual retries stand outside any order (no lock needed: the guarded update takes each once)
    const active = new Set(subscriptions.map((subscription) => subscription.id));
    found.push(...(await manualRetriesDue(trx, nowText)).filter((retry) => active.has(retry.subscription_id)));
    const claims: Array<{ head: string; queued: string[] }> = [];
    for (const { id, behind } of found.sort((a, b) => Number(a.seq) - Number(b.seq)).slice(0, limit)) {
      const taken = await takeRun(trx, [id, ...(behind ?? []).map((row) => row.id)], nowText, leaseUntil);
      if (taken.length > 0) claims.push({ head: taken[0]!, queued: taken.slice(1) });
    }
    return claims;
  });
  if (claimed.length === 0) return [];
  const deliveries = await withBodies(db).where('webhook_deliveries.id', 'in', claimed.flatMap((claim) => [claim.head, ...claim.queued])).execute();
  const deliveryById = new Map(deliveries.map((row) => [row.id, row]));
  const subscriptions = await db.selectFrom('webhook_subscriptions').selectAll()
    .where('id', 'in', [...new Set(deliveries.map((d) => d.subscription_id))]).execute();
  const byId = new Map(subscriptions.map((sub) => [sub.id, sub]));
  return claimed.flatMap(({ head, queued }) => {
    const delivery = deliveryById.get(head);
    const subscription = delivery && byId.get(delivery.subscription_id);
    if (!delivery || !subscription) return [];
    const behind = queued.flatMap((id) => deliveryById.get(id) ?? []);
    return [{ delivery, subscription, ...(behind.length > 0 ? { queued: behind } : {}) }];
  }).sort((a, b) => Number(a.delivery.seq) - Number(b.delivery.seq));
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
  if (!next) return null;
  const leaseUntil = leaseUntilOf(now, leaseMs);
  const behind = next.behind ?? [];
  // the unbroken beginning of the run: the head first
  const taken = await takeRun(trx, [next.id, ...behind.map((row) => row.id)], nowText, leaseUntil);
  if (taken.length === 0) return null;
  const claimedRow = (row: WebhookDeliveryWithBody): WebhookDeliveryWithBody => ({ ...row, status: 'sending', lease_until: leaseUntil });
  const delivery = next.row ? claimedRow(next.row)
    : await withBodies(trx).where('webhook_deliveries.id', '=', next.id).executeTakeFirstOrThrow();
  const queued = behind.slice(0, taken.length - 1).map(claimedRow);
  return { delivery, subscription, ...(queued.length > 0 ? { queued } : {}) };
}

/**
 * What follows a recorded attempt of an in-order run: its next queued delivery, when the attempt
 * lets it go (delivered, or failed for good) and the subscription is still active; the lease of the
 * rest is renewed once half of it is spent (a slow receiver). Otherwise the rest is given back
 * (pending again, in its place): a retry or a pause must not be overtaken.
 */
export async function continueRun(
  trx: Tx, subscription: WebhookSubscriptionRow, queued: readonly WebhookDeliveryWithBody[], goOn: boolean, now: Date, leaseMs: number | null,
): Promise<ClaimedDelivery | null> {
  const ids = queued.map((row) => row.id);
  const heldLease = queued[0]?.lease_until ?? '';
  if (!goOn || leaseMs === null || subscription.status !== 'active') {
    await trx.updateTable('webhook_deliveries').set({ status: 'pending', lease_until: null })
      .where('id', 'in', ids).where('status', '=', 'sending').where('lease_until', '=', heldLease).execute();
    return null;
  }
  let rows = queued;
  if (Date.parse(heldLease) - now.getTime() < leaseMs / 2) {
    const leaseUntil = leaseUntilOf(now, leaseMs);
    const renewed = new Set((await trx.updateTable('webhook_deliveries').set({ lease_until: leaseUntil })
      .where('id', 'in', ids).where('status', '=', 'sending').where('lease_until', '=', heldLease)
      .returning('id').execute()).map((row) => row.id));
    // a row whose lease was taken over is another sender's now, and so is everything after it
    const kept = queued.findIndex((row) => !renewed.has(row.id));
    rows = (kept === -1 ? queued : queued.slice(0, kept)).map((row) => ({ ...row, lease_until: leaseUntil }));
  }
  const [delivery, ...rest] = rows;
  if (!delivery) return null;
  return { delivery, subscription, ...(rest.length > 0 ? { queued: rest } : {}) };
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

/**
 * Flips a run of rows (in log order) to 'sending' where still claimable, in one statement; returns
 * the ids of the run's unbroken beginning that this claim holds. A row someone else holds breaks
 * the run: what was taken after it is given back at once, so nothing is sent out of order.
 */
async function takeRun(trx: Tx, ids: readonly string[], nowText: string, leaseUntil: string): Promise<string[]> {
  const taken = new Set((await trx.updateTable('webhook_deliveries').set({ status: 'sending', lease_until: leaseUntil })
    .where('id', 'in', ids)
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', nowText)])]))
    .returning('id').execute()).map((row) => row.id));
  const broken = ids.findIndex((id) => !taken.has(id));
  if (broken === -1) return [...ids];
  const after = ids.slice(broken).filter((id) => taken.has(id));
  if (after.length > 0) {
    await trx.updateTable('webhook_deliveries').set({ status: 'pending', lease_until: null })
      .where('id', 'in', after).where('lease_until', '=', leaseUntil).execute();
  }
  return ids.slice(0, broken);
}

/** The subscription's deliveries (not manual retries) that may go now, at most `room`. */
async function dueOf(trx: Tx, subscription: Claimable, nowText: string, room: number): Promise<Candidate[]> {
  return subscription.max_in_flight > 1 ? dueUnordered(trx, subscription, nowText, room) : dueRun(trx, subscription.id, nowText);
}

/**
 * In log order: the head of the queue (the lowest seq still pending or sending) when due, with the
 * due ones right behind it, up to CLAIM_AHEAD in all. Two index range reads on
 * (subscription_id, status, seq) of at most CLAIM_AHEAD rows each, so a claim costs the same with
 * ten or a million deliveries waiting.
 */
async function dueRun(trx: Tx, subscriptionId: string, nowText: string): Promise<Candidate[]> {
  const rows: WebhookDeliveryWithBody[] = [];
  for (const status of ['pending', 'sending'] as const) {
    rows.push(...await withBodies(trx)
      .where('subscription_id', '=', subscriptionId).where('status', '=', status).where('manual', '=', 0)
      .orderBy('seq').limit(CLAIM_AHEAD)
      .execute());
  }
  rows.sort((a, b) => Number(a.seq) - Number(b.seq));
  const due = (row: WebhookDeliveryWithBody) => (row.status === 'pending' ? (row.next_attempt_at ?? '') <= nowText : (row.lease_until ?? '') <= nowText);
  const notDue = rows.findIndex((row) => !due(row));
  const run = (notDue === -1 ? rows : rows.slice(0, notDue)).slice(0, CLAIM_AHEAD);
  const [head, ...behind] = run;
  return head ? [{ id: head.id, seq: head.seq, row: head, behind }] : [];
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

/** Manual retries due, of every subscription: one attempt each, outside the subscription's order. */
function manualRetriesDue(trx: Tx, nowText: string): Promise<Array<Candidate & { subscription_id: string }>> {
  return trx.selectFrom('webhook_deliveries').select(['id', 'seq', 'subscription_id'])
    // a literal, as the partial index's condition is: a bound value would not prove the index applies
    .where('manual', '=', sql.lit(1))
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
