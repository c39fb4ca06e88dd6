import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import { SENT_DELIVERY_COLUMNS, type WebhookDatabase, type WebhookDeliveryWithBody, type WebhookSubscriptionRow } from './schema.js';
import { keptStatement } from './compiled-statements.js';

type Db = Kysely<WebhookDatabase>;
type Tx = Transaction<WebhookDatabase>;

/** The most deliveries a subscription may allow in flight (the sender's own limit is as large). */
export const MAX_IN_FLIGHT_PER_SUBSCRIPTION = 32;

/** Deliveries read per look at a subscription's queue: a lane reads the next ones once these are sent. */
export const READ_AHEAD = 64;

export interface ClaimedDelivery {
  readonly delivery: WebhookDeliveryWithBody;
  readonly subscription: WebhookSubscriptionRow;
}

/** A subscription this sender now sends (it holds the lease), with its deliveries due first. */
export interface LeasedSubscription {
  readonly subscription: WebhookSubscriptionRow;
  readonly due: readonly WebhookDeliveryWithBody[];
}

export interface Claims {
  readonly leased: readonly LeasedSubscription[];
  /** manual retries: one attempt each, outside any order, claimed row by row */
  readonly manual: readonly ClaimedDelivery[];
}

/** Deliveries with their bodies (webhook_payloads). */
const withBodies = (db: Db | Tx) => db.selectFrom('webhook_deliveries')
  .innerJoin('webhook_payloads', 'webhook_payloads.id', 'webhook_deliveries.payload_id')
  .select(SENT_DELIVERY_COLUMNS.map((column) => `webhook_deliveries.${column}` as const)).select('webhook_payloads.body as payload');

const bySeq = (a: { seq: unknown }, b: { seq: unknown }) => Number(a.seq) - Number(b.seq);

/** The subscription's high-water mark: every delivery at or below this seq is done (or waits as retrying). */
export const markOf = (subscription: Pick<WebhookSubscriptionRow, 'delivered_seq'>): number => Number(subscription.delivered_seq);

/**
 * The subscription's deliveries that may go now, after `after` (a seq), at most `limit`, in log order.
 * In log order (max_in_flight 1): the queue above the mark, up to the first that waits for its retry
 * (nothing overtakes it). Without order: the retries due (wherever they are), then the queue above
 * `after`. Index range reads on (subscription_id, status, seq) of at most `limit` rows each: the
 * same cost with ten or a million deliveries waiting.
 */
export async function dueAfter(
  db: Db | Tx, subscription: Pick<WebhookSubscriptionRow, 'id' | 'max_in_flight'>, after: number, nowText: string, limit = READ_AHEAD,
): Promise<WebhookDeliveryWithBody[]> {
  const { rows: fresh } = await queued(db, { subscription: subscription.id, status: 'pending', after, limit });
  if (subscription.max_in_flight > 1) {
    const { rows: retries } = await retriesDue(db, { subscription: subscription.id, now: nowText, limit });
    return [...retries, ...fresh];
  }
  const rows = [...fresh, ...(await queued(db, { subscription: subscription.id, status: 'retrying', after, limit })).rows].sort(bySeq);
  const waiting = rows.findIndex((row) => row.status === 'retrying' && (row.next_attempt_at ?? '') > nowText);
  return (waiting === -1 ? rows : rows.slice(0, waiting)).slice(0, limit);
}

/** A subscription's queue of one status above a seq, in seq order (a lane reads it every READ_AHEAD deliveries). */
const queued = keptStatement<'subscription' | 'status' | 'after' | 'limit', WebhookDeliveryWithBody>((db, slot) => withBodies(db as Db)
  .where('subscription_id', '=', slot('subscription')).where('status', '=', slot('status')).where('manual', '=', 0)
  .where('seq', '>', slot('after')).orderBy('seq').limit(slot('limit')));

/** Without order: a subscription's retries due now, wherever they are in its queue. */
const retriesDue = keptStatement<'subscription' | 'now' | 'limit', WebhookDeliveryWithBody>((db, slot) => withBodies(db as Db)
  .where('subscription_id', '=', slot('subscription')).where('status', '=', 'retrying').where('manual', '=', 0)
  .where('next_attempt_at', '<=', slot('now')).orderBy('seq').limit(slot('limit')));

/**
 * Takes the subscriptions that have deliveries due and that no other sender holds, at most `room`:
 * a lease per subscription (one guarded UPDATE of its row, so of two senders one gets it; renewed
 * by each attempt it records), not a claim per delivery. `busy`: the subscriptions this sender
 * already sends. Plus the manual retries due. A sender that dies leaves its lease to expire (on
 * SQLite, to end at the next start): what it had not recorded is above the mark and is sent again.
 */
