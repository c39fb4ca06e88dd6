/**
 * The read models' and the webhook queue's migrations share one database and one migration table
 * (libs/read-model and libs/webhooks each own theirs since issue 16). The fixture is the schema
 * and the migration rows the release before the split left in a new SQLite read model: a database
 * that release created runs only the migrations released since, and ends with a new one's schema.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from '@jest/globals';
import { migrateReadModel } from '../../libs/read-model/src/migrations.js';
import { openReadModel } from '../../libs/read-model/src/open-read-model.js';
import { openSqliteReadModel } from '../../libs/read-model/src/schema.js';
import { WEBHOOK_MIGRATIONS } from '../../libs/webhooks/src/index.js';

interface SchemaObject {
  readonly type: string;
  readonly name: string;
  readonly tbl_name: string;
  readonly sql: string | null;
}
const released = JSON.parse(readFileSync(new URL('./fixtures/read-model-schema-0013.sqlite.json', import.meta.url), 'utf8')) as {
  readonly migrations: readonly string[];
  readonly schema: readonly SchemaObject[];
};

/** The migrations released since the fixture's release: a database it created runs exactly these. */
const SINCE = ['0014_webhook_high_water_mark', '0015_projected_state', '0016_projected_page_indexes', '0017_named_bounds', '0018_ban_spans', '0019_bans_only',
  '0020_span_index_parts', '0021_named_certainty', '0022_statistics_held', '0023_stale_from'];
/** the objects 0015 to 0020 add: the projected point-in-time state (issue 17 item 1) */
const PROJECTED_STATE = [
  { type: 'index', names: ['ban_spans_page', 'ban_spans_place', 'fact_spans_effective_holding', 'fact_spans_fact', 'fact_spans_kind_key', 'fact_spans_place_kind_key', 'fact_spans_place_kind_latest',
    'fact_spans_series'] },
  { type: 'table', names: ['ban_spans', 'fact_spans', 'place_segments', 'projection_dirty'] },
];
/** a new database's objects by type then name, as schemaOf lists them */
const newSchemaNames = [...released.schema.map((object) => ({ type: object.type, name: object.name })),
  ...PROJECTED_STATE.flatMap(({ type, names }) => names.map((name) => ({ type, name })))]
  .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((object) => object.name);
const allNames = [...released.migrations, ...SINCE].sort();

const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const fresh = () => join(dir, `read-model-${++files}.sqlite`);

