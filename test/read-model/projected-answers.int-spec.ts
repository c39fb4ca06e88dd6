/**
 * Both paths of a latest-knowledge answer agree (issue 17 item 1: "a test asserts that both paths
 * give identical answers over a generated corpus ... random facts, corrections, dates"): the seeds
 * and a generated corpus with corrections and retractions, projected by the real projector on a
 * real SQLite file and a real PostgreSQL; every question asked of the projected path (the rows the
 * projector keeps) and of the fold (the same reader without its projected state) gives the same JSON.
 * Issue 17: "Queries with `knownAt` or `recordedAt` keep the exact fold"; "Corrections and
 * retractions update the intervals they touch".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jurisdictions, parseTimeQuery, type ListPage, type TimeQuery } from '../../libs/domain/src/index.js';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { AsOfAnswers } from '../../libs/read-model/src/answers/as-of-answers.js';
import { FULL_STATE, LEAN_STATE, type StateParts } from '../../libs/read-model/src/answers/state-parts.js';
import { openReadModel, type OpenedReadModel } from '../../libs/read-model/src/open-read-model.js';
import { readModelConsumer } from '../../libs/read-model/src/read-model-projection.js';
import { ReadModelStore } from '../../libs/read-model/src/read-model-store.js';
import { KyselyTimelineReader, type FactFilter, type TimelineReader } from '../../libs/read-model/src/timeline-reader.js';
import { writeCorpus } from '../../bench/corpus/write-corpus.js';
import { allSeeds, loadSeeds, seedCorroborations } from '../../seeds/index.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { NX, nxNotice, publish, run } from './ningxia-log.js';

const NAME = 'read-model';
/** a province with cities, a city, provinces with many facts, the nation */
const PLACES = ['CN', 'CN-GD', 'CN-440100', 'CN-440300', 'CN-NX', 'CN-HB', 'CN-ZJ', 'CN-BJ'];
/** days, month ends ('2020-06' is its last day's end), noon instants, the far past and future */
const AS_OF = [
  '2015-01-01', '2018-06-30', '2019', '2019-10-17', '2019-10-18', '2019-10-18T12:00:00+08:00', '2019-12-31', '2020-03',
  '2020-06', '2020-06-15', '2020-06-30T12:00:00+08:00', '2020-06-30T23:59:59.999+08:00', '2020-11', '2021-06-30', '2023', '2030-01-01',
];
const PAGES: ListPage[] = [{ offset: 0, limit: 100 }, { offset: 0, limit: 7 }, { offset: 7, limit: 7 }, { offset: 200, limit: 50 }];
const PARTS: StateParts[] = [FULL_STATE, LEAN_STATE, { facts: true, sources: false, institutions: false }, { facts: false, sources: false, institutions: true }];

const timeQuery = (asOf: string, zone = 'Asia/Shanghai'): TimeQuery => parseTimeQuery({ asOf }, { now: DateTime.utc(), zone });
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

/** The same reader without its projected state, counting the fact histories it reads: the fold. */
function foldOnly(reader: KyselyTimelineReader): TimelineReader & { reads: number } {
  const counted = {
    reads: 0,
    factHistories: (filter: FactFilter) => {
      counted.reads += 1;
      return reader.factHistories(filter);
    },
    searchInstitutions: reader.searchInstitutions.bind(reader),
    institution: reader.institution.bind(reader),
    institutionsIn: reader.institutionsIn.bind(reader),
    projectedPosition: reader.projectedPosition.bind(reader),
  };
  return counted;
}

/** The reader with its projected state, counting the fact histories it reads (none on the projected path but the institutions' statuses). */
function counting(reader: KyselyTimelineReader): TimelineReader & { reads: number } {
  return Object.assign(foldOnly(reader), { projectedState: () => reader.projectedState() });
}

