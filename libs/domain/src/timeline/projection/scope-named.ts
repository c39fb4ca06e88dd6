/*
 * The facts a scope's counts show, read merged per scope and count (contract.ts namedCandidatesAt).
 * A count shows the latest MAX_FIGURE_FACT_IDS facts its places name (combine.ts figureOf) and is
 * certain when every place's named facts are (a segment's `c`): an answer reads about as many
 * spans as it shows, not every named fact of every place (a province with its cities at 1M
 * events: ~2,000). A segment projected before `c` or `r` (migration 0021 marked every place stale,
 * so none is left once the projector has run) is not read: the answer folds.
 */
import type { FactKind } from '../../facts/fact-catalogue.js';
import type { FuzzyDate } from '../../time/fuzzy-date.js';
import { MAX_FIGURE_FACT_IDS } from '../counts.js';
import type { HalfDay, LatestSpan, NamedGroup, ProjectionReader } from './contract.js';
import { dayNumber } from './half-day.js';
import { ACTION_COUNTS, type ActionCount, type Named, type NamedPart, type NamedParts, type NamedReading, type PlaceAggregates } from './place-aggregates.js';

const isReading = (named: Named): named is NamedReading => 'm' in named;

/** A named fact as place-aggregates.ts partOf gives it (effectiveEarliest '' when the window is unbounded below). */
const partOf = (span: LatestSpan): NamedPart => [
  span.factId, dayNumber(span.effectiveLatest), span.effectiveEarliest === '' ? null : dayNumber(span.effectiveEarliest),
  span.version ?? 0, span.possible ? 0 : 1,
];

/** The windows (content.effective) of these facts, from their spans holding `at`: a count shows its first named fact's. */
async function windowsOf(reader: ProjectionReader, factIds: readonly string[], at: HalfDay): Promise<Map<string, FuzzyDate>> {
  const spans = factIds.length === 0 ? [] : await reader.spansOfFactsAt(factIds, at);
  return new Map(spans.map((span) => [span.factId, (JSON.parse(span.body) as { c: { effective: FuzzyDate } }).c.effective]));
}

/** the counts that name facts: the actions' and the exits' (`x`) */
type Counted = ActionCount | 'x';
const COUNTED: ReadonlyArray<readonly [Counted, FactKind]> = [
  ...(Object.entries(ACTION_COUNTS) as [ActionCount, FactKind][]), ['x', 'InstitutionExitAnnounced'],
];

/** candidates read at a time per scope and count: the facts shown and a few that a place ranks but does not name */
const CANDIDATES_PER_READ = 2 * MAX_FIGURE_FACT_IDS;

type Tally = Named & { readonly c?: boolean };
const tallyOf = (aggregates: PlaceAggregates, count: Counted): Tally | null | undefined => (count === 'x' ? aggregates.x : aggregates.a[count]);

/** Whether every count's reading can be read merged: its days (`r`) and, an action's, its certainty (`c`) projected. */
function readableByScope(places: Iterable<PlaceAggregates>): boolean {
  for (const aggregates of places) {
    for (const [count] of COUNTED) {
      const named = tallyOf(aggregates, count);
      if (named && isReading(named) && (named.r === undefined || (count !== 'x' && named.c === undefined))) return false;
    }
  }
  return true;
}

/** One scope's count being read: its group, how many each place names, the named facts taken so far (latest first). */
interface Walk {
  readonly scope: number;
  readonly count: Counted;
  group: NamedGroup;
  readonly names: ReadonlyMap<string, number>;
  readonly taken: Map<string, LatestSpan[]>;
  first: LatestSpan | null;
  size: number;
}

function walksOf(stored: ReadonlyMap<string, PlaceAggregates>, scopes: readonly (readonly string[])[]): Walk[] {
  return scopes.flatMap((places, scope) => COUNTED.flatMap(([count, kind]): Walk[] => {
    const read: NamedGroup['places'][number][] = [];
    const leftOutBy = new Map<string, readonly string[]>();
    const names = new Map<string, number>();
    for (const place of places) {
      const aggregates = stored.get(place);
      const named = aggregates && tallyOf(aggregates, count);
      if (!named || !isReading(named) || named.m === 0 || named.r?.length !== 2) continue;
      read.push({ place, lowest: named.r[0], highest: named.r[1] });
      leftOutBy.set(place, named.s ?? []);
      names.set(place, named.m);
    }
    if (read.length === 0) return [];
    const from = shownFrom(read, names);
    const shown = read.flatMap((place) => (place.highest < from ? [] : [{ ...place, lowest: place.lowest < from ? from : place.lowest }]));
    // the ids left out by the places read only
    const leftOut = shown.flatMap((place) => leftOutBy.get(place.place) ?? []);
    return [{ scope, count, group: { kind, places: shown, leftOut, offset: 0, limit: CANDIDATES_PER_READ }, names, taken: new Map(), first: null, size: 0 }];
  }));
}

