/**
 * A live append to a large place (issue 17: "a live change must not stall the service"): the
 * place is left stale by the run's transaction (its answers fold meanwhile) and computed right
 * after it, in steps, from the earliest key the change reaches; its rows are then exactly those a
 * full computation makes, and its answers those of the fold. On a real SQLite file and a real
 * PostgreSQL, with the domain's projector; every place counts as large here (largePlaceFacts 0).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dayStartKey, jurisdictions, parseTimeQuery, type NoticeInput } from '../../libs/domain/src/index.js';
import { LogEventsRead } from '../../libs/consumers/src/index.js';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { AsOfAnswers, PlaceBeingComputed } from '../../libs/read-model/src/answers/as-of-answers.js';
import { openReadModel, type OpenedReadModel } from '../../libs/read-model/src/open-read-model.js';
import { ReadModelProjection, readModelConsumer } from '../../libs/read-model/src/read-model-projection.js';
import { DEFAULT_PLACE_PROJECTOR, ReadModelStore } from '../../libs/read-model/src/read-model-store.js';
import { markDirty, recomputeDirty } from '../../libs/read-model/src/projection-maintenance.js';
import { KyselyTimelineReader, type TimelineReader } from '../../libs/read-model/src/timeline-reader.js';
import { writeCorpus } from '../../bench/corpus/write-corpus.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { NOW, NX, nxNotice, publish, run } from './ningxia-log.js';

const NAME = 'read-model';

/** Ningxia's notice again, its facts dated `effective` (a late date changes few rows, an early one most) */
const dated = (effective: string): NoticeInput => ({
  ...nxNotice, title: `Notice of ${effective}`,
  effects: [
    { type: 'InstitutionsBanned', jurisdiction: 'Ningxia', effective, count: 2 },
    { type: 'BusinessLineProhibited', jurisdiction: 'Ningxia', effective, businessLine: 'online-lending' },
  ],
});

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

/** The reader without its projected state: every answer folds. */
const foldOnly = (reader: KyselyTimelineReader): TimelineReader => ({
  factHistories: reader.factHistories.bind(reader), searchInstitutions: reader.searchInstitutions.bind(reader),
  institution: reader.institution.bind(reader), institutionsIn: reader.institutionsIn.bind(reader),
  projectedPosition: reader.projectedPosition.bind(reader),
});

