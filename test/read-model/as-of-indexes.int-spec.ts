import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  BansHandler, BansQuery, JurisdictionStateHandler, JurisdictionStateQuery, NationalStateHandler, NationalStateQuery,
} from '../../apps/api/src/timeline/timeline.queries.js';
import { timeQueryOf } from '../../apps/api/src/timeline/time-params.js';
import {
  bansInForce, buildFactHistories, jurisdictionStateAt, jurisdictions, nextCursor, nationalStateAt, type FactHistory, type LoggedEvent,
} from '../../libs/domain/src/index.js';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { openReadModel, type OpenedReadModel } from '../../libs/read-model/src/open-read-model.js';
import { readModelConsumer } from '../../libs/read-model/src/read-model-projection.js';
import { ReadModelStore } from '../../libs/read-model/src/read-model-store.js';
import { KyselyTimelineReader } from '../../libs/read-model/src/timeline-reader.js';
import { writeCorpus } from '../../bench/corpus/write-corpus.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';

const NAME = 'read-model';
/** no place of these read models is being computed: the handlers never wait */
const NO_WAIT = { readYourWritesTimeoutMs: 0 };

/** Pseudo-random but fixed questions: a place (or all of China), a day of 2011-2025, a window. */
function questions(count: number): Array<{ code: string | null; asOf: string; limit: number; offset: number }> {
  let seed = 7;
  const next = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const places = [null, ...jurisdictions.all.filter((record) => record.level === 'province').map((record) => record.code), 'CN-440100', 'CN-420100'];
  return Array.from({ length: count }, () => ({
    code: places[Math.floor(next() * places.length)] ?? null,
    asOf: DateTime.fromISO('2011-01-01', { zone: 'utc' }).plus({ days: Math.floor(next() * 5478) }).toISODate() as string,
    limit: [1, 5, 20, 100][Math.floor(next() * 4)] ?? 100,
    offset: [0, 0, 3, 40][Math.floor(next() * 4)] ?? 0,
  }));
}

/**
 * Answers from the read models (the facts of the places asked about that may have started, chosen
 * by index, then folded) are exactly the pure fold of the whole log: on a generated log with every
 * precision of date, corrections, corroborations, running totals and retractions, on SQLite and PostgreSQL.
 */
describe.each(['sqlite', 'postgres'] as const)('answers from the read models on %s', (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'as-of-indexes-'));
  let events: SqliteEventStore;
  let readModel: OpenedReadModel;
  let database: TestDatabase | undefined;
  let handler: BansHandler;
  let states: JurisdictionStateHandler;
  let nation: NationalStateHandler;
  let log: FactHistory[];

  beforeAll(async () => {
    events = await SqliteEventStore.open(join(dir, 'events.sqlite'));
    await writeCorpus(events, { events: 4000, seed: 11 });
    database = dialect === 'postgres' ? await createTestDatabase() : undefined;
    readModel = await openReadModel({ databaseUrl: database?.url, sqlitePath: join(dir, 'read-model.sqlite') });
    await readModelConsumer(events, new ReadModelStore(readModel.db), { name: NAME }).catchUp();
    handler = new BansHandler(new KyselyTimelineReader(readModel.db, NAME), NO_WAIT);
    states = new JurisdictionStateHandler(new KyselyTimelineReader(readModel.db, NAME), NO_WAIT);
    nation = new NationalStateHandler(new KyselyTimelineReader(readModel.db, NAME), NO_WAIT);
    const logged: LoggedEvent[] = [];
    for await (const event of events.readAll()) {
      logged.push({ position: Number(event.position.commit), recordedAt: event.recordedAt, type: event.type, data: event.data });
    }
    log = buildFactHistories(logged);
  }, 120_000);
  afterAll(async () => {
    await readModel.close();
    await events.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 60 questions exactly as the fold of the whole log, windows and totals included', async () => {
    let nonEmpty = 0;
    for (const { code, asOf, limit, offset } of questions(60)) {
      const place = code === null ? null : jurisdictions.get(code);
      const time = timeQueryOf({ asOf }, (place ?? jurisdictions.get('CN')).zone);
      const page = { limit, offset };
      const answered = await handler.execute(new BansQuery(time, place, page));
      const expected = bansInForce(log, time, place?.code, jurisdictions, page);
      expect([code, asOf, limit, offset, answered.total, answered.bans]).toStrictEqual([code, asOf, limit, offset, expected.total, expected.bans]);
      if (expected.bans.length > 0) nonEmpty += 1;
    }
    expect(nonEmpty).toBeGreaterThan(20);
  }, 120_000);

  it('answers 60 jurisdiction states exactly as the fold of the whole log: prohibition, counts, statistics, window, institutions', async () => {
    let withFigures = 0;
    for (const { code, asOf, limit, offset } of questions(60)) {
      const place = jurisdictions.get(code ?? 'CN-GD');
      const time = timeQueryOf({ asOf }, place.zone);
      const page = { limit, offset };
      const { institutions, institutionsTotal, next, ...answered } = await states.execute(new JurisdictionStateQuery(time, place, page));
      const { next: factsNext, ...folded } = jurisdictionStateAt(log, place.code, time, jurisdictions, { page });
      expect([place.code, asOf, limit, offset, answered]).toStrictEqual([place.code, asOf, limit, offset, folded]);
      // the next page while the facts or the institutions go on
      expect([factsNext, next]).toStrictEqual([nextCursor('state', page, answered.factsTotal), nextCursor('state', page, Math.max(answered.factsTotal, institutionsTotal ?? 0))]);
      // institutions: as the path that folds every fact answers (a cut at a position past the head)
      const everything = await states.execute(new JurisdictionStateQuery({ ...time, recordedPosition: Number.MAX_SAFE_INTEGER }, place, page));
      expect([place.code, asOf, institutionsTotal, institutions]).toStrictEqual([place.code, asOf, everything.institutionsTotal, everything.institutions]);
      if (Object.values(answered.counts).some((figure) => figure !== null)) withFigures += 1;
    }
    expect(withFigures).toBeGreaterThan(20);
  }, 120_000);

  it('answers the national state on 20 days exactly as the fold of the whole log', async () => {
    const china = jurisdictions.get('CN');
    for (const { asOf } of questions(20)) {
      const time = timeQueryOf({ asOf }, china.zone);
      expect([asOf, await nation.execute(new NationalStateQuery(time, china))]).toStrictEqual([asOf, nationalStateAt(log, time, jurisdictions)]);
    }
  }, 120_000);
});
