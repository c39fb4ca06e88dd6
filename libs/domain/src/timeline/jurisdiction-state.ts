import type { DateTime } from 'luxon';
import { ONLINE_LENDING, type FactKind } from '../facts/fact-catalogue.js';
import { jurisdictions as defaultRegistry, type JurisdictionRegistry } from '../jurisdictions/jurisdiction-registry.js';
import type { FuzzyDate } from '../time/fuzzy-date.js';
import { citationOf, countsOf, effectiveOrder, statisticsOf, type Counts, type SourceCitation, type StatisticEntry } from './counts.js';
import { factsAt, inJurisdiction, type Certainty, type FactAt, type FactStatus } from './fold.js';
import { DEFAULT_PAGE, pageOf, type ListPage } from './list-page.js';
import type { FactHistory } from './recorded-fact.js';
import { summary } from './summary.js';
import type { TimeQuery } from './time-query.js';

export interface StateOptions {
  /** include the facts of the jurisdictions inside it (CN-GD includes Guangzhou); default true */
  readonly includeChildren?: boolean;
  /** the business line whose prohibition is reported; default "online-lending" */
  readonly businessLine?: string;
  /** the window of `facts` to return; default the first 100 */
  readonly page?: ListPage;
  /**
   * When the facts given are only those that decide the answer (the read model's indexes chose
   * them): the facts the window is cut from (every fact that sorts into it), how many facts the
   * whole list has, and how many exits are in force.
   */
  readonly partial?: { readonly listed: readonly FactAt[]; readonly factsTotal: number; readonly exitsInForce: number };
}

export interface FactEntry {
  readonly factId: string;
  readonly type: FactKind;
  readonly jurisdiction: string;
  readonly effective: FuzzyDate;
  readonly published: FuzzyDate;
  readonly summary: string;
  readonly status: FactStatus;
  readonly certainty: Certainty;
  /** how many corrections the shown content went through (as recorded at the query) */
  readonly corrections: number;
  readonly sources: readonly SourceCitation[];
}

export const factEntryOf = (fact: FactAt): FactEntry => ({
  factId: fact.factId, type: fact.content.kind, jurisdiction: fact.content.jurisdiction, effective: fact.content.effective,
  published: fact.content.source.published, summary: summary(fact.content), status: fact.status, certainty: fact.certainty,
  corrections: fact.recorded.corrections.length, sources: [citationOf(fact.content.source)],
});

export interface Prohibition {
  readonly prohibited: boolean;
  readonly certainty: Certainty | null;
  readonly since: FuzzyDate | null;
  readonly factId: string | null;
}

/**
 * Whether the business line is prohibited in `code`: by a BusinessLineProhibited in force there
 * or in a jurisdiction containing it (never by one of its children). Certain wins over possible;
 * among equals the earliest-starting prohibition gives `since`.
 */
export function prohibitionIn(facts: readonly FactAt[], code: string, businessLine: string, registry: JurisdictionRegistry): Prohibition {
  const candidates = facts.filter((fact) => fact.status === 'in-force' && fact.content.kind === 'BusinessLineProhibited' &&
    fact.content.businessLine === businessLine && registry.isWithin(code, fact.content.jurisdiction));
  const [best] = candidates.sort((a, b) => {
    if (a.certainty !== b.certainty) return a.certainty === 'certain' ? -1 : 1;
    return effectiveOrder(a, b);
  });
  if (!best) return { prohibited: false, certainty: null, since: null, factId: null };
  return { prohibited: true, certainty: best.certainty, since: best.content.effective, factId: best.factId };
}

export interface JurisdictionState {
  readonly jurisdiction: { readonly code: string; readonly name: string };
  readonly asOf: string;
  readonly knownAt: string | null;
  readonly recordedAt: string | null;
  readonly onlineLendingProhibited: boolean;
  readonly certainty: Certainty | null;
  readonly prohibitedSince: FuzzyDate | null;
  readonly counts: Counts;
  readonly statistics: readonly StatisticEntry[];
  /** the page's window of the facts in force (or announced), earliest effective date first */
  readonly facts: readonly FactEntry[];
  /** how many facts the whole list has */
  readonly factsTotal: number;
  readonly page: ListPage;
}

const iso = (value: DateTime | null): string | null => (value === null ? null : value.toISO());

/** A jurisdiction's state from facts already folded at the query (shared by the national state). */
export function stateFromFacts(
  all: readonly FactAt[], code: string, query: TimeQuery, registry: JurisdictionRegistry, options: StateOptions = {},
): JurisdictionState {
  const record = registry.get(code);
  const mine = inJurisdiction(all, record.code, options.includeChildren ?? true, registry);
  const prohibition = prohibitionIn(all, record.code, options.businessLine ?? ONLINE_LENDING, registry);
  const page = options.page ?? DEFAULT_PAGE;
  const listed = options.partial ? inJurisdiction(options.partial.listed, record.code, options.includeChildren ?? true, registry) : mine;
  const facts = pageOf([...listed].sort(effectiveOrder), page, factEntryOf);
  return {
    jurisdiction: { code: record.code, name: record.name },
    asOf: iso(query.asOf) as string,
    knownAt: iso(query.knownAt),
    recordedAt: iso(query.recordedAt),
    onlineLendingProhibited: prohibition.prohibited,
    certainty: prohibition.certainty,
    prohibitedSince: prohibition.since,
    counts: countsOf(mine, record.code, options.partial?.exitsInForce),
    statistics: statisticsOf(mine),
    facts,
    factsTotal: options.partial?.factsTotal ?? mine.length,
    page: { offset: page.offset, limit: page.limit },
  };
}