/** The reader, counting the reads of facts' histories (what a fold reads; the projected state reads none). */
function foldCounting(reader: KyselyTimelineReader): { reader: TimelineReader; folds: () => number } {
  let folds = 0;
  const counting = new Proxy(reader, {
    get(target, property) {
      if (property === 'factHistories') {
        return (...args: Parameters<KyselyTimelineReader['factHistories']>) => {
          folds += 1;
          return target.factHistories(...args);
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { reader: counting, folds: () => folds };
}

describe.each(['sqlite', 'postgres'] as const)('a live append to a large place on %s', (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'live-large-place-'));
  const databases: TestDatabase[] = [];
  const opened: OpenedReadModel[] = [];
  let events: SqliteEventStore;
  let readModel: OpenedReadModel;
  let store: ReadModelStore;
  let projection: ReadModelProjection;

  async function freshReadModel(name: string): Promise<OpenedReadModel> {
    const database = dialect === 'postgres' ? await createTestDatabase() : undefined;
    if (database) databases.push(database);
    const opening = await openReadModel({ databaseUrl: database?.url, sqlitePath: join(dir, `${name}.sqlite`) });
    opened.push(opening);
    return opening;
  }

  /** the events after the projector's checkpoint */
  async function unprojected() {
    const after = await store.checkpoint(NAME);
    const all = [];
    for await (const event of events.readAll(after ? { after } : {})) all.push(event);
    return all;
  }

  beforeAll(async () => {
    events = await SqliteEventStore.open(join(dir, 'events.sqlite'));
    await writeCorpus(events, { events: 2_000, seed: 31, correctionRate: 0.2 });
    await publish(events, NX, nxNotice);
    readModel = await freshReadModel('live');
    store = new ReadModelStore(readModel.db, {}, { largePlaceFacts: 0 });
    await readModelConsumer(events, store, { name: NAME }).catchUp();
    projection = new ReadModelProjection(store, NAME);
    await projection.caughtUp(0); // following the log from here
  }, 240_000);
  afterAll(async () => {
    for (const opening of opened) await opening.close();
    await events.close();
    for (const database of databases) await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the place stale in the run\'s transaction, then computes it: answers as the fold\'s, rows as a full computation\'s', async () => {
    const reader = new KyselyTimelineReader(readModel.db, NAME);
    await publish(events, 'nx-late', dated('2025-03-01'));
    await store.applyEvents(NAME, await unprojected());
    // the run committed without computing the place: its rows from the change's first key on are stale
    expect(await reader.projectedState().anyDirty(['CN-NX'])).toBe(true);
    const marks = await readModel.db.selectFrom('projection_dirty').select(['jurisdiction', 'stale_from']).execute();
    expect(marks.map((mark) => [mark.jurisdiction, Number(mark.stale_from)])).toStrictEqual([['CN-NX', dayStartKey('2025-03-01')]]);
    // a question about a day before that key (at 1M events, a fold of a province takes seconds and the
    // nation's tens of seconds) is answered from the stored rows at once, and says what the fold says;
    // a question about a day from the key on folds (its facts read): the rows there are not the log's yet
    for (const [asOf, folds] of [['2019-10-18', false], ['2020-06', false], ['2025-02-28', false], ['2025-06', true]] as const) {
      const counting = foldCounting(reader);
      for (const code of ['CN-NX', 'CN-GD']) {
        const place = jurisdictions.get(code);
        const time = parseTimeQuery({ asOf }, { now: DateTime.utc(), zone: place.zone });
        expect(json(await new AsOfAnswers(counting.reader).jurisdictionState(time, place))).toStrictEqual(json(await new AsOfAnswers(foldOnly(reader)).jurisdictionState(time, place)));
      }
      const time = parseTimeQuery({ asOf }, { now: DateTime.utc(), zone: 'Asia/Shanghai' });
      expect(json(await new AsOfAnswers(counting.reader).nationalState(time, jurisdictions.get('CN'))))
        .toStrictEqual(json(await new AsOfAnswers(foldOnly(reader)).nationalState(time, jurisdictions.get('CN'))));
      expect([asOf, counting.folds() > 0]).toStrictEqual([asOf, folds]);
    }
    expect(await store.recomputeStale()).toBe(1);
    expect(await reader.projectedState().anyDirty(null)).toBe(false);

    // more live runs: an early date, a correction moving a fact, a corroboration narrowing a window, a retraction, a burst of appends
    const live = async () => projection.handle(new LogEventsRead(await unprojected()));
    await publish(events, 'nx-early', dated('2011-02'));
    await live();
    await run(events, { type: 'CorrectFact', noticeId: NX, factId: `${NX}:1`, correctionId: 'move', reason: 'the source is Guangdong\'s',
      corrected: { type: 'BusinessLineProhibited', jurisdiction: 'Guangdong', effective: '2019-10', businessLine: 'online-lending' } });
    await live();
    await run(events, { type: 'CorroborateFact', noticeId: NX, factId: `${NX}:3`, corroborationId: 'narrow', now: NOW, corroboration: {
      source: { document: 'c.html', publisher: 'press', quote: 'Weidai exits in 2020' }, title: 'Weidai', authority: 'press',
      published: '2020-07-01', effective: '2020-01-01/2020-06-30' } });
    await live();
    await run(events, { type: 'RetractFact', noticeId: 'nx-late', factId: 'nx-late:1', retractionId: 'gone', reason: 'misread' });
    await live();
    await writeCorpus(events, { events: 300, seed: 32, correctionRate: 0.3 });
    for (let pending = await unprojected(); pending.length > 0; pending = await unprojected()) {
      await projection.handle(new LogEventsRead(pending.slice(0, 25)));
    }
    expect(await reader.projectedState().anyDirty(null)).toBe(false);

    // the same log computed whole from scratch
    const reference = await freshReadModel('reference');
    await readModelConsumer(events, new ReadModelStore(reference.db), { name: NAME }).catchUp();
    for (const table of ['fact_spans', 'ban_spans', 'place_segments'] as const) {
      const rows = async (db: OpenedReadModel['db']) => (await db.selectFrom(table).selectAll().execute())
        .map((row) => JSON.stringify(Object.values(row).map(String))).sort();
      expect(await rows(readModel.db)).toStrictEqual(await rows(reference.db));
    }

    const [projected, folded] = [new AsOfAnswers(reader), new AsOfAnswers(foldOnly(reader))];
    for (const asOf of ['2011-03', '2019-10-18', '2020-06', '2025-06']) {
      for (const code of ['CN-NX', 'CN-GD']) {
        const place = jurisdictions.get(code);
        const time = parseTimeQuery({ asOf }, { now: DateTime.utc(), zone: place.zone });
        expect(json(await projected.jurisdictionState(time, place))).toStrictEqual(json(await folded.jurisdictionState(time, place)));
      }
      const time = parseTimeQuery({ asOf }, { now: DateTime.utc(), zone: 'Asia/Shanghai' });
      expect(json(await projected.nationalState(time, jurisdictions.get('CN')))).toStrictEqual(json(await folded.nationalState(time, jurisdictions.get('CN'))));
    }
  }, 300_000);

  it('never shows the rows of a place stale from a key half written: its answers before the key read them while it is computed, and it is written in one transaction', async () => {
    const reader = new KyselyTimelineReader(readModel.db, NAME);
    await projection.caughtUp(0);
    expect(await store.recomputeStale()).toBeGreaterThanOrEqual(0);
    // an early date: most of the place's rows are written again
    await publish(events, 'nx-sliced', dated('2011-05'));
    await store.applyEvents(NAME, await unprojected());
    const rows = async () => {
      const read = async (table: 'fact_spans' | 'place_segments') => (await readModel.db.selectFrom(table).selectAll().where('jurisdiction', '=', 'CN-NX').execute())
        .map((row) => JSON.stringify(Object.values(row).map(String))).sort();
      return [...await read('fact_spans'), ...await read('place_segments')];
    };
    const stored = await rows();
    expect((await readModel.db.selectFrom('projection_dirty').select(['jurisdiction', 'stale_from']).execute()).map((mark) => [mark.jurisdiction, Number(mark.stale_from)]))
      .toStrictEqual([['CN-NX', dayStartKey('2011-05-01')]]);
    let folding = 0;
    // between every two writes (slices of no time), as an answer would find the place
    await recomputeDirty(readModel.db, DEFAULT_PLACE_PROJECTOR!, undefined, { sliceMs: 0, pause: async () => {
      const mark = await readModel.db.selectFrom('projection_dirty').select('stale_from').where('jurisdiction', '=', 'CN-NX').executeTakeFirst();
      if (mark === undefined) return;
      if (mark.stale_from === null) folding += 1;
      else {
        // answers about the days before the mark's key read the rows: still those stored before the recompute
        expect(await rows()).toStrictEqual(stored);
      }
    } });
    expect(await reader.projectedState().anyDirty(null)).toBe(false);
    // however short the slices asked, its answers never fold (they would for a place stale throughout, written in slices)
    expect(folding).toBe(0);
    expect(await rows()).not.toStrictEqual(stored);
  }, 300_000);

  it('waits for a place the projector is computing when asked about a day its change reaches, rather than folding; a place stale throughout folds at once', async () => {
    const reader = new KyselyTimelineReader(readModel.db, NAME);
    await store.recomputeStale();
    await publish(events, 'nx-wait', dated('2025-09-01'));
    await store.applyEvents(NAME, await unprojected());
    const counting = foldCounting(reader);
    const waiting = new AsOfAnswers(counting.reader, { staleWaitMs: 60_000 });
    const place = jurisdictions.get('CN-NX');
    // a day the change reaches: the place's rows there are not the log's until it is computed
    const time = parseTimeQuery({ asOf: '2025-12' }, { now: DateTime.utc(), zone: place.zone });
    // an answer worker is told, not held (the API's thread waits and asks again); a day before the change it answers
    const reporting = new AsOfAnswers(reader, { whileComputing: 'report' });
    await expect(reporting.jurisdictionState(time, place)).rejects.toBeInstanceOf(PlaceBeingComputed);
    await expect(reporting.nationalState(parseTimeQuery({}, { now: DateTime.utc(), zone: place.zone }), jurisdictions.get('CN'))).rejects.toBeInstanceOf(PlaceBeingComputed);
    const earlier = parseTimeQuery({ asOf: '2025-08' }, { now: DateTime.utc(), zone: place.zone });
    expect(json(await reporting.jurisdictionState(earlier, place))).toStrictEqual(json(await new AsOfAnswers(foldOnly(reader)).jurisdictionState(earlier, place)));
    const asked = waiting.jurisdictionState(time, place);
    // the projector computes the place a moment after the question came
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await store.recomputeStale()).toBe(1);
    expect(json(await asked)).toStrictEqual(json(await new AsOfAnswers(foldOnly(reader)).jurisdictionState(time, place)));
    expect(counting.folds()).toBe(0);

    // stale throughout (as after a catch-up): no projector is about to compute it from a key, it folds at once
    await markDirty(readModel.db, ['CN-NX']);
    const started = performance.now();
    expect(json(await waiting.jurisdictionState(time, place))).toStrictEqual(json(await new AsOfAnswers(foldOnly(reader)).jurisdictionState(time, place)));
    expect(counting.folds()).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(await store.recomputeStale()).toBe(1);
  }, 300_000);
});
