import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Kysely } from 'kysely';
import type { RecordedEvent } from '../../libs/event-store/src/event-store.js';
import { positionOf } from '../../libs/event-store/src/event-store.js';
import { openReadModel, type OpenedReadModel, type ReadModelDialect } from '../../libs/read-model/src/open-read-model.js';
import type { WebhookDatabase } from '../../libs/read-model/src/schema.js';
import { claimDue, enqueueFromLog, readCheckpoint, type ClaimedDelivery } from '../../libs/webhooks/src/delivery-queue.js';
import { recordAttempt, recordAttemptAndClaimNext } from '../../libs/webhooks/src/record-attempt.js';
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
      readModel = await openReadModel({ databaseUrl: created.url, sqlitePath });
    } else {
      readModel = await openReadModel({ sqlitePath });
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
});
