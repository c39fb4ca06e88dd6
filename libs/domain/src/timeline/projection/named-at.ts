/*
 * The facts each place's counts name, read from the spans when an answer needs them: a segment
 * keeps only how many a count names and the few facts of its kind it leaves out (place-aggregates.ts
 * Named); one read gives every place's first spans of the kind, latest first (contract.ts latestSpansAt).
 */
import type { FactKind } from '../../facts/fact-catalogue.js';
import type { FuzzyDate } from '../../time/fuzzy-date.js';
import type { HalfDay, LatestSpan, LatestWanted, NamedBounds, ProjectionReader } from './contract.js';
import { dayNumber } from './half-day.js';
import { ACTION_COUNTS, type ActionCount, type Named, type NamedPart, type NamedParts, type NamedReading, type PlaceAggregates } from './place-aggregates.js';

export const isReading = (named: Named): named is NamedReading => 'm' in named;

/** Where the named facts lie, when the segment says (projected with `r`). */
const boundsOf = (named: NamedReading): NamedBounds | undefined => named.r && { latest: named.r };

/** A named fact as place-aggregates.ts partOf gives it (effectiveEarliest '' when the window is unbounded below). */
export const partOf = (span: LatestSpan): NamedPart => [
  span.factId, dayNumber(span.effectiveLatest), span.effectiveEarliest === '' ? null : dayNumber(span.effectiveEarliest),
  span.version ?? 0, span.possible ? 0 : 1,
];

/** The windows (content.effective) of these facts, from their spans holding `at`: a count shows its first named fact's. */
export async function windowsOf(reader: ProjectionReader, factIds: readonly string[], at: HalfDay): Promise<Map<string, FuzzyDate>> {
  const spans = factIds.length === 0 ? [] : await reader.spansOfFactsAt(factIds, at);
  return new Map(spans.map((span) => [span.factId, (JSON.parse(span.body) as { c: { effective: FuzzyDate } }).c.effective]));
}

/** The places' aggregates with the facts their counts name (what combine.ts adds up). */
export async function namedAt(
  reader: ProjectionReader, places: ReadonlyMap<string, PlaceAggregates>, at: HalfDay,
): Promise<Map<string, PlaceAggregates<NamedParts>>> {
  const wanted: LatestWanted[] = [];
  const want = (place: string, kind: FactKind, named: Named | null | undefined) => {
    if (named && isReading(named)) wanted.push([place, kind, named.m + (named.s?.length ?? 0), boundsOf(named)]);
  };
  for (const [place, aggregates] of places) {
    for (const [count, kind] of Object.entries(ACTION_COUNTS) as [ActionCount, FactKind][]) want(place, kind, aggregates.a[count]);
    want(place, 'InstitutionExitAnnounced', aggregates.x);
  }
  const spans = wanted.length === 0 ? [] : await reader.latestSpansAt(wanted, at);
  const byPlaceKind = new Map<string, typeof spans>();
  for (const span of spans) {
    const key = `${span.jurisdiction}\u0000${span.kind}`;
    const list = byPlaceKind.get(key);
    if (list) list.push(span);
    else byPlaceKind.set(key, [span]);
  }
  const namedSpans = (place: string, kind: FactKind, named: NamedReading): LatestSpan[] => {
    const left = new Set(named.s ?? []);
    return (byPlaceKind.get(`${place}\u0000${kind}`) ?? []).filter((span) => !left.has(span.factId)).slice(0, named.m);
  };
  const firsts: string[] = [];
  const wantFirst = (place: string, kind: FactKind, named: Named | null | undefined) => {
    const first = named && isReading(named) ? namedSpans(place, kind, named)[0] : undefined;
    if (first) firsts.push(first.factId);
  };
  for (const [place, aggregates] of places) {
    for (const [count, kind] of Object.entries(ACTION_COUNTS) as [ActionCount, FactKind][]) wantFirst(place, kind, aggregates.a[count]);
    wantFirst(place, 'InstitutionExitAnnounced', aggregates.x);
  }
  const windows = await windowsOf(reader, firsts, at);
  const resolve = <T extends object>(place: string, kind: FactKind, named: Named & T): NamedParts & Omit<T, 'm' | 's' | 'r'> => {
    if (!isReading(named)) return named as NamedParts & T;
    const { m: _m, s: _s, r: _r, ...rest } = named as NamedReading & T;
    const spans = namedSpans(place, kind, named);
    return { ...rest, e: windows.get(spans[0]?.factId ?? '') as FuzzyDate, f: spans.map(partOf) } as NamedParts & Omit<T, 'm' | 's' | 'r'>;
  };
  const resolved = new Map<string, PlaceAggregates<NamedParts>>();
  for (const [place, aggregates] of places) {
    const a: Partial<Record<ActionCount, PlaceAggregates<NamedParts>['a'][ActionCount]>> = {};
    for (const [count, kind] of Object.entries(ACTION_COUNTS) as [ActionCount, FactKind][]) {
      const tally = aggregates.a[count];
      if (tally) a[count] = resolve(place, kind, tally);
    }
    resolved.set(place, { ...aggregates, a, x: aggregates.x && resolve(place, 'InstitutionExitAnnounced', aggregates.x) });
  }
  return resolved;
}
