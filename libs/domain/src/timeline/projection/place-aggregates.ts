/*
 * A place's own aggregates at one key (a segment's body): what an answer about the place, a
 * place containing it or the nation needs of its facts without reading them. Each part is the
 * fold's own function over the place's facts (counts.ts, jurisdiction-state.ts), kept in the form
 * in which places add up: an action count's value with the facts it names (sumFigures reads only
 * those), the exits' number and latest, per business line the kinds in force and the place's own
 * best prohibition.
 */
import { FACT_KINDS, type FactKind } from '../../facts/fact-catalogue.js';
import type { JurisdictionRegistry } from '../../jurisdictions/jurisdiction-registry.js';
import type { FuzzyDate } from '../../time/fuzzy-date.js';
import { BAN_KINDS } from '../bans.js';
import { actionCountIn, EXITED_METRICS, latestFirst, MAX_FIGURE_FACT_IDS, OPERATING_METRICS, statisticFigure, type CountFigure } from '../counts.js';
import type { Certainty, FactShown, ShownFields } from '../fold.js';
import { lineOf, prohibitionIn } from '../jurisdiction-state.js';
import { dayNumber } from './half-day.js';

/**
 * A fact a count names: its id, latestFirst's keys (latest day and earliest day as day numbers,
 * null when unbounded; version position) and 1 when it is certainly in force.
 */
export type NamedPart = readonly [id: string, latest: number, earliest: number | null, version: number, certain: 0 | 1];

/** Facts a count names, latest first, with the window of the first as the answer shows it (the count's `effective`). */
export interface NamedParts {
  readonly e: FuzzyDate;
  readonly f: readonly NamedPart[];
}

/**
 * Which facts a count names, as a segment keeps it: the first `m` of the place's spans of the kind
 * holding the key, latest first, leaving out the ids `s` (facts of the kind that rank among them
 * but are not named: a batch counted once, totals not taken, exits only announced). An answer reads
 * them (namedInScopes in scope-named.ts). When `s` would be long, the named facts themselves (NamedParts).
 */
export type Named = NamedReading | NamedParts;

/**
 * The reading form of Named, with `r`: the effective latest days [lowest, highest] of the facts it
 * names, where an answer finds them without ranking every span of the kind that holds (which grows
 * with the log). It changes only with the named facts (not when one becomes certain), so it adds
 * no segment. A body without `r` (projected before it) is read by ranking.
 */
export interface NamedReading {
  readonly m: number;
  readonly s?: readonly string[];
  readonly r?: readonly [lowest: string, highest: string] | readonly [];
}

/** at most this many ids left out in a segment; past it the segment names the facts */
export const MAX_LEFT_OUT = 20;

/** One place's count of an action kind (actionCountIn): value, partial, disputed, the facts it names. */
export type ActionTally<N = Named> = N & {
  readonly v: number | null;
  readonly p: boolean;
  readonly d: boolean;
  /**
   * whether every fact it names is certainly in force: a segment ends where it changes, so that an
   * answer reads only the facts it shows of a scope's count (scope-named.ts); absent from a body
   * projected before it (migration 0021): a count read from the spans then makes the answer fold,
   * one that keeps its named facts (NamedParts) is certain when they all are (combine.ts)
   */
  readonly c?: boolean;
};

/** The place's own prohibition of a line that prohibitionIn would pick (certain first, then effective order). */
export interface OwnProhibition {
  readonly c: Certainty;
  readonly e: FuzzyDate;
  readonly id: string;
  readonly pos: number;
}

/**
 * A business line in the place: [kind (its index in FACT_KINDS), facts in force, first-recorded
 * position of the first of them], in first-recorded order.
 */
export interface LineTally {
  readonly k: readonly (readonly [kind: number, count: number, first: number])[];
  readonly p?: OwnProhibition;
}

/** An exit announced, not in force: its effective order keys (a ban page skips it). */
export type AnnouncedExit = readonly [latest: string, earliest: string, position: number, factId: string];

export const ACTION_COUNTS = { banned: 'InstitutionsBanned', closed: 'InstitutionsClosed', revoked: 'InstitutionsRevoked' } as const;
export type ActionCount = keyof typeof ACTION_COUNTS;

/** The aggregates as a segment keeps them (N = Named) or with the named facts read (N = NamedParts: what combine.ts adds up). */
export interface PlaceAggregates<N = Named> {
  /** facts that hold (in force or announced) */
  readonly n: number;
  /** bans in force (bansInForce) */
  readonly b: number;
  readonly a: Partial<Record<ActionCount, ActionTally<N>>>;
  /** exits in force: how many, whether all certainly, the latest named */
  readonly x: (N & { readonly n: number; readonly c: boolean }) | null;
  /** the place's own statistic of exited and of operating institutions (statisticFigure) */
  readonly ox: CountFigure | null;
  readonly oo: CountFigure | null;
  readonly l: Readonly<Record<string, LineTally>>;
  readonly ann: readonly AnnouncedExit[];
  /**
   * statistics that hold (StatisticReported): how many a state's list of statistics has here, so
   * that its total is not counted from the spans (absent in segments projected before migration 0022)
   */
  readonly s?: number;
}

