import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Kysely } from 'kysely';
import type { RecordedEvent } from '../../libs/event-store/src/event-store.js';
import { positionOf } from '../../libs/event-store/src/event-store.js';
import { openReadModel, type OpenedReadModel, type ReadModelDialect } from '../../libs/read-model/src/open-read-model.js';
import type { WebhookDatabase } from '../../libs/read-model/src/schema.js';
import { claimDue, enqueueFromLog, readCheckpoint } from '../../libs/webhooks/src/delivery-queue.js';
import { recordAttempt } from '../../libs/webhooks/src/record-attempt.js';
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
});
