import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Kysely } from 'kysely';
import type { RecordedEvent } from '../../libs/event-store/src/event-store.js';
import { positionOf } from '../../libs/event-store/src/event-store.js';
import { openReadModel, type OpenedReadModel, type ReadModelDialect } from '../../libs/read-model/src/open-read-model.js';
import { WEBHOOK_MIGRATIONS, type WebhookDatabase } from '../../libs/webhooks/src/index.js';
import { CLAIM_AHEAD } from '../../libs/webhooks/src/claims.js';
import { readCheckpoint } from '../../libs/consumers/src/index.js';
import { claimDue, enqueueFromLog, WEBHOOK_CONSUMER, type ClaimedDelivery } from '../../libs/webhooks/src/delivery-queue.js';
import { AttemptRecorder } from '../../libs/webhooks/src/attempt-recorder.js';
import { recordAttempt, recordAttemptAndClaimNext, recordAttempts } from '../../libs/webhooks/src/record-attempt.js';
import { SubscriptionStore } from '../../libs/webhooks/src/subscription-store.js';
import { createTestDatabase } from '../support/postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'webhook-claims-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const event = (n: number, jurisdiction = 'CN-GD'): RecordedEvent => ({
  eventId: `e${n}`, streamName: `notice-${n}`, revision: 0, position: positionOf(n), type: 'InstitutionsBanned.v1',
  data: { jurisdiction, effective: { text: '2021-03' }, source: { quote: 'q' } }, metadata: {}, recordedAt: '2026-01-01T00:00:00.000Z',
});
const ok = { statusCode: 200, latencyMs: 1, error: null, retryAfterSeconds: null };
const config = { retrySchedule: [0, 1], disableAfterMs: 1e9 };

