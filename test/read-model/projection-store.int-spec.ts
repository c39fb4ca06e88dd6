/**
 * The projected point-in-time state's store (issue 17 item 1), on a real SQLite file and a real
 * PostgreSQL: the SQL reader seeks exactly the pieces the contract names, and the projector keeps
 * every place's rows equal to what the place projector makes of the log as it stands, computing
 * each place once after a catch-up and at once for a live append.
 *
 * Contract (libs/domain timeline/projection/contract.ts): "Only pieces with `from <= at < to` are
 * returned"; "spansAt ... in first-recorded order (firstPosition, then factId)"; "spanPageAt ... in
 * effective order (effectiveLatest, effectiveEarliest, firstPosition)"; "each listed place's segment
 * holding `at` (a place with none is left out)"; "namedCandidatesAt: for each group, the window
 * `offset`, `limit` of the spans holding `at` of its kind in its places ... merged in latestFirst order".
 * Issue 17: "Corrections and retractions update the intervals they touch."
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildFactHistories, type FactHistory, type FactKind, type LoggedEvent } from '../../libs/domain/src/index.js';
import {
  END_OF_TIME, START_OF_TIME, isBanPiece, memoryProjectionReader, type FactSpanRow, type PlaceProjection, type PlaceSegmentRow, type StatisticPiece,
} from '../../libs/domain/src/timeline/projection/index.js';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { openReadModel, type OpenedReadModel } from '../../libs/read-model/src/open-read-model.js';
import { LIVE_RUN, storePlace, type PlaceProjector } from '../../libs/read-model/src/projection-maintenance.js';
import { SqlProjectionReader } from '../../libs/read-model/src/projection-reader.js';
import { LogEventsRead } from '../../libs/consumers/src/index.js';
import { ReadModelProjection, readModelConsumer } from '../../libs/read-model/src/read-model-projection.js';
import { ReadModelStore } from '../../libs/read-model/src/read-model-store.js';
import { mulberry32 } from '../../bench/corpus/vocabulary.js';
import { writeCorpus } from '../../bench/corpus/write-corpus.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { NX, publish, run, nxNotice } from './ningxia-log.js';

const PLACES = ['CN', 'CN-GD', 'CN-440100', 'CN-NX', 'CN-HB'];
const KINDS: FactKind[] = ['BusinessLineProhibited', 'InstitutionsBanned', 'StatisticReported', 'InstitutionExitAnnounced'];
/** series keys after the place (counts.ts statisticListKey), compared code unit by code unit: capitals before small letters, CJK after */
const SERIES = ['|operating-institutions|institutions|', '|outstanding-loans|CNY|', '|Outstanding|CNY|end of 2018', '|bank-广发|loans|CNY|', '|é|x|'];

/** hand-made rows: each place's contiguous segments, each fact's pieces (not overlapping) */
function handMade(seed: number): PlaceProjection[] {
  const next = mulberry32(seed);
  const int = (n: number) => Math.floor(next() * n);
  let fact = 0;
  return PLACES.filter((place) => place !== 'CN-HB').map((place) => {
    const cuts = [...new Set(Array.from({ length: 6 }, () => 36_000 + int(2_000)))].sort((a, b) => a - b);
    const segments: PlaceSegmentRow[] = cuts.map((from, i) => ({ jurisdiction: place, from, to: cuts[i + 1] ?? END_OF_TIME, body: `{"n":${i}}` }));
    const spans: FactSpanRow[] = [];
    for (let f = 0; f < 40; f += 1) {
      const factId = `${place}:f${String(++fact).padStart(3, '0')}`;
      const kind = KINDS[int(KINDS.length)]!;
      const latest = `2020-0${1 + int(9)}-1${int(9)}`;
      const firstPosition = int(50); // ties on purpose: factId decides
      // a legacy window unbounded below holds before any date
      let from = int(5) === 0 ? START_OF_TIME : 36_000 + int(2_000);
      for (let piece = 0; piece < 1 + int(3); piece += 1) {
        const to = int(4) === 0 ? END_OF_TIME : Math.max(from, 36_000) + 1 + int(300);
        spans.push({ factId, jurisdiction: place, kind, from, to, effectiveLatest: latest, effectiveEarliest: int(3) === 0 ? '' : '2019-12-01',
          // an exit's first piece is its announcement here: it holds and is no ban
          firstPosition, body: kind === 'InstitutionExitAnnounced' && piece === 0 ? `{"piece":${piece},"a":1}`
            // a figure's body as the sweep writes it: its content with its source, the corroborating sources (every other fact)
            : kind === 'StatisticReported' ? JSON.stringify({ c: { kind, value: f, source: { quote: `第${f}条` } }, ...(f % 2 === 0 ? { s: [{ quote: `另${f}` }] } : {}), v: 50, piece })
              : `{"piece":${piece}}`,
          // versions tie on purpose (factId decides), a body projected without one has none
          versionPosition: int(4) === 0 ? null : 50 + int(5), possible: int(2) === 0,
          seriesKey: kind === 'StatisticReported' ? `${place}|${SERIES[int(SERIES.length)]}` : null });
        if (to === END_OF_TIME) break;
        from = to + int(3);
      }
    }
    return { jurisdiction: place, spans, segments };
  });
}

