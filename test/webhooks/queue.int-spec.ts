import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Kysely } from 'kysely';
import type { ReadModelDialect } from '../../libs/read-model/src/open-read-model.js';
import type { WebhookDatabase } from '../../libs/webhooks/src/index.js';
import { readCheckpoint } from '../../libs/consumers/src/index.js';
import { claimDue, enqueueFromLog, WEBHOOK_CONSUMER } from '../../libs/webhooks/src/delivery-queue.js';
import { SubscriptionStore } from '../../libs/webhooks/src/subscription-store.js';
import { countRowUpdates, event, failed, hook, openQueue, positionsTo, queueDir, testSender } from './queue-harness.js';

afterAll(() => rmSync(queueDir, { recursive: true, force: true }));
const enqueue = (db: Kysely<WebhookDatabase>, positions: number[], jurisdiction?: string) =>
  enqueueFromLog(db, WEBHOOK_CONSUMER, positions.map((n) => event(n, jurisdiction)), { now: new Date(), maxPayloadBytes: 65536 });
const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe.each<[ReadModelDialect]>([['sqlite'], ['postgres']])('the webhook queue on %s', (dialect) => {
  let db: Kysely<WebhookDatabase>;
  let close: () => Promise<void>;
  let store: SubscriptionStore;
  beforeEach(async () => {
    ({ db, close } = await openQueue(dialect));
    store = new SubscriptionStore(db);
  });
  afterEach(async () => close());
  const markOf = async (id: string) => Number((await db.selectFrom('webhook_subscriptions').select('delivered_seq').where('id', '=', id).executeTakeFirstOrThrow()).delivered_seq);
  const listed = async (id: string) => (await store.deliveries(id, { limit: 200 })).deliveries.reverse();

  it('enqueues matching events once, with the checkpoint, even when a batch is offered twice', async () => {
    await store.create(hook('a', { jurisdictions: ['CN-GD'] }), 0n);
    const events = [event(1), event(2, 'CN-ZJ'), event(3, 'CN-440100')];
    expect(await enqueueFromLog(db, WEBHOOK_CONSUMER, events, { now: new Date(), maxPayloadBytes: 65536 })).toBe(2);
    expect(await enqueueFromLog(db, WEBHOOK_CONSUMER, events, { now: new Date(), maxPayloadBytes: 65536 })).toBe(0);
    expect((await readCheckpoint(db, WEBHOOK_CONSUMER))?.commit).toBe(3n);
  });

  it('a delivery that goes through on its first try never has its row written again: its attempt is appended and the mark moves; the listing says delivered', async () => {
    const a = await store.create(hook('a'), 0n);
    await enqueue(db, upTo(40));
    const updates = await countRowUpdates(db, dialect === 'postgres');
    const sender = testSender(db, 'one');
    expect(await sender.round()).toBe(1);
    expect(positionsTo(sender.sent, 'a')).toEqual(upTo(40));
    expect(await updates()).toEqual([]);
    const rows = await db.selectFrom('webhook_deliveries').select('seq').where('subscription_id', '=', a.id).orderBy('seq').execute();
    expect(await markOf(a.id)).toBe(Number(rows.at(-1)!.seq));
    const shown = await listed(a.id);
    expect(shown.map((d) => [d.position, d.status, d.attemptCount, d.attempts[0]?.statusCode])).toEqual(upTo(40).map((n) => [n, 'delivered', 1, 200]));
    expect(shown.every((d) => d.deliveredAt === d.attempts[0]!.at && d.nextAttemptAt === null)).toBe(true);
    expect((await store.deliveries(a.id, { limit: 200, status: 'delivered' })).deliveries).toHaveLength(40);
    expect((await store.deliveries(a.id, { limit: 200, status: 'pending' })).deliveries).toHaveLength(0);
  });

  it('concurrent senders never send a subscription\'s delivery twice, and each subscription hears its events in log order', async () => {
    for (const name of ['a', 'b', 'c']) await store.create(hook(name), 0n);
    await enqueue(db, upTo(5));
    const senders = ['s1', 's2', 's3', 's4'].map((name) => testSender(db, name));
    await Promise.all(senders.map(async (sender) => {
      for (let round = 0; round < 5; round++) await sender.round();
    }));
    const sent = senders.flatMap((sender) => sender.sent);
    for (const name of ['a', 'b', 'c']) expect(positionsTo(sent, name)).toEqual(upTo(5));
  });

  it('in log order a delivery waiting for its retry holds back the ones after it; spent, it is failed and the rest go', async () => {
    const a = await store.create(hook('a'), 0n);
    await enqueue(db, upTo(4));
    const updates = await countRowUpdates(db, dialect === 'postgres');
    const sender = testSender(db, 'one', ({ delivery }) => (Number(delivery.event_position) === 2 ? failed(503) : { ...failed(200), error: null }));
    await sender.round();
    expect(positionsTo(sender.sent, 'a')).toEqual([1, 2]);
    expect((await listed(a.id)).map((d) => d.status)).toEqual(['delivered', 'pending', 'pending', 'pending']);
    // nothing goes before the retry is due (schedule [0, 1]: 1 s)
    expect(await sender.round()).toBe(0);
    // due: it fails again, the schedule is spent, it is failed and 3 and 4 follow
    await sender.round(new Date(Date.now() + 2000));
    expect(positionsTo(sender.sent, 'a')).toEqual([1, 2, 2, 3, 4]);
    const shown = await listed(a.id);
    expect(shown.map((d) => [d.position, d.status, d.attemptCount])).toEqual([[1, 'delivered', 1], [2, 'failed', 2], [3, 'delivered', 1], [4, 'delivered', 1]]);
    expect(shown[1]!.attempts.map((t) => t.statusCode)).toEqual([503, 503]);
    // only the failing delivery's row was written (once per failed attempt)
    expect(new Set(await updates())).toEqual(new Set([shown[1]!.id]));
  });

  it('a sender that dies mid-lane leaves its lease to expire; another sender resends from the mark, in order (at least once)', async () => {
    const a = await store.create(hook('a'), 0n);
    await enqueue(db, upTo(4));
    // the first sender's receiver answers 1, then the sender dies during 2 (its answer is never recorded)
    const dying = testSender(db, 'dying', ({ delivery }) => (Number(delivery.event_position) === 2 ? new Promise(() => undefined) : { statusCode: 204, latencyMs: 1, error: null, retryAfterSeconds: null }));
    void dying.round();
    // it dies once its answer to 1 is committed (a success waits a few ms to share a transaction with the next)
    while (dying.sent.length < 2 || (await listed(a.id))[0]?.status !== 'delivered') await new Promise((resolve) => setTimeout(resolve, 10));
    const other = testSender(db, 'other');
    expect(await other.round()).toBe(0);
    expect(await other.round(new Date(Date.now() + 61_000))).toBe(1);
    expect(positionsTo(other.sent, 'a')).toEqual([2, 3, 4]);
    expect((await listed(a.id)).map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
  });

  it('a subscription allowing N in flight has up to N out at once; a retrying one does not hold back the rest, and is sent again when due', async () => {
    const a = await store.create(hook('a', { maxInFlight: 3 }), 0n);
    await enqueue(db, upTo(12));
    let fails = 1;
    const sender = testSender(db, 'one', ({ delivery }) => (Number(delivery.event_position) === 5 && fails-- > 0 ? failed(500) : { statusCode: 200, latencyMs: 1, error: null, retryAfterSeconds: null }));
    await sender.round();
    expect(sender.mostInFlight()).toBe(3);
    expect([...positionsTo(sender.sent, 'a')].sort((x, y) => x - y)).toEqual(upTo(12));
    const rows = await db.selectFrom('webhook_deliveries').select(['seq', 'status']).where('subscription_id', '=', a.id).orderBy('seq').execute();
    // the mark passed everything (the retrying one waits as retrying, found by its due time)
    expect(await markOf(a.id)).toBe(Number(rows.at(-1)!.seq));
    expect((await listed(a.id)).filter((d) => d.status === 'pending').map((d) => d.position)).toEqual([5]);
    await sender.round(new Date(Date.now() + 2000));
    expect(positionsTo(sender.sent, 'a').filter((p) => p === 5)).toHaveLength(2);
    expect((await listed(a.id)).every((d) => d.status === 'delivered')).toBe(true);
  });

  it('a 410 disables the subscription and its delivery waits in its place; resumed, the subscription starts with it', async () => {
    const a = await store.create(hook('a'), 0n);
    await enqueue(db, upTo(3));
    let gone = true;
    const sender = testSender(db, 'one', ({ delivery }) => (Number(delivery.event_position) === 2 && gone ? failed(410) : { statusCode: 200, latencyMs: 1, error: null, retryAfterSeconds: null }));
    await sender.round();
    expect(positionsTo(sender.sent, 'a')).toEqual([1, 2]);
    expect((await store.get(a.id))?.status).toBe('disabled');
    expect(await sender.round()).toBe(0);
    gone = false;
    await store.update(a.id, { status: 'active' });
    await sender.round();
    expect(positionsTo(sender.sent, 'a')).toEqual([1, 2, 2, 3]);
  });

  it('a manual retry of a delivered delivery sends it once more, outside the order, and says so in the listing', async () => {
    const a = await store.create(hook('a'), 0n);
    await enqueue(db, upTo(2));
    const sender = testSender(db, 'one');
    await sender.round();
    const [first] = await listed(a.id);
    const retried = await store.retry(a.id, first!.id);
    expect(retried?.status).toBe('pending');
    const { manual } = await claimDue(db, 'one', new Date(), 60_000, 32);
    expect(manual.map((claimed) => Number(claimed.delivery.event_position))).toEqual([1]);
    expect((await listed(a.id))[0]!.status).toBe('sending');
  });

  it('a run no subscription can hear only moves the checkpoint; a subscription created before the next run hears its events after its head', async () => {
    expect(await enqueue(db, [999, 1000])).toBe(0);
    expect((await readCheckpoint(db, WEBHOOK_CONSUMER))?.commit).toBe(1000n);
    // created when the log's head was at 1500: it hears nothing at or before 1500
    await store.create(hook('late'), 1500n);
    expect(await enqueue(db, [1400, 1500])).toBe(0);
    expect(await enqueue(db, [1501, 1600])).toBe(2);
  });

  it('a subscription asked for at an older head than the consumer has reached hears only what comes after the consumer', async () => {
    await enqueue(db, [10]);
    // the head was read at 3; the consumer then enqueued up to 10 (with no subscription to hear 4-10)
    expect(BigInt((await store.create(hook('a'), 3n)).after_position)).toBe(10n);
    expect(BigInt((await store.create(hook('b'), 12n)).after_position)).toBe(12n);
  });
});
