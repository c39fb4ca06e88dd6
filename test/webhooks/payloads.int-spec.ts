import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Migrator, type Kysely } from 'kysely';
import pg from 'pg';
import type { RecordedEvent } from '../../libs/event-store/src/event-store.js';
import { positionOf } from '../../libs/event-store/src/event-store.js';
import { migrateReadModel, migrationProvider } from '../../libs/read-model/src/migrations.js';
import { openSqliteReadModel, postgresReadModel, type ReadModelDatabase } from '../../libs/read-model/src/schema.js';
import { WEBHOOK_MIGRATIONS, type WebhookDatabase } from '../../libs/webhooks/src/index.js';
import { claimDue, enqueueFromLog } from '../../libs/webhooks/src/delivery-queue.js';
import { SubscriptionStore } from '../../libs/webhooks/src/subscription-store.js';
import { createTestDatabase } from '../support/postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'webhook-payloads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const event = (n: number): RecordedEvent => ({
  eventId: `e${n}`, streamName: `notice-${n}`, revision: 0, position: positionOf(n), type: 'InstitutionsBanned.v1',
  data: { jurisdiction: 'CN-GD', effective: { text: '2021-03' }, source: { quote: `quote ${n}` } }, metadata: {}, recordedAt: '2026-01-01T00:00:00.000Z',
});
const hook = (name: string) => ({ url: `https://${name}.example/hook`, description: null, eventTypes: [], jurisdictions: [] });

describe.each([['sqlite'], ['postgres']])('delivery bodies on %s', (dialect) => {
  let db: Kysely<ReadModelDatabase>;
  let drop: () => Promise<void> = async () => undefined;
  const webhooks = () => db as unknown as Kysely<WebhookDatabase>;

  beforeEach(async () => {
    if (dialect === 'postgres') {
      const created = await createTestDatabase();
      drop = created.drop;
      db = postgresReadModel(new pg.Pool({ connectionString: created.url, max: 2 }));
    } else {
      db = openSqliteReadModel(join(dir, `${Math.random()}.sqlite`));
    }
  });
  afterEach(async () => {
    await db.destroy();
    await drop();
  });

  it('an event heard by three subscriptions is stored once; a deleted subscription takes only the bodies nobody else shares', async () => {
    await migrateReadModel(db, WEBHOOK_MIGRATIONS);
    const store = new SubscriptionStore(webhooks());
    const [a, b, c] = [await store.create(hook('a'), 0n), await store.create(hook('b'), 0n), await store.create(hook('c'), 0n)];
    expect(await enqueueFromLog(webhooks(), 'webhooks', [event(1), event(2)], { now: new Date(), maxPayloadBytes: 65536 })).toBe(6);
    const bodies = () => webhooks().selectFrom('webhook_payloads').select('body').execute();
    expect(await bodies()).toHaveLength(2);
    // a's history again: its own copy of event 1's body
    await store.replay(a, (async function* () { yield event(1); })(), 65536, 10);
    expect(await bodies()).toHaveLength(3);
    const { leased } = await claimDue(webhooks(), 'sender', new Date(), 60_000, 10);
    const claimed = leased.flatMap((lane) => lane.due.map((delivery) => ({ delivery })));
    // a's queue: events 1 and 2, then 1 again (its replayed copy), each with its body
    const ofA = leased.find((lane) => lane.subscription.id === a.id)!.due;
    expect(ofA.map((d) => JSON.parse(d.payload).data.event.source.quote)).toEqual(['quote 1', 'quote 2', 'quote 1']);
    expect(claimed).toHaveLength(7);
    await store.delete(a.id);
    expect(await bodies()).toHaveLength(2);
    await store.delete(b.id);
    expect(await bodies()).toHaveLength(2);
    await store.delete(c.id);
    expect(await bodies()).toEqual([]);
  });

  it('migration 0009 moves the bodies already queued out of their rows, and back down again, byte for byte', async () => {
    const migrator = new Migrator({ db, provider: migrationProvider(WEBHOOK_MIGRATIONS) });
    const to = await migrator.migrateTo('0008_webhook_queue_indexes');
    expect(to.error).toBeUndefined();
    const store = new SubscriptionStore(webhooks());
    const subscription = await store.create(hook('a'), 0n);
    const body = JSON.stringify({ type: 'InstitutionsBanned.v1', timestamp: '2026-01-01T00:00:00.000Z', data: { note: '广东 "quoted"' } });
    const now = new Date().toISOString();
    await (db as Kysely<any>).insertInto('webhook_deliveries').values({
      id: 'd1', subscription_id: subscription.id, webhook_id: 'msg_e1', event_id: 'e1', event_type: 'InstitutionsBanned.v1', event_position: 1,
      payload: body, status: 'pending', attempts: 0, next_attempt_at: now, manual: 0, origin: 'live', created_at: now,
    }).execute();
    await migrateReadModel(db, WEBHOOK_MIGRATIONS);
    const [claimed] = (await claimDue(webhooks(), 'sender', new Date(), 60_000, 10)).leased;
    expect(claimed?.due[0]?.payload).toBe(body);
    const down = await migrator.migrateTo('0008_webhook_queue_indexes');
    expect(down.error).toBeUndefined();
    const row = await (db as Kysely<any>).selectFrom('webhook_deliveries').select('payload').executeTakeFirstOrThrow();
    expect(row.payload).toBe(body);
  });
});
