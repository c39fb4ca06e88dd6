/*
 * The as-of answers assembled from the projection (latest knowledge only): the same JSON as the
 * fold's (stateFromFacts, bansInForce, nationalStateFromFacts) from the segments holding the
 * question's key and a page of the spans holding it. Null when the projection cannot answer
 * (knownAt or recordedAt given, places in more than one zone): the caller folds.
 */
import { ONLINE_LENDING } from '../../facts/fact-catalogue.js';
import { jurisdictions as defaultRegistry, type JurisdictionRegistry } from '../../jurisdictions/jurisdiction-registry.js';
import { banEntryOf, type BansPage } from '../bans.js';
import { statisticsOf } from '../counts.js';
import type { FactShown } from '../fold.js';
import { factEntryOf, type JurisdictionState } from '../jurisdiction-state.js';
import { DEFAULT_PAGE, nextCursor, type ListPage } from '../list-page.js';
import { nationalPage, type NationalOptions, type NationalState } from '../national-state.js';
import type { TimeQuery } from '../time-query.js';
import type { HalfDay, ProjectionReader, StatisticPiece } from './contract.js';
import { businessLinesFrom, countsFrom, prohibitionFrom } from './combine.js';
import { factOfSpan } from './fact-pieces.js';
import { halfDayOf } from './half-day.js';
import { namedInScopes } from './scope-named.js';
import { EMPTY_AGGREGATES, type NamedParts, type PlaceAggregates } from './place-aggregates.js';

/** Whether the projection answers the question: latest knowledge (no knownAt, no recordedAt, no recorded position). */
export const isLatestKnowledge = (query: TimeQuery): boolean =>
  query.knownAt === null && query.recordedAt === null && (query.recordedPosition ?? null) === null;

/** The one zone of these places; null when they are read in different zones (one key cannot serve them). */
function sharedZone(codes: readonly string[], registry: JurisdictionRegistry): string | null {
  const zones = new Set(codes.map((code) => registry.get(code).zone));
  return zones.size === 1 ? [...zones][0] ?? null : null;
}

type Aggregates = (code: string) => PlaceAggregates<NamedParts>;

/** The places' segments holding `at`, as stored (their counts' named facts not read). */
async function storedAt(reader: ProjectionReader, places: readonly string[], at: HalfDay): Promise<Map<string, PlaceAggregates>> {
  return new Map((await reader.segmentsAt(places, at)).map((row) => [row.jurisdiction, JSON.parse(row.body) as PlaceAggregates]));
}

/**
 * For each scope, the places' aggregates with the facts its counts show read from the spans
 * (scope-named.ts); null when a segment cannot say which (projected before migration 0021: fold).
 */
async function inScopes(reader: ProjectionReader, stored: ReadonlyMap<string, PlaceAggregates>, scopes: readonly (readonly string[])[], at: HalfDay): Promise<Aggregates[] | null> {
  const found = await namedInScopes(reader, stored, scopes, at);
  return found && found.map((scope) => (code) => scope(code) ?? EMPTY_AGGREGATES);
}

/** The facts a page of spans gives, as the answers read them. */
export const factsOfSpans = (spans: readonly StatisticPiece[]): FactShown[] => spans.map(factOfSpan);

/** The facts with these ids holding at `at` (an institution's facts), in first-recorded order: institutionStatus reads them. */
export async function factsOfIdsAt(reader: ProjectionReader, factIds: readonly string[], at: HalfDay): Promise<FactShown[]> {
  return factIds.length === 0 ? [] : factsOfSpans(await reader.spansOfFactsAt(factIds, at));
}

export interface ProjectedStateOptions {
  readonly page: ListPage;
  /** whether to give the page of facts (else `facts` is empty; factsTotal and next are given all the same) */
  readonly facts: boolean;
  /** false: the statistics are read without their sources (each with `sources: []`), for an answer that does not show them; default true */
  readonly sources?: boolean;
  readonly businessLine?: string;
}