describe.each<[ReadModelDialect]>([['sqlite'], ['postgres']])('the webhook queue on %s', (dialect) => {
  let readModel: OpenedReadModel;
  let db: Kysely<WebhookDatabase>;
  let drop: () => Promise<void> = async () => undefined;

  beforeEach(async () => {
    const sqlitePath = join(dir, `${Math.random()}.sqlite`);
    if (dialect === 'postgres') {
      const created = await createTestDatabase();
      drop = created.drop;
      readModel = await openReadModel({ databaseUrl: created.url, sqlitePath, migrations: [WEBHOOK_MIGRATIONS] });
    } else {
      readModel = await openReadModel({ sqlitePath, migrations: [WEBHOOK_MIGRATIONS] });
    }
    db = readModel.db as unknown as Kysely<WebhookDatabase>;
  });
  afterEach(async () => {
    await readModel.close();
    await drop();
  });

  it('enqueues matching events once, with the checkpoint, even when a batch is offered twice', async () => {
    const store = new SubscriptionStore(db);
    await store.create({ url: 'https://a.example/hook', description: null, eventTypes: [], jurisdictions: ['CN-GD'] }, 0n);
    const events = [event(1), event(2, 'CN-ZJ'), event(3, 'CN-440100')];
    expect(await enqueueFromLog(db, 'webhooks', events, { now: new Date(), maxPayloadBytes: 65536 })).toBe(2);
    expect(await enqueueFromLog(db, 'webhooks', events, { now: new Date(), maxPayloadBytes: 65536 })).toBe(0);
    expect((await readCheckpoint(db, 'webhooks'))?.commit).toBe(3n);
  });

  it('concurrent senders never claim the same delivery, and each subscription sends in log order', async () => {
    const store = new SubscriptionStore(db);
    for (const name of ['a', 'b', 'c']) {
      await store.create({ url: `https://${name}.example/hook`, description: null, eventTypes: [], jurisdictions: [] }, 0n);
    }
    await enqueueFromLog(db, 'webhooks', [1, 2, 3, 4, 5].map((n) => event(n)), { now: new Date(), maxPayloadBytes: 65536 });
    const sent: Array<{ subscription: string; position: number }> = [];
    const sender = async () => {
      for (let round = 0; round < 40; round++) {
        const claimed = await claimDue(db, new Date(), 60_000, 10);
        for (const delivery of claimed) {
          sent.push({ subscription: delivery.subscription.id, position: Number(delivery.delivery.event_position) });
          await recordAttempt(db, delivery, ok, config);
        }
      }
    };
    await Promise.all([sender(), sender(), sender(), sender()]);
    expect(sent).toHaveLength(15);
    for (const subscription of new Set(sent.map((s) => s.subscription))) {
      expect(sent.filter((s) => s.subscription === subscription).map((s) => s.position)).toEqual([1, 2, 3, 4, 5]);
    }
  });

  it('recording an attempt claims the subscription\'s next delivery in log order, and none once the queue is empty', async () => {
    const store = new SubscriptionStore(db);
    await store.create({ url: 'https://a.example/hook', description: null, eventTypes: [], jurisdictions: [] }, 0n);
    await enqueueFromLog(db, 'webhooks', [1, 2, 3].map((n) => event(n)), { now: new Date(), maxPayloadBytes: 65536 });
    let claimed: ClaimedDelivery | null = (await claimDue(db, new Date(), 60_000, 10))[0] ?? null;
    const positions: number[] = [];
    while (claimed) {
      positions.push(Number(claimed.delivery.event_position));
      expect(claimed.delivery.status).toBe('sending');
      // another sender finds nothing while the head is out
      expect(await claimDue(db, new Date(), 60_000, 10)).toEqual([]);
      claimed = (await recordAttemptAndClaimNext(db, claimed, ok, config, { claimNextForMs: 60_000 })).next;
    }
    expect(positions).toEqual([1, 2, 3]);
  });

  const positionsOf = (claimed: ClaimedDelivery | null) =>
    claimed ? [claimed.delivery, ...(claimed.queued ?? [])].map((row) => Number(row.event_position)) : [];
  const statusesInOrder = async () =>
    (await db.selectFrom('webhook_deliveries').select(['status']).orderBy('seq').execute()).map((row) => row.status);

  it('an in-order claim takes the head and the deliveries right behind it; each recorded attempt hands over the next without another claim', async () => {
    const store = new SubscriptionStore(db);
    await store.create({ url: 'https://a.example/hook', description: null, eventTypes: [], jurisdictions: [] }, 0n);
    const count = CLAIM_AHEAD + 4;
    await enqueueFromLog(db, 'webhooks', Array.from({ length: count }, (_, i) => event(i + 1)), { now: new Date(), maxPayloadBytes: 65536 });
    const [first] = await claimDue(db, new Date(), 60_000, 10);
    expect(positionsOf(first ?? null)).toEqual(Array.from({ length: CLAIM_AHEAD }, (_, i) => i + 1));
    expect(await statusesInOrder()).toEqual([...Array(CLAIM_AHEAD).fill('sending'), ...Array(4).fill('pending')]);
    expect(await claimDue(db, new Date(), 60_000, 10)).toEqual([]);
    const sent: number[] = [];
    let claimed: ClaimedDelivery | null = first ?? null;
    while (claimed) {
      sent.push(Number(claimed.delivery.event_position));
      claimed = (await recordAttemptAndClaimNext(db, claimed, ok, config, { claimNextForMs: 60_000 })).next;
    }
    expect(sent).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(await statusesInOrder()).toEqual(Array(count).fill('delivered'));
  });

  it('an attempt to retry gives the rest of its run back, and the next claim starts with it again: log order holds', async () => {
    const store = new SubscriptionStore(db);
    await store.create({ url: 'https://a.example/hook', description: null, eventTypes: [], jurisdictions: [] }, 0n);
    await enqueueFromLog(db, 'webhooks', [1, 2, 3, 4].map((n) => event(n)), { now: new Date(), maxPayloadBytes: 65536 });
    const [first] = await claimDue(db, new Date(), 60_000, 10);
    const second = (await recordAttemptAndClaimNext(db, first!, ok, config, { claimNextForMs: 60_000 })).next;
    expect(positionsOf(second)).toEqual([2, 3, 4]);
    const failed = { statusCode: 503, latencyMs: 1, error: 'HTTP 503', retryAfterSeconds: null };
    const recorded = await recordAttemptAndClaimNext(db, second!, failed, config, { claimNextForMs: 60_000 });
    expect(recorded).toMatchObject({ outcome: 'retrying', next: null });
    expect(await statusesInOrder()).toEqual(['delivered', 'pending', 'pending', 'pending']);
    // nothing goes before the retry is due (schedule [0, 1]: 1 s, ±20%); then the retried delivery leads again
    expect(await claimDue(db, new Date(), 60_000, 10)).toEqual([]);
    const [again] = await claimDue(db, new Date(Date.now() + 2000), 60_000, 10);
    expect(positionsOf(again ?? null)).toEqual([2, 3, 4]);
  });

  it('a retry schedule spent (failed for good) lets the run go on; a pause between two attempts gives the rest back', async () => {
    const store = new SubscriptionStore(db);
    const subscription = await store.create({ url: 'https://a.example/hook', description: null, eventTypes: [], jurisdictions: [] }, 0n);
    await enqueueFromLog(db, 'webhooks', [1, 2, 3, 4].map((n) => event(n)), { now: new Date(), maxPayloadBytes: 65536 });
    const [first] = await claimDue(db, new Date(), 60_000, 10);
    const failed = { statusCode: 500, latencyMs: 1, error: 'HTTP 500', retryAfterSeconds: null };
    // one attempt allowed: the first fails for good and the second goes
    const second = (await recordAttemptAndClaimNext(db, first!, failed, { ...config, retrySchedule: [0] }, { claimNextForMs: 60_000 }));
    expect(second.outcome).toBe('failed');
    expect(positionsOf(second.next)).toEqual([2, 3, 4]);
    await store.update(subscription.id, { status: 'paused' });
    const afterPause = await recordAttemptAndClaimNext(db, second.next!, ok, config, { claimNextForMs: 60_000 });
    expect(afterPause).toMatchObject({ outcome: 'delivered', next: null });
    expect(await statusesInOrder()).toEqual(['failed', 'delivered', 'pending', 'pending']);
    await store.update(subscription.id, { status: 'active' });
    const [resumed] = await claimDue(db, new Date(), 60_000, 10);
    expect(positionsOf(resumed ?? null)).toEqual([3, 4]);
  });

  it('a slow run renews the lease of the rest once half of it is spent; a delivery another sender took over ends the run there', async () => {
    const store = new SubscriptionStore(db);
    await store.create({ url: 'https://a.example/hook', description: null, eventTypes: [], jurisdictions: [] }, 0n);
    await enqueueFromLog(db, 'webhooks', [1, 2, 3, 4].map((n) => event(n)), { now: new Date(), maxPayloadBytes: 65536 });
    const start = new Date();
    const [first] = await claimDue(db, start, 60_000, 10);
    const leaseOf = async (position: number) => (await db.selectFrom('webhook_deliveries').select('lease_until')
      .where('event_position', '=', position as never).executeTakeFirstOrThrow()).lease_until;
    // 40 s later (a slow receiver): the rest's lease runs to 40 s + 60 s
    const later = new Date(start.getTime() + 40_000);
    const second = (await recordAttemptAndClaimNext(db, first!, ok, config, { now: later, claimNextForMs: 60_000 })).next;
    expect(positionsOf(second)).toEqual([2, 3, 4]);
    expect(await leaseOf(4)).toBe(new Date(later.getTime() + 60_000).toISOString());
    expect(second!.delivery.lease_until).toBe(await leaseOf(2));
    // delivery 4's lease is taken over (as by a sender that found it expired): the run stops before it
    await db.updateTable('webhook_deliveries').set({ lease_until: '2000-01-01T00:00:00.000Z' }).where('event_position', '=', 4 as never).execute();
    const muchLater = new Date(later.getTime() + 50_000);
    const third = (await recordAttemptAndClaimNext(db, second!, ok, config, { now: muchLater, claimNextForMs: 60_000 })).next;
    expect(positionsOf(third)).toEqual([3]);
  });

  it('a run whose head another sender holds is not claimed; claimed rows behind a held one are given back at once', async () => {
    const store = new SubscriptionStore(db);
    await store.create({ url: 'https://a.example/hook', description: null, eventTypes: [], jurisdictions: [] }, 0n);
    await enqueueFromLog(db, 'webhooks', [1, 2, 3].map((n) => event(n)), { now: new Date(), maxPayloadBytes: 65536 });
    // a crashed sender's run: 1 and 2 expired, 3 still held by a live lease
    const past = new Date(Date.now() - 1000).toISOString();
    const future = new Date(Date.now() + 60_000).toISOString();
    await db.updateTable('webhook_deliveries').set({ status: 'sending', lease_until: past }).where('event_position', 'in', [1, 2] as never[]).execute();
    await db.updateTable('webhook_deliveries').set({ status: 'sending', lease_until: future }).where('event_position', '=', 3 as never).execute();
    const [taken] = await claimDue(db, new Date(), 60_000, 10);
    expect(positionsOf(taken ?? null)).toEqual([1, 2]);
  });

  it('a subscription allowing N in flight has up to N claimed at once, each once, and a retrying one does not hold the rest', async () => {
    const store = new SubscriptionStore(db);
    await store.create({ url: 'https://a.example/hook', description: null, eventTypes: [], jurisdictions: [], maxInFlight: 3 }, 0n);
    await enqueueFromLog(db, 'webhooks', [1, 2, 3, 4, 5, 6, 7].map((n) => event(n)), { now: new Date(), maxPayloadBytes: 65536 });
    const [first, second] = await Promise.all([claimDue(db, new Date(), 60_000, 10), claimDue(db, new Date(), 60_000, 10)]);
    const out = [...first!, ...second!];
    expect(out.map((c) => Number(c.delivery.event_position)).sort()).toEqual([1, 2, 3]);
    // the first fails (retry in 1 s); the others are delivered and bring in the next ones
    const failed = { statusCode: 500, latencyMs: 1, error: 'HTTP 500', retryAfterSeconds: null };
    const next = await Promise.all(out.map((claimed, i) => recordAttemptAndClaimNext(db, claimed, i === 0 ? failed : ok, config, { claimNextForMs: 60_000 })));
    expect(next.map((n) => n.outcome)).toEqual(['retrying', 'delivered', 'delivered']);
    // on PostgreSQL a recording that finds the subscription locked by another leaves its slot to the next claim
    const refilled = await claimDue(db, new Date(), 60_000, 10);
    const nextPositions = [...next.flatMap((n) => (n.next ? [n.next] : [])), ...refilled].map((c) => Number(c.delivery.event_position));
    expect(nextPositions.sort()).toEqual([4, 5, 6]);
    const statuses = await db.selectFrom('webhook_deliveries').select(['event_position', 'status']).orderBy('seq').execute();
    expect(statuses.map((row) => row.status)).toEqual(['pending', 'delivered', 'delivered', 'sending', 'sending', 'sending', 'pending']);
  });

  it('attempts recorded as one group come out as if recorded one by one, in order: a 410 in the group stops its subscription\'s next claims', async () => {
    const store = new SubscriptionStore(db);
    const a = await store.create({ url: 'https://a.example/hook', description: null, eventTypes: [], jurisdictions: [], maxInFlight: 2 }, 0n);
    const b = await store.create({ url: 'https://b.example/hook', description: null, eventTypes: [], jurisdictions: [] }, 0n);
    await enqueueFromLog(db, 'webhooks', [1, 2, 3, 4].map((n) => event(n)), { now: new Date(), maxPayloadBytes: 65536 });
    const claimed = await claimDue(db, new Date(), 60_000, 10);
    const of = (id: string) => claimed.filter((c) => c.subscription.id === id);
    expect(of(a.id).map((c) => Number(c.delivery.event_position))).toEqual([1, 2]);
    const gone = { statusCode: 410, latencyMs: 1, error: 'HTTP 410', retryAfterSeconds: null };
    const recorded = await recordAttempts(db, [
      { claimed: of(a.id)[0]!, result: gone, claimNextForMs: 60_000 },
      { claimed: of(b.id)[0]!, result: ok, claimNextForMs: 60_000 },
      // a's second delivery, answered after the 410 was recorded: delivered, but a is disabled now
      { claimed: of(a.id)[1]!, result: ok, claimNextForMs: 60_000 },
    ], config);
    expect(recorded.map((r) => r.outcome)).toEqual(['subscription-disabled', 'delivered', 'delivered']);
    expect(recorded.map((r) => (r.next ? Number(r.next.delivery.event_position) : null))).toEqual([null, 2, null]);
    const subscriptions = await db.selectFrom('webhook_subscriptions').select(['id', 'status']).orderBy('created_at').execute();
    expect(subscriptions.find((s) => s.id === a.id)?.status).toBe('disabled');
    const attempts = await db.selectFrom('webhook_attempts').select(['status_code']).orderBy('attempted_at').execute();
    expect(attempts.map((row) => row.status_code).sort()).toEqual([200, 200, 410]);
  });

  it('the recorder writes the answers of one turn together; an attempt that cannot be written fails alone, the others are kept', async () => {
    const store = new SubscriptionStore(db);
    for (const name of ['a', 'b', 'c']) {
      await store.create({ url: `https://${name}.example/hook`, description: null, eventTypes: [], jurisdictions: [] }, 0n);
    }
    await enqueueFromLog(db, 'webhooks', [1, 2].map((n) => event(n)), { now: new Date(), maxPayloadBytes: 65536 });
    const claimed = await claimDue(db, new Date(), 60_000, 10);
    expect(claimed).toHaveLength(3);
    const groups: number[] = [];
    const recorder = new AttemptRecorder((attempts) => {
      groups.push(attempts.length);
      return recordAttempts(db, attempts, config);
    });
    // the second answer cannot be stored (an attempt's latency is required)
    const unwritable = { ...ok, latencyMs: null as unknown as number };
    const outcomes = await Promise.allSettled(claimed.map((c, i) => recorder.record({ claimed: c, result: i === 1 ? unwritable : ok, claimNextForMs: 60_000 })));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // one group of three, then each again on its own after the group failed
    expect(groups).toEqual([3, 1, 1, 1]);
    const nextPositions = outcomes.map((o) => (o.status === 'fulfilled' ? Number(o.value.next?.delivery.event_position) : null));
    expect(nextPositions).toEqual([2, null, 2]);
    const statuses = await db.selectFrom('webhook_deliveries').select(['subscription_id', 'status']).where('event_position', '=', 1 as never).execute();
    expect(statuses.map((row) => row.status).sort()).toEqual(['delivered', 'delivered', 'sending']);
    // the unwritten one is still claimed: its lease runs out and it is sent again (at least once, never lost)
    expect(await db.selectFrom('webhook_attempts').select('id').execute()).toHaveLength(2);
  });

  it('a run no subscription can hear only moves the checkpoint; a subscription created before the next run hears its events after its head', async () => {
    expect(await enqueueFromLog(db, WEBHOOK_CONSUMER, [event(999), event(1000)], { now: new Date(), maxPayloadBytes: 65536 })).toBe(0);
    expect((await readCheckpoint(db, WEBHOOK_CONSUMER))?.commit).toBe(1000n);
    const store = new SubscriptionStore(db);
    // created when the log's head was at 1500: it hears nothing at or before 1500
    await store.create({ url: 'https://late.example/hook', description: null, eventTypes: [], jurisdictions: [] }, 1500n);
    expect(await enqueueFromLog(db, WEBHOOK_CONSUMER, [event(1400), event(1500)], { now: new Date(), maxPayloadBytes: 65536 })).toBe(0);
    expect((await readCheckpoint(db, WEBHOOK_CONSUMER))?.commit).toBe(1500n);
    expect(await enqueueFromLog(db, WEBHOOK_CONSUMER, [event(1501), event(1600)], { now: new Date(), maxPayloadBytes: 65536 })).toBe(2);
  });

  it('a subscription asked for at an older head than the consumer has reached hears only what comes after the consumer', async () => {
    await enqueueFromLog(db, WEBHOOK_CONSUMER, [event(10)], { now: new Date(), maxPayloadBytes: 65536 });
    const store = new SubscriptionStore(db);
    // the head was read at 3; the consumer then enqueued up to 10 (with no subscription to hear 4-10)
    const created = await store.create({ url: 'https://a.example/hook', description: null, eventTypes: [], jurisdictions: [] }, 3n);
    expect(BigInt(created.after_position)).toBe(10n);
    const fresh = await store.create({ url: 'https://b.example/hook', description: null, eventTypes: [], jurisdictions: [] }, 12n);
    expect(BigInt(fresh.after_position)).toBe(12n);
  });
});
