import type { DateTime } from 'luxon';
import { ONLINE_LENDING } from '../facts/fact-catalogue.js';
import { jurisdictions as defaultRegistry, type JurisdictionRegistry } from '../jurisdictions/jurisdiction-registry.js';
import type { FuzzyDate } from '../time/fuzzy-date.js';
import { countsOf, statisticsOf, type Counts, type StatisticEntry } from './counts.js';
import { factsAt, type Certainty, type FactAt } from './fold.js';
import { DEFAULT_PAGE, nextCursor, type ListPage } from './list-page.js';
import { businessLinesIn, prohibitionIn, type BusinessLineState, type StateOptions } from './jurisdiction-state.js';
import type { FactHistory } from './recorded-fact.js';
import type { TimeQuery } from './time-query.js';

export interface ProhibitedPlace {
  readonly code: string;
  readonly since: FuzzyDate;
  readonly certainty: Certainty;
}

export interface NationalState {
  readonly asOf: string;
  readonly knownAt: string | null;
  readonly recordedAt: string | null;
  /** for each business line prohibited somewhere, the places with a prohibition of their own */
  readonly prohibitedByBusinessLine: Readonly<Record<string, readonly ProhibitedPlace[]>>;
  /** deprecated alias: prohibitedByBusinessLine["online-lending"] */
  readonly prohibitedJurisdictions: readonly ProhibitedPlace[];
  /** the page's window of the jurisdictions listed (every province, then the cities with something in force or announced), in the registry's order */
  readonly jurisdictions: readonly NationalJurisdiction[];
  /**
   * how many jurisdictions the whole list has
   * @asType integer
   */
  readonly jurisdictionsTotal: number;
  readonly national: {
    readonly businessLines: readonly BusinessLineState[];
    readonly counts: Counts;
    /** the page's window of the country's own current figures (statisticsOf: by series, then fact id) */
    readonly statistics: readonly StatisticEntry[];
    /**
     * how many figures the country's whole statistics list has
     * @asType integer
     */
    readonly statisticsTotal: number;
  };
  /** the cursor (`after`) of the next page while the jurisdictions or the national statistics go on; null on the last page */
  readonly next: string | null;
}

/** A jurisdiction in the national state: its business lines and counts. */
export interface NationalJurisdiction {
  readonly code: string;
  readonly name: string;
  readonly businessLines: readonly BusinessLineState[];
  /** deprecated aliases of businessLines' "online-lending" */
  readonly onlineLendingProhibited: boolean;
  readonly certainty: Certainty | null;
  readonly counts: Counts;
}

export interface NationalOptions extends StateOptions {
  readonly country?: string;
}

/** The paged parts of a national state: the page's jurisdictions, the page's statistics, their totals and the next cursor. */
export function nationalPage<T>(
  listed: readonly T[], statistics: readonly StatisticEntry[], statisticsTotal: number, page: ListPage,
): { shown: T[]; jurisdictionsTotal: number; statistics: StatisticEntry[]; statisticsTotal: number; next: string | null } {
  return {
    shown: listed.slice(page.offset, page.offset + page.limit), jurisdictionsTotal: listed.length, statistics: [...statistics], statisticsTotal,
    next: nextCursor('state', page, Math.max(listed.length, statisticsTotal)),
  };
}

/**
 * The state of a country (default CN) and the jurisdictions inside it: every province, and the
 * cities with something in force (or announced) there at the query. Prohibitions are listed per
 * business line, for the places with a prohibition of their own (not inherited from the country).
 * National counts add up the places' facts; national statistics are the country's own.
 */
export function nationalStateAt(
  facts: readonly FactHistory[], query: TimeQuery, registry: JurisdictionRegistry = defaultRegistry, options: NationalOptions = {},
): NationalState {
  return nationalStateFromFacts(factsAt(facts, query, registry), query, registry, options);
}

const iso = (value: DateTime | null): string | null => (value === null ? null : value.toISO());

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
  const listed = inside.filter((record) => record.level !== 'city' || (own.get(record.code)?.length ?? 0) > 0);
  const lines = [...new Set(prohibitions.flatMap((fact) => (fact.content.kind === 'BusinessLineProhibited' ? [fact.content.businessLine] : [])))].sort();
  const prohibitedByBusinessLine = Object.fromEntries(lines.map((line) => [line, listed.flatMap((record) => {
    const mine = prohibitionIn(own.get(record.code) ?? [], record.code, line, registry);
    return mine.prohibited && mine.since && mine.certainty ? [{ code: record.code, since: mine.since, certainty: mine.certainty }] : [];
  })]));
  const order = new Map(all.map((fact, index) => [fact, index]));
  const page = options.page ?? DEFAULT_PAGE;
  const statistics = statisticsOf(own.get(country) ?? []);
  const paged = nationalPage(listed, statistics.slice(page.offset, page.offset + page.limit), statistics.length, page);
  const jurisdictions = paged.shown.map((record) => {
    // in fold order, as a jurisdiction's own state has them
    const codes = [record.code, ...(descendants.get(record.code) ?? [])];
    const mine = codes.flatMap((code) => own.get(code) ?? []).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const prohibition = prohibitionIn(prohibitions, record.code, businessLine, registry);
    return { code: record.code, name: record.name, businessLines: businessLinesIn(mine, prohibitions, record.code, registry),
      onlineLendingProhibited: prohibition.prohibited, certainty: prohibition.certainty, counts: countsOf(mine, record.code) };
  });
  return {
    asOf: query.asOf.toISO() as string,
    knownAt: iso(query.knownAt),
    recordedAt: iso(query.recordedAt),
    prohibitedByBusinessLine,
    prohibitedJurisdictions: prohibitedByBusinessLine[businessLine] ?? [],
    jurisdictions,
    jurisdictionsTotal: paged.jurisdictionsTotal,
    national: { businessLines: businessLinesIn(all, prohibitions, country, registry), counts: countsOf(all, country),
      statistics: paged.statistics, statisticsTotal: paged.statisticsTotal },
    next: paged.next,
  };
}
