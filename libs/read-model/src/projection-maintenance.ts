import type { Kysely } from 'kysely';
import {
  earliestKeyOf, END_OF_TIME, START_OF_TIME, type FactHistory, type FactSpanRow, type HalfDay, type PlaceProjection, type PlaceProjectionPasses, type PlaceRowSink,
  type PlaceSegmentRow,
} from '../../domain/src/index.js';
import { ROWS_PER_INSERT } from './bulk-change-writer.js';
import type { ReadModelChange } from './projections.js';
import { BulkWrites, dropIndexesForRebuild, queueStreamed, restoreDroppedIndexes } from './rebuild-bulk.js';
import { placeRowWrites, writeInSlices, type RowWrite } from './place-row-writes.js';
import { positionParam, type ReadModelDatabase } from './schema.js';
import { KyselyTimelineReader } from './timeline-reader.js';
import { IDS_PER_QUERY, placeHistories, projectInPasses, type Pause } from './place-histories.js';

/**
 * What a place's own facts project to (the domain's projectPlace, with the jurisdiction registry
 * bound): at once, or in steps (projectPlaceInSteps: a generator pausing between slices of work).
 */
export type PlaceProjector = ((code: string, histories: FactHistory[], sink?: PlaceRowSink) => PlaceProjection | Generator<void, PlaceProjection, void>) & {
  /**
   * The same projection in passes over the histories (PlaceProjectionPasses), read in slices twice
   * instead of held whole: the places computed after a run (recomputeDirty) use it when the projector offers it.
   */
  readonly inPasses?: (code: string) => PlaceProjectionPasses;
};

/**
 * A run of events this small (live appends) recomputes the places it touched in its own
 * transaction; a larger one (a catch-up, a rebuild) only marks them, and they are computed once the
 * consumer has caught up, so a rebuild computes each place once.
 */
export const LIVE_RUN = { events: 200, places: 20 } as const;
/** places recomputed per transaction after a catch-up: short transactions, answers are not held up */
export const PLACES_PER_TRANSACTION = 4;
/**
 * A place with more fact versions than this is not computed in a live run's transaction (seconds
 * for the nation at 100k events, the API's thread held with the embedded projector): it is marked
 * stale and computed right after, in steps (recomputeDirty).
 */
export const LARGE_PLACE_FACTS = 1_000;

type Db = Kysely<ReadModelDatabase>;

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

/**
 * Marks the places' projected rows stale from the key given (null: throughout, to be computed
 * whole), replacing an earlier mark: the caller's key already counts it (maintainProjection).
 */
export async function markStale(db: Db, places: ReadonlyMap<string, HalfDay | null>): Promise<void> {
  const rows = [...places].map(([jurisdiction, from]) => ({ jurisdiction, stale_from: from }));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await db.insertInto('projection_dirty').values(rows.slice(i, i + ROWS_PER_INSERT))
      .onConflict((oc) => oc.column('jurisdiction').doUpdateSet((eb) => ({ stale_from: eb.ref('excluded.stale_from') }))).execute();
  }
}

/** Marks the places' projected rows stale throughout (idempotent). */
export const markDirty = (db: Db, places: Iterable<string>): Promise<void> => markStale(db, new Map([...places].map((place) => [place, null])));

/** The places of `places` marked stale, each with the key its rows are stale from (null: throughout). */
async function staleMarks(db: Db, places: readonly string[]): Promise<Map<string, HalfDay | null>> {
  const marks = new Map<string, HalfDay | null>();
  for (let i = 0; i < places.length; i += IDS_PER_QUERY) {
    const rows = await db.selectFrom('projection_dirty').select(['jurisdiction', 'stale_from']).where('jurisdiction', 'in', places.slice(i, i + IDS_PER_QUERY)).execute();
    for (const row of rows) marks.set(row.jurisdiction, row.stale_from === null ? null : Number(row.stale_from));
  }
  return marks;
}

/**
 * Replaces the projection's place's rows from key `since` on (every row when START_OF_TIME), and
 * clears the place's stale mark: the rows ending before `since` are kept (earliestKeyOf: no change
 * since they were stored reaches them), those ending at or after it are the projection's (only
 * the rows that differ are written).
 */