/** What held in a jurisdiction at the query: prohibition, counts, statistics and the facts with sources. */
export function jurisdictionStateAt(
  facts: readonly FactHistory[], code: string, query: TimeQuery, registry: JurisdictionRegistry = defaultRegistry,
  options: StateOptions = {},
): JurisdictionState {
  return stateFromFacts(factsAt(facts, query, registry), code, query, registry, options);
}

export interface NationalState {
  readonly asOf: string;
  readonly knownAt: string | null;
  readonly recordedAt: string | null;
  readonly prohibitedJurisdictions: readonly { code: string; since: FuzzyDate; certainty: Certainty }[];
  readonly jurisdictions: readonly {
    code: string; name: string; onlineLendingProhibited: boolean; certainty: Certainty | null; counts: Counts;
  }[];
  readonly national: { readonly counts: Counts; readonly statistics: readonly StatisticEntry[] };
}

/**
 * The state of a country (default CN) and the jurisdictions inside it: every province, and the
 * cities with something in force (or announced) there at the query. `prohibitedJurisdictions`
 * lists those with a prohibition of their own (not inherited from the country). National counts
 * add up the jurisdictions' facts; national statistics are the country's own.
 */
export function nationalStateAt(
  facts: readonly FactHistory[], query: TimeQuery, registry: JurisdictionRegistry = defaultRegistry,
  options: NationalOptions = {},
): NationalState {
  return nationalStateFromFacts(factsAt(facts, query, registry), query, registry, options);
}

export interface NationalOptions extends StateOptions {
  readonly country?: string;
  /**
   * When the facts given are only those that decide the figures (the read model's indexes chose
   * them): the jurisdictions with something in force or announced, and each one's exits in force.
   */
  readonly partialNation?: { readonly shownIn: ReadonlySet<string>; readonly exitsInForce: ReadonlyMap<string, number> };
}

/** The national state from facts already folded at the query. */
export function nationalStateFromFacts(
  folded: readonly FactAt[], query: TimeQuery, registry: JurisdictionRegistry = defaultRegistry, options: NationalOptions = {},
): NationalState {
  const country = registry.get(options.country ?? 'CN').code;
  const businessLine = options.businessLine ?? ONLINE_LENDING;
  const all = folded.filter((fact) => registry.isWithin(fact.content.jurisdiction, country));
  // one pass over the facts: each jurisdiction's own, and where each jurisdiction sits
  const own = new Map<string, FactAt[]>();
  for (const fact of all) {
    const list = own.get(fact.content.jurisdiction);
    if (list) list.push(fact);
    else own.set(fact.content.jurisdiction, [fact]);
  }
  const inside = registry.all.filter((record) => record.code !== country && registry.isWithin(record.code, country));
  const descendants = new Map<string, string[]>();
  for (const record of inside) {
    for (const ancestor of registry.lineage(record.code).slice(1)) {
      const list = descendants.get(ancestor.code);
      if (list) list.push(record.code);
      else descendants.set(ancestor.code, [record.code]);
    }
  }
  const prohibitions = all.filter((fact) => fact.content.kind === 'BusinessLineProhibited');
  const partial = options.partialNation;
  const shown = (code: string) => (partial ? partial.shownIn.has(code) : (own.get(code)?.length ?? 0) > 0);
  const listed = inside.filter((record) => record.level !== 'city' || shown(record.code));
  const exitsIn = (codes: readonly string[]) => (partial ? codes.reduce((sum, code) => sum + (partial.exitsInForce.get(code) ?? 0), 0) : undefined);
  const prohibitedJurisdictions = listed.flatMap((record) => {
    const mine = prohibitionIn(own.get(record.code) ?? [], record.code, businessLine, registry);
    return mine.prohibited && mine.since && mine.certainty
      ? [{ code: record.code, since: mine.since, certainty: mine.certainty }] : [];
  });
  const order = new Map(all.map((fact, index) => [fact, index]));
  const jurisdictions = listed.map((record) => {
    // in fold order, as a jurisdiction's own state has them
    const codes = [record.code, ...(descendants.get(record.code) ?? [])];
    const mine = codes.flatMap((code) => own.get(code) ?? []).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const prohibition = prohibitionIn(prohibitions, record.code, businessLine, registry);
    return { code: record.code, name: record.name, onlineLendingProhibited: prohibition.prohibited,
      certainty: prohibition.certainty, counts: countsOf(mine, record.code, exitsIn(codes)) };
  });
  return {
    asOf: query.asOf.toISO() as string,
    knownAt: iso(query.knownAt),
    recordedAt: iso(query.recordedAt),
    prohibitedJurisdictions,
    jurisdictions,
    national: { counts: countsOf(all, country, exitsIn([country, ...(descendants.get(country) ?? [])])), statistics: statisticsOf(own.get(country) ?? []) },
  };
}
