import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { comparePositions, type LogPosition, type RecordedEvent } from '../../event-store/src/event-store.js';
import {
  isPostgres, positionParam, type WebhookDatabase, type WebhookDeliveryRow, type WebhookSubscriptionRow,
} from '../../read-model/src/schema.js';

export { isPostgres };
import { matchesFilter } from './filters.js';
import { buildPayload } from './payload.js';
import { subjectOf } from './event-subject.js';

export type WebhookDb = Kysely<WebhookDatabase>;
type Tx = Transaction<WebhookDatabase>;


export const filterOf = (row: Pick<WebhookSubscriptionRow, 'event_types' | 'jurisdictions'>) => ({
  eventTypes: JSON.parse(row.event_types) as string[],
  jurisdictions: JSON.parse(row.jurisdictions) as string[],
});

/** The Standard Webhooks message id of an event: the same for every retry and replay of it. */
export const webhookIdOf = (event: RecordedEvent): string => `msg_${event.eventId}`;

/** Delivery rows for the subscriptions among `subscriptions` that want `event`. */
export async function deliveriesFor(
  db: WebhookDb, event: RecordedEvent, subscriptions: readonly WebhookSubscriptionRow[],
  options: { origin: 'live' | 'replay'; now: Date; maxPayloadBytes: number },
) {
  const subject = await subjectOf(db, event);
  const wanted = subscriptions.filter((sub) => matchesFilter(filterOf(sub), subject));
  if (wanted.length === 0) return [];
  const payload = buildPayload(event, subject.jurisdictions, options.maxPayloadBytes);
  return wanted.map((sub) => ({
    id: randomUUID(),
    subscription_id: sub.id,
    webhook_id: webhookIdOf(event),
    event_id: event.eventId,
    event_type: event.type,
    event_position: positionParam(event.position.commit),
    payload,
    status: 'pending',
    attempts: 0,
    next_attempt_at: options.now.toISOString(),
    lease_until: null,
    manual: 0,
    origin: options.origin,
    created_at: options.now.toISOString(),
    delivered_at: null,
    last_error: null,
  }));
}

/**
 * The checkpointed consumer's step: enqueue a delivery per matching subscription for each event
 * after checkpoint `name`, and move the checkpoint, in one transaction. A crash leaves either both
 * or neither, so no event is skipped and none is enqueued twice. Returns the deliveries enqueued.
 */
export async function enqueueFromLog(
  db: WebhookDb, name: string, events: readonly RecordedEvent[], options: { now: Date; maxPayloadBytes: number },
): Promise<number> {
  const last = events[events.length - 1];
  if (!last) return 0;
  return db.transaction().execute(async (trx) => {
    // several projector instances on PostgreSQL: one enqueues a batch, the others then see its checkpoint
    if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(hashtextextended(${`read-model:${name}`}, 0))`.execute(trx);
    const current = await readCheckpoint(trx, name);
    const fresh = current ? events.filter((event) => comparePositions(event.position, current) > 0) : events;
    const subscriptions = await trx.selectFrom('webhook_subscriptions').selectAll().execute();
    let enqueued = 0;
    for (const event of fresh) {
      // a subscription hears only of events recorded after it was created; history comes by replay
      const eligible = subscriptions.filter((sub) => BigInt(sub.after_position) < event.position.commit);
      const rows = await deliveriesFor(trx, event, eligible, { origin: 'live', ...options });
      if (rows.length > 0) await trx.insertInto('webhook_deliveries').values(rows).execute();
      enqueued += rows.length;
    }
    if (fresh.length > 0) {
      const values = { commit: String(last.position.commit), prepare: String(last.position.prepare) };
      await trx.insertInto('checkpoints').values({ name, ...values }).onConflict((oc) => oc.column('name').doUpdateSet(values)).execute();
    }
    return enqueued;
  });
}

export async function readCheckpoint(db: WebhookDb, name: string): Promise<LogPosition | null> {
  const row = await db.selectFrom('checkpoints').select(['commit', 'prepare']).where('name', '=', name).executeTakeFirst();
  return row ? { commit: BigInt(row.commit), prepare: BigInt(row.prepare) } : null;
}

export interface ClaimedDelivery {
  readonly delivery: WebhookDeliveryRow;
  readonly subscription: WebhookSubscriptionRow;
}

/**
 * Claims due deliveries: per active subscription only its oldest unfinished one (log order), plus
 * manual retries. On PostgreSQL a sender takes a transaction advisory lock per subscription and
 * skips the subscriptions another sender holds (the skip-locked idea at subscription level, so
 * log order holds); both dialects flip status with a guarded UPDATE, and a claim
 * is a lease: a sender that dies mid-send leaves a 'sending' row that is claimed again on expiry.
 */
export async function claimDue(db: WebhookDb, now: Date, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
  const nowText = now.toISOString();
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  const claimed = await db.transaction().execute(async (trx) => {
    const candidates = await dueCandidates(trx, nowText, limit);
    const ids: string[] = [];
    for (const { id } of candidates) {
      const result = await trx.updateTable('webhook_deliveries').set({ status: 'sending', lease_until: leaseUntil })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', nowText)])]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) ids.push(id);
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
 * The due deliveries that may go now: per active subscription, only the head of its queue (the
 * lowest seq still pending or sending, in log order), plus manual retries. Each head is two index
 * lookups on (subscription_id, status, seq), so a claim costs the same with ten or a million
 * deliveries waiting (a NOT EXISTS over every pending row made it grow with the backlog).
 */
async function dueCandidates(trx: Tx, nowText: string, limit: number): Promise<Array<{ id: string; seq: unknown }>> {
  const postgres = isPostgres(trx);
  const subscriptions = await trx.selectFrom('webhook_subscriptions').select('id').where('status', '=', 'active').execute();
  const found: Array<{ id: string; seq: unknown }> = [];
  for (const { id: subscriptionId } of subscriptions) {
    // PostgreSQL, several senders: one claims a subscription's head at a time, the others skip that
    // subscription (a row lock with SKIP LOCKED would hand them the next row, out of log order)
    if (postgres) {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtextextended(${`webhook:${subscriptionId}`}, 0)) as locked`.execute(trx);
      if (!rows[0]?.locked) continue;
    }
    const heads = [];
    for (const status of ['pending', 'sending'] as const) {
      const head = await trx.selectFrom('webhook_deliveries')
        .select(['id', 'seq', 'status', 'next_attempt_at', 'lease_until'])
        .where('subscription_id', '=', subscriptionId).where('status', '=', status).where('manual', '=', 0)
        .orderBy('seq').limit(1)
        .executeTakeFirst();
      if (head) heads.push(head);
    }
    const head = heads.sort((a, b) => Number(a.seq) - Number(b.seq))[0];
    const due = head && (head.status === 'pending' ? (head.next_attempt_at ?? '') <= nowText : (head.lease_until ?? '') <= nowText);
    if (head && due) found.push({ id: head.id, seq: head.seq });
    const manual = await trx.selectFrom('webhook_deliveries').select(['id', 'seq'])
      .where('subscription_id', '=', subscriptionId).where('manual', '=', 1)
      .where((eb) => eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', nowText)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', nowText)]),
      ]))
      .execute();
    found.push(...manual);
  }
  return found.sort((a, b) => Number(a.seq) - Number(b.seq)).slice(0, limit);
}

/** Single-writer SQLite: a previous run of this process cannot still be sending, so its claims end now. */
export async function releaseAllClaims(db: WebhookDb): Promise<void> {
  await db.updateTable('webhook_deliveries').set({ status: 'pending', lease_until: null }).where('status', '=', 'sending').execute();
}
