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

const isReading = (named: Named): named is NamedReading => 'm' in named;

/** Where the named facts lie, when the segment says (projected with `r`). */
const boundsOf = (named: NamedReading): NamedBounds | undefined => named.r && { latest: named.r };

/** A named fact as place-aggregates.ts partOf gives it. */
const partOf = (span: LatestSpan): NamedPart => {
  const { earliest, latest } = span.effective as FuzzyDate;
  return [span.factId, dayNumber(latest), earliest === null ? null : dayNumber(earliest), span.version ?? 0, span.possible ? 0 : 1];
};

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
  const resolve = <T extends object>(place: string, kind: FactKind, named: Named & T): NamedParts & Omit<T, 'm' | 's' | 'r'> => {
    if (!isReading(named)) return named as NamedParts & T;
    const { m, s, r, ...rest } = named as NamedReading & T;
    const left = new Set(s ?? []);
    const spans = (byPlaceKind.get(`${place}\u0000${kind}`) ?? []).filter((span) => !left.has(span.factId)).slice(0, m);
    return { ...rest, e: spans[0]?.effective as FuzzyDate, f: spans.map(partOf) } as NamedParts & Omit<T, 'm' | 's' | 'r'>;
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
