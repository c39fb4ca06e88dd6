import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mayHaveStartedBy, mayRunFrom } from '../../libs/domain/src/index.js';
import { KyselyTimelineReader, openReadModel, startWindowOfRow, type OpenedReadModel } from '../../libs/read-model/src/index.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';

const FIRST = Date.UTC(2019, 0, 1);
const day = (offset: number) => new Date(FIRST + offset * 86_400_000).toISOString().slice(0, 10);
const KINDS = ['InstitutionsBanned', 'InstitutionExitAnnounced', 'BusinessLineProhibited'] as const;

/** the stored window of a fact: effective_from (null now and then: unbounded below), effective_to, an exit's announced_from */
const storedWindow = fc.record({
  kind: fc.constantFrom(...KINDS),
  from: fc.option(fc.integer({ min: 0, max: 60 }), { freq: 4 }),
  length: fc.integer({ min: 0, max: 20 }),
  announced: fc.option(fc.integer({ min: 0, max: 60 }), { freq: 4 }),
}).map(({ kind, from, length, announced }) => ({
  kind, effective_from: from === null ? null : day(from), effective_to: day((from ?? 30) + length),
  announced_from: kind === 'InstitutionExitAnnounced' && announced !== null ? day(announced) : null,
}));

/**
 * The read models' candidate filter is the domain's rule: for random stored windows and days, the
 * SQL selects exactly the facts mayHaveStartedBy (and mayRunFrom) allow, on SQLite and PostgreSQL.
 */
describe.each(['sqlite', 'postgres'] as const)('the "has started" rule in SQL on %s', (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'started-by-'));
  let readModel: OpenedReadModel;
  let database: TestDatabase | undefined;
  let reader: KyselyTimelineReader;

  beforeAll(async () => {
    database = dialect === 'postgres' ? await createTestDatabase() : undefined;
    readModel = await openReadModel({ databaseUrl: database?.url, sqlitePath: join(dir, 'read-model.sqlite') });
    reader = new KyselyTimelineReader(readModel.db, 'read-model');
  });
  afterAll(async () => {
    await readModel.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given random windows and days, then the SQL selects exactly the facts the rule allows', async () => {
    const days = fc.option(fc.integer({ min: -2, max: 85 }).map(day), { freq: 5 });
    await fc.assert(fc.asyncProperty(fc.array(storedWindow, { minLength: 1, maxLength: 12 }), fc.integer({ min: -2, max: 85 }).map(day), days,
      async (windows, startedBy, endsFrom) => {
        await readModel.db.deleteFrom('facts').execute();
        await readModel.db.insertInto('facts').values(windows.map((window, i) => ({
          ...window, fact_id: `f${i}`, notice_id: 'n', jurisdiction: 'CN', effective_text: 'generated', effective_precision: 'between',
          published_from: null, published_to: '2019-01-01', recorded_position: i + 1, recorded_at: '2019-01-01T00:00:00.000Z',
          superseded_position: null, retracted: 0, data: '{}', source: '{}', change_id: null, change_reason: null, actor: null, figure_group: null,
        }))).execute();
        const selected = await reader.factHistories({ jurisdictions: null, startedBy, endsFrom, recordedAt: null });
        const allowed = windows.flatMap((window, i) => {
          const stored = startWindowOfRow(window);
          return mayHaveStartedBy(stored, startedBy) && (endsFrom === null || mayRunFrom(stored, endsFrom)) ? [`f${i}`] : [];
        });
        expect(selected.map((history) => history.factId).sort()).toStrictEqual(allowed.sort());
      }), { numRuns: dialect === 'postgres' ? 60 : 150 });
  });
});
