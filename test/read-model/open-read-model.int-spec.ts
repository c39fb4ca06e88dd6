import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { parseFuzzyDate } from '../../libs/domain/src/index.js';
import { positionOf } from '../../libs/event-store/src/event-store.js';
import { loadConfig } from '../../libs/config/src/index.js';
import { openReadModel, openReadModelForReading, type OpenedReadModel, type ReadModelDialect } from '../../libs/read-model/src/open-read-model.js';
import { openCheckedStores } from '../../libs/read-model/src/startup-checks.js';
import type { FactVersion, ReadModelChange } from '../../libs/read-model/src/projections.js';
import { ReadModelStore } from '../../libs/read-model/src/read-model-store.js';
import type { ReadModelDatabase } from '../../libs/read-model/src/schema.js';
import { WEBHOOK_MIGRATIONS, type WebhookDatabase } from '../../libs/webhooks/src/index.js';
import { createTestDatabase } from '../support/postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'open-read-model-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NAME = 'read-models';
// the data column holds the fact's content as the domain records it (the projector reads its window)
const version = (factId: string, position: bigint): FactVersion => ({
  fact_id: factId, notice_id: 'n1', kind: 'InstitutionsBanned', jurisdiction: 'CN-NX', effective_text: '2019-10',
  effective_precision: 'month', effective_from: '2019-10-01', effective_to: '2019-10-31', published_from: '2019-10-18',
  published_to: '2019-10-18', recorded_position: position, recorded_at: '2024-06-01T00:00:00.000Z', retracted: false,
  data: JSON.stringify({ kind: 'InstitutionsBanned', jurisdiction: 'CN-NX', effective: parseFuzzyDate('2019-10'), count: 3, names: ['网贷 A'] }), source: JSON.stringify({ quote: '第一批' }),
  change_id: null, change_reason: null, actor: null, figure_group: 'total', announced_from: null,
});
const insert = (factId: string, position: bigint): ReadModelChange => ({ type: 'insertFactVersion', version: version(factId, position) });