const migrationNames = async (db: Kysely<any>) =>
  (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map((row) => row.name);
const schemaOf = async (db: Kysely<any>) =>
  (await sql<SchemaObject>`select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%' order by type, name`.execute(db)).rows;

describe('the read-model database migrations (read models + webhook queue)', () => {
  it('a new database gets the released migration names and schema', async () => {
    const readModel = await openReadModel({ sqlitePath: fresh(), migrations: [WEBHOOK_MIGRATIONS] });
    try {
      expect(await migrationNames(readModel.db)).toStrictEqual(allNames);
      // the release's objects and the projected state's (0015), and the high-water mark on the subscriptions (0014)
      expect((await schemaOf(readModel.db)).map((object) => object.name)).toStrictEqual(newSchemaNames);
      const subscriptions = (await schemaOf(readModel.db)).find((object) => object.name === 'webhook_subscriptions');
      expect(subscriptions?.sql).toMatch(/"delivered_seq" bigint default 0 not null/);
    } finally {
      await readModel.close();
    }
  });

  it('a database the release before the split created runs only the migrations since, and gets a new database\'s schema', async () => {
    const db = openSqliteReadModel(fresh()) as Kysely<any>;
    try {
      // that release's file, as it left it: its tables, then its indexes, and its migration rows
      const ordered = [...released.schema].sort((a, b) => Number(a.type !== 'table') - Number(b.type !== 'table'));
      for (const object of ordered) if (object.sql) await sql.raw(object.sql).execute(db);
      for (const [index, name] of released.migrations.entries()) {
        await sql`insert into kysely_migration (name, timestamp) values (${name}, ${new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString()})`.execute(db);
      }
      await sql`insert into kysely_migration_lock (id, is_locked) values ('migration_lock', 0)`.execute(db);
      const rows = async () => (await sql`select name, timestamp from kysely_migration order by name`.execute(db)).rows;
      const before = await rows();
      // facts projected by that release: their places have no projected state yet (0015 marks them stale)
      for (const [id, place] of [['f1', 'CN-NX'], ['f2', 'CN-GD'], ['f3', 'CN-NX']]) {
        await sql`insert into facts (fact_id, notice_id, kind, jurisdiction, effective_text, effective_precision, effective_to, published_to,
          recorded_position, recorded_at, data, source) values (${id}, 'n', 'InstitutionsBanned', ${place}, '2020', 'year', '2020-12-31',
          '2020-12-31', 1, '2026-01-01T00:00:00.000Z', '{}', '{}')`.execute(db);
      }

      const result = await migrateReadModel(db, WEBHOOK_MIGRATIONS);
      expect(result.results?.map((r) => [r.migrationName, r.status])).toStrictEqual(SINCE.map((name) => [name, 'Success']));
      expect((await rows()).filter((row: any) => !SINCE.includes(row.name))).toStrictEqual(before);
      expect((await sql<{ jurisdiction: string }>`select jurisdiction from projection_dirty order by jurisdiction`.execute(db)).rows)
        .toStrictEqual([{ jurisdiction: 'CN-GD' }, { jurisdiction: 'CN-NX' }]);
      const readModel = await openReadModel({ sqlitePath: fresh(), migrations: [WEBHOOK_MIGRATIONS] });
      try {
        expect(await schemaOf(db)).toStrictEqual(await schemaOf(readModel.db));
      } finally {
        await readModel.close();
      }
    } finally {
      await db.destroy();
    }
  });

  it('a read model projected before the named facts\' bounds (0017) has its projected places marked stale, to be projected again', async () => {
    const path = fresh();
    const before = await openReadModel({ sqlitePath: path, migrations: [WEBHOOK_MIGRATIONS] });
    try {
      // as 0016 left it: a place's segment without the bounds, and 0017 not run
      await sql`insert into place_segments (jurisdiction, from_key, to_key, body) values ('CN-NX', 0, 10, '{"n":1}')`.execute(before.db);
      await sql`drop index fact_spans_place_kind_latest`.execute(before.db);
      await sql`delete from kysely_migration where name = '0017_named_bounds'`.execute(before.db);
    } finally {
      await before.close();
    }
    const readModel = await openReadModel({ sqlitePath: path, migrations: [WEBHOOK_MIGRATIONS] });
    try {
      expect(await migrationNames(readModel.db)).toStrictEqual(allNames);
      expect((await sql<{ jurisdiction: string }>`select jurisdiction from projection_dirty`.execute(readModel.db)).rows)
        .toStrictEqual([{ jurisdiction: 'CN-NX' }]);
    } finally {
      await readModel.close();
    }
  });

  it('a read model projected before the bans by place (0018) gets them from its spans: a ban once per place it lies within, not an exit only announced nor a figure', async () => {
    const path = fresh();
    const before = await openReadModel({ sqlitePath: path, migrations: [WEBHOOK_MIGRATIONS] });
    try {
      // as 0017 left it: a ban of Guangzhou's and a statistic of Guangdong's projected, 0018 not run
      for (const [id, place, kind, body] of [['ban', 'CN-440100', 'InstitutionsBanned', '{"v":1}'], ['figure', 'CN-GD', 'StatisticReported', '{"v":1}'],
        ['exit', 'CN-GD', 'InstitutionExitAnnounced', '{"v":1,"a":1}']]) {
        await sql`insert into fact_spans (fact_id, jurisdiction, kind, from_key, to_key, effective_latest, effective_earliest, first_position, body)
          values (${id}, ${place}, ${kind}, 10, 20, '2020-06-30', '2020-06-01', 7, ${body})`.execute(before.db);
      }
      await sql`drop table ban_spans`.execute(before.db);
      await sql`delete from kysely_migration where name in ('0018_ban_spans', '0019_bans_only')`.execute(before.db);
    } finally {
      await before.close();
    }
    const readModel = await openReadModel({ sqlitePath: path, migrations: [WEBHOOK_MIGRATIONS] });
    try {
      expect(await migrationNames(readModel.db)).toStrictEqual(allNames);
      const rows = await readModel.db.selectFrom('ban_spans').selectAll().orderBy('within').execute();
      expect(rows.map((row) => [row.within, row.jurisdiction, row.fact_id, Number(row.from_key), Number(row.to_key), row.effective_latest,
        row.effective_earliest, Number(row.first_position)])).toStrictEqual(['CN', 'CN-440100', 'CN-GD']
        .map((within) => [within, 'CN-440100', 'ban', 10, 20, '2020-06-30', '2020-06-01', 7]));
      expect((await sql<{ jurisdiction: string }>`select jurisdiction from projection_dirty`.execute(readModel.db)).rows).toStrictEqual([]);
    } finally {
      await readModel.close();
    }
  });

  it('a read model first opened without the webhook queue gets its tables when opened with it', async () => {
    const path = fresh();
    await (await openReadModel({ sqlitePath: path })).close();
    const readModel = await openReadModel({ sqlitePath: path, migrations: [WEBHOOK_MIGRATIONS] });
    try {
      expect(await migrationNames(readModel.db)).toStrictEqual(allNames);
      expect(new Set((await schemaOf(readModel.db)).map((object) => object.name))).toStrictEqual(new Set(newSchemaNames));
    } finally {
      await readModel.close();
    }
  });
});