/**
 * The effective latest day from which a scope's count reads its places' candidates: the places
 * taken by their lowest named day, latest first, until they name MAX_FIGURE_FACT_IDS facts; that
 * many facts have a latest day on or after the last one's lowest, so the facts the count shows do
 * too (latest first ranks by latest day first, and every fact on that day is read). '' (every
 * day) when the places name fewer. A place's candidates before it are not read: what the read
 * costs grows with the facts shown, not with the places and what each names.
 */
function shownFrom(read: readonly NamedGroup['places'][number][], names: ReadonlyMap<string, number>): string {
  let named = 0;
  for (const place of [...read].sort((a, b) => (a.lowest < b.lowest ? 1 : a.lowest > b.lowest ? -1 : 0))) {
    named += names.get(place.place) ?? 0;
    if (named >= MAX_FIGURE_FACT_IDS) return place.lowest;
  }
  return '';
}

/** Takes the named facts among the merged candidates, in order: each place names its first `m`, the scope shows MAX_FIGURE_FACT_IDS. */
function take(walk: Walk, candidates: readonly LatestSpan[]): void {
  for (const span of candidates) {
    if (walk.size >= MAX_FIGURE_FACT_IDS) return;
    const taken = walk.taken.get(span.jurisdiction) ?? [];
    if (taken.length >= (walk.names.get(span.jurisdiction) ?? 0)) continue;
    taken.push(span);
    walk.taken.set(span.jurisdiction, taken);
    walk.first ??= span;
    walk.size += 1;
  }
}

/** A place's aggregates as one scope reads them (N = NamedParts). */
export type ScopeAggregates = (code: string) => PlaceAggregates<NamedParts> | undefined;

/**
 * The places' aggregates for each scope (its places: the place asked and those inside it), each
 * count with those of its named facts that the scope's count may show (the place's among the
 * scope's latest MAX_FIGURE_FACT_IDS, in order) and, at the scope's latest, its window. A place
 * outside the scope (one containing the place asked: its prohibitions only are read) names none.
 * Null when a segment was projected before its counts' days or certainty (the answer then folds).
 */
export async function namedInScopes(
  reader: ProjectionReader, stored: ReadonlyMap<string, PlaceAggregates>, scopes: readonly (readonly string[])[], at: HalfDay,
): Promise<ScopeAggregates[] | null> {
  if (!readableByScope(stored.values())) return null;
  const walks = walksOf(stored, scopes);
  for (let pending = walks; pending.length > 0;) {
    const pages = await reader.namedCandidatesAt(pending.map((walk) => walk.group), at);
    pending = pending.filter((walk, index) => {
      const page = pages[index] ?? [];
      take(walk, page);
      if (walk.size >= MAX_FIGURE_FACT_IDS || page.length < walk.group.limit) return false;
      walk.group = { ...walk.group, offset: walk.group.offset + walk.group.limit };
      return true;
    });
  }
  const windows = await windowsOf(reader, walks.flatMap((walk) => (walk.first ? [walk.first.factId] : [])), at);
  const found = new Map(walks.map((walk) => [`${walk.scope}\u0000${walk.count}`, walk]));
  return scopes.map((_places, scope) => {
    const resolved = new Map<string, PlaceAggregates<NamedParts>>();
    const resolve = <T extends Tally>(code: string, count: Counted, named: T): NamedParts & Omit<T, 'm' | 's' | 'r'> => {
      if (!isReading(named)) return named as NamedParts & T;
      const { m: _m, s: _s, r: _r, ...rest } = named;
      const walk = found.get(`${scope}\u0000${count}`);
      const first = walk?.first?.jurisdiction === code ? windows.get(walk.first.factId) : undefined;
      // the keys it adds first: V8 11 (Node 20) makes an object spread followed by a key of its own
      // ~20 times slower, and what it allocates lives through the young generation's collections
      return { e: first as FuzzyDate, f: (walk?.taken.get(code) ?? []).map(partOf), ...rest } as NamedParts & Omit<T, 'm' | 's' | 'r'>;
    };
    return (code: string) => {
      const known = resolved.get(code);
      if (known) return known;
      const aggregates = stored.get(code);
      if (!aggregates) return undefined;
      const a: Partial<Record<ActionCount, PlaceAggregates<NamedParts>['a'][ActionCount]>> = {};
      for (const [count, tally] of Object.entries(aggregates.a) as [ActionCount, NonNullable<PlaceAggregates['a'][ActionCount]>][]) a[count] = resolve(code, count, tally);
      const place: PlaceAggregates<NamedParts> = { ...aggregates, a, x: aggregates.x && resolve(code, 'x', aggregates.x) };
      resolved.set(code, place);
      return place;
    };
  });
}
