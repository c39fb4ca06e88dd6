import type { ColumnType, Selectable } from 'kysely';

type Position = ColumnType<number | string | bigint, number | bigint, number | bigint>;
import type { ReadModelDatabase } from '../../read-model/src/index.js';

export { isPostgres, positionParam } from '../../read-model/src/index.js';

// The webhook queue's tables (WEBHOOK_MIGRATIONS), in the read models' database: a retraction's
// jurisdiction is looked up in the read models' facts.
/** A webhook subscription (migration 0003). Not a projection: written by the API, never rebuilt. */
export interface WebhookSubscriptionsTable {
  id: string;
  url: string;
  description: string | null;
  /** JSON array of event types; [] = every type */
  event_types: string;
  /** JSON array of jurisdiction codes (each includes its children); [] = everywhere */
  jurisdictions: string;
  /** active | paused | disabled */
  status: string;
  disabled_reason: string | null;
  /** whsec_... (needed to sign, so stored as is; never logged) */
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  /** events at or before this commit position predate the subscription: only a replay sends them */
  after_position: Position;
  /** ISO time of the first failure since the last success; null while healthy */
  failing_since: string | null;
  /** migration 0007: 1 = one delivery at a time, in log order; N > 1 = up to N at once, in no order */
  max_in_flight: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
  /** migration 0012: the API key name that created it; null: created before owners were recorded */
  owner: ColumnType<string | null, string | null | undefined, string | null>;
  /** migration 0012: the Idempotency-Key it was created with (unique per owner) and the request's hash */
  idempotency_key: ColumnType<string | null, string | null | undefined, string | null>;
  request_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /**
   * migration 0014, the high-water mark: every delivery of the subscription with a `seq` at or
   * below it is done (delivered, or failed for good: its row says so) or, without log order, was
   * attempted and waits as `retrying`. Advanced by the attempt's transaction; a delivery that goes
   * through on its first try never has its row written again.
   */
  delivered_seq: ColumnType<number | string | bigint, number | bigint | undefined, number | bigint>;
  /** migration 0014: the sender (leased_by) that sends the subscription's deliveries until lease_until */
  lease_until: ColumnType<string | null, string | null | undefined, string | null>;
  leased_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One event to send to one subscription; `seq` orders a subscription's deliveries (log order). */
export interface WebhookDeliveriesTable {
  seq: ColumnType<number | string | bigint, never, never>;
  id: string;
  subscription_id: string;
  /** the webhook-id header: stable across retries (the receiver's idempotency key) */
  webhook_id: string;
  event_id: string;
  event_type: string;
  event_position: Position;
  /** the exact JSON body (webhook_payloads), fixed at enqueue time so every retry sends the same bytes */
  payload_id: string;
  /**
   * What the row says, written at enqueue and then only when something other than a first-try
   * success happens: pending (as enqueued; delivered once an attempt answered 2xx, which only the
   * attempt log records), retrying (an attempt failed, the next is due at next_attempt_at),
   * sending (a manual retry in flight), delivered (after a retry or by hand), failed (schedule spent).
   */
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  /** a manual retry's 'sending' claim expires here (a crashed sender's retry is claimed again) */
  lease_until: string | null;
  /** 1: a manual retry: one attempt, outside the per-subscription order */
  manual: number;
  /** live | replay */
  origin: string;
  created_at: string;
  delivered_at: string | null;
  last_error: string | null;
}

/** Migration 0009: a delivery's body, written once per event and enqueue (shared by its subscriptions), never updated. */
export interface WebhookPayloadsTable {
  id: string;
  body: string;
}

export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  attempted_at: string;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
  next_retry_at: string | null;
}

/** The read-model database with the webhook tables of migration 0003. */
export interface WebhookDatabase extends ReadModelDatabase {
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_payloads: WebhookPayloadsTable;
  webhook_attempts: WebhookAttemptsTable;
}

export type WebhookSubscriptionRow = Selectable<WebhookSubscriptionsTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
/**
 * What the sender reads of a subscription while it sends: where, how it signs, whether it may go
 * on, its mark and lease. An attempt's transaction reads these back (the rest of the row is the
 * API's: reading every column cost more than the UPDATE itself).
 */
export const SENDING_COLUMNS = [
  'id', 'url', 'secret', 'previous_secret', 'previous_secret_expires_at', 'status', 'max_in_flight', 'delivered_seq', 'lease_until', 'leased_by', 'failing_since',
] as const;

/** The columns of a delivery the sender reads: what sending, ordering and recording an attempt need. */
export const SENT_DELIVERY_COLUMNS = ['seq', 'id', 'subscription_id', 'webhook_id', 'event_position', 'status', 'attempts', 'next_attempt_at', 'manual'] as const;

/**
 * A delivery with its body, as the sender claims it: its columns the sender needs only (reading
 * every column of a queue row cost 13 us a row, these 3-4: the objects better-sqlite3 builds).
 */
export type WebhookDeliveryWithBody = Pick<WebhookDeliveryRow, (typeof SENT_DELIVERY_COLUMNS)[number]> & { readonly payload: string };
export type WebhookAttemptRow = Selectable<WebhookAttemptsTable>;

