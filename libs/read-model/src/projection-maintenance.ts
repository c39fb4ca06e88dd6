import type { Kysely } from 'kysely';
import type { FactHistory, PlaceProjection } from '../../domain/src/index.js';
import { ROWS_PER_INSERT } from './bulk-change-writer.js';
import type { ReadModelChange } from './projections.js';
import { positionParam, type ReadModelDatabase } from './schema.js';
import { KyselyTimelineReader } from './timeline-reader.js';

/** What a place's own facts project to (the domain's projectPlace, with the jurisdiction registry bound). */
export type PlaceProjector = (code: string, histories: FactHistory[]) => PlaceProjection;

/**
 * A run of events this small (live appends) recomputes the places it touched in its own
 * transaction; a larger one (a catch-up, a rebuild) only marks them, and they are computed once the
 * consumer has caught up, so a rebuild computes each place once.
 */
export const LIVE_RUN = { events: 200, places: 20 } as const;
/** places recomputed per transaction after a catch-up: short transactions, answers are not held up */
export const PLACES_PER_TRANSACTION = 4;

type Db = Kysely<ReadModelDatabase>;

/** fact ids per lookup of their jurisdictions */
const IDS_PER_QUERY = 500;

/**
 * The places whose facts `changes` touch (after they are written): a new version's place, and the
 * place of every version of a corrected, corroborated or retracted fact that stood at some point of
 * the run (a correction may move a fact: the place it left and the place it entered both change).
 */
export async function placesTouched(db: Db, changes: readonly ReadModelChange[]): Promise<Set<string>> {
  const places = new Set<string>();
  const looked = new Set<string>();
  let since: bigint | null = null;
  const from = (position: bigint) => (since = since === null || position < since ? position : since);
  for (const change of changes) {
    if (change.type === 'insertFactVersion') places.add(change.version.jurisdiction);
    else if (change.type === 'supersedeFact' || change.type === 'retractFact') {
      looked.add(change.factId);
      from(change.position);
    } else if (change.type === 'insertCorroboration') {
      looked.add(change.corroboration.fact_id);
      from(change.corroboration.recorded_position);
    }
  }
  const ids = [...looked];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const rows = await db.selectFrom('facts').select('jurisdiction').distinct()
      .where('fact_id', 'in', ids.slice(i, i + IDS_PER_QUERY))
      .where((eb) => eb.or([eb('superseded_position', 'is', null), eb('superseded_position', '>=', positionParam(since!))]))
      .execute();
    for (const row of rows) places.add(row.jurisdiction);
  }
  return places;
}

/** Marks the places' projected rows stale (idempotent). */
export async function markDirty(db: Db, places: Iterable<string>): Promise<void> {
  const rows = [...places].map((jurisdiction) => ({ jurisdiction }));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await db.insertInto('projection_dirty').values(rows.slice(i, i + ROWS_PER_INSERT))
      .onConflict((oc) => oc.column('jurisdiction').doNothing()).execute();
  }
}

/** Replaces every row of the projection's place with its rows, and clears the place's stale mark. */
export async function storePlace(db: Db, projection: PlaceProjection): Promise<void> {
  const place = projection.jurisdiction;
  await db.deleteFrom('fact_spans').where('jurisdiction', '=', place).execute();
  await db.deleteFrom('place_segments').where('jurisdiction', '=', place).execute();
  const spans = projection.spans.map((span) => ({
    fact_id: span.factId, jurisdiction: span.jurisdiction, kind: span.kind, from_key: span.from, to_key: span.to,
    effective_latest: span.effectiveLatest, effective_earliest: span.effectiveEarliest,
    first_position: positionParam(BigInt(span.firstPosition)), body: span.body,
  }));
  for (let i = 0; i < spans.length; i += ROWS_PER_INSERT) await db.insertInto('fact_spans').values(spans.slice(i, i + ROWS_PER_INSERT)).execute();
  const segments = projection.segments.map((segment) => ({
    jurisdiction: segment.jurisdiction, from_key: segment.from, to_key: segment.to, body: segment.body,
  }));
  for (let i = 0; i < segments.length; i += ROWS_PER_INSERT) {
    await db.insertInto('place_segments').values(segments.slice(i, i + ROWS_PER_INSERT)).execute();
  }
  await db.deleteFrom('projection_dirty').where('jurisdiction', '=', place).execute();
}

/**
 * The histories of the facts located in `place` as the log now stands: every fact one of whose
 * versions was there, kept when its latest version is there (a fact corrected into another place
 * is that place's).
 */
export async function placeHistories(db: Db, place: string): Promise<FactHistory[]> {
  const histories = await new KyselyTimelineReader(db, '').factHistories({ jurisdictions: [place], startedBy: null, recordedAt: null });
  return histories.filter((history) => (history.versions.at(-1)?.content.jurisdiction ?? place) === place);
}

/** Projects `place` from its facts as the log now stands and stores its rows (in `db`'s transaction). */
export async function recomputePlace(db: Db, place: string, projector: PlaceProjector): Promise<void> {
  await storePlace(db, projector(place, await placeHistories(db, place)));
}

/**
 * Recomputes every place marked stale, a few places per transaction, until none is left (after a
 * catch-up). Returns how many places were computed.
 */
export async function recomputeDirty(db: Db, projector: PlaceProjector, perTransaction = PLACES_PER_TRANSACTION): Promise<number> {
  let computed = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const places = await trx.selectFrom('projection_dirty').select('jurisdiction').orderBy('jurisdiction').limit(perTransaction).execute();
      for (const { jurisdiction } of places) await recomputePlace(trx, jurisdiction, projector);
      return places.length;
    });
    if (done === 0) return computed;
    computed += done;
  }
}

/**
 * The projection's part of a run's transaction, once its changes are written: the places the run
 * touched are recomputed there when the run is small (live appends), else marked stale. Without a
 * projector they are only marked (answers about them fold).
 */
export async function maintainProjection(
  db: Db, changes: readonly ReadModelChange[], events: number, projector: PlaceProjector | null,
): Promise<void> {
  const places = await placesTouched(db, changes);
  if (places.size === 0) return;
  if (projector && events <= LIVE_RUN.events && places.size <= LIVE_RUN.places) {
    for (const place of places) await recomputePlace(db, place, projector);
  } else {
    await markDirty(db, places);
  }
}
