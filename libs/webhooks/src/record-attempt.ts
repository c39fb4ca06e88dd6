import { v7 as uuidv7 } from 'uuid';
import { sql, type Transaction } from 'kysely';
import type { WebhookDatabase, WebhookSubscriptionRow } from './schema.js';
import type { WebhookConfig } from '../../config/src/index.js';
import { claimNextOf, continueRun, type ClaimedDelivery } from './claims.js';
import type { WebhookDb } from './delivery-queue.js';
import { nextRetryDelayMs } from './retry-schedule.js';
import type { SendResult } from './sender.js';

export type AttemptOutcome = 'delivered' | 'retrying' | 'failed' | 'subscription-disabled';

/**
 * Records one attempt and decides what follows, in one transaction:
 * - 2xx: delivered; the subscription is healthy again.
 * - 410 Gone: the receiver asked us to stop: the subscription is disabled, the delivery stays
 *   pending (a resume sends it again).
 * - anything else: the next try per the schedule (Retry-After wins when longer); once the schedule
 *   is spent the delivery is failed and the subscription's next delivery goes ahead. A subscription
 *   failing without a break for `disableAfterMs` is disabled, with the reason.
 */
export async function recordAttempt(
  db: WebhookDb, claimed: ClaimedDelivery, result: SendResult, config: AttemptConfig,
  now: Date = new Date(), random: () => number = Math.random,
): Promise<AttemptOutcome> {
  return (await recordAttemptAndClaimNext(db, claimed, result, config, { now, random, claimNextForMs: null })).outcome;
}

type AttemptConfig = Pick<WebhookConfig, 'retrySchedule' | 'disableAfterMs'>;

/** One attempt to record: the delivery as claimed, the send's result, when its answer came. */
export interface AttemptToRecord {
  readonly claimed: ClaimedDelivery;
  readonly result: SendResult;
  readonly now?: Date;
  /** the lease of the subscription's next delivery, claimed in the same transaction; null: claim none */
  readonly claimNextForMs: number | null;
}

export interface RecordedAttempt {
  readonly outcome: AttemptOutcome;
  readonly next: ClaimedDelivery | null;
}

/**
 * recordAttempt, and in the same transaction (when `claimNextForMs`, the lease, is given) the claim
 * of the subscription's next due delivery: a sender goes from one delivery to the next in one
 * transaction, without waiting for a poll.
 */
export async function recordAttemptAndClaimNext(
  db: WebhookDb, claimed: ClaimedDelivery, result: SendResult, config: AttemptConfig,
  options: { now?: Date; random?: () => number; claimNextForMs: number | null },
): Promise<RecordedAttempt> {
  const [recorded] = await recordAttempts(db, [{ claimed, result, ...options }], config, options.random);
  return recorded!;
}

/**
 * Several attempts (of any subscriptions) recorded in one transaction, in order, each exactly as
 * recordAttemptAndClaimNext would: a group commit. One commit writes each touched page once, where
 * a commit per attempt wrote the same queue pages again and again.
 */
export async function recordAttempts(
  db: WebhookDb, attempts: readonly AttemptToRecord[], config: AttemptConfig, random: () => number = Math.random,
): Promise<RecordedAttempt[]> {
  const decisions = attempts.map((attempt) => ({ attempt, ...decide(attempt, config, random) }));
  const nexts = await db.transaction().execute(async (trx) => {
    // the group's attempt rows in one statement (the rest of the group does not read them)
    await trx.insertInto('webhook_attempts').values(decisions.map(attemptRow)).execute();
    // the group's deliveries that went through, in one statement (the rest are written one by one below)
    const delivered = decisions.filter((decision) => decision.ok).map((decision) => decision.attempt.claimed.delivery.id);
    if (delivered.length > 0) await markDelivered(trx, delivered);
    // the group's subscriptions as they are now (another sender may have recorded an attempt since
    // our snapshot), then as this group's attempts leave them
    const subscriptionIds = [...new Set(decisions.map((decision) => decision.attempt.claimed.subscription.id))];
    const rows = await trx.selectFrom('webhook_subscriptions').selectAll().where('id', 'in', subscriptionIds).execute();
    const subscriptions = new Map(rows.map((row) => [row.id, row]));
    const claimedNext: Array<ClaimedDelivery | null> = [];
    for (const decision of decisions) claimedNext.push(await write(trx, decision, subscriptions));
    return claimedNext;
  });
  return decisions.map((decision, i) => ({ outcome: decision.outcome, next: nexts[i] ?? null }));
}

