import { dueAfter, markOf, MAX_IN_FLIGHT_PER_SUBSCRIPTION, type ClaimedDelivery, type LeasedSubscription } from './claims.js';
import type { WebhookDb } from './delivery-queue.js';
import type { AttemptToRecord, RecordedAttempt } from './record-attempt.js';
import type { WebhookDeliveryWithBody, WebhookSubscriptionRow } from './schema.js';
import type { SendResult } from './sender.js';

/** In log order: attempts answered 2xx that may wait for their transaction while the next ones are sent. */
const MAX_UNRECORDED = 32;

/** What a lane needs of its sender. */
export interface LaneContext {
  readonly db: WebhookDb;
  readonly sender: string;
  readonly leaseMs: number;
  /** signs and POSTs one delivery (the sender bounds how many are in flight) */
  send(claimed: ClaimedDelivery): Promise<SendResult>;
  /** records the attempt (group commit); `soon`: nobody waits for it now, it may wait a moment for company */
  record(attempt: AttemptToRecord, soon?: boolean): Promise<RecordedAttempt>;
  /** what was recorded `soon` is written at once (the lane is about to wait for it) */
  flush?(): void;
  stopping(): boolean;
}

/** The lane may go on with the subscription as the attempt's transaction left it. */
const goesOn = (recorded: RecordedAttempt, before: WebhookSubscriptionRow): recorded is RecordedAttempt & { subscription: WebhookSubscriptionRow } =>
  recorded.holding && recorded.subscription !== null && recorded.subscription.status === 'active'
  && recorded.subscription.max_in_flight === before.max_in_flight;

/**
 * Sends a leased subscription's deliveries until none is due: in log order one at a time (the
 * attempt's transaction moves the mark over it), or up to max_in_flight at once without order. It
 * stops when the lease is lost, the subscription is paused, disabled or changed, or (in log order)
 * a delivery must wait for its retry: nothing overtakes it, and the next claim finds it once due.
 */
export function runLane(context: LaneContext, leased: LeasedSubscription): Promise<void> {
  return leased.subscription.max_in_flight > 1 ? runUnordered(context, leased) : runInOrder(context, leased);
}

async function runInOrder(context: LaneContext, { subscription: first, due: firstDue }: LeasedSubscription): Promise<void> {
  let subscription = first;
  let due = firstDue;
  // the last attempts answered 2xx (their transactions commit in this order), and how many are not committed yet
  const recording: Array<Promise<void>> = [];
  let unrecorded = 0;
  let halted = false;
  const settle = async () => {
    context.flush?.();
    while (recording.length > 0) await recording.shift();
  };
  try {
    while (due.length > 0) {
      for (const delivery of due) {
        if (halted || context.stopping()) return;
        const claimed = { delivery, subscription };
        const result = await context.send(claimed);
        const wentThrough = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
        // a success is recorded soon, in one transaction with the next ones, unless the lane would wait for it
        const soon = wentThrough && unrecorded + 1 < MAX_UNRECORDED;
        const recorded = context.record({ claimed, result, now: new Date(), sender: context.sender, leaseMs: context.leaseMs }, soon);
        if (wentThrough) {
          // went through: the next one goes now, while this attempt is written (a crash before that
          // commit sends both again, from the mark, in order: at least once)
          unrecorded += 1;
          recording.push(recorded.then((answer) => {
            unrecorded -= 1;
            if (goesOn(answer, subscription)) subscription = answer.subscription;
            else halted = true;
          }));
          // the oldest is committed unless MAX_UNRECORDED wait, and then the last one asked for them at once
          if (recording.length >= MAX_UNRECORDED) await recording.shift();
          continue;
        }
        // anything else decides what follows once written: failed for good lets the next go; a retry, a 410 do not
        await settle();
        const answer = await recorded;
        if (halted || !goesOn(answer, subscription)) return;
        subscription = answer.subscription;
        if (answer.outcome !== 'failed') return;
      }
      due = await dueAfter(context.db, subscription, Number(due.at(-1)!.seq), new Date().toISOString());
    }
  } finally {
    await settle();
  }
}

/**
 * Without order: up to max_in_flight sends at once. The mark is one below the lowest delivery of
 * the queue this lane has read and not finished (a retrying one is finished: it waits as
 * `retrying`, found by its due time), so a crash resends at most what was in flight or unrecorded.
 */
async function runUnordered(context: LaneContext, { subscription: first, due }: LeasedSubscription): Promise<void> {
  let subscription = first;
  const window = Math.min(first.max_in_flight, MAX_IN_FLIGHT_PER_SUBSCRIPTION);
  const queue: WebhookDeliveryWithBody[] = [];
  const unfinished = new Set<number>();
  let readTo = markOf(first);
  const take = (rows: readonly WebhookDeliveryWithBody[]) => {
    for (const row of rows) {
      queue.push(row);
      if (row.status === 'pending') {
        unfinished.add(Number(row.seq));
        readTo = Math.max(readTo, Number(row.seq));
      }
    }
  };
  const markNow = () => (unfinished.size > 0 ? Math.min(...unfinished) - 1 : readTo);
  let stop = false;
  const worker = async () => {
    for (let delivery = queue.shift(); delivery && !stop && !context.stopping(); delivery = queue.shift()) {
      const claimed = { delivery, subscription };
      const result = await context.send(claimed);
      // finished before it is recorded: the recorder keeps order, so no mark above it commits before its attempt
      unfinished.delete(Number(delivery.seq));
      const recorded = await context.record({ claimed, result, now: new Date(), sender: context.sender, leaseMs: context.leaseMs, markTo: markNow() });
      if (goesOn(recorded, subscription)) subscription = recorded.subscription;
      else stop = true;
    }
  };
  take(due);
  while (queue.length > 0 && !stop && !context.stopping()) {
    await Promise.all(Array.from({ length: window }, worker));
    if (stop || context.stopping()) return;
    take(await dueAfter(context.db, subscription, readTo, new Date().toISOString()));
  }
}