const byFirstRecorded = (a: FactSpanRow, b: FactSpanRow) => a.firstPosition - b.firstPosition || (a.factId < b.factId ? -1 : 1);
const byEffective = (a: FactSpanRow, b: FactSpanRow) =>
  (a.effectiveLatest < b.effectiveLatest ? -1 : a.effectiveLatest > b.effectiveLatest ? 1 : 0)
  || (a.effectiveEarliest < b.effectiveEarliest ? -1 : a.effectiveEarliest > b.effectiveEarliest ? 1 : 0)
  || a.firstPosition - b.firstPosition || (a.factId < b.factId ? -1 : 1);
const holds = (at: number) => (row: { from: number; to: number }) => row.from <= at && at < row.to;

/**
 * A stand-in for the domain's projectPlace (its output is opaque to the store): one piece per fact
 * that stands, one segment per place. Counts its calls per place.
 */
function standIn(calls: Map<string, number>): (code: string, histories: FactHistory[]) => PlaceProjection {
  return (code: string, histories: FactHistory[]): PlaceProjection => {
    calls.set(code, (calls.get(code) ?? 0) + 1);
    const spans = histories.filter((h) => h.retraction === null && h.versions.length > 0).map((h): FactSpanRow => {
      const content = h.versions.at(-1)!.content;
      return { factId: h.factId, jurisdiction: code, kind: content.kind, from: 0, to: END_OF_TIME, effectiveLatest: content.effective.latest,
        effectiveEarliest: content.effective.earliest ?? '', firstPosition: h.versions[0]!.position,
        body: JSON.stringify({ versions: h.versions.length, corroborations: h.corroborations.length }),
        versionPosition: h.versions.at(-1)!.position, possible: false, seriesKey: null };
    });
    return { jurisdiction: code, spans, segments: spans.length === 0 ? [] : [{ jurisdiction: code, from: 0, to: END_OF_TIME, body: `{"facts":${spans.length}}` }] };
  };
}

