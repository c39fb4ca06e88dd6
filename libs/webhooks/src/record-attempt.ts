import { v7 as uuidv7 } from 'uuid';
import type { Transaction } from 'kysely';
import { isPostgres, SENDING_COLUMNS, type WebhookDatabase, type WebhookSubscriptionRow } from './schema.js';
import type { WebhookConfig } from '../../config/src/index.js';
import { markOf, type ClaimedDelivery } from './claims.js';
import { keptStatement } from './compiled-statements.js';
import type { WebhookDb } from './delivery-queue.js';
import { nextRetryDelayMs } from './retry-schedule.js';
import type { SendResult } from './sender.js';

export type AttemptOutcome = 'delivered' | 'retrying' | 'failed' | 'subscription-disabled';

type AttemptConfig = Pick<WebhookConfig, 'retrySchedule' | 'disableAfterMs'>;

/** One attempt to record: the delivery as read, the send's result, when its answer came. */
export interface AttemptToRecord {
  readonly claimed: ClaimedDelivery;
  readonly result: SendResult;
  readonly now?: Date;
  /** the sender whose lease on the subscription covered the send; null: a manual retry (no lease, no mark) */
  readonly sender: string | null;
  /** the lease, renewed by the attempt's transaction */
  readonly leaseMs?: number;
  /** without log order: the mark once this attempt is done (the lane's lowest unfinished seq - 1) */
  readonly markTo?: number;
}

export interface RecordedAttempt {
  readonly outcome: AttemptOutcome;
  /** the subscription as the transaction left it (null: deleted meanwhile) */
  readonly subscription: WebhookSubscriptionRow | null;
  /** the sender still holds the subscription's lease: it may go on */
  readonly holding: boolean;
}

/**
 * Records one attempt and decides what follows (recordAttempts for one).
 * - 2xx: delivered; the subscription is healthy again.
 * - 410 Gone: the receiver asked us to stop: the subscription is disabled, the delivery waits
 *   (a resume sends it again).
 * - anything else: the next try per the schedule (Retry-After wins when longer); once the schedule
 *   is spent the delivery is failed and the subscription's next delivery goes ahead. A subscription
 *   failing without a break for `disableAfterMs` is disabled, with the reason.
 */
export async function recordAttempt(
  db: WebhookDb, attempt: AttemptToRecord, config: AttemptConfig, random: () => number = Math.random,
): Promise<RecordedAttempt> {
  const [recorded] = await recordAttempts(db, [attempt], config, random);
  return recorded!;
}

/**
 * Attempts (of any subscriptions) recorded in one transaction, in order: a group commit. Written:
 * one attempt row each (the attempt log, appended, never updated); the delivery's row only when it
 * did not go through on its first try (retrying, failed, a success after failures, a manual retry);
 * one UPDATE per subscription (the high-water mark moved over what is done in log order, the lease
 * renewed, failing_since). A first-try success rewrites no row of its own.
 */
export async function recordAttempts(
  db: WebhookDb, attempts: readonly AttemptToRecord[], config: AttemptConfig, random: () => number = Math.random,
): Promise<RecordedAttempt[]> {
  const decisions = attempts.map((attempt) => ({ attempt, ...decide(attempt, config, random) }));
  return db.transaction().execute(async (trx) => {
    await insertAttempts(trx, decisions.map(attemptRow), decisions.length);
    for (const decision of decisions) await writeDelivery(trx, decision);
    const bySubscription = new Map<string, Decision[]>();
    for (const decision of decisions) {
      const id = decision.attempt.claimed.subscription.id;
      bySubscription.set(id, [...(bySubscription.get(id) ?? []), decision]);
    }
    // the usual case, a lane's successes: the mark moved and the row read back by one UPDATE
    const delivered = new Map<string, WebhookSubscriptionRow>();
    for (const [id, group] of bySubscription) {
      const row = await markDelivered(trx, group);
      if (row) delivered.set(id, row);
    }
    // anything else (a failure, a manual retry, a lease lost): the row read, each attempt applied, written once
    const ids = [...bySubscription.keys()].filter((id) => !delivered.has(id));
    const { rows } = ids.length > 0 ? await subscriptionsByIds(trx, ids.map((id) => ({ id })), ids.length) : { rows: [] };
    const subscriptions = new Map(rows.map((row) => [row.id, new SubscriptionChange(row)]));
    const outcomes = decisions.map((decision) => subscriptions.get(decision.attempt.claimed.subscription.id)?.apply(decision, config) ?? decision.outcome);
    for (const change of subscriptions.values()) await change.write(trx);
    return decisions.map((decision, i) => {
      const id = decision.attempt.claimed.subscription.id;
      const row = delivered.get(id);
      if (row) return { outcome: outcomes[i]!, subscription: row, holding: true };
      const change = subscriptions.get(id);
      return { outcome: outcomes[i]!, subscription: change?.row ?? null, holding: change !== undefined && decision.attempt.sender !== null && change.holding };
    });
  });
}

