import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { noticeStreamName } from '../../libs/domain/src/notice/notice-events.js';
import { positionOf, type LogPosition } from '../../libs/event-store/src/event-store.js';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { LogConsumer } from '../../libs/consumers/src/index.js';
import { ReadModelProjection, readModelConsumer } from '../../libs/read-model/src/read-model-projection.js';
import { ReadModelStore, type ReadModelStoreHooks } from '../../libs/read-model/src/read-model-store.js';
import { openReadModel, type ReadModelDialect } from '../../libs/read-model/src/open-read-model.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { NX, SECOND, nxNotice, publish, run, secondNotice } from './ningxia-log.js';

const dir = mkdtempSync(join(tmpdir(), 'read-model-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NAME = 'read-models';
interface Harness {
  events: SqliteEventStore;
  store: ReadModelStore;
  projector: LogConsumer;
  hooks: ReadModelStoreHooks;
  close(): Promise<void>;
}

/** a fresh read model: a new SQLite file, or a new database on the run's PostgreSQL server */
interface ReadModelTarget {
  readonly databaseUrl?: string;
  readonly sqlitePath: string;
  drop(): Promise<void>;
}
const targets: Record<ReadModelDialect, (n: number) => Promise<ReadModelTarget>> = {
  sqlite: async (n) => ({ sqlitePath: join(dir, `read-model-${n}.sqlite`), drop: async () => undefined }),
  postgres: async (n) => {
    const database: TestDatabase = await createTestDatabase();
    return { databaseUrl: database.url, sqlitePath: join(dir, `unused-${n}.sqlite`), drop: () => database.drop() };
  },
};

/** the event store stays SQLite (a real file); the read model is on `dialect` */
async function open(dialect: ReadModelDialect, batchSize = 3): Promise<Harness> {
  const n = ++files;
  const target = await targets[dialect](n);
  const events = await SqliteEventStore.open(join(dir, `events-${n}.sqlite`), { pollIntervalMs: 20 });
  const hooks: ReadModelStoreHooks = {};
  const readModel = await openReadModel(target);
  expect(readModel.dialect).toBe(dialect);
  const store = new ReadModelStore(readModel.db, {
    afterChange: (change, index) => hooks.afterChange?.(change, index),
  });
  await store.migrate(); // a second migrate is a no-op
  const projector = readModelConsumer(events, store, { name: NAME, batchSize });
  return {
    events, store, projector, hooks,
    async close() {
      await projector.stop();
      await events.close();
      await store.close();
      await target.drop();
    },
  };
}

const correctBanned = (events: SqliteEventStore) =>
  run(events, { type: 'CorrectFact', noticeId: NX, factId: `${NX}:2`, correctionId: 'c1', reason: 'the source says four',
    corrected: { type: 'InstitutionsBanned', jurisdiction: 'Ningxia', effective: '2019-10-18', count: 4, batch: { number: 1, of: 2 } } });
const retractExit = (events: SqliteEventStore) =>
  run(events, { type: 'RetractFact', noticeId: NX, factId: `${NX}:3`, retractionId: 'r1', reason: 'misread the source' });

/** every row of every read-model table, in key order */
async function dump(store: ReadModelStore) {
  const db = store.db;
  return {
    facts: await db.selectFrom('facts').selectAll().orderBy('fact_id').orderBy('recorded_position').execute(),
    notices: await db.selectFrom('notices').selectAll().orderBy('notice_id').execute(),
    institutions: await db.selectFrom('institutions').selectAll().orderBy('institution_id').execute(),
  };
}
const versions = (store: ReadModelStore, factId: string) =>
  store.db.selectFrom('facts').selectAll().where('fact_id', '=', factId).orderBy('recorded_position').execute();

/** the fact versions visible as recorded at position p */
const asRecorded = (store: ReadModelStore, p: bigint) =>
  store.db.selectFrom('facts').select(['fact_id', 'retracted', 'data'])
    .where('recorded_position', '<=', Number(p))
    .where((eb) => eb.or([eb('superseded_position', 'is', null), eb('superseded_position', '>', Number(p))]))
    .orderBy('fact_id').execute();

async function waitFor(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each<[ReadModelDialect]>([['sqlite'], ['postgres']])('Projector, read model on %s', (dialect) => {
  let h: Harness;
  let opened: Harness | undefined;
  beforeEach(async () => { h = opened = await open(dialect); });
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });

  it('catches up: notices, one row per fact, institutions, and the checkpoint at the head', async () => {
    await publish(h.events, NX, nxNotice);
    const head = await publish(h.events, SECOND, secondNotice);
    const progress: bigint[] = [];
    await h.projector.catchUp((p) => progress.push(p.position!.commit));
    expect(progress).toStrictEqual([3n, 6n, 7n]); // 7 events in batches of 3
    expect(await h.projector.checkpoint()).toStrictEqual(head);

    const { facts, notices, institutions } = await dump(h.store);
    expect(notices.map((n) => [n.notice_id, n.jurisdiction, n.published_from, n.published_to])).toStrictEqual([
      [NX, 'CN-NX', '2019-10-18', '2019-10-18'],
      [SECOND, 'CN-NX', '2020-11-01', '2020-11-30'],
    ]);
    expect(facts.map((f) => [f.fact_id, f.kind, f.effective_from, f.effective_to, Number(f.recorded_position), f.superseded_position, f.retracted]))
      .toStrictEqual([
        [`${NX}:1`, 'BusinessLineProhibited', '2019-10-01', '2019-10-31', 2, null, 0],
        [`${NX}:2`, 'InstitutionsBanned', '2019-10-18', '2019-10-18', 3, null, 0],
        [`${NX}:3`, 'InstitutionExitAnnounced', '2019-10-18', '2020-06-30', 4, null, 0],
        [`${SECOND}:1`, 'InstitutionsBanned', '2020-11-01', '2020-11-30', 6, null, 0],
        [`${SECOND}:2`, 'InstitutionExitAnnounced', '2020-12-31', '2020-12-31', 7, null, 0],
      ]);
    expect(JSON.parse(facts[1]!.source)).toMatchObject({ quote: '第一批取缔3家网贷机构', noticeId: NX, document: 'nx-2019-10-18.html' });
    expect(institutions).toStrictEqual([
      { institution_id: 'platform-a', name: 'Platform A', aliases: '[]', jurisdiction: 'CN-NX' },
      { institution_id: 'platform-b', name: 'Platform B', aliases: '[]', jurisdiction: 'CN-NX' },
      { institution_id: 'weidai', name: 'Weidai', aliases: JSON.stringify(['微贷网', 'micro-loan network', '微贷']), jurisdiction: 'CN-NX' },
    ]);
  });

  it('a correction supersedes the previous version, which keeps its data; as-recorded queries see either', async () => {
    const before = await publish(h.events, NX, nxNotice);
    const correction = await correctBanned(h.events);
    await h.projector.catchUp();
    const rows = await versions(h.store, `${NX}:2`);
    expect(rows.map((r) => [Number(r.recorded_position), r.superseded_position === null ? null : Number(r.superseded_position)]))
      .toStrictEqual([[3, Number(correction.commit)], [Number(correction.commit), null]]);
    expect(JSON.parse(rows[0]!.data)).toMatchObject({ count: 3 });
    expect(JSON.parse(rows[1]!.data)).toMatchObject({ count: 4 });
    const count = async (p: bigint) =>
      (await asRecorded(h.store, p)).filter((f) => f.fact_id === `${NX}:2`).map((f) => JSON.parse(f.data).count);
    expect(await count(before.commit)).toStrictEqual([3]);
    expect(await count(correction.commit)).toStrictEqual([4]);
  });

  it('a retraction adds a retracted version; before it the fact is still visible as recorded', async () => {
    const before = await publish(h.events, NX, nxNotice);
    const retraction = await retractExit(h.events);
    await h.projector.catchUp();
    const rows = await versions(h.store, `${NX}:3`);
    expect(rows.map((r) => [Number(r.recorded_position), r.superseded_position === null ? null : Number(r.superseded_position), r.retracted]))
      .toStrictEqual([[4, Number(retraction.commit), 0], [Number(retraction.commit), null, 1]]);
    expect(rows[1]!.data).toBe(rows[0]!.data);
    const exitAt = async (p: bigint) => (await asRecorded(h.store, p)).filter((f) => f.fact_id === `${NX}:3`).map((f) => f.retracted);
    expect(await exitAt(before.commit)).toStrictEqual([0]);
    expect(await exitAt(retraction.commit)).toStrictEqual([1]);
  });

  it('running catchUp twice changes nothing; replaying a batch already applied is refused', async () => {
    await publish(h.events, NX, nxNotice);
    await correctBanned(h.events);
    await retractExit(h.events);
    await h.projector.catchUp();
    const once = await dump(h.store);
    const again = await h.projector.catchUp();
    expect(again?.events).toBe(0);
    expect(await dump(h.store)).toStrictEqual(once);
    // a redelivered event (e.g. acknowledged after the commit was lost) is a no-op
    const [event] = await h.events.readStream(noticeStreamName(NX));
    expect(await h.store.apply(NAME, event!.position, [])).toBe(false);
    expect(await dump(h.store)).toStrictEqual(once);
  });

  it('rebuild from zero gives identical tables', async () => {
    await publish(h.events, NX, nxNotice);
    await correctBanned(h.events);
    await publish(h.events, SECOND, secondNotice);
    await retractExit(h.events);
    await h.projector.catchUp();
    const built = await dump(h.store);
    const head = await h.projector.checkpoint();
    expect(built.facts).toHaveLength(5 + 2);
    await h.projector.rebuild();
    expect(await dump(h.store)).toStrictEqual(built);
    expect(await h.projector.checkpoint()).toStrictEqual(head);
  });

  it('follow() picks up live appends after the checkpoint', async () => {
    await publish(h.events, NX, nxNotice);
    await h.projector.catchUp();
    const errors: Error[] = [];
    await h.projector.follow((error) => errors.push(error));
    const head = await correctBanned(h.events);
    await waitFor(async () => (await h.projector.checkpoint())?.commit === head.commit);
    expect((await versions(h.store, `${NX}:2`)).map((r) => JSON.parse(r.data).count)).toStrictEqual([3, 4]);
    const secondHead = await publish(h.events, SECOND, secondNotice);
    await waitFor(async () => (await h.projector.checkpoint())?.commit === secondHead.commit);
    await h.projector.stop();
    expect(errors).toStrictEqual([]);
    // what follow() built equals a rebuild
    const followed = await dump(h.store);
    await h.projector.rebuild();
    expect(await dump(h.store)).toStrictEqual(followed);
  });

  it('follow() commits the events that arrive together in one transaction; a failed commit stops it with the error, the checkpoint at the last commit', async () => {
    const runs: number[] = [];
    let failing = false;
    // the read-model projection, with a disk that fills up on demand
    const projection = new ReadModelProjection(h.store, NAME);
    const projector = new LogConsumer(h.events, [{
      name: NAME,
      checkpoint: () => projection.checkpoint(),
      handle: async (read) => {
        if (failing) throw new Error('disk full');
        runs.push(read.events.length);
        await projection.handle(read);
      },
    }], { batchSize: 100 });
    const errors: Error[] = [];
    await projector.follow((error) => errors.push(error));
    try {
      const head = await publish(h.events, NX, nxNotice); // one append of 4 events
      await waitFor(async () => (await projector.checkpoint())?.commit === head.commit);
      expect(runs).toStrictEqual([4]);
      failing = true;
      await publish(h.events, SECOND, secondNotice);
      await waitFor(async () => errors.length > 0);
      expect(errors.map((error) => error.message)).toStrictEqual(['disk full']);
      expect(await projector.checkpoint()).toStrictEqual(head);
    } finally {
      await projector.stop();
    }
  });

  it('crash safety: a failure in the middle of a batch leaves neither its rows nor a moved checkpoint', async () => {
    await publish(h.events, NX, nxNotice); // positions 1-4
    await publish(h.events, SECOND, secondNotice); // positions 5-7
    await correctBanned(h.events); // position 8
    let applied = 0;
    h.hooks.afterChange = (change) => {
      // the first batch makes 7 changes (notice, 2 facts, 2 named institutions and their links);
      // the second batch (positions 4-6) fails after its first two changes are applied
      if (++applied === 9) throw new Error(`simulated crash after ${change.type}`);
    };
    await expect(h.projector.catchUp()).rejects.toThrow('simulated crash');
    expect(await h.projector.checkpoint()).toStrictEqual(positionOf(3));
    const partial = await dump(h.store);
    expect(partial.notices.map((n) => n.notice_id)).toStrictEqual([NX]);
    expect(partial.facts.map((f) => Number(f.recorded_position))).toStrictEqual([2, 3]);
    expect(partial.institutions.map((i) => i.institution_id)).toStrictEqual(['platform-a', 'platform-b']);

    h.hooks.afterChange = undefined;
    await h.projector.catchUp();
    expect(await h.projector.checkpoint()).toStrictEqual(positionOf(8));
    const resumed = await dump(h.store);
    await h.projector.rebuild();
    expect(await dump(h.store)).toStrictEqual(resumed);
  });

  it('an as-of lookup is an index range scan, not a table scan', async () => {
    const query = sql`SELECT fact_id FROM facts WHERE jurisdiction = 'CN-NX' AND kind = 'InstitutionsBanned' AND effective_to >= '2020-06-30'
        AND recorded_position <= 100 AND (superseded_position IS NULL OR superseded_position > 100)`;
    if (dialect === 'sqlite') {
      const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${query}`.execute(h.store.db);
      expect(plan.rows.map((row) => row.detail).join('\n')).toMatch(/USING INDEX facts_jurisdiction_kind_effective_to/);
      return;
    }
    // PostgreSQL plans by statistics: on an empty or tiny table any plan will do, so the lookup is
    // planned over a table of realistic spread (20 jurisdictions x 8 kinds x 2 years of dates), analyzed
    await sql`INSERT INTO facts (fact_id, notice_id, kind, jurisdiction, effective_text, effective_precision,
        effective_from, effective_to, published_from, published_to, recorded_position, recorded_at, retracted, data, source)
      SELECT 'f' || i, 'n' || i, 'Kind' || (i % 8), 'CN-' || (i % 20), 'd', 'day', d, d, d, d, i, 'at', 0, '{}', '{}'
      FROM (SELECT i, to_char(date '2019-01-01' + (i % 730), 'YYYY-MM-DD') AS d FROM generate_series(1, 20000) AS i) AS g`
      .execute(h.store.db);
    await sql`ANALYZE facts`.execute(h.store.db);
    const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN ${sql`SELECT fact_id FROM facts WHERE jurisdiction = 'CN-3'
        AND kind = 'Kind3' AND effective_to >= '2020-12-01'
        AND recorded_position <= 100000 AND (superseded_position IS NULL OR superseded_position > 100000)`}`.execute(h.store.db);
    expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n'))
      .toMatch(/(Index (Only )?Scan using|Bitmap Index Scan on) facts_jurisdiction_kind_effective_to\b/);
  });
});
