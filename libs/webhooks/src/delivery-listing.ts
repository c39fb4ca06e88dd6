import type { ExpressionBuilder } from 'kysely';
import { positionOf, positionToJson } from '../../event-store/src/index.js';
import type { WebhookAttemptRow, WebhookDatabase, WebhookDeliveryRow } from './schema.js';
import type { WebhookDb } from './delivery-queue.js';

/** A delivery's status as the API shows it: pending | sending | delivered | failed. */
export type DeliveryStatus = 'pending' | 'sending' | 'delivered' | 'failed';

const went = (attempt: WebhookAttemptRow) => attempt.status_code !== null && attempt.status_code >= 200 && attempt.status_code < 300;

/**
 * What a delivery is, from its row and its attempts. A first-try success writes only its attempt
 * row (and moves the subscription's mark): a row still as enqueued (`pending`, not a manual retry
 * waiting) with a 2xx attempt was delivered then. `retrying` rows are pending to the API.
 */
export function statusOf(row: WebhookDeliveryRow, attempts: readonly WebhookAttemptRow[]): DeliveryStatus {
  if (row.status === 'pending' && row.manual === 0 && attempts.some(went)) return 'delivered';
  if (row.status === 'retrying') return 'pending';
  return row.status as DeliveryStatus;
}

/** `attempts`: the delivery's attempts, oldest first. */
export function presentDelivery(row: WebhookDeliveryRow, attempts: readonly WebhookAttemptRow[]) {
  const status = statusOf(row, attempts);
  const lastSuccess = attempts.filter(went).at(-1);
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventType: row.event_type,
    // a number while safe, as everywhere in the API (and in the delivery's body)
    position: positionToJson(positionOf(BigInt(row.event_position))),
    origin: row.origin,
    status,
    // the attempt log is the count: a first-try success does not write the row's counter
    attemptCount: attempts.length,
    nextAttemptAt: status === 'pending' || status === 'sending' ? row.next_attempt_at : null,
    deliveredAt: status === 'delivered' ? row.delivered_at ?? lastSuccess?.attempted_at ?? null : row.delivered_at,
    lastError: status === 'delivered' ? null : row.last_error,
    createdAt: row.created_at,
    attempts: attempts.map((attempt) => ({
      at: attempt.attempted_at,
      statusCode: attempt.status_code,
      latencyMs: attempt.latency_ms,
      error: attempt.error,
      nextRetryAt: attempt.next_retry_at,
    })),
  };
}

type Eb = ExpressionBuilder<WebhookDatabase, 'webhook_deliveries'>;
const deliveredByAttempt = (eb: Eb) => eb.and([
  eb('status', '=', 'pending'), eb('manual', '=', 0),
  eb.exists(eb.selectFrom('webhook_attempts').select('webhook_attempts.id')
    .whereRef('webhook_attempts.delivery_id', '=', 'webhook_deliveries.id')
    .where('webhook_attempts.status_code', '>=', 200).where('webhook_attempts.status_code', '<', 300)),
]);

/** statusOf as SQL, for the listing's filter. */
function whereStatus(eb: Eb, status: DeliveryStatus) {
  switch (status) {
    case 'delivered': return eb.or([eb('status', '=', 'delivered'), deliveredByAttempt(eb)]);
    case 'pending': return eb.or([eb('status', '=', 'retrying'), eb.and([eb('status', '=', 'pending'), eb.not(deliveredByAttempt(eb))])]);
    default: return eb('status', '=', status);
  }
}

/** Newest first, with every attempt; `before` is the cursor (a delivery seq) of the next page. */
export async function listDeliveries(db: WebhookDb, subscriptionId: string, options: { limit: number; before?: number; status?: string }) {
  const rows = await db.selectFrom('webhook_deliveries').selectAll()
    .where('subscription_id', '=', subscriptionId)
    .$if(options.before !== undefined, (qb) => qb.where('seq', '<', options.before as number))
    .$if(options.status !== undefined, (qb) => qb.where((eb) => whereStatus(eb, options.status as DeliveryStatus)))
    .orderBy('seq', 'desc').limit(options.limit + 1).execute();
  const page = rows.slice(0, options.limit);
  const attempts = page.length === 0 ? [] : await db.selectFrom('webhook_attempts').selectAll()
    .where('delivery_id', 'in', page.map((row) => row.id)).orderBy('attempted_at').execute();
  return {
    deliveries: page.map((row) => presentDelivery(row, attempts.filter((attempt) => attempt.delivery_id === row.id))),
    next: rows.length > options.limit ? String(page[page.length - 1]!.seq) : null,
  };
}

/**
 * Sends a delivery again now. A failed or delivered one gets one manual attempt outside the
 * subscription's order; a pending one is simply made due now. Null when it does not exist.
 */
export async function retryDelivery(db: WebhookDb, subscriptionId: string, deliveryId: string, now = new Date()): Promise<{ row: WebhookDeliveryRow; status: DeliveryStatus } | null> {
  const read = () => db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).where('subscription_id', '=', subscriptionId).executeTakeFirst();
  const row = await read();
  if (!row) return null;
  const attempts = await db.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', deliveryId).execute();
  const status = statusOf(row, attempts);
  const manual = status === 'failed' || status === 'delivered' ? { status: 'pending', manual: 1 } : {};
  await db.updateTable('webhook_deliveries').set({ ...manual, next_attempt_at: now.toISOString() })
    .where('id', '=', deliveryId).where('status', '!=', 'sending').execute();
  const after = (await read())!;
  return { row: after, status: statusOf(after, manual.manual ? [] : attempts) };
}