/**
 * A subscription's attempts of the group that all went through, by the lane holding its lease: the
 * mark moved over them (never back), the lease renewed, the subscription healthy, and its row as
 * left, in one UPDATE ... RETURNING. Null when the group has anything else, or the lease is not
 * held any more: the caller reads the row and applies each attempt.
 */
async function markDelivered(trx: Transaction<WebhookDatabase>, group: readonly Decision[]): Promise<WebhookSubscriptionRow | null> {
  const last = group.at(-1)!.attempt;
  const { sender } = last;
  if (sender === null || group.some((decision) => !decision.ok || decision.attempt.sender !== sender || decision.attempt.claimed.delivery.manual !== 0)) return null;
  const inOrder = last.claimed.subscription.max_in_flight <= 1;
  // in log order the mark passes what went through; without order the lane says how far
  const to = Math.max(...group.map(({ attempt }) => (inOrder ? Number(attempt.claimed.delivery.seq) : attempt.markTo ?? -1)));
  const until = new Date((last.now ?? new Date()).getTime() + (last.leaseMs ?? 0)).toISOString();
  const { rows: [fresh] } = await markAndRenew(trx, { to, to_again: to, lease_until: until, id: last.claimed.subscription.id, sender });
  // what the sender reads of a subscription as it is now; the rest as the lane had it
  return fresh ? { ...last.claimed.subscription, ...fresh } : null;
}

/**
 * The group's attempt rows, one statement (its SQL kept per row count). On SQLite `or ignore`: in a
 * transaction, a statement that may abort part-way (on a constraint) first copies each page it
 * changes to a statement journal, and a group's attempts change tens of index pages: past 64 KiB
 * the journal spilled to a temp file, created and deleted at nearly every commit (the insert and
 * its commit cost twice what they do without). Its only constraints are the fresh uuidv7 key and
 * the NOT NULL columns, which attemptRow checks: no row is ever ignored.
 */
const insertAttempts = keptStatement<keyof ReturnType<typeof attemptRow>, never>((db, slot, rows) => db.insertInto('webhook_attempts')
  .$if(!isPostgres(db), (insert) => insert.orIgnore()).values(
  Array.from({ length: rows }, () => ({
    id: slot('id'), delivery_id: slot('delivery_id'), attempted_at: slot('attempted_at'), status_code: slot('status_code'),
    latency_ms: slot('latency_ms'), error: slot('error'), next_retry_at: slot('next_retry_at'),
  }))));

/** The group's subscriptions as they are now (paused, changed, deleted meanwhile), per count of ids. */
const subscriptionsByIds = keptStatement<'id', WebhookSubscriptionRow>((db, slot, count) => (db as WebhookDb).selectFrom('webhook_subscriptions').selectAll()
  .where('id', 'in', Array.from({ length: count }, () => slot('id'))));

/**
 * The mark moved over `to` (never back), the lease renewed and the subscription healthy, when the
 * sender still holds the lease; the row as left. (A slot named twice is a second row's: `to_again`.)
 */
const markAndRenew = keptStatement<'to' | 'to_again' | 'lease_until' | 'id' | 'sender', Pick<WebhookSubscriptionRow, (typeof SENDING_COLUMNS)[number]>>((db, slot) => (db as WebhookDb).updateTable('webhook_subscriptions')
  .set((eb) => ({
    delivered_seq: eb.case().when('delivered_seq', '<', slot('to')).then(slot('to_again')).else(eb.ref('delivered_seq')).end().$castTo<number>(),
    lease_until: slot('lease_until'),
    failing_since: null,
  }))
  .where('id', '=', slot('id')).where('leased_by', '=', slot('sender')).returning([...SENDING_COLUMNS]));

/** The mark moved and the lease renewed, when the sender still holds it: a group's usual write per subscription. */
const moveMark = keptStatement<'delivered_seq' | 'lease_until' | 'id' | 'sender', never>((db, slot) => (db as WebhookDb).updateTable('webhook_subscriptions')
  .set({ delivered_seq: slot('delivered_seq'), lease_until: slot('lease_until') })
  .where('id', '=', slot('id')).where('leased_by', '=', slot('sender')));

type Decision = ReturnType<typeof decide> & { readonly attempt: AttemptToRecord };

/** What an attempt's result means for its delivery (no I/O). */
function decide({ claimed: { delivery }, result, now = new Date() }: AttemptToRecord, config: AttemptConfig, random: () => number) {
  const attempts = delivery.attempts + 1;
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  const gone = result.statusCode === 410;
  const nowText = now.toISOString();
  const delay = ok || gone || delivery.manual === 1 ? null : nextRetryDelayMs(config.retrySchedule, attempts, result.retryAfterSeconds, random);
  // a 410'd delivery waits as retrying, due at once: the resume finds it in its place
  const nextAt = gone ? nowText : delay === null ? null : new Date(now.getTime() + delay).toISOString();
  let outcome: AttemptOutcome;
  let status: string;
  if (ok) [outcome, status] = ['delivered', 'delivered'];
  else if (gone) [outcome, status] = ['subscription-disabled', 'retrying'];
  else if (nextAt) [outcome, status] = ['retrying', 'retrying'];
  else [outcome, status] = ['failed', 'failed'];
  return { outcome, status, ok, gone, now, nowText, attempts, nextAt };
}