describe.each(['sqlite', 'postgres'] as const)('projected and folded answers on %s', (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'projected-answers-'));
  let events: SqliteEventStore;
  let readModel: OpenedReadModel;
  let database: TestDatabase | undefined;
  let store: ReadModelStore;
  let projected: AsOfAnswers;
  let folded: AsOfAnswers;
  let projectedReader: ReturnType<typeof counting>;

  beforeAll(async () => {
    events = await SqliteEventStore.open(join(dir, 'events.sqlite'));
    await loadSeeds(events, allSeeds, undefined, seedCorroborations);
    // a generated log with many corrections and retractions
    await writeCorpus(events, { events: 5_000, seed: 17, correctionRate: 0.15 });
    database = dialect === 'postgres' ? await createTestDatabase() : undefined;
    readModel = await openReadModel({ databaseUrl: database?.url, sqlitePath: join(dir, 'read-model.sqlite') });
    store = new ReadModelStore(readModel.db);
    await readModelConsumer(events, store, { name: NAME }).catchUp();
    const reader = new KyselyTimelineReader(readModel.db, NAME);
    projectedReader = counting(reader);
    projected = new AsOfAnswers(projectedReader);
    folded = new AsOfAnswers(foldOnly(reader));
    expect(await reader.projectedState().anyDirty(null)).toBe(false);
  }, 240_000);
  afterAll(async () => {
    await readModel.close();
    await events.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** every question of the list, asked of both paths */
  async function expectSameAnswers(): Promise<void> {
    for (const asOf of AS_OF) {
      const time = timeQuery(asOf);
      for (const page of PAGES) {
        const national = (answers: AsOfAnswers) => answers.nationalState(time, jurisdictions.get('CN'), FULL_STATE, page);
        expect(json(await national(projected))).toStrictEqual(json(await national(folded)));
      }
      expect(json(await projected.bans(time, null))).toStrictEqual(json(await folded.bans(time, null)));
      for (const code of PLACES) {
        const place = jurisdictions.get(code);
        const at = timeQuery(asOf, place.zone);
        for (const [i, page] of PAGES.entries()) {
          const parts = PARTS[i % PARTS.length]!;
          expect([code, asOf, page, parts, json(await projected.jurisdictionState(at, place, page, parts))])
            .toStrictEqual([code, asOf, page, parts, json(await folded.jurisdictionState(at, place, page, parts))]);
        }
        expect([code, asOf, json(await projected.bans(at, place, PAGES[1]))]).toStrictEqual([code, asOf, json(await folded.bans(at, place, PAGES[1]))]);
        expect([code, asOf, json(await projected.bans(at, place))]).toStrictEqual([code, asOf, json(await folded.bans(at, place))]);
      }
    }
  }

  it('answers every latest-knowledge question as the fold does, from the projected rows', async () => {
    projectedReader.reads = 0;
    await expectSameAnswers();
    // the national state and the bans read no fact history on the projected path
    projectedReader.reads = 0;
    await projected.nationalState(timeQuery('2020-06'), jurisdictions.get('CN'));
    await projected.bans(timeQuery('2020-06'), null);
    expect(projectedReader.reads).toBe(0);
  }, 600_000);

  it('a correction appended after the catch-up changes the projected answer as it changes the fold\'s; a retraction too', async () => {
    const consumer = readModelConsumer(events, store, { name: NAME });
    await publish(events, NX, nxNotice);
    await consumer.catchUp();
    const place = jurisdictions.get('CN-NX');
    const before = json(await projected.jurisdictionState(timeQuery('2020-06'), place));
    // the first ban batch of Ningxia, corrected from 3 to 4
    await run(events, { type: 'CorrectFact', noticeId: NX, factId: `${NX}:2`, correctionId: 'c1', reason: 'the source says four',
      corrected: { type: 'InstitutionsBanned', jurisdiction: 'Ningxia', effective: '2019-10-18', count: 4, batch: { number: 1, of: 2 } } });
    await consumer.catchUp();
    expect(await projectedReader.projectedState!()!.anyDirty(null)).toBe(false);
    const after = json(await projected.jurisdictionState(timeQuery('2020-06'), place));
    expect(after).not.toStrictEqual(before);
    expect(after).toStrictEqual(json(await folded.jurisdictionState(timeQuery('2020-06'), place)));
    await run(events, { type: 'RetractFact', noticeId: NX, factId: `${NX}:1`, retractionId: 'r1', reason: 'misread the source' });
    await consumer.catchUp();
    for (const asOf of ['2019-10-18', '2020-06', '2021']) {
      expect(json(await projected.jurisdictionState(timeQuery(asOf), place))).toStrictEqual(json(await folded.jurisdictionState(timeQuery(asOf), place)));
      expect(json(await projected.bans(timeQuery(asOf), null))).toStrictEqual(json(await folded.bans(timeQuery(asOf), null)));
    }
  }, 120_000);

  it('a place marked stale, and a question with knownAt or recordedAt, fold', async () => {
    await readModel.db.insertInto('projection_dirty').values({ jurisdiction: 'CN-440100' }).execute();
    try {
      projectedReader.reads = 0;
      const time = timeQuery('2020-06');
      expect(json(await projected.jurisdictionState(time, jurisdictions.get('CN-440100'))))
        .toStrictEqual(json(await folded.jurisdictionState(time, jurisdictions.get('CN-440100'))));
      expect(projectedReader.reads).toBeGreaterThan(0); // the city's own state folded
      projectedReader.reads = 0;
      await projected.bans(time, null); // the nation holds the stale city
      expect(projectedReader.reads).toBeGreaterThan(0);
      projectedReader.reads = 0;
      await projected.bans(time, jurisdictions.get('CN-NX')); // Ningxia's are not stale
      expect(projectedReader.reads).toBe(0);
    } finally {
      await readModel.db.deleteFrom('projection_dirty').execute();
    }
    projectedReader.reads = 0;
    const known = parseTimeQuery({ asOf: '2020-06', knownAt: '2021-01-01' }, { now: DateTime.utc(), zone: 'Asia/Shanghai' });
    await projected.bans(known, jurisdictions.get('CN-NX'));
    const recorded = { ...timeQuery('2020-06'), recordedPosition: 50 };
    await projected.bans(recorded, jurisdictions.get('CN-NX'));
    expect(projectedReader.reads).toBe(2);
  });
});
