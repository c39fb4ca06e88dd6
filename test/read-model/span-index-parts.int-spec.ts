/**
 * Migration 0020 on a read model projected before it, on a real SQLite file and a real
 * PostgreSQL: the spans stored then get, from their bodies, what the state's named facts and its
 * page of statistics now read from indexes (libs/domain contract.ts FactSpanRow: "the log position
 * of the version shown (null for a body projected without one)", "whether the piece is possibly in
 * force only (the body's `p`)", "a StatisticReported piece's place in the statistics list
 * (counts.ts statisticListKey; null for other kinds)").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from '@jest/globals';
import { openReadModel, type OpenReadModelOptions } from '../../libs/read-model/src/open-read-model.js';
import { WEBHOOK_MIGRATIONS } from '../../libs/webhooks/src/index.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';

const figure = {
  c: { jurisdiction: 'CN-GD', kind: 'StatisticReported', metric: 'outstanding-loans', unit: 'CNY', institution: { id: 'bank-1' }, baseline: { text: 'end of 2018' } },
  v: 41, p: 1,
};
const BEFORE = [
  ['figure', 'StatisticReported', JSON.stringify(figure)],
  ['ban', 'InstitutionsBanned', '{"c":{},"v":7}'],
  // a body projected before the version was kept
  ['legacy', 'InstitutionsClosed', '{"c":{}}'],
  ['plain-figure', 'StatisticReported', '{"c":{"metric":"m","unit":"u","institution":null,"baseline":null},"v":3}'],
] as const;

/** The read model as 0019 left it: the spans without the parts, the named facts' index without them, no series index. */
async function asBefore0020(db: Kysely<any>): Promise<void> {
  await sql`drop index fact_spans_series`.execute(db);
  await sql`drop index fact_spans_place_kind_latest`.execute(db);
  for (const column of ['series_key', 'possible', 'version_position']) await sql`alter table fact_spans drop column ${sql.id(column)}`.execute(db);
  await sql`create index fact_spans_place_kind_latest on fact_spans (jurisdiction, kind, effective_latest, effective_earliest, from_key, to_key)`.execute(db);
  for (const [id, kind, body] of BEFORE) {
    await sql`insert into fact_spans (fact_id, jurisdiction, kind, from_key, to_key, effective_latest, effective_earliest, first_position, body)
      values (${id}, 'CN-GD', ${kind}, 10, 20, '2020-06-30', '2020-06-01', 7, ${body})`.execute(db);
  }
  await sql`delete from kysely_migration where name = '0020_span_index_parts'`.execute(db);
}

describe.each(['sqlite', 'postgres'] as const)('migration 0020 (the spans\' index parts) on %s', (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'span-index-parts-'));
  let database: TestDatabase | undefined;
  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fills the version, the certainty and a figure\'s series key of the spans stored before it from their bodies', async () => {
    database = dialect === 'postgres' ? await createTestDatabase() : undefined;
    const options: OpenReadModelOptions = { databaseUrl: database?.url, sqlitePath: join(dir, 'read-model.sqlite'), migrations: [WEBHOOK_MIGRATIONS] };
    const before = await openReadModel(options);
    try {
      await asBefore0020(before.db);
    } finally {
      await before.close();
    }
    const readModel = await openReadModel(options);
    try {
      const applied = await sql<{ name: string }>`select name from kysely_migration where name = '0020_span_index_parts'`.execute(readModel.db);
      expect(applied.rows).toHaveLength(1);
      const rows = await readModel.db.selectFrom('fact_spans').select(['fact_id', 'version_position', 'possible', 'series_key']).orderBy('fact_id').execute();
      // counts.ts statisticListKey: place, institution, metric, unit, baseline joined by '|'
      expect(rows.map((row) => [row.fact_id, row.version_position === null ? null : Number(row.version_position), Number(row.possible), row.series_key]))
        .toStrictEqual([['ban', 7, 0, null], ['figure', 41, 1, 'CN-GD|bank-1|outstanding-loans|CNY|end of 2018'], ['legacy', null, 0, null],
          ['plain-figure', 3, 0, 'CN-GD||m|u|']]);
    } finally {
      await readModel.close();
    }
  });
});