export const EMPTY_AGGREGATES: PlaceAggregates<never> = { n: 0, b: 0, a: {}, x: null, ox: null, oo: null, l: {}, ann: [], s: 0 };

export const partOf = (fact: ShownFields): NamedPart => {
  const { earliest, latest } = fact.content.effective;
  return [fact.factId, dayNumber(latest), earliest === null ? null : dayNumber(earliest), fact.recorded.version.position, fact.inForce === 'certain' ? 1 : 0];
};

/** The named parts of facts already latest first. */
export const namedParts = (facts: readonly ShownFields[]): NamedParts => ({ e: (facts[0] as ShownFields).content.effective, f: facts.map(partOf) });

/**
 * How a segment keeps the facts a count names (`named`, latest first): their number and the ids
 * of the others among `all` (the place's facts of the kind holding, latest first) that rank
 * before the last named; the named facts themselves when those are more than MAX_LEFT_OUT.
 */
export function namedOf(all: Iterable<string>, named: readonly ShownFields[]): Named {
  const ids = new Set(named.map((fact) => fact.factId));
  const s: string[] = [];
  let seen = 0;
  for (const id of all) {
    if (seen === named.length) break;
    if (ids.has(id)) seen += 1;
    else if (s.push(id) > MAX_LEFT_OUT) return namedParts(named);
  }
  return { m: named.length, ...(s.length === 0 ? {} : { s }), ...boundsOf(named) };
}

/** Where the named facts lie (NamedReading `r`): the lowest and highest of their effective latest days. */
function boundsOf(named: readonly ShownFields[]): Pick<NamedReading, 'r'> {
  let lowest: string | null = null;
  let highest: string | null = null;
  for (const fact of named) {
    const latest = fact.content.effective.latest;
    if (lowest === null || latest < lowest) lowest = latest;
    if (highest === null || latest > highest) highest = latest;
  }
  return { r: lowest === null || highest === null ? [] : [lowest, highest] };
}

const idsOf = function* (facts: readonly FactShown[]): Generator<string> {
  for (const fact of facts) yield fact.factId;
};

/** The aggregates of a place's own facts that hold at a key, in first-recorded order. */
export function aggregatesOf(facts: readonly FactShown[], code: string, registry: JurisdictionRegistry): PlaceAggregates {
  const inForce = facts.filter((fact) => fact.status === 'in-force');
  const byId = new Map(inForce.map((fact) => [fact.factId, fact]));
  const a: Partial<Record<ActionCount, ActionTally>> = {};
  for (const [count, kind] of Object.entries(ACTION_COUNTS) as [ActionCount, FactKind][]) {
    const found = actionCountIn(inForce.filter((fact) => fact.content.kind === kind));
    const all = inForce.filter((fact) => fact.content.kind === kind).sort(latestFirst);
    const named = found?.factIds.map((id) => byId.get(id) as FactShown) ?? [];
    if (found) a[count] = { v: found.value, p: found.partial, d: found.disputed, c: named.every((fact) => fact.inForce === 'certain'), ...namedOf(idsOf(all), named) };
  }
  const exits = inForce.filter((fact) => fact.content.kind === 'InstitutionExitAnnounced').sort(latestFirst);
  const l: Record<string, LineTally> = {};
  const lines = new Map<string, Map<FactKind, [number, number, number]>>();
  for (const fact of inForce) {
    const line = lineOf(fact);
    if (line === null) continue;
    const kinds = lines.get(line) ?? new Map<FactKind, [number, number, number]>();
    lines.set(line, kinds);
    const tally = kinds.get(fact.content.kind);
    if (tally) tally[1] += 1;
    else kinds.set(fact.content.kind, [FACT_KINDS.indexOf(fact.content.kind), 1, fact.recorded.original.position]);
  }
  for (const [line, kinds] of [...lines].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const prohibition = prohibitionIn(inForce, code, line, registry);
    const by = prohibition.factId === null ? undefined : byId.get(prohibition.factId);
    l[line] = { k: [...kinds.values()], ...(by && prohibition.certainty ? { p: { c: prohibition.certainty, e: by.content.effective, id: by.factId, pos: by.recorded.original.position } } : {}) };
  }
  return {
    n: facts.length,
    b: inForce.filter((fact) => BAN_KINDS.includes(fact.content.kind)).length,
    a,
    x: exits.length === 0 ? null : { n: exits.length, c: exits.every((fact) => fact.inForce === 'certain'),
      ...namedOf(idsOf(facts.filter((fact) => fact.content.kind === 'InstitutionExitAnnounced').sort(latestFirst)), exits.slice(0, MAX_FIGURE_FACT_IDS)) },
    ox: statisticFigure(inForce, code, EXITED_METRICS),
    oo: statisticFigure(inForce, code, OPERATING_METRICS),
    l,
    ann: facts.filter((fact) => fact.status === 'exit-announced')
      .map((fact) => [fact.content.effective.latest, fact.content.effective.earliest ?? '', fact.recorded.original.position, fact.factId] as const),
    s: facts.filter((fact) => fact.content.kind === 'StatisticReported').length,
  };
}