/** Deliveries whose attempt (just recorded) succeeded: delivered at that attempt's time. */
async function markDelivered(trx: Transaction<WebhookDatabase>, ids: readonly string[]): Promise<void> {
  await trx.updateTable('webhook_deliveries').set((eb) => ({
    status: 'delivered',
    attempts: eb('attempts', '+', 1),
    lease_until: null,
    manual: 0,
    next_attempt_at: null,
    // the attempt rows of this transaction: the latest is the one that went through
    delivered_at: eb.selectFrom('webhook_attempts').select((a) => a.fn.max('attempted_at').as('at'))
      .whereRef('webhook_attempts.delivery_id', '=', 'webhook_deliveries.id'),
    last_error: null,
  })).where('id', 'in', ids).execute();
}

type Decision = ReturnType<typeof decide> & { readonly attempt: AttemptToRecord };

/** What an attempt's result means for its delivery and its subscription (no I/O). */
function decide({ claimed, result, now = new Date() }: AttemptToRecord, config: AttemptConfig, random: () => number) {
  const { delivery, subscription } = claimed;
  const attempts = delivery.attempts + 1;
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  const gone = result.statusCode === 410;
  const nowText = now.toISOString();
  const delay = ok || gone || delivery.manual === 1 ? null : nextRetryDelayMs(config.retrySchedule, attempts, result.retryAfterSeconds, random);
  const nextAt = delay === null ? null : new Date(now.getTime() + delay).toISOString();
  const failingSince = ok ? null : subscription.failing_since ?? nowText;
  const tooLong = !ok && now.getTime() - Date.parse(failingSince ?? nowText) >= config.disableAfterMs;
  const disabledReason = gone ? `the endpoint answered 410 Gone at ${nowText}`
    : tooLong ? `failing continuously since ${failingSince} (last: ${result.error ?? 'no response'})` : null;

  let outcome: AttemptOutcome;
  let status: string;
  if (ok) [outcome, status] = ['delivered', 'delivered'];
  else if (gone) [outcome, status] = ['subscription-disabled', 'pending'];
  else if (nextAt) [outcome, status] = ['retrying', 'pending'];
  else [outcome, status] = ['failed', 'failed'];
  if (disabledReason && !gone) outcome = 'subscription-disabled';
  return { outcome, status, ok, now, nowText, attempts, nextAt, failingSince, disabledReason };
}

/** The attempt's row: what was sent when, and what came back. */
function attemptRow({ attempt: { claimed: { delivery }, result }, status, nowText, nextAt }: Decision) {
  return {
    // time-ordered ids: an attempt's row lands at the end of the id index, not on a random page
    id: uuidv7(), delivery_id: delivery.id, attempted_at: nowText, status_code: result.statusCode,
    latency_ms: result.latencyMs, error: result.error, next_retry_at: status === 'pending' ? nextAt ?? nowText : null,
  };
}

/**
 * The delivery's and subscription's new state, and the next claim if asked. `subscriptions`: the
 * group's subscriptions as the transaction sees them, updated here as this attempt changes one.
 */
async function write(
  trx: Transaction<WebhookDatabase>, decision: Decision, subscriptions: Map<string, WebhookSubscriptionRow>,
): Promise<ClaimedDelivery | null> {
  const { attempt: { claimed: { delivery, subscription }, result, claimNextForMs }, status, ok, now, nowText, attempts, nextAt, failingSince, disabledReason } = decision;
  if (!ok) {
    await trx.updateTable('webhook_deliveries').set({
      status,
      attempts,
      lease_until: null,
      // a manual retry that failed goes back to failed; a 410'd delivery waits for the resume
      manual: 0,
      next_attempt_at: status === 'pending' ? nextAt ?? nowText : null,
      last_error: result.error,
    }).where('id', '=', delivery.id).execute();
  }
  const current = subscriptions.get(subscription.id);
  if (!current) return null;
  const after: WebhookSubscriptionRow = {
    ...current,
    failing_since: ok ? null : current.failing_since ?? failingSince,
    ...(disabledReason ? { status: 'disabled', disabled_reason: disabledReason, updated_at: nowText } : {}),
  };
  if (!ok || current.failing_since !== null || disabledReason) {
    await trx.updateTable('webhook_subscriptions').set({
      // the first failure's time stays; a success clears it
      failing_since: ok ? null : sql<string>`coalesce(failing_since, ${failingSince})`,
      ...(disabledReason ? { status: 'disabled', disabled_reason: disabledReason, updated_at: nowText } : {}),
    }).where('id', '=', subscription.id).execute();
    subscriptions.set(subscription.id, after);
  }
  const { queued } = decision.attempt.claimed;
  if (queued && queued.length > 0) {
    // the deliveries claimed behind this one go next, unless this attempt must not be overtaken
    const goOn = (status === 'delivered' || status === 'failed') && !disabledReason;
    return continueRun(trx, after, queued, goOn, now, claimNextForMs);
  }
  if (claimNextForMs === null || disabledReason) return null;
  return claimNextOf(trx, after, now, claimNextForMs);
}