/** stateFromFacts (children included) from the projection; null when it cannot answer. */
export async function jurisdictionStateFromProjection(
  reader: ProjectionReader, code: string, query: TimeQuery, options: ProjectedStateOptions, registry: JurisdictionRegistry = defaultRegistry,
): Promise<JurisdictionState | null> {
  if (!isLatestKnowledge(query)) return null;
  const record = registry.get(code);
  const scope = registry.within(record.code);
  const lineage = registry.lineage(record.code).map((place) => place.code);
  const zone = sharedZone([...scope, ...lineage], registry);
  if (zone === null) return null;
  const at = halfDayOf(query.asOf, zone);
  const stored = await storedAt(reader, [...new Set([...scope, ...lineage])], at);
  const [scoped, statistics, page] = await Promise.all([
    inScopes(reader, stored, [scope], at),
    reader.statisticPageAt(scope, at, options.page, { total: statisticsHeld(scope, stored), sources: options.sources ?? true }),
    options.facts ? reader.spanPageAt(scope, null, at, options.page) : Promise.resolve([]),
  ]);
  const aggregates = scoped?.[0];
  if (!aggregates) return null;
  const mine = scope.map(aggregates);
  const above = lineage.map(aggregates);
  const prohibition = prohibitionFrom(above, options.businessLine ?? ONLINE_LENDING);
  const total = mine.reduce((sum, place) => sum + place.n, 0);
  return {
    jurisdiction: { code: record.code, name: record.name },
    asOf: query.asOf.toISO() as string,
    knownAt: null,
    recordedAt: null,
    businessLines: businessLinesFrom(mine, above),
    onlineLendingProhibited: prohibition.prohibited,
    certainty: prohibition.certainty,
    prohibitedSince: prohibition.since,
    counts: countsFrom(mine, aggregates(record.code)),
    statistics: statisticsOf(factsOfSpans(statistics.spans)),
    statisticsTotal: statistics.total,
    facts: factsOfSpans(page).map(factEntryOf),
    factsTotal: total,
    next: nextCursor('state', options.page, Math.max(total, statistics.total)),
  };
}

/** How many statistics hold in the places (their segments' `s`; a place without a segment holds none); undefined when a segment does not say. */
function statisticsHeld(places: readonly string[], stored: ReadonlyMap<string, PlaceAggregates>): number | undefined {
  let held = 0;
  for (const place of places) {
    const segment = stored.get(place);
    if (segment && segment.s === undefined) return undefined;
    held += segment?.s ?? 0;
  }
  return held;
}