describe.each(['sqlite', 'postgres'] as const)('projected state store on %s', (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'projection-store-'));
  const databases: TestDatabase[] = [];
  let files = 0;
  const opened: OpenedReadModel[] = [];
  async function freshReadModel(): Promise<OpenedReadModel> {
    const database = dialect === 'postgres' ? await createTestDatabase() : undefined;
    if (database) databases.push(database);
    const readModel = await openReadModel({ databaseUrl: database?.url, sqlitePath: join(dir, `read-model-${++files}.sqlite`) });
    opened.push(readModel);
    return readModel;
  }
  afterAll(async () => {
    for (const readModel of opened) await readModel.close();
    for (const database of databases) await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('the SQL reader', () => {
    const projections = handMade(17);
    const spans = projections.flatMap((p) => p.spans);
    const segments = projections.flatMap((p) => p.segments);
    let reader: SqlProjectionReader;
    beforeAll(async () => {
      const readModel = await freshReadModel();
      await readModel.db.transaction().execute(async (trx) => {
        for (const projection of projections) await storePlace(trx, projection);
      });
      reader = new SqlProjectionReader(readModel.db);
    });
    const keys = [START_OF_TIME, -5, 0, 35_999, 36_000, 36_500, 36_777, 37_000, 37_500, 38_200, 38_500, 2 ** 51, END_OF_TIME - 1, END_OF_TIME];

    it.each(keys)('seeks the pieces holding key %d', async (at) => {
      expect(await reader.segmentsAt(PLACES, at)).toStrictEqual(segments.filter(holds(at)));
      expect(await reader.segmentsAt(['CN-NX'], at)).toStrictEqual(segments.filter((s) => s.jurisdiction === 'CN-NX').filter(holds(at)));
      expect(await reader.spansAt(null, null, at)).toStrictEqual(spans.filter(holds(at)).sort(byFirstRecorded));
      const gd = ['CN-GD', 'CN-440100'];
      const bans: FactKind[] = ['BusinessLineProhibited', 'InstitutionsBanned'];
      expect(await reader.spansAt(gd, bans, at))
        .toStrictEqual(spans.filter(holds(at)).filter((s) => gd.includes(s.jurisdiction) && bans.includes(s.kind)).sort(byFirstRecorded));
      expect(await reader.spansAt(null, ['StatisticReported'], at))
        .toStrictEqual(spans.filter(holds(at)).filter((s) => s.kind === 'StatisticReported').sort(byFirstRecorded));
      expect(await reader.spansAt([], null, at)).toStrictEqual([]);
      for (const page of [{ offset: 0, limit: 5 }, { offset: 5, limit: 7 }, { offset: 0, limit: 1000 }]) {
        expect(await reader.spanPageAt(null, null, at, page))
          .toStrictEqual(spans.filter(holds(at)).sort(byEffective).slice(page.offset, page.offset + page.limit));
        expect(await reader.spanPageAt(['CN'], bans, at, page)).toStrictEqual(spans.filter(holds(at))
          .filter((s) => s.jurisdiction === 'CN' && bans.includes(s.kind)).sort(byEffective).slice(page.offset, page.offset + page.limit));
        // contract: "the bans holding `at` of `place` and the places inside it (null: every place), in effective order"
        for (const [place, inside] of [['CN', PLACES], ['CN-GD', gd], ['CN-440100', ['CN-440100']], ['CN-HB', []], [null, PLACES]] as const) {
          expect(await reader.banPageAt(place, at, page)).toStrictEqual(spans.filter(holds(at))
            .filter((s) => (inside as readonly string[]).includes(s.jurisdiction) && isBanPiece(s)).sort(byEffective).slice(page.offset, page.offset + page.limit));
        }
      }
      const some = [...new Set(spans.filter((_, i) => i % 3 === 0).map((s) => s.factId))];
      expect(await reader.spansOfFactsAt(some, at)).toStrictEqual(spans.filter(holds(at)).filter((s) => some.includes(s.factId)).sort(byFirstRecorded));
    });

    it.each(keys)('gives what the domain\'s in-memory reader gives on the same rows at key %d', async (at) => {
      const memory = memoryProjectionReader(projections);
      const byPlace = (rows: PlaceSegmentRow[]) => [...rows].sort((a, b) => (a.jurisdiction < b.jurisdiction ? -1 : 1));
      expect(byPlace(await reader.segmentsAt(PLACES, at))).toStrictEqual(byPlace(await memory.segmentsAt(PLACES, at)));
      for (const [places, kinds] of [[null, null], [['CN-GD', 'CN-440100'], ['InstitutionsBanned']], [['CN'], null], [null, ['StatisticReported']]] as const) {
        expect(await reader.spansAt(places, kinds, at)).toStrictEqual(await memory.spansAt(places, kinds, at));
        expect(await reader.spanPageAt(places, kinds, at, { offset: 3, limit: 9 })).toStrictEqual(await memory.spanPageAt(places, kinds, at, { offset: 3, limit: 9 }));
      }
      for (const place of ['CN', 'CN-GD', 'CN-440100', 'CN-NX', null]) {
        expect(await reader.banPageAt(place, at, { offset: 3, limit: 9 })).toStrictEqual(await memory.banPageAt(place, at, { offset: 3, limit: 9 }));
      }
      const ids = spans.filter((_, i) => i % 4 === 1).map((s) => s.factId);
      expect(await reader.spansOfFactsAt(ids, at)).toStrictEqual(await memory.spansOfFactsAt(ids, at));
      // contract: "for each group, the window `offset`, `limit` of the spans holding `at` of its kind in its places, each within its
      // place's days, but the ids left out, merged in latestFirst order"
      const leftOut = spans.filter((_, i) => i % 5 === 2).map((s) => s.factId);
      const groups = KINDS.flatMap((kind) => [[0, 3], [2, 4], [0, 100]].map(([offset, limit]) => ({
        kind, offset: offset!, limit: limit!, leftOut: kind === 'InstitutionsBanned' ? leftOut : [],
        places: [{ place: 'CN', lowest: '2020-01-10', highest: '2020-09-18' }, { place: 'CN-GD', lowest: '2020-03-11', highest: '2020-06-19' },
          { place: 'CN-440100', lowest: '2020-01-10', highest: '2020-01-10' }, { place: 'CN-NX', lowest: '2020-02-15', highest: '2020-08-19' }],
      })));
      const candidates = await reader.namedCandidatesAt(groups, at);
      expect(candidates).toStrictEqual(await memory.namedCandidatesAt(groups, at));
      expect(await reader.namedCandidatesAt([], at)).toStrictEqual([]);
      // contract: "the page's window of the StatisticReported spans holding `at` in these places, in the statistics list's order ... and how many hold"
      for (const places of [['CN-440100'], ['CN'], ['CN-GD', 'CN-440100'], PLACES, ['CN-HB'], []]) {
        for (const page of [{ offset: 0, limit: 3 }, { offset: 2, limit: 100 }, { offset: 500, limit: 5 }, { offset: 0, limit: 0 }]) {
          expect(await reader.statisticPageAt(places, at, page)).toStrictEqual(await memory.statisticPageAt(places, at, page));
          // contract: "`sources` false: each piece's body without the fact's sources (`c.source`, `s`)" (PostgreSQL's jsonb
          // writes the same JSON with its own spacing and key order: compared parsed)
          const parsed = ({ spans, total }: { spans: StatisticPiece[]; total: number }) => ({ total, spans: spans.map((span) => ({ ...span, body: JSON.parse(span.body) as unknown })) });
          const unsourced = parsed(await reader.statisticPageAt(places, at, page, { sources: false }));
          expect(unsourced).toStrictEqual(parsed(await memory.statisticPageAt(places, at, page, { sources: false })));
          const full = parsed(await reader.statisticPageAt(places, at, page));
          expect(unsourced.spans).toStrictEqual(full.spans.map(({ body, ...span }) => {
            const { c: { source: _source, ...content }, s: _s, ...rest } = body as { c: { source: unknown }; s?: unknown };
            return { ...span, body: { c: content, ...rest } };
          }));
        }
      }
    });

    it('storing a place again replaces its rows only, and knows which places are stale', async () => {
      const [first] = projections;
      await reader.anyDirty(null).then((dirty) => expect(dirty).toBe(false));
      const db = (reader as unknown as { db: OpenedReadModel['db'] }).db;
      await db.insertInto('projection_dirty').values({ jurisdiction: 'CN-GD' }).execute();
      expect(await reader.anyDirty(['CN-NX'])).toBe(false);
      expect(await reader.anyDirty(['CN-NX', 'CN-GD'])).toBe(true);
      expect(await reader.anyDirty(null)).toBe(true);
      await storePlace(db, { ...projections[1]!, spans: projections[1]!.spans.slice(0, 3), segments: [] });
      expect(await reader.anyDirty(null)).toBe(false);
      expect(await reader.spansAt(['CN-GD'], null, END_OF_TIME - 1)).toStrictEqual(projections[1]!.spans.slice(0, 3).filter(holds(END_OF_TIME - 1)).sort(byFirstRecorded));
      expect(await reader.segmentsAt(['CN-GD'], 37_000)).toStrictEqual([]);
      // the bans by place follow: Guangdong's own are the three kept, Guangzhou's are left as they were
      const kept = [...projections[1]!.spans.slice(0, 3), ...projections[2]!.spans];
      expect(await reader.banPageAt('CN-GD', END_OF_TIME - 1, { offset: 0, limit: 1000 }))
        .toStrictEqual(kept.filter(holds(END_OF_TIME - 1)).filter(isBanPiece).sort(byEffective));
      expect(await reader.spansAt([first!.jurisdiction], null, 37_000)).toStrictEqual(first!.spans.filter(holds(37_000)).sort(byFirstRecorded));
    });
  });

  describe('maintenance by the projector', () => {
    const calls = new Map<string, number>();
    const projector = standIn(calls);
    let events: SqliteEventStore;
    let store: ReadModelStore;
    let readModel: OpenedReadModel;

    /** what the stand-in makes of every place of the log as it stands, and what is stored */
    async function expectRowsOfTheLog(): Promise<void> {
      const logged: LoggedEvent[] = [];
      for await (const event of events.readAll()) logged.push({ position: Number(event.position.commit), recordedAt: event.recordedAt, type: event.type, data: event.data });
      const histories = buildFactHistories(logged);
      const byPlace = new Map<string, FactHistory[]>();
      for (const history of histories) {
        const place = history.versions.at(-1)!.content.jurisdiction;
        byPlace.set(place, [...(byPlace.get(place) ?? []), history]);
      }
      const silent = standIn(new Map());
      const expected = [...byPlace].map(([place, list]) => silent(place, list)).sort((a, b) => (a.jurisdiction < b.jurisdiction ? -1 : 1));
      const spans = await readModel.db.selectFrom('fact_spans').selectAll().orderBy('jurisdiction').orderBy('first_position').orderBy('fact_id').execute();
      expect(spans.map((row) => ({ factId: row.fact_id, jurisdiction: row.jurisdiction, body: row.body, firstPosition: Number(row.first_position) })))
        .toStrictEqual(expected.flatMap((p) => [...p.spans].sort(byFirstRecorded))
          .map((s) => ({ factId: s.factId, jurisdiction: s.jurisdiction, body: s.body, firstPosition: s.firstPosition })));
      const segments = await readModel.db.selectFrom('place_segments').select(['jurisdiction', 'body']).orderBy('jurisdiction').execute();
      expect(segments).toStrictEqual(expected.flatMap((p) => p.segments.map((s) => ({ jurisdiction: s.jurisdiction, body: s.body }))));
      expect(await readModel.db.selectFrom('projection_dirty').selectAll().execute()).toStrictEqual([]);
    }

    beforeAll(async () => {
      events = await SqliteEventStore.open(join(dir, `events-${dialect}.sqlite`));
      readModel = await freshReadModel();
      store = new ReadModelStore(readModel.db, {}, { projectPlace: projector });
    });
    afterAll(() => events.close());

    it('a catch-up marks the places it touched and computes each once at its end', async () => {
      await writeCorpus(events, { events: 1_500, seed: 4, correctionRate: 0.2 });
      const consumer = readModelConsumer(events, store, { name: 'read-model', batchSize: 500 });
      const progress = await consumer.catchUp();
      expect(progress.events).toBe(1_500);
      expect(calls.size).toBeGreaterThan(10);
      expect([...calls.values()].every((n) => n === 1)).toBe(true);
      await expectRowsOfTheLog();
    });

    it('a live append recomputes the places it touches in its own transaction: a correction moving a fact, a retraction', async () => {
      const consumer = readModelConsumer(events, store, { name: 'read-model', batchSize: 500 });
      await publish(events, NX, nxNotice);
      calls.clear();
      await store.applyEvents('read-model', await unprojected(events, store));
      expect([...calls.keys()]).toStrictEqual(['CN-NX']);
      // the prohibition of Ningxia, corrected into Guangdong: both places change
      await run(events, { type: 'CorrectFact', noticeId: NX, factId: `${NX}:1`, correctionId: 'move', reason: 'the source is Guangdong\'s',
        corrected: { type: 'BusinessLineProhibited', jurisdiction: 'Guangdong', effective: '2019-10', businessLine: 'online-lending' } });
      calls.clear();
      await store.applyEvents('read-model', await unprojected(events, store));
      expect([...calls.keys()].sort()).toStrictEqual(['CN-GD', 'CN-NX']);
      await expectRowsOfTheLog();
      await run(events, { type: 'RetractFact', noticeId: NX, factId: `${NX}:1`, retractionId: 'gone', reason: 'no such notice' });
      calls.clear();
      await consumer.catchUp();
      expect([...calls.keys()]).toStrictEqual(['CN-GD']);
      await expectRowsOfTheLog();
    });

    it('a live run too large for its own transaction (a burst of appends): its places are computed right after it', async () => {
      await writeCorpus(events, { events: 600, seed: 5, correctionRate: 0.2 });
      const run = await unprojected(events, store);
      expect(run.length).toBe(600);
      const projection = new ReadModelProjection(store, 'read-model');
      await projection.caughtUp(0); // following the log from here
      calls.clear();
      await projection.handle(new LogEventsRead(run));
      expect(calls.size).toBeGreaterThan(LIVE_RUN.places);
      expect([...calls.values()].every((n) => n === 1)).toBe(true);
      await expectRowsOfTheLog();
    });
  });
});

/** the events after the projector's checkpoint (one append: a live run) */
async function unprojected(events: SqliteEventStore, store: ReadModelStore) {
  const after = await store.checkpoint('read-model');
  const all = [];
  for await (const event of events.readAll(after ? { after } : {})) all.push(event);
  return all;
}
