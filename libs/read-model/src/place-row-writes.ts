import type { Kysely } from 'kysely';
import { BAN_KINDS, START_OF_TIME, type FactKind, type HalfDay, type PlaceProjection } from '../../domain/src/index.js';
import { banSpanRowsOf } from './ban-spans.js';
import { ROWS_PER_INSERT } from './bulk-change-writer.js';
import { positionParam, type ReadModelDatabase } from './schema.js';

type Db = Kysely<ReadModelDatabase>;

/** One statement of a place's store, run in whichever transaction `db` is. */
export type RowWrite = (db: Db) => Promise<unknown>;

/**
 * The statements that replace the projection's place's rows from key `since` on (every row when
 * START_OF_TIME): the rows ending before `since` are kept, those ending at or after it made the
 * projection's, only those that differ written (the stored ones are read first, here).
 */
export async function placeRowWrites(db: Db, projection: PlaceProjection, since: HalfDay): Promise<RowWrite[]> {
  const place = projection.jurisdiction;
  const writes: RowWrite[] = [];
  let { spans, segments } = projection;
  if (since === START_OF_TIME) {
    writes.push((trx) => trx.deleteFrom('fact_spans').where('jurisdiction', '=', place).execute());
    writes.push((trx) => trx.deleteFrom('ban_spans').where('jurisdiction', '=', place).execute());
    writes.push((trx) => trx.deleteFrom('place_segments').where('jurisdiction', '=', place).execute());
  } else {
    ({ spans, segments } = await replacedFrom(db, projection, since, writes));
  }
  return [...writes, ...placeRowInserts({ jurisdiction: place, spans, segments })];
}

/** The inserts of the projection's rows, a statement per ROWS_PER_INSERT rows (alone: the place has no rows stored). */
export function placeRowInserts({ spans, segments }: PlaceProjection): RowWrite[] {
  const writes: RowWrite[] = [];
  // rows made per statement, when it runs: the projection's rows are not held twice
  for (let i = 0; i < spans.length; i += ROWS_PER_INSERT) {
    const chunk = spans.slice(i, i + ROWS_PER_INSERT);
    writes.push((trx) => trx.insertInto('fact_spans').values(chunk.map((span) => ({
      fact_id: span.factId, jurisdiction: span.jurisdiction, kind: span.kind, from_key: span.from, to_key: span.to,
      effective_latest: span.effectiveLatest, effective_earliest: span.effectiveEarliest,
      first_position: positionParam(BigInt(span.firstPosition)), body: span.body,
      version_position: span.versionPosition === null ? null : positionParam(BigInt(span.versionPosition)),
      possible: span.possible ? 1 : 0, series_key: span.seriesKey,
    }))).execute());
  }
  const banRows = banSpanRowsOf(spans);
  for (let i = 0; i < banRows.length; i += ROWS_PER_INSERT) {
    const chunk = banRows.slice(i, i + ROWS_PER_INSERT);
    writes.push((trx) => trx.insertInto('ban_spans').values(chunk).execute());
  }
  for (let i = 0; i < segments.length; i += ROWS_PER_INSERT) {
    const chunk = segments.slice(i, i + ROWS_PER_INSERT);
    writes.push((trx) => trx.insertInto('place_segments').values(chunk.map((segment) => ({
      jurisdiction: segment.jurisdiction, from_key: segment.from, to_key: segment.to, body: segment.body,
    }))).execute());
  }
  return writes;
}

/** how long one transaction of writeInSlices writes before it commits and pauses */
const SLICE_MS = 20;

/**
 * Runs the writes in order, in transactions of about `sliceMs` each, pausing between them (the
 * API's requests run). In several slices only for places marked stale throughout whose mark the
 * last write clears: until then their rows, half written, are not read (answers about them fold);
 * a crash leaves them stale, and they are computed whole again.
 */
export async function writeInSlices(db: Db, writes: readonly RowWrite[], pause: () => Promise<void>, sliceMs = SLICE_MS): Promise<void> {
  for (let next = 0; next < writes.length;) {
    next = await db.transaction().execute(async (trx) => {
      const started = performance.now();
      let at = next;
      while (at < writes.length && (at === next || performance.now() - started < sliceMs)) await writes[at++]!(trx);
      return at;
    });
    if (next < writes.length) await pause();
  }
}

/**
 * The deletes (added to `writes`) of the place's stored rows ending from `since` on that the
 * projection does not have, and the projection's rows ending from `since` on not stored (to insert): most rows
 * are the same (a fact in force since before `since` and still, the others of a figure series),
 * and a row left alone costs no index update.
 */
async function replacedFrom(
  db: Db, projection: PlaceProjection, since: HalfDay, writes: RowWrite[],
): Promise<Pick<PlaceProjection, 'spans' | 'segments'>> {
  const place = projection.jurisdiction;
  const key = (...parts: ReadonlyArray<string | number | bigint>) => parts.join('\u0000');
  const storedSpans = await db.selectFrom('fact_spans').select(['fact_id', 'kind', 'from_key', 'to_key', 'body'])
    .where('jurisdiction', '=', place).where('to_key', '>=', since).execute();
  const spansNow = new Set(projection.spans.filter((row) => row.to >= since).map((row) => key(row.factId, row.from, row.to, row.body)));
  const spansStored = new Set<string>();
  const spansGone: Array<readonly [string, number]> = [];
  const bansGone: Array<readonly [string, number]> = [];
  for (const row of storedSpans) {
    const stored = key(row.fact_id, Number(row.from_key), Number(row.to_key), row.body);
    spansStored.add(stored);
    if (spansNow.has(stored)) continue;
    spansGone.push([row.fact_id, Number(row.from_key)]);
    if (BAN_KINDS.includes(row.kind as FactKind)) bansGone.push([row.fact_id, Number(row.from_key)]);
  }
  for (const [table, gone] of [['fact_spans', spansGone], ['ban_spans', bansGone]] as const) {
    for (let i = 0; i < gone.length; i += ROWS_PER_INSERT) {
      const chunk = gone.slice(i, i + ROWS_PER_INSERT);
      writes.push((trx) => trx.deleteFrom(table).where('jurisdiction', '=', place)
        .where((eb) => eb.or(chunk.map(([id, from]) => eb.and([eb('fact_id', '=', id), eb('from_key', '=', from)])))).execute());
    }
  }
  const storedSegments = await db.selectFrom('place_segments').select(['from_key', 'to_key', 'body'])
    .where('jurisdiction', '=', place).where('to_key', '>=', since).execute();
  const segmentsNow = new Set(projection.segments.filter((row) => row.to >= since).map((row) => key(row.from, row.to, row.body)));
  const segmentsStored = new Set(storedSegments.map((row) => key(Number(row.from_key), Number(row.to_key), row.body)));
  const segmentsGone = storedSegments.filter((row) => !segmentsNow.has(key(Number(row.from_key), Number(row.to_key), row.body)));
  for (let i = 0; i < segmentsGone.length; i += ROWS_PER_INSERT) {
    const chunk = segmentsGone.slice(i, i + ROWS_PER_INSERT).map((row) => row.to_key);
    writes.push((trx) => trx.deleteFrom('place_segments').where('jurisdiction', '=', place).where('to_key', 'in', chunk).execute());
  }
  return {
    spans: projection.spans.filter((row) => row.to >= since && !spansStored.has(key(row.factId, row.from, row.to, row.body))),
    segments: projection.segments.filter((row) => row.to >= since && !segmentsStored.has(key(row.from, row.to, row.body))),
  };
}