/** The bans in force of a segment's body: its second field (place-sweep.ts writes n, then b). */
function bansOf(body: string): number {
  const found = /^\{"n":\d+,"b":(\d+),/.exec(body);
  return found ? Number(found[1]) : (JSON.parse(body) as PlaceAggregates).b;
}

/**
 * bansInForce (a jurisdiction with those inside it, or every place) from the projection: the
 * segments count the bans, the reader gives the page (the spans of exits only announced, which
 * hold and are no ban, left out). The read is stopped at the last ban rather than reading on
 * through the spans that do not hold, which a short page would otherwise read all of.
 */
export async function bansFromProjection(
  reader: ProjectionReader, code: string | null, query: TimeQuery, page: ListPage, registry: JurisdictionRegistry = defaultRegistry,
): Promise<BansPage | null> {
  if (!isLatestKnowledge(query)) return null;
  const scope = code === null ? registry.all.map((record) => record.code) : registry.within(registry.get(code).code);
  const zone = sharedZone(scope, registry);
  if (zone === null) return null;
  const at = halfDayOf(query.asOf, zone);
  // a ban page needs one part of each place's segment: read it without parsing the rest
  const segments = await reader.segmentsAt(scope, at);
  const total = segments.reduce((sum, segment) => sum + bansOf(segment.body), 0);
  const limit = Math.max(0, Math.min(page.limit, total - page.offset));
  const bans = await reader.banPageAt(code === null ? null : registry.get(code).code, at, { offset: page.offset, limit });
  return { bans: factsOfSpans(bans).map(banEntryOf), total, next: nextCursor('bans', page, total) };
}

/** nationalStateFromFacts from the projection; null when it cannot answer. */
export async function nationalStateFromProjection(
  reader: ProjectionReader, query: TimeQuery, registry: JurisdictionRegistry = defaultRegistry, options: NationalOptions = {},
): Promise<NationalState | null> {
  if (!isLatestKnowledge(query)) return null;
  const country = registry.get(options.country ?? 'CN').code;
  const businessLine = options.businessLine ?? ONLINE_LENDING;
  const inside = registry.all.filter((record) => record.code !== country && registry.isWithin(record.code, country));
  const places = [country, ...inside.map((record) => record.code)];
  const zone = sharedZone(places, registry);
  if (zone === null) return null;
  const at = halfDayOf(query.asOf, zone);
  const page = options.page ?? DEFAULT_PAGE;
  const stored = await storedAt(reader, places, at);
  const statistics = await reader.statisticPageAt([country], at, page, { total: statisticsHeld([country], stored) });
  const segment = (code: string): PlaceAggregates => stored.get(code) ?? EMPTY_AGGREGATES;
  const descendants = new Map<string, string[]>();
  for (const record of inside) {
    for (const ancestor of registry.lineage(record.code).slice(1)) descendants.set(ancestor.code, [...(descendants.get(ancestor.code) ?? []), record.code]);
  }
  const lineageOf = (code: string) => registry.lineage(code).filter((record) => registry.isWithin(record.code, country)).map((record) => segment(record.code));
  const listed = inside.filter((record) => record.level !== 'city' || segment(record.code).n > 0);
  const lines = [...new Set(places.flatMap((code) => Object.entries(segment(code).l).flatMap(([line, tally]) => (tally.p ? [line] : []))))].sort();
  const prohibitedByBusinessLine = Object.fromEntries(lines.map((line) => [line, listed.flatMap((record) => {
    const own = segment(record.code).l[line]?.p;
    return own ? [{ code: record.code, since: own.e, certainty: own.c }] : [];
  })]));
  const paged = nationalPage(listed, statisticsOf(factsOfSpans(statistics.spans)), statistics.total, page);
  const scopes = paged.shown.map((record) => [record.code, ...(descendants.get(record.code) ?? [])]);
  const scoped = await inScopes(reader, stored, [places, ...scopes], at);
  if (!scoped) return null;
  const [nation, ...shown] = scoped as [Aggregates, ...Aggregates[]];
  const jurisdictions = paged.shown.map((record, index) => {
    const aggregates = shown[index] as Aggregates;
    const mine = (scopes[index] as string[]).map(aggregates);
    const lineage = lineageOf(record.code);
    const prohibition = prohibitionFrom(lineage, businessLine);
    return { code: record.code, name: record.name, businessLines: businessLinesFrom(mine, lineage),
      onlineLendingProhibited: prohibition.prohibited, certainty: prohibition.certainty, counts: countsFrom(mine, aggregates(record.code)) };
  });
  const all = places.map(nation);
  return {
    asOf: query.asOf.toISO() as string,
    knownAt: null,
    recordedAt: null,
    prohibitedByBusinessLine,
    prohibitedJurisdictions: prohibitedByBusinessLine[businessLine] ?? [],
    jurisdictions,
    jurisdictionsTotal: paged.jurisdictionsTotal,
    national: { businessLines: businessLinesFrom(all, lineageOf(country)), counts: countsFrom(all, nation(country)),
      statistics: paged.statistics, statisticsTotal: paged.statisticsTotal },
    next: paged.next,
  };
}