export async function claimDue(
  db: Db, sender: string, now: Date, leaseMs: number, room: number, busy: ReadonlySet<string> = new Set(),
): Promise<Claims> {
  const nowText = now.toISOString();
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  const halfLeft = new Date(now.getTime() + leaseMs / 2).toISOString();
  const leased: LeasedSubscription[] = [];
  const active = await activeWithWork(db);
  for (const { has_work: hasWork, ...subscription } of active) {
    if (leased.length >= room) break;
    const mine = subscription.leased_by === sender;
    if (!hasWork || busy.has(subscription.id) || (!mine && subscription.lease_until !== null && subscription.lease_until > nowText)) continue;
    let due = await dueAfter(db, subscription, markOf(subscription), nowText);
    if (due.length === 0) continue;
    let held = subscription;
    if (!mine || (subscription.lease_until ?? '') < halfLeft) {
      const taken = await db.updateTable('webhook_subscriptions').set({ lease_until: leaseUntil, leased_by: sender })
        .where('id', '=', subscription.id).where('status', '=', 'active')
        .where((eb) => eb.or([eb('leased_by', '=', sender), eb('lease_until', 'is', null), eb('lease_until', '<=', nowText)]))
        .returningAll().executeTakeFirst();
      if (!taken) continue;
      // another sender may have moved the mark between the look and the lease
      if (markOf(taken) !== markOf(subscription)) due = await dueAfter(db, taken, markOf(taken), nowText);
      held = taken;
    }
    if (due.length > 0) leased.push({ subscription: held, due });
  }
  const activeById = new Map(active.map(({ has_work: _, ...row }) => [row.id, row]));
  return { leased, manual: await claimManualRetries(db, now, leaseMs, activeById) };
}

/**
 * The active subscriptions, each saying whether its queue has a row that may be due: one above the
 * mark waiting for its first try, or one waiting for a retry anywhere (without order a retry waits
 * below the mark). Index probes within the one read: a caught-up subscription costs no look at its
 * queue at each claim (two reads each, empty, were most of a claim's statements).
 */
const activeWithWork = (db: Db) => db.selectFrom('webhook_subscriptions as s').selectAll('s')
  .select((eb) => eb.or([
    eb.exists(eb.selectFrom('webhook_deliveries as d').select('d.seq').whereRef('d.subscription_id', '=', 's.id')
      .where('d.status', '=', 'pending').where('d.manual', '=', 0).whereRef('d.seq', '>', 's.delivered_seq')),
    eb.exists(eb.selectFrom('webhook_deliveries as d').select('d.seq').whereRef('d.subscription_id', '=', 's.id')
      .where('d.status', '=', 'retrying').where('d.manual', '=', 0)),
  ]).as('has_work'))
  .where('s.status', '=', 'active').execute();

/** Manual retries due, of the active subscriptions: each claimed (status sending, a lease of its own) by one guarded UPDATE. */
async function claimManualRetries(db: Db, now: Date, leaseMs: number, active: ReadonlyMap<string, WebhookSubscriptionRow>): Promise<ClaimedDelivery[]> {
  const nowText = now.toISOString();
  const due = await db.selectFrom('webhook_deliveries').select(['id', 'subscription_id'])
    // a literal, as the partial index's condition is: a bound value would not prove the index applies
    .where('manual', '=', sql.lit(1))
    .where((eb) => eb.or([
      eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', nowText)]),
      eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', nowText)]),
    ]))
    .execute();
  const ids = due.filter((row) => active.has(row.subscription_id)).map((row) => row.id);
  if (ids.length === 0) return [];
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  const taken = (await db.updateTable('webhook_deliveries').set({ status: 'sending', lease_until: leaseUntil })
    .where('id', 'in', ids)
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', nowText)])]))
    .returning('id').execute()).map((row) => row.id);
  if (taken.length === 0) return [];
  const rows = await withBodies(db).where('webhook_deliveries.id', 'in', taken).execute();
  return rows.sort(bySeq).map((delivery) => ({ delivery, subscription: active.get(delivery.subscription_id)! }));
}

/** The leases `sender` holds end now (it stops): another sender may take its subscriptions at once. */
export async function releaseLeases(db: Db, sender: string): Promise<void> {
  await db.updateTable('webhook_subscriptions').set({ lease_until: null, leased_by: null }).where('leased_by', '=', sender).execute();
}

/** Single-writer SQLite: a previous run of this process cannot still be sending, so its leases and claims end now. */
export async function releaseAllClaims(db: Db): Promise<void> {
  await db.updateTable('webhook_subscriptions').set({ lease_until: null, leased_by: null }).where('leased_by', 'is not', null).execute();
  // a literal: the partial index of claims in flight applies (the table's other rows are not read)
  await db.updateTable('webhook_deliveries').set({ status: 'pending', lease_until: null }).where('status', '=', sql.lit('sending')).execute();
}
