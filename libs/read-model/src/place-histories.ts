import type { Kysely } from 'kysely';
import type { FactHistory, PlaceProjectionPasses, PlaceRowSink } from '../../domain/src/index.js';
import type { ReadModelDatabase } from './schema.js';
import { KyselyTimelineReader } from './timeline-reader.js';

/** fact ids per lookup of their histories */
export const IDS_PER_QUERY = 500;

/** Lets the thread's other work run (the API's requests, with the embedded projector). */
export type Pause = () => Promise<void>;

/**
 * The histories of the facts located in `place` as the log now stands: every fact one of whose
 * versions was there, kept when its latest version is there (a fact corrected into another place
 * is that place's). With `pause`, read a slice of facts at a time, pausing between slices.
 */
export async function placeHistories(db: Kysely<ReadModelDatabase>, place: string, pause: Pause | null = null): Promise<FactHistory[]> {
  if (pause === null) {
    const reader = new KyselyTimelineReader(db, '');
    return (await reader.factHistories({ jurisdictions: [place], startedBy: null, recordedAt: null })).filter(locatedIn(place));
  }
  const histories: FactHistory[] = [];
  for (const ids of await placeFactSlices(db, place)) {
    await pause();
    for (const history of await placeHistorySlice(db, place, ids)) histories.push(history);
  }
  return histories;
}

/** The ids of the facts one of whose versions was in `place`, in slices to read their histories by (placeHistorySlice). */
export async function placeFactSlices(db: Kysely<ReadModelDatabase>, place: string): Promise<string[][]> {
  const ids = (await db.selectFrom('facts').select('fact_id').distinct().where('jurisdiction', '=', place).execute()).map((row) => row.fact_id);
  const slices: string[][] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) slices.push(ids.slice(i, i + IDS_PER_QUERY));
  return slices;
}

/** The histories of these facts located in `place` as the log now stands (placeHistories). */
export async function placeHistorySlice(db: Kysely<ReadModelDatabase>, place: string, ids: readonly string[]): Promise<FactHistory[]> {
  const reader = new KyselyTimelineReader(db, '');
  return (await reader.factHistories({ jurisdictions: null, startedBy: null, recordedAt: null, factIds: [...ids] })).filter(locatedIn(place));
}

/** A fact is its latest version's place's (a fact corrected into another place is that place's). */
const locatedIn = (place: string) => (history: FactHistory): boolean => (history.versions.at(-1)?.content.jurisdiction ?? place) === place;

/**
 * A place's rows made in passes (PlaceProjectionPasses) over its facts' histories, read in slices
 * twice instead of held whole: handed to `sink` as they are made, `step` awaited after each slice
 * of work (to queue rows, to pause). Both readings see the same facts: the projector that calls it
 * is the read models' one writer and writes nothing else meanwhile.
 */
export async function projectInPasses(
  db: Kysely<ReadModelDatabase>, passes: PlaceProjectionPasses, sink: PlaceRowSink, step: () => Promise<void>,
): Promise<void> {
  const slices = await placeFactSlices(db, passes.code);
  for (const ids of slices) {
    passes.take(await placeHistorySlice(db, passes.code, ids));
    await step();
  }
  passes.changes();
  for (const ids of slices) {
    sink(passes.spansOf(await placeHistorySlice(db, passes.code, ids)), []);
    await step();
  }
  for (const cut of passes.segments()) {
    sink([], cut);
    await step();
  }
}