describe.each<[ReadModelDialect]>([['sqlite'], ['postgres']])('openReadModel on %s', (dialect) => {
  let target: { databaseUrl?: string; sqlitePath: string };
  let drop: () => Promise<void>;
  const opened: OpenedReadModel[] = [];
  const open = async () => {
    const readModel = await openReadModel({ ...target, migrations: [WEBHOOK_MIGRATIONS] });
    opened.push(readModel);
    return readModel;
  };

  beforeEach(async () => {
    const sqlitePath = join(dir, `read-model-${++files}.sqlite`);
    if (dialect === 'sqlite') {
      target = { sqlitePath };
      drop = async () => undefined;
    } else {
      const database = await createTestDatabase();
      target = { databaseUrl: database.url, sqlitePath };
      drop = () => database.drop();
    }
  });
  afterEach(async () => {
    for (const readModel of opened.splice(0)) await readModel.close();
    await drop();
  });

  it('opens the dialect asked for, migrated; opening again is a no-op migration', async () => {
    const first = await open();
    expect(first.dialect).toBe(dialect);
    await new ReadModelStore(first.db).apply(NAME, positionOf(2), [insert('f1', 2n)]);
    await first.close();
    opened.length = 0;
    const second = await open();
    expect((await second.db.selectFrom('facts').select('fact_id').execute()).map((r) => r.fact_id)).toStrictEqual(['f1']);
  });

  it('reads columns back with the same JS types: positions and 0/1 flags as numbers, JSON text unchanged', async () => {
    const { db } = await open();
    const store = new ReadModelStore(db);
    await store.apply(NAME, positionOf(5), [
      insert('f1', 2n),
      { type: 'retractFact', factId: 'f1', position: 5n, recordedAt: '2024-06-02T00:00:00.000Z', retractionId: 'r1', reason: 'wrong', actor: 'auditor-1' },
    ]);
    const rows = await db.selectFrom('facts').select(['recorded_position', 'superseded_position', 'retracted', 'data'])
      .orderBy('recorded_position').execute();
    expect(rows).toStrictEqual([
      { recorded_position: 2, superseded_position: 5, retracted: 0, data: version('f1', 2n).data },
      { recorded_position: 5, superseded_position: null, retracted: 1, data: version('f1', 2n).data },
    ]);
    const { count } = await db.selectFrom('facts').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
    expect(count).toBe(2);
    const { total } = await db.selectFrom('facts').select((eb) => eb.fn.sum('recorded_position').as('total')).executeTakeFirstOrThrow();
    expect(Number(total)).toBe(7); // sum(bigint) is numeric on PostgreSQL: a string there
  });

  it('keeps positions past 2^53 exact in the checkpoint', async () => {
    const { db } = await open();
    const store = new ReadModelStore(db);
    const position = { commit: 2n ** 60n + 1n, prepare: 2n ** 60n + 3n };
    expect(await store.apply(NAME, position, [])).toBe(true);
    expect(await store.checkpoint(NAME)).toStrictEqual(position);
    expect(await store.apply(NAME, { commit: 2n ** 60n, prepare: 2n ** 60n }, [])).toBe(false);
  });

  it('text sorts bytewise (ORDER BY fact_id)', async () => {
    const { db } = await open();
    await new ReadModelStore(db).apply(NAME, positionOf(9), [insert('b', 2n), insert('B', 3n), insert('a-2', 4n), insert('a_1', 5n), insert('é', 6n)]);
    expect((await db.selectFrom('facts').select('fact_id').orderBy('fact_id').execute()).map((r) => r.fact_id))
      .toStrictEqual(['B', 'a-2', 'a_1', 'b', 'é']);
  });

  it('gives the query planner statistics of the projected facts (on opening a SQLite file, on refreshing after bulk writes)', async () => {
    const { db } = await open();
    const store = new ReadModelStore(db);
    await store.apply(NAME, positionOf(60), Array.from({ length: 50 }, (_, i) => insert(`f${i}`, BigInt(i + 1))));
    await store.refreshStatistics();
    const analysedRows = async (): Promise<number> => {
      if (dialect === 'postgres') {
        const { rows } = await sql<{ rows: number }>`select reltuples::int as rows from pg_class where relname = 'facts'`.execute(db);
        return Number(rows[0]?.rows ?? 0);
      }
      const { rows } = await sql<{ stat: string }>`select stat from sqlite_stat1 where tbl = 'facts' and idx is not null limit 1`.execute(db);
      return Number((rows[0]?.stat ?? '0').split(' ')[0]);
    };
    expect(await analysedRows()).toBe(50);
    if (dialect === 'sqlite') {
      // a file whose tables were never analysed gets statistics when it is opened
      await sql`delete from sqlite_stat1`.execute(db);
      expect(await analysedRows()).toBe(0);
      await open();
      expect(await analysedRows()).toBe(50);
    }
  });

  if (dialect === 'sqlite') {
    it('keeps no statistics of the webhook queue: taken with one subscription, they made the planner scan the table for every claim', async () => {
      const db = (await open()).db as unknown as Kysely<WebhookDatabase>;
      const row = (id: string) => ({ id, url: `https://${id}.example/hook`, description: null, event_types: '[]', jurisdictions: '[]',
        status: 'active', disabled_reason: null, secret: 'whsec_x', previous_secret: null, previous_secret_expires_at: null,
        failing_since: null, after_position: 0n, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', max_in_flight: 1 });
      await db.insertInto('webhook_subscriptions').values(row('only')).execute();
      // as an earlier version left it: the queue analysed while it held one subscription
      await sql`analyze webhook_subscriptions`.execute(db);
      await db.insertInto('webhook_subscriptions').values(Array.from({ length: 40 }, (_, i) => row(`s${i}`))).execute();
      const plan = async () => (await sql<{ detail: string }>`explain query plan select * from webhook_subscriptions where id in ('s1', 's2')`.execute(db)).rows.map((r) => r.detail).join('; ');
      expect(await plan()).toMatch(/^SCAN webhook_subscriptions/);
      await new ReadModelStore(db as unknown as Kysely<ReadModelDatabase>).refreshStatistics();
      expect(await plan()).toMatch(/^SEARCH webhook_subscriptions USING INDEX/);
      const { rows } = await sql<{ tbl: string }>`select distinct tbl from sqlite_stat1 where tbl like 'webhook%'`.execute(db);
      expect(rows).toStrictEqual([]);
    });
  }

  if (dialect === 'postgres') {
    it('two machines applying the same batch at once: one applies it, the other sees the moved checkpoint', async () => {
      const [a, b] = [await open(), await open()];
      const changes = [insert('f1', 2n), insert('f2', 3n)];
      const results = await Promise.all([
        new ReadModelStore(a.db).apply(NAME, positionOf(3), changes),
        new ReadModelStore(b.db).apply(NAME, positionOf(3), changes),
      ]);
      expect(results.sort()).toStrictEqual([false, true]);
      expect((await a.db.selectFrom('facts').select('fact_id').orderBy('fact_id').execute()).length).toBe(2);
    });

    it('positions past 2^53 read back as exact bigints', async () => {
      const { db } = await open();
      await new ReadModelStore(db).apply(NAME, positionOf(2n ** 60n + 1n), [insert('f1', 2n ** 60n + 1n)]);
      const row = await db.selectFrom('facts').select('recorded_position').executeTakeFirstOrThrow();
      expect(row.recorded_position).toBe(2n ** 60n + 1n);
      expect(await sql<{ one: number }>`select 1 as one`.execute(db)).toMatchObject({ rows: [{ one: 1 }] });
    });
  }
});

describe('the SQLite page cache of each connection', () => {
  const cacheOf = async (readModel: OpenedReadModel) => (await sql<{ cache_size: number }>`pragma cache_size`.execute(readModel.db)).rows[0]?.cache_size;

  it('is 16 MiB for the projector (the rebuild\'s memory), READ_MODEL_CACHE_MB (128 by default) for the connections that answer questions', async () => {
    const sqlitePath = join(dir, `read-model-${++files}.sqlite`);
    const writer = await openReadModel({ sqlitePath, migrations: [WEBHOOK_MIGRATIONS] });
    const reader = await openReadModel({ sqlitePath, sqliteCacheMb: 128, migrations: [WEBHOOK_MIGRATIONS] });
    const worker = openReadModelForReading({ sqlitePath, sqliteCacheMb: 64 });
    try {
      // negative: KiB (SQLite: "the number of pages is adjusted to use approximately abs(N*1024) bytes")
      expect(await cacheOf(writer)).toBe(-16 * 1024);
      expect(await cacheOf(reader)).toBe(-128 * 1024);
      expect(await cacheOf(worker)).toBe(-64 * 1024);
    } finally {
      for (const readModel of [writer, reader, worker]) await readModel.close();
    }
    // the API's connection, as the server opens it
    for (const [env, mib] of [[{}, 128], [{ READ_MODEL_CACHE_MB: '32' }, 32]] as const) {
      const dataDir = join(dir, `data-${++files}`);
      const config = loadConfig({ DATA_DIR: dataDir, ...env });
      expect(config.readModelCacheMb).toBe(mib);
      const { eventStore, readModel } = await openCheckedStores(config, [WEBHOOK_MIGRATIONS], () => undefined);
      try {
        expect(await cacheOf(readModel)).toBe(-mib * 1024);
      } finally {
        await readModel.close();
        await eventStore.close();
      }
    }
    expect(() => loadConfig({ READ_MODEL_CACHE_MB: '1' })).toThrow(/READ_MODEL_CACHE_MB/);
  });
});