export async function storePlace(db: Db, projection: PlaceProjection, since: HalfDay = START_OF_TIME): Promise<void> {
  for (const write of await placeRowWrites(db, projection, since)) await write(db);
  await db.deleteFrom('projection_dirty').where('jurisdiction', '=', projection.jurisdiction).execute();
}

const nextTurn: Pause = () => new Promise((resolve) => setImmediate(resolve));

/** how long a computation runs before it pauses */
const STEP_MS = 10;

/** What the projector makes of a place's facts, its steps run with a pause every STEP_MS when `pause` is given. */
async function projectionOf(projector: PlaceProjector, place: string, histories: FactHistory[], pause: Pause | null): Promise<PlaceProjection> {
  const made = projector(place, histories);
  if (!('next' in made)) return made;
  let since = performance.now();
  for (;;) {
    const step = made.next();
    if (step.done) return step.value;
    if (pause && performance.now() - since >= STEP_MS) {
      await pause();
      since = performance.now();
    }
  }
}

/**
 * What the projector makes of a place's facts as the log now stands, pausing every STEP_MS: in
 * passes over its histories read in slices when the projector offers them (a large place's
 * histories not held whole, only its rows), else from its histories read whole.
 */
async function placeProjection(db: Db, projector: PlaceProjector, place: string, pause: Pause): Promise<PlaceProjection> {
  const passes = projector.inPasses?.(place);
  if (!passes) return projectionOf(projector, place, await placeHistories(db, place, pause), pause);
  const projection = { jurisdiction: place, spans: [] as FactSpanRow[], segments: [] as PlaceSegmentRow[] };
  let since = performance.now();
  await projectInPasses(db, passes, (spans, segments) => {
    for (const row of spans) projection.spans.push(row);
    for (const row of segments) projection.segments.push(row);
  }, async () => {
    if (performance.now() - since < STEP_MS) return;
    await pause();
    since = performance.now();
  });
  return projection;
}

/** Projects `place` from its facts as the log now stands and stores its rows from `since` on (in `db`'s transaction). */
export async function recomputePlace(db: Db, place: string, projector: PlaceProjector, since: HalfDay = START_OF_TIME): Promise<void> {
  await storePlace(db, await projectionOf(projector, place, await placeHistories(db, place), null), since);
}

/**
 * Recomputes every place marked stale until none is left (after a catch-up, after a live run that
 * left a large place stale): a few places looked up at a time, each read, computed and stored
 * before the next is read, computed outside any transaction, pausing every few milliseconds (the
 * places' answers about days from their stale key on fold meanwhile; the projector is the read
 * models' one writer, and runs nothing else until this ends), then stored from the key its mark
 * gives (stale_from) in one transaction, or whole (a mark without a key) in short transactions, its
 * stale mark cleared in the last (writeInSlices). With `bulk` (after a long catch-up: a rebuild) the writes go in long
 * transactions of several places (BulkWrites), and when the projected tables are empty (a rebuild
 * from zero) the spans' indexes are built after the rows (dropIndexesForRebuild) and each place's
 * rows are queued as they are made (queueStreamed). Returns how many were computed.
 */
export async function recomputeDirty(
  db: Db, projector: PlaceProjector, perTransaction = PLACES_PER_TRANSACTION,
  { bulk = false, pause = nextTurn, sliceMs }: { readonly bulk?: boolean; readonly pause?: Pause; readonly sliceMs?: number } = {},
): Promise<number> {
  let computed = 0;
  const queue = bulk ? new BulkWrites(db, nextTurn) : null;
  // a rebuild from zero: no place has rows, the spans' indexes are built once at the end
  const fresh = bulk && await dropIndexesForRebuild(db);
  for (let after: string | null = null; ;) {
    let query = db.selectFrom('projection_dirty').select(['jurisdiction', 'stale_from']).orderBy('jurisdiction').limit(perTransaction);
    if (after !== null) query = query.where('jurisdiction', '>', after);
    const places = await query.execute();
    if (places.length === 0) {
      await queue?.flush(); // the queued places' marks cleared: look again from the first
      if (after !== null) {
        after = null;
        continue;
      }
      if (fresh) await restoreDroppedIndexes(db);
      return computed;
    }
    for (const { jurisdiction, stale_from: staleFrom } of places) {
      // each place stored (or queued) before the next is read: one place's facts and rows in memory at a time
      // (the nation and its provinces, next to each other in this order, are the largest)
      if (fresh && queue) await queueStreamed(queue, db, projector, jurisdiction, nextTurn);
      else {
        const projection = await placeProjection(db, projector, jurisdiction, pause);
        const writes: RowWrite[] = await placeRowWrites(db, projection, staleFrom === null ? START_OF_TIME : Number(staleFrom));
        writes.push((trx) => trx.deleteFrom('projection_dirty').where('jurisdiction', '=', jurisdiction).execute());
        if (queue) await queue.add(writes);
        // a place stale from a key: answers about the days before it read its rows meanwhile, so they are written in
        // one transaction (never seen half written; rows before the key read across it say the same); a place stale
        // throughout, in slices (its answers fold until the last slice clears its mark)
        else await writeInSlices(db, writes, pause, staleFrom === null ? sliceMs : Infinity);
      }
      computed += 1;
      after = jurisdiction;
    }
  }
}

