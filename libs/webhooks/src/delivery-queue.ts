import { v7 as uuidv7 } from 'uuid';
import type { Insertable, Kysely } from 'kysely';
import { commitEvents } from '../../consumers/src/index.js';
import type { RecordedEvent } from '../../event-store/src/index.js';
import {
  isPostgres, positionParam, type WebhookDatabase, type WebhookDeliveriesTable, type WebhookSubscriptionRow,
} from './schema.js';

export { isPostgres };
import { matchesFilter } from './filters.js';
import { buildPayload } from './payload.js';
import { subjectOf } from './event-subject.js';

export type WebhookDb = Kysely<WebhookDatabase>;

/** rows per INSERT statement (a delivery has 17 parameters) */
const INSERT_CHUNK = 200;


export const filterOf = (row: Pick<WebhookSubscriptionRow, 'event_types' | 'jurisdictions'>) => ({
  eventTypes: JSON.parse(row.event_types) as string[],
  jurisdictions: JSON.parse(row.jurisdictions) as string[],
});

/** The Standard Webhooks message id of an event: the same for every retry and replay of it. */
export const webhookIdOf = (event: RecordedEvent): string => `msg_${event.eventId}`;

/** The rows that queue one event for some subscriptions: its body once, a delivery per subscription. */
export interface QueuedEvent {
  readonly payload: { readonly id: string; readonly body: string };
  readonly deliveries: ReadonlyArray<Insertable<WebhookDeliveriesTable>>;
}

/** The rows that queue `event` for the subscriptions among `subscriptions` that want it; null when none does. */
export async function deliveriesFor(
  db: WebhookDb, event: RecordedEvent, subscriptions: readonly WebhookSubscriptionRow[],
  options: { origin: 'live' | 'replay'; now: Date; maxPayloadBytes: number },
): Promise<QueuedEvent | null> {
  const subject = await subjectOf(db, event);
  const wanted = subscriptions.filter((sub) => matchesFilter(filterOf(sub), subject));
  if (wanted.length === 0) return null;
  // time-ordered ids: a batch's rows land together at the end of the id indexes, not on random pages
  const payload = { id: uuidv7(), body: buildPayload(event, subject.jurisdictions, options.maxPayloadBytes) };
  const deliveries = wanted.map((sub) => ({
    id: uuidv7(),
    subscription_id: sub.id,
    webhook_id: webhookIdOf(event),
    event_id: event.eventId,
    event_type: event.type,
    event_position: positionParam(event.position.commit),
    payload_id: payload.id,
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
  return { payload, deliveries };
}

/** Writes queued events: bodies first, then deliveries, in log order (seq follows it), in multi-row inserts. */
export async function insertQueued(db: WebhookDb, queued: readonly QueuedEvent[]): Promise<number> {
  const payloads = queued.map((q) => q.payload);
  const deliveries = queued.flatMap((q) => q.deliveries);
  // well under both dialects' parameter limits (17 parameters a delivery)
  for (let start = 0; start < payloads.length; start += INSERT_CHUNK) {
    await db.insertInto('webhook_payloads').values(payloads.slice(start, start + INSERT_CHUNK)).execute();
  }
  for (let start = 0; start < deliveries.length; start += INSERT_CHUNK) {
    await db.insertInto('webhook_deliveries').values(deliveries.slice(start, start + INSERT_CHUNK)).execute();
  }
  return deliveries.length;
}

/**
 * The webhook enqueuer's step: a delivery per matching subscription for each event after
 * checkpoint `name`, and the checkpoint moved, in one transaction (commitEvents). A crash leaves
 * either both or neither, so no event is skipped and none is enqueued twice. Returns the
 * deliveries enqueued.
 */
export async function enqueueFromLog(
  db: WebhookDb, name: string, events: readonly RecordedEvent[], options: { now: Date; maxPayloadBytes: number },
): Promise<number> {
  let enqueued = 0;
  await commitEvents(db, name, events, async (trx, fresh) => {
    // a subscription hears only of events recorded after it was created; history comes by replay.
    // None created before the run's end (none at all, or all since: a rebuild, a first start over
    // a long log): the run only moves the checkpoint
    const last = fresh[fresh.length - 1];
    if (!last) return;
    const subscriptions = await (trx as WebhookDb).selectFrom('webhook_subscriptions').selectAll()
      .where('after_position', '<', positionParam(last.position.commit)).execute();
    if (subscriptions.length === 0) return;
    const queued: QueuedEvent[] = [];
    for (const event of fresh) {
      const eligible = subscriptions.filter((sub) => BigInt(sub.after_position) < event.position.commit);
      const queuedEvent = eligible.length > 0 ? await deliveriesFor(trx as WebhookDb, event, eligible, { origin: 'live', ...options }) : null;
      if (queuedEvent) queued.push(queuedEvent);
    }
    enqueued = await insertQueued(trx as WebhookDb, queued);
  });
  return enqueued;
}

/** The webhook enqueuer's checkpoint in the `checkpoints` table. */
export const WEBHOOK_CONSUMER = 'webhooks';

export { claimDue, releaseAllClaims, type ClaimedDelivery } from './claims.js';
