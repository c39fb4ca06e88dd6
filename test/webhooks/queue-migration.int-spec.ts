import { afterAll, describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import { Migrator, type Kysely } from 'kysely';
import type { ReadModelDialect } from '../../libs/read-model/src/open-read-model.js';
import { migrateReadModel, migrationProvider } from '../../libs/read-model/src/migrations.js';
import { WEBHOOK_MIGRATIONS } from '../../libs/webhooks/src/index.js';
import { SubscriptionStore } from '../../libs/webhooks/src/subscription-store.js';
import { hook, openQueue, positionsTo, queueDir, testSender } from './queue-harness.js';

afterAll(() => rmSync(queueDir, { recursive: true, force: true }));

describe.each<[ReadModelDialect]>([['sqlite'], ['postgres']])('migration 0014 (the high-water mark) on %s', (dialect) => {
  it('a queue from before keeps what each delivery is; the mark sits below the oldest unfinished one, which is sent first; and back down', async () => {
    const { db, close } = await openQueue(dialect);
    try {
      const any = db as unknown as Kysely<any>;
      const migrator = new Migrator({ db: any, provider: migrationProvider(WEBHOOK_MIGRATIONS), allowUnorderedMigrations: true });
      expect((await migrator.migrateTo('0013_documents')).error).toBeUndefined();
      const store = new SubscriptionStore(db);
      const subscription = await store.create(hook('a'), 0n);
      const past = new Date(Date.now() - 60_000).toISOString();
      await any.insertInto('webhook_payloads').values({ id: 'p', body: '{}' }).execute();
      // as the queue of release 0013 left them: delivered, failed, waiting for a retry, queued, claimed by a sender that died
      const rows: Array<[string, string, number, number]> = [['d1', 'delivered', 1, 200], ['d2', 'failed', 2, 500], ['d3', 'pending', 1, 503], ['d4', 'pending', 0, 0], ['d5', 'sending', 0, 0]];
      for (const [i, [id, status, attempts, code]] of rows.entries()) {
        await any.insertInto('webhook_deliveries').values({
          id, subscription_id: subscription.id, webhook_id: `msg_${id}`, event_id: id, event_type: 'InstitutionsBanned.v1', event_position: i + 1,
          payload_id: 'p', status, attempts, next_attempt_at: past, lease_until: status === 'sending' ? past : null, manual: 0, origin: 'live',
          created_at: past, delivered_at: status === 'delivered' ? past : null, last_error: code >= 300 ? `HTTP ${code}` : null,
        }).execute();
        for (let n = 0; n < attempts; n++) {
          await any.insertInto('webhook_attempts').values({ id: `${id}-${n}`, delivery_id: id, attempted_at: past, status_code: code, latency_ms: 1, error: null, next_retry_at: null }).execute();
        }
      }
      const statuses = async () => (await store.deliveries(subscription.id, { limit: 10 })).deliveries.reverse().map((d) => [d.position, d.status, d.attemptCount]);
      const before = [[1, 'delivered', 1], [2, 'failed', 2], [3, 'pending', 1], [4, 'pending', 0], [5, 'sending', 0]];
      // 0014 runs first (the read model's later migrations follow it)
      expect((await migrateReadModel(any, WEBHOOK_MIGRATIONS)).results?.map((r) => r.migrationName)[0]).toBe('0014_webhook_high_water_mark');
      // the dead sender's claim ended with the upgrade
      expect(await statuses()).toEqual(before.map(([p, s, n]) => [p, s === 'sending' ? 'pending' : s, n]));
      const seqOf = async (id: string) => Number((await db.selectFrom('webhook_deliveries').select('seq').where('id', '=', id).executeTakeFirstOrThrow()).seq);
      expect(Number((await store.get(subscription.id))!.delivered_seq)).toBe(await seqOf('d3') - 1);
      const sender = testSender(db, 'one');
      await sender.round();
      expect(positionsTo(sender.sent, 'a')).toEqual([3, 4, 5]);
      expect((await statuses()).map(([, s]) => s)).toEqual(['delivered', 'failed', 'delivered', 'delivered', 'delivered']);
      // down: what only the attempt log said is in the rows again
      expect((await migrator.migrateTo('0013_documents')).error).toBeUndefined();
      const down = await any.selectFrom('webhook_deliveries').select(['id', 'status']).orderBy('seq').execute();
      expect(down.map((row: any) => row.status)).toEqual(['delivered', 'failed', 'delivered', 'delivered', 'delivered']);
    } finally {
      await close();
    }
  });
});