/**
 * The projection's part of a run's transaction, once its changes are written. A live run (small)
 * recomputes the small places it touched there, from the earliest key its changes reach; a large
 * place (over `largePlaceFacts` fact versions: seconds of work) is marked stale from that key, to
 * be computed after the transaction in steps (recomputeDirty): its rows before the key are right
 * meanwhile, and answers about those days read them. A larger run only marks the places stale
 * throughout (computed whole once the consumer has caught up). Without a projector places are only
 * marked (answers about them fold).
 */
export async function maintainProjection(
  db: Db, changes: readonly ReadModelChange[], events: number, projector: PlaceProjector | null,
  { largePlaceFacts = LARGE_PLACE_FACTS }: { readonly largePlaceFacts?: number } = {},
): Promise<void> {
  const places = await placesTouched(db, changes);
  if (places.size === 0) return;
  if (!projector || events > LIVE_RUN.events || places.size > LIVE_RUN.places) {
    await markDirty(db, places);
    return;
  }
  const stale = await staleMarks(db, [...places]);
  const since = await earliestKeys(db, changes);
  const sizes = await factCounts(db, places);
  for (const place of places) {
    // the stored rows are right before this key: every row of a place not stale, a stale place's before its mark's key (null: none)
    const rightBefore = stale.has(place) ? stale.get(place)! : END_OF_TIME;
    const key = rightBefore === null ? null : Math.min(rightBefore, since.get(place) ?? START_OF_TIME);
    if ((sizes.get(place) ?? 0) > largePlaceFacts) await markStale(db, new Map([[place, key]]));
    else await recomputePlace(db, place, projector, key ?? START_OF_TIME);
  }
}

/** Per place, the earliest key the changes' facts reach there (earliestKeyOf over every version of each). */
async function earliestKeys(db: Db, changes: readonly ReadModelChange[]): Promise<Map<string, HalfDay>> {
  const ids = [...new Set(changes.flatMap((change) => {
    if (change.type === 'insertFactVersion') return [change.version.fact_id];
    if (change.type === 'supersedeFact' || change.type === 'retractFact') return [change.factId];
    return change.type === 'insertCorroboration' ? [change.corroboration.fact_id] : [];
  }))];
  const reader = new KyselyTimelineReader(db, '');
  const keys = new Map<string, HalfDay>();
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    for (const history of await reader.factHistories({ jurisdictions: null, startedBy: null, recordedAt: null, factIds: ids.slice(i, i + IDS_PER_QUERY) })) {
      const key = earliestKeyOf(history);
      for (const version of history.versions) {
        const place = version.content.jurisdiction;
        keys.set(place, Math.min(key, keys.get(place) ?? END_OF_TIME));
      }
    }
  }
  return keys;
}

/** How many fact versions each place has (how long its computation takes). */
async function factCounts(db: Db, places: ReadonlySet<string>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('facts').select(['jurisdiction', (eb) => eb.fn.countAll<number | string | bigint>().as('facts')])
    .where('jurisdiction', 'in', [...places]).groupBy('jurisdiction').execute();
  return new Map(rows.map((row) => [row.jurisdiction, Number(row.facts)]));
}
