/*
 * The ProjectionReader over projections held in memory: the domain's tests read through it, and
 * it is the reference the read models' SQL readers are held to (the same rows, in the same order).
 */
import type { FactKind } from '../../facts/fact-catalogue.js';
import type { ListPage } from '../list-page.js';
import type { FactSpanRow, HalfDay, PlaceProjection, PlaceSegmentRow, ProjectionReader } from './contract.js';

const holds = (row: { from: HalfDay; to: HalfDay }, at: HalfDay): boolean => row.from <= at && at < row.to;

/** First-recorded order: the fold's. */
export const firstRecorded = (a: FactSpanRow, b: FactSpanRow): number =>
  a.firstPosition - b.firstPosition || (a.factId < b.factId ? -1 : a.factId > b.factId ? 1 : 0);

/** Effective order (effectiveOrder of counts.ts): earlier latest day, then earlier earliest day (unbounded first), then first recorded. */
export const effectiveOrdered = (a: FactSpanRow, b: FactSpanRow): number =>
  (a.effectiveLatest !== b.effectiveLatest ? (a.effectiveLatest < b.effectiveLatest ? -1 : 1) : 0) ||
  (a.effectiveEarliest !== b.effectiveEarliest ? (a.effectiveEarliest < b.effectiveEarliest ? -1 : 1) : 0) ||
  firstRecorded(a, b);

/** The version position a span's body gives (fact-pieces.ts SpanBody `v`). */
export const versionOfSpan = (span: FactSpanRow): number => (JSON.parse(span.body) as { v: number }).v;

/** latestFirst over spans, their version positions given: later latest, later earliest, later version, then factId. */
export const latestFirstSpans = (a: FactSpanRow, av: number, b: FactSpanRow, bv: number): number =>
  (a.effectiveLatest !== b.effectiveLatest ? (a.effectiveLatest < b.effectiveLatest ? 1 : -1) : 0) ||
  (a.effectiveEarliest !== b.effectiveEarliest ? (a.effectiveEarliest < b.effectiveEarliest ? 1 : -1) : 0) ||
  bv - av || (a.factId < b.factId ? -1 : a.factId > b.factId ? 1 : 0);

/** The first `limit` of spans in latestFirst order. */
export function latestOf(spans: readonly FactSpanRow[], limit: number): FactSpanRow[] {
  return spans.map((span) => [span, versionOfSpan(span)] as const).sort(([a, av], [b, bv]) => latestFirstSpans(a, av, b, bv))
    .slice(0, limit).map(([span]) => span);
}

export function memoryProjectionReader(projections: readonly PlaceProjection[]): ProjectionReader {
  const spans = projections.flatMap((projection) => projection.spans);
  const segments = projections.flatMap((projection) => projection.segments);
  const spansHolding = (places: readonly string[] | null, kinds: readonly FactKind[] | null, at: HalfDay): FactSpanRow[] =>
    spans.filter((span) => holds(span, at) && (places === null || places.includes(span.jurisdiction)) && (kinds === null || kinds.includes(span.kind)));
  return {
    segmentsAt: async (places: readonly string[], at: HalfDay): Promise<PlaceSegmentRow[]> =>
      segments.filter((segment) => holds(segment, at) && places.includes(segment.jurisdiction)),
    spansAt: async (places, kinds, at) => spansHolding(places, kinds, at).sort(firstRecorded),
    spanPageAt: async (places, kinds, at, page: ListPage) =>
      spansHolding(places, kinds, at).sort(effectiveOrdered).slice(page.offset, page.offset + page.limit),
    spansOfFactsAt: async (factIds, at) => spans.filter((span) => holds(span, at) && factIds.includes(span.factId)).sort(firstRecorded),
    latestSpansAt: async (wanted, at) => wanted.flatMap(([place, kind, limit]) => latestOf(spansHolding([place], [kind], at), limit)),
  };
}