/** The attempt's row: what was sent when, and what came back. */
function attemptRow({ attempt: { claimed: { delivery }, result }, status, nowText, nextAt }: Decision) {
  // the NOT NULL columns (insertAttempts would not refuse a row without them)
  if (!delivery.id || !nowText || !Number.isFinite(result.latencyMs)) throw new Error(`attempt of delivery ${delivery.id} is incomplete`);
  return {
    // time-ordered ids: an attempt's row lands at the end of the id index, not on a random page
    id: uuidv7(), delivery_id: delivery.id, attempted_at: nowText, status_code: result.statusCode,
    latency_ms: result.latencyMs, error: result.error, next_retry_at: status === 'retrying' ? nextAt : null,
  };
}

/** The delivery's row, when anything but a first-try success happened (that one is its attempt row and the mark). */
async function writeDelivery(trx: Transaction<WebhookDatabase>, { attempt: { claimed: { delivery }, result }, ok, status, nowText, attempts, nextAt }: Decision): Promise<void> {
  if (ok && delivery.status === 'pending' && delivery.manual === 0) return;
  await trx.updateTable('webhook_deliveries').set({
    status, attempts, lease_until: null, manual: 0,
    next_attempt_at: status === 'retrying' ? nextAt : null,
    ...(ok ? { delivered_at: nowText, last_error: null } : { last_error: result.error }),
  }).where('id', '=', delivery.id).execute();
}

/** One subscription's row through a group's attempts, written once at the end. */
class SubscriptionChange {
  row: WebhookSubscriptionRow;
  private readonly before: WebhookSubscriptionRow;
  /** the sender whose lane attempts are in the group, and the lease it renews */
  private lease: { sender: string; until: string } | null = null;
  holding = false;

  constructor(row: WebhookSubscriptionRow) {
    this.row = row;
    this.before = row;
  }

  /** The attempt's effect on the subscription; returns the outcome (a disable overrides a retry or failure). */
  apply(decision: Decision, config: AttemptConfig): AttemptOutcome {
    const { attempt: { claimed, sender, leaseMs, markTo }, ok, gone, status, now, nowText, outcome } = decision;
    const failingSince = ok ? null : this.row.failing_since ?? nowText;
    const tooLong = !ok && !gone && now.getTime() - Date.parse(failingSince ?? nowText) >= config.disableAfterMs;
    const disabledReason = gone ? `the endpoint answered 410 Gone at ${nowText}`
      : tooLong ? `failing continuously since ${failingSince} (last: ${decision.attempt.result.error ?? 'no response'})` : null;
    this.row = { ...this.row, failing_since: failingSince, ...(disabledReason ? { status: 'disabled', disabled_reason: disabledReason, updated_at: nowText } : {}) };
    if (sender !== null) {
      this.lease = { sender, until: new Date(now.getTime() + (leaseMs ?? 0)).toISOString() };
      const inOrder = claimed.subscription.max_in_flight <= 1;
      // in log order the mark passes what is done (delivered, or failed for good); without order the lane says how far
      const to = inOrder ? (status === 'delivered' || status === 'failed' ? Number(claimed.delivery.seq) : null) : markTo ?? null;
      if (to !== null && to > markOf(this.row)) this.row = { ...this.row, delivered_seq: to };
    }
    return disabledReason && !gone ? 'subscription-disabled' : outcome;
  }

  async write(trx: Transaction<WebhookDatabase>): Promise<void> {
    const { row, before } = this;
    const health = {
      ...(row.failing_since !== before.failing_since ? { failing_since: row.failing_since } : {}),
      ...(row.status !== before.status ? { status: row.status, disabled_reason: row.disabled_reason, updated_at: row.updated_at } : {}),
    };
    if (this.lease) {
      const { sender, until } = this.lease;
      const updated = Object.keys(health).length === 0
        ? (await moveMark(trx, { delivered_seq: row.delivered_seq, lease_until: until, id: row.id, sender })).numAffectedRows
        : (await trx.updateTable('webhook_subscriptions')
          .set({ ...health, delivered_seq: row.delivered_seq as number, lease_until: until })
          .where('id', '=', row.id).where('leased_by', '=', sender).executeTakeFirst()).numUpdatedRows;
      this.holding = Number(updated ?? 0) > 0;
      if (this.holding) return;
      // the lease was taken over (it expired): the attempt and the health stand, the mark is the new holder's
      this.row = { ...row, delivered_seq: before.delivered_seq };
    }
    if (Object.keys(health).length > 0) await trx.updateTable('webhook_subscriptions').set(health).where('id', '=', row.id).execute();
  }
}
