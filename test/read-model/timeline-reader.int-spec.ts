import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  bansInForce, buildFactHistories, jurisdictionStateAt, jurisdictions, nationalStateAt, parseTimeQuery, type FactHistory, type LoggedEvent,
} from '../../libs/domain/src/index.js';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { openReadModel, type OpenedReadModel } from '../../libs/read-model/src/open-read-model.js';
import { readModelConsumer } from '../../libs/read-model/src/read-model-projection.js';
import { ReadModelStore } from '../../libs/read-model/src/read-model-store.js';
import { KyselyTimelineReader } from '../../libs/read-model/src/timeline-reader.js';
import { allSeeds, loadSeeds, seedCorroborations } from '../../seeds/index.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';

const NAME = 'read-model';
const DATES = ['2019', '2019-10-17', '2019-12-31', '2020-03-31', '2020-06-15', '2020-06', '2020-12-31', '2025-12-31'];
const PLACES = ['CN', 'CN-NX', 'CN-HB', 'CN-GD', 'CN-440100', 'CN-440300', 'CN-HN', 'CN-XJ'];
const withDescendants = (code: string) => jurisdictions.all.filter((r) => jurisdictions.isWithin(r.code, code)).map((r) => r.code);
const withLineage = (code: string) => [...new Set([...withDescendants(code), ...jurisdictions.lineage(code).map((r) => r.code)])];

/**
 * The read models answer exactly what the pure fold of the whole log answers, on SQLite and on
 * PostgreSQL: the SQL pre-selection (by jurisdiction and effective date) never loses a fact.
 */
describe.each(['sqlite', 'postgres'] as const)('timeline reader on %s', (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'reader-'));
  let events: SqliteEventStore;
  let readModel: OpenedReadModel;
  let database: TestDatabase | undefined;
  let reader: KyselyTimelineReader;
  let log: FactHistory[];

  beforeAll(async () => {
    events = await SqliteEventStore.open(join(dir, 'events.sqlite'));
    await loadSeeds(events, allSeeds, undefined, seedCorroborations);
    database = dialect === 'postgres' ? await createTestDatabase() : undefined;
    readModel = await openReadModel({ databaseUrl: database?.url, sqlitePath: join(dir, 'read-model.sqlite') });
    await readModelConsumer(events, new ReadModelStore(readModel.db), { name: NAME }).catchUp();
    reader = new KyselyTimelineReader(readModel.db, NAME);
    const logged: LoggedEvent[] = [];
    for await (const event of events.readAll()) {
      logged.push({ position: Number(event.position.commit), recordedAt: event.recordedAt, type: event.type, data: event.data });
    }
    log = buildFactHistories(logged);
  });
  afterAll(async () => {
    await readModel.close();
    await events.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const timeQuery = (asOf: string) => parseTimeQuery({ asOf }, { now: DateTime.utc(), zone: 'Asia/Shanghai' });
  const startedBy = (asOf: string) => timeQuery(asOf).asOf.setZone('Asia/Shanghai').toISODate() as string;

  it.each(DATES.flatMap((date) => PLACES.map((place) => [date, place] as const)))('state of %s in %s', async (date, place) => {
    const query = timeQuery(date);
    const histories = await reader.factHistories({ jurisdictions: withLineage(place), startedBy: startedBy(date), recordedAt: null });
    expect(jurisdictionStateAt(histories, place, query)).toStrictEqual(jurisdictionStateAt(log, place, query));
    const banned = await reader.factHistories({ jurisdictions: withDescendants(place), startedBy: startedBy(date), recordedAt: null });
    expect(bansInForce(banned, query, place)).toStrictEqual(bansInForce(log, query, place));
  });

  it.each(DATES)('national state on %s', async (date) => {
    const query = timeQuery(date);
    const histories = await reader.factHistories({ jurisdictions: null, startedBy: startedBy(date), recordedAt: null });
    expect(nationalStateAt(histories, query)).toStrictEqual(nationalStateAt(log, query));
  });

  it('finds institutions by any spelling and reports the projected position', async () => {
    expect((await reader.searchInstitutions('微贷网', { offset: 0, limit: 5 })).map((found) => found.id)).toEqual(['weidai']);
    expect((await reader.searchInstitutions('MICRO-CREDIT', { offset: 0, limit: 5 })).map((found) => found.id)).toEqual(['weidai']);
    expect(await reader.projectedPosition()).toBe((await events.headPosition())?.commit);
    const weidai = await reader.factHistories({ jurisdictions: null, startedBy: null, recordedAt: null, institutionId: 'weidai' });
    expect(weidai.map((history) => history.versions[0]?.content.kind)).toEqual(['InstitutionExitAnnounced', 'InstitutionExitAnnounced']);
  });
});
