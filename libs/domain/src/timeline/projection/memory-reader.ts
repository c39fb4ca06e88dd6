/*
 * The ProjectionReader over projections held in memory: the domain's tests read through it, and
 * it is the reference the read models' SQL readers are held to (the same rows, in the same order).
 */
import type { FactKind } from '../../facts/fact-catalogue.js';
import { jurisdictions, type JurisdictionRegistry } from '../../jurisdictions/jurisdiction-registry.js';
import { BAN_KINDS } from '../bans.js';
import type { ListPage } from '../list-page.js';
import { statisticOrder } from '../counts.js';
import { isBanPiece, spanBodyWithoutSources } from './fact-pieces.js';
import type { FactSpanRow, HalfDay, LatestSpan, PlaceProjection, PlaceSegmentRow, ProjectionReader, StatisticPageOptions } from './contract.js';

const holds = (row: { from: HalfDay; to: HalfDay }, at: HalfDay): boolean => row.from <= at && at < row.to;

/** First-recorded order: the fold's. */
export const firstRecorded = (a: FactSpanRow, b: FactSpanRow): number =>
  a.firstPosition - b.firstPosition || (a.factId < b.factId ? -1 : a.factId > b.factId ? 1 : 0);

/** Effective order (effectiveOrder of counts.ts): earlier latest day, then earlier earliest day (unbounded first), then first recorded. */
export const effectiveOrdered = (a: FactSpanRow, b: FactSpanRow): number =>
  (a.effectiveLatest !== b.effectiveLatest ? (a.effectiveLatest < b.effectiveLatest ? -1 : 1) : 0) ||
  (a.effectiveEarliest !== b.effectiveEarliest ? (a.effectiveEarliest < b.effectiveEarliest ? -1 : 1) : 0) ||
  firstRecorded(a, b);

/** What a count needs of a span (the body's `v` and `p`, kept beside it). */
export const latestSpanOf = (span: FactSpanRow): LatestSpan => ({
  factId: span.factId, jurisdiction: span.jurisdiction, kind: span.kind, effectiveLatest: span.effectiveLatest,
  effectiveEarliest: span.effectiveEarliest, version: span.versionPosition, possible: span.possible,
});

/** latestFirst over spans: later latest, later earliest, later version, then factId. */
export const latestFirstSpans = (a: LatestSpan, b: LatestSpan): number =>
  (a.effectiveLatest !== b.effectiveLatest ? (a.effectiveLatest < b.effectiveLatest ? 1 : -1) : 0) ||
  (a.effectiveEarliest !== b.effectiveEarliest ? (a.effectiveEarliest < b.effectiveEarliest ? 1 : -1) : 0) ||
  (b.version ?? 0) - (a.version ?? 0) || (a.factId < b.factId ? -1 : a.factId > b.factId ? 1 : 0);

export function memoryProjectionReader(projections: readonly PlaceProjection[], registry: JurisdictionRegistry = jurisdictions): ProjectionReader {
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
    statisticPageAt: async (places, at, page: ListPage, options: StatisticPageOptions = {}) => {
      const keyed = spansHolding(places, ['StatisticReported'], at).map((span) => ({ span, key: span.seriesKey ?? '' }));
      keyed.sort((a, b) => statisticOrder(a.key, a.span.factId, b.key, b.span.factId));
      const bodyOf = options.sources === false ? spanBodyWithoutSources : (body: string) => body;
      return {
        spans: keyed.slice(page.offset, page.offset + page.limit).map(({ span: { factId, firstPosition, body } }) => ({ factId, firstPosition, body: bodyOf(body) })),
        total: options.total ?? keyed.length,
      };
    },
    banPageAt: async (place, at, page: ListPage) =>
      spansHolding(null, BAN_KINDS, at).filter((span) => isBanPiece(span) && (place === null || registry.isWithin(span.jurisdiction, place)))
        .sort(effectiveOrdered).slice(page.offset, page.offset + page.limit),
    spansOfFactsAt: async (factIds, at) => spans.filter((span) => holds(span, at) && factIds.includes(span.factId)).sort(firstRecorded),
    namedCandidatesAt: async (groups, at) => groups.map((group) => {
      const days = new Map(group.places.map((place) => [place.place, place]));
      const left = new Set(group.leftOut);
      const within = (span: FactSpanRow) => {
        const place = days.get(span.jurisdiction);
        return place !== undefined && place.lowest <= span.effectiveLatest && span.effectiveLatest <= place.highest && !left.has(span.factId);
      };
      return spansHolding([...days.keys()], [group.kind], at).filter(within).map(latestSpanOf).sort(latestFirstSpans)
        .slice(group.offset, group.offset + group.limit);
    }),
  };
}
