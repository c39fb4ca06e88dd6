/**
 * A batch's changes are written in bulk (multi-row inserts, institutions merged in memory); the
 * result must be what applying them one event at a time gives, whatever the batch boundaries:
 * a correction or retraction in the same batch as the version it replaces, an institution named
 * again with new aliases, and batches replayed over rows already there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { positionOf, type RecordedEvent } from '../../libs/event-store/src/event-store.js';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { openReadModel, type OpenedReadModel, type ReadModelDialect } from '../../libs/read-model/src/open-read-model.js';
import { project } from '../../libs/read-model/src/projections.js';
import { readModelConsumer } from '../../libs/read-model/src/read-model-projection.js';
import { ReadModelStore } from '../../libs/read-model/src/read-model-store.js';
import { createTestDatabase } from '../support/postgres.js';
import { NX, SECOND, nxNotice, publish, run, secondNotice } from './ningxia-log.js';

const dir = mkdtempSync(join(tmpdir(), 'bulk-batches-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NAME = 'read-model';
const banned = (count: number, names: string[]) =>
  ({ type: 'InstitutionsBanned', jurisdiction: 'Ningxia', effective: '2019-10-18', count, names }) as const;

/** a notice, corrected twice and retracted in part, and a second notice naming an institution again */
async function writeLog(events: SqliteEventStore): Promise<void> {
  await publish(events, NX, nxNotice);
  await run(events, { type: 'CorrectFact', noticeId: NX, factId: `${NX}:2`, correctionId: 'c1', reason: 'four', corrected: banned(4, ['Platform A', 'Platform C']) });
  await run(events, { type: 'CorrectFact', noticeId: NX, factId: `${NX}:2`, correctionId: 'c2', reason: 'five', corrected: banned(5, ['Platform D', 'Weidai']) });
  await publish(events, SECOND, secondNotice);
  await run(events, { type: 'RetractFact', noticeId: NX, factId: `${NX}:3`, retractionId: 'r1', reason: 'misread' });
  await run(events, { type: 'RetractFact', noticeId: NX, factId: `${NX}:2`, retractionId: 'r2', reason: 'wrong notice' });
}

const openTarget: Record<ReadModelDialect, () => Promise<{ readModel: OpenedReadModel; drop(): Promise<void> }>> = {
  sqlite: async () => ({ readModel: await openReadModel({ sqlitePath: join(dir, `read-model-${++files}.sqlite`) }), drop: async () => undefined }),
  postgres: async () => {
    const database = await createTestDatabase();
    const readModel = await openReadModel({ databaseUrl: database.url, sqlitePath: join(dir, 'unused.sqlite') });
    return { readModel, drop: () => database.drop() };
  },
};

/** every row of every read-model table, in key order */
async function dump(store: ReadModelStore) {
  const db = store.db;
  return {
    facts: await db.selectFrom('facts').selectAll().orderBy('fact_id').orderBy('recorded_position').execute(),
    notices: await db.selectFrom('notices').selectAll().orderBy('notice_id').execute(),
    institutions: await db.selectFrom('institutions').selectAll().orderBy('institution_id').execute(),
    parties: await db.selectFrom('fact_parties').selectAll().orderBy('fact_id').orderBy('institution_id').execute(),
  };
}

describe.each<[ReadModelDialect]>([['sqlite'], ['postgres']])('bulk-written batches, read model on %s', (dialect) => {
  let events: SqliteEventStore;
  const opened: Array<{ readModel: OpenedReadModel; drop(): Promise<void> }> = [];
  const storeOf = async () => {
    const target = await openTarget[dialect]();
    opened.push(target);
    return new ReadModelStore(target.readModel.db);
  };
  beforeEach(async () => {
    events = await SqliteEventStore.open(join(dir, `events-${++files}.sqlite`));
    await writeLog(events);
  });
  afterEach(async () => {
    await events.close();
    for (const target of opened.splice(0)) {
      await target.readModel.close();
      await target.drop();
    }
  });

  it('one batch for the whole log gives the rows of one event per batch', async () => {
    const oneByOne = await storeOf();
    await readModelConsumer(events, oneByOne, { name: NAME, batchSize: 1 }).catchUp();
    const whole = await storeOf();
    expect((await readModelConsumer(events, whole, { name: NAME, batchSize: 1000 }).catchUp())?.events).toBe(11);

    const expected = await dump(oneByOne);
    expect(await dump(whole)).toStrictEqual(expected);
    // what both hold: fact 2 as recorded, corrected twice, then retracted (a copy of the last correction)
    expect(expected.facts.filter((f) => f.fact_id === `${NX}:2`)
      .map((f) => [Number(f.recorded_position), f.superseded_position === null ? null : Number(f.superseded_position), f.retracted, JSON.parse(f.data).count, f.change_id]))
      .toStrictEqual([[3, 5, 0, 3, null], [5, 6, 0, 4, 'c1'], [6, 11, 0, 5, 'c2'], [11, null, 1, 5, 'r2']]);
    expect(expected.institutions.find((i) => i.institution_id === 'weidai'))
      .toStrictEqual({ institution_id: 'weidai', name: 'Weidai', aliases: JSON.stringify(['微贷网', 'micro-loan network', '微贷']), jurisdiction: 'CN-NX' });
    expect(expected.parties.filter((p) => p.fact_id === `${NX}:2`).map((p) => p.institution_id))
      .toStrictEqual(['platform-a', 'platform-b', 'platform-c', 'platform-d', 'weidai']);
  });

  it('a batch replayed over rows already there (whole or from the middle of the log) changes nothing', async () => {
    const store = await storeOf();
    const head = await readModelConsumer(events, store, { name: NAME, batchSize: 5 }).catchUp();
    const built = await dump(store);
    const recorded: RecordedEvent[] = [];
    for await (const event of events.readAll({})) recorded.push(event);
    const next = head.position!.commit + 1n;
    expect(await store.apply(NAME, positionOf(next), recorded.flatMap(project))).toBe(true);
    expect(await store.apply(NAME, positionOf(next + 1n), recorded.slice(4).flatMap(project))).toBe(true);
    expect(await dump(store)).toStrictEqual(built);
  });
});
