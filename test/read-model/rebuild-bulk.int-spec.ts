/**
 * The places of a rebuild computed in bulk (issue 17, rebuild targets: after a long catch-up the
 * places' rows go in long transactions of several places, and on SQLite, the projected tables being
 * empty, the spans' indexes are dropped and built after the rows): the rows are exactly those the
 * place-by-place path stores, the indexes are all back at the end, and a rebuild interrupted after
 * the drop gets them back (on opening the read model, or before places are computed again) and
 * then finishes with the same rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { openReadModel, type OpenedReadModel } from '../../libs/read-model/src/open-read-model.js';
import { readModelConsumer } from '../../libs/read-model/src/read-model-projection.js';
import { DEFAULT_PLACE_PROJECTOR, ReadModelStore } from '../../libs/read-model/src/read-model-store.js';
import { recomputeDirty, type PlaceProjector } from '../../libs/read-model/src/projection-maintenance.js';
import type { ReadModelDatabase } from '../../libs/read-model/src/schema.js';
import { writeCorpus } from '../../bench/corpus/write-corpus.js';
import { allSeeds, loadSeeds, seedCorroborations } from '../../seeds/index.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';

const NAME = 'read-model';

/** every projected row, in one order */
async function projectedRows(db: Kysely<ReadModelDatabase>): Promise<unknown> {
  return {
    spans: await db.selectFrom('fact_spans').selectAll().orderBy('jurisdiction').orderBy('fact_id').orderBy('from_key').execute(),
    bans: await db.selectFrom('ban_spans').selectAll().orderBy('within').orderBy('jurisdiction').orderBy('fact_id').orderBy('from_key').execute(),
    segments: await db.selectFrom('place_segments').selectAll().orderBy('jurisdiction').orderBy('from_key').execute(),
    dirty: await db.selectFrom('projection_dirty').selectAll().execute(),
  };
}

/** the SQLite indexes of the spans' tables */
async function spanIndexes(db: Kysely<ReadModelDatabase>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and sql is not null
    and tbl_name in ('fact_spans', 'ban_spans') order by name`.execute(db);
  return rows.rows.map((row) => row.name);
}

describe.each(['sqlite', 'postgres'] as const)('the places of a rebuild computed in bulk on %s', (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'rebuild-bulk-'));
  const databases: TestDatabase[] = [];
  const opened: OpenedReadModel[] = [];
  let events: SqliteEventStore;

  /** a read model with the log caught up and every place marked stale, none computed */
  async function caughtUpUncomputed(name: string): Promise<OpenedReadModel> {
    const database = dialect === 'postgres' ? await createTestDatabase() : undefined;
    if (database) databases.push(database);
    const readModel = await openReadModel({ databaseUrl: database?.url, sqlitePath: join(dir, `${name}.sqlite`) });
    opened.push(readModel);
    await readModelConsumer(events, new ReadModelStore(readModel.db, {}, { projectPlace: null }), { name: NAME }).catchUp();
    return readModel;
  }

  beforeAll(async () => {
    events = await SqliteEventStore.open(join(dir, 'events.sqlite'));
    await loadSeeds(events, allSeeds, undefined, seedCorroborations);
    await writeCorpus(events, { events: 3_000, seed: 19, correctionRate: 0.15 });
  }, 240_000);
  afterAll(async () => {
    for (const readModel of opened) await readModel.close().catch(() => undefined);
    await events.close();
    for (const database of databases) await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the same rows as the place-by-place path, its indexes all back', async () => {
    const byPlace = await caughtUpUncomputed('by-place');
    const bulk = await caughtUpUncomputed('bulk');
    const indexes = dialect === 'sqlite' ? await spanIndexes(bulk.db) : [];
    expect(await new ReadModelStore(byPlace.db).recomputeStale()).toBeGreaterThan(30);
    expect(await new ReadModelStore(bulk.db).recomputeStale({ bulk: true })).toBeGreaterThan(30);
    const rows = await projectedRows(bulk.db);
    expect(rows).toStrictEqual(await projectedRows(byPlace.db));
    expect((rows as { segments: unknown[] }).segments.length).toBeGreaterThan(100);
    if (dialect === 'sqlite') {
      expect(indexes.length).toBe(8);
      expect(await spanIndexes(bulk.db)).toStrictEqual(indexes);
    }
  }, 240_000);

  it('a rebuild interrupted after the drop gets the indexes back, then finishes with the same rows', async () => {
    const reference = await caughtUpUncomputed('reference');
    await new ReadModelStore(reference.db).recomputeStale({ bulk: true });
    const readModel = await caughtUpUncomputed('interrupted');
    const indexes = dialect === 'sqlite' ? await spanIndexes(readModel.db) : [];
    let computed = 0;
    const failing: PlaceProjector = (code, histories) => {
      if (++computed > 40) throw new Error('interrupted');
      return DEFAULT_PLACE_PROJECTOR!(code, histories);
    };
    await expect(recomputeDirty(readModel.db, failing, undefined, { bulk: true })).rejects.toThrow('interrupted');
    if (dialect === 'sqlite') {
      expect(await spanIndexes(readModel.db)).toStrictEqual([]); // dropped, not yet back
      // opening the read model again brings them back (before any migration)
      const again = await openReadModel({ sqlitePath: join(dir, 'interrupted.sqlite') });
      opened.push(again);
      expect(await spanIndexes(again.db)).toStrictEqual(indexes);
    }
    // the places left stale are computed (whole) and the rows are the reference's
    expect(await new ReadModelStore(readModel.db).recomputeStale({ bulk: true })).toBeGreaterThan(0);
    expect(await projectedRows(readModel.db)).toStrictEqual(await projectedRows(reference.db));
    if (dialect === 'sqlite') expect(await spanIndexes(readModel.db)).toStrictEqual(indexes);
  }, 240_000);

  it('a store restores indexes an interrupted rebuild left dropped before it computes places', async () => {
    if (dialect === 'postgres') return;
    const readModel = await caughtUpUncomputed('restored-by-store');
    const indexes = await spanIndexes(readModel.db);
    let computed = 0;
    const failing: PlaceProjector = (code, histories) => {
      if (++computed > 5) throw new Error('interrupted');
      return DEFAULT_PLACE_PROJECTOR!(code, histories);
    };
    await expect(recomputeDirty(readModel.db, failing, undefined, { bulk: true })).rejects.toThrow('interrupted');
    expect(await spanIndexes(readModel.db)).toStrictEqual([]);
    await new ReadModelStore(readModel.db).recomputeStale(); // not in bulk: a live run's
    expect(await spanIndexes(readModel.db)).toStrictEqual(indexes);
  }, 240_000);
});
