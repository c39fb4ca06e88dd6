import type { DateTime } from 'luxon';
import { ONLINE_LENDING, type FactKind } from '../facts/fact-catalogue.js';
import { jurisdictions as defaultRegistry, type JurisdictionRegistry } from '../jurisdictions/jurisdiction-registry.js';
import type { FuzzyDate } from '../time/fuzzy-date.js';
import { citationOf, countsOf, effectiveOrder, statisticsOf, type Counts, type SourceCitation, type StatisticEntry } from './counts.js';
import { isFigure } from './figures.js';
import { factsAt, inJurisdiction, type Certainty, type FactAt, type FactShown, type FactStatus } from './fold.js';
import { DEFAULT_PAGE, nextCursor, pageOf, type ListPage } from './list-page.js';
import type { FactHistory } from './recorded-fact.js';
import { summary } from './summary.js';
import type { TimeQuery } from './time-query.js';

export interface StateOptions {
  /** include the facts of the jurisdictions inside it (CN-GD includes Guangzhou); default true */
  readonly includeChildren?: boolean;
  /** the business line the deprecated single-line fields report; default "online-lending" */
  readonly businessLine?: string;
  /** the window of `facts` to return; default the first 100 */
  readonly page?: ListPage;
}

export interface FactEntry {
  readonly factId: string;
  readonly type: FactKind;
  /** 'figure': a snapshot as of its date (a statistic, a running total); 'action': holds from its date */
  readonly nature: 'action' | 'figure';
  readonly jurisdiction: string;
  readonly effective: FuzzyDate;
  /** the earliest publication among its sources */
  readonly published: FuzzyDate;
  readonly summary: string;
  readonly status: FactStatus;
  /** whether the effective window has passed by asOf */
  readonly inForce: Certainty;
  /** whether a source had been published by knownAt */
  readonly known: Certainty;
  /** the weaker of inForce and known (deprecated: read the two fields) */
  readonly certainty: Certainty;
  /** figures of the same series and date from other sources that report another number */
  readonly disputedWith: readonly string[];
  /**
   * how many corrections the shown content went through (as recorded at the query)
   * @asType integer
   */
  readonly corrections: number;
  /** every source that reports it: its own first, then the corroborating ones */
  readonly sources: readonly SourceCitation[];
}

const earliestPublished = (fact: FactShown): FuzzyDate =>
  fact.recorded.sources.map((source) => source.published).reduce((a, b) => (b.latest < a.latest ? b : a));

export const factEntryOf = (fact: FactShown): FactEntry => ({
  factId: fact.factId, type: fact.content.kind, nature: isFigure(fact.content) ? 'figure' : 'action', jurisdiction: fact.content.jurisdiction,
  effective: fact.content.effective, published: earliestPublished(fact), summary: summary(fact.content), status: fact.status,
  inForce: fact.inForce, known: fact.known, certainty: fact.certainty, disputedWith: fact.disputedWith,
  corrections: fact.recorded.corrections.length, sources: fact.recorded.sources.map(citationOf),
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
export function prohibitionIn(facts: readonly FactShown[], code: string, businessLine: string, registry: JurisdictionRegistry): Prohibition {
  const candidates = facts.filter((fact) => fact.status === 'in-force' && fact.content.kind === 'BusinessLineProhibited' &&
    fact.content.businessLine === businessLine && registry.isWithin(code, fact.content.jurisdiction));
  const [best] = candidates.sort((a, b) => {
    if (a.certainty !== b.certainty) return a.certainty === 'certain' ? -1 : 1;
    return effectiveOrder(a, b);
  });
  if (!best) return { prohibited: false, certainty: null, since: null, factId: null };
  return { prohibited: true, certainty: best.certainty, since: best.content.effective, factId: best.factId };
}

/**
 * One business line in a place (truth rule 7): whether it is prohibited there, and the actions of
 * the line in force there by kind (bans, closures, partnership halts...), so a line with no
 * prohibition but actions (the 2025 lending-assistance halts) is visible as its own line.
 */
export interface BusinessLineState {
  readonly businessLine: string;
  readonly prohibited: boolean;
  readonly certainty: Certainty | null;
  readonly since: FuzzyDate | null;
  readonly factId: string | null;
  /** facts of the line in force (actions and current figures), by kind */
  readonly facts: Readonly<Partial<Record<FactKind, number>>>;
}

export const lineOf = (fact: FactShown): string | null =>
  'businessLine' in fact.content && typeof fact.content.businessLine === 'string' ? fact.content.businessLine : null;

/** Every business line with a prohibition holding in `code` or a fact in force among `mine`, by name. */
export function businessLinesIn(mine: readonly FactShown[], all: readonly FactShown[], code: string, registry: JurisdictionRegistry): BusinessLineState[] {
  const inForce = mine.filter((fact) => fact.status === 'in-force');
  const lines = new Set([...inForce, ...all.filter((fact) => fact.content.kind === 'BusinessLineProhibited' && fact.status === 'in-force')]
    .flatMap((fact) => lineOf(fact) ?? []));
  return [...lines].sort().flatMap((businessLine) => {
    const prohibition = prohibitionIn(all, code, businessLine, registry);
    const facts: Partial<Record<FactKind, number>> = {};
    for (const fact of inForce) if (lineOf(fact) === businessLine) facts[fact.content.kind] = (facts[fact.content.kind] ?? 0) + 1;
    if (!prohibition.prohibited && Object.keys(facts).length === 0) return [];
    return [Object.assign({ businessLine }, prohibition, { facts })];
  });
}

export interface JurisdictionState {
  readonly jurisdiction: { readonly code: string; readonly name: string };
  readonly asOf: string;
  readonly knownAt: string | null;
  readonly recordedAt: string | null;
  /** each business line prohibited or acted on there (truth rule 7) */
  readonly businessLines: readonly BusinessLineState[];
  /** deprecated alias: businessLines' "online-lending" prohibited */
  readonly onlineLendingProhibited: boolean;
  /** deprecated alias: businessLines' "online-lending" certainty */
  readonly certainty: Certainty | null;
  /** deprecated alias: businessLines' "online-lending" since */
  readonly prohibitedSince: FuzzyDate | null;
  readonly counts: Counts;
  /** the page's window of the current figures of its series (statisticsOf: by series, then fact id; disputed figures side by side) */
  readonly statistics: readonly StatisticEntry[];
  /**
   * how many figures the whole statistics list has
   * @asType integer
   */
  readonly statisticsTotal: number;
  /** the page's window of the facts in force (or announced), earliest effective date first */
  readonly facts: readonly FactEntry[];
  /**
   * how many facts the whole list has
   * @asType integer
   */
  readonly factsTotal: number;
  /** the cursor (`after`) of the next page while the facts or the statistics go on; null on the last page */
  readonly next: string | null;
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
  const facts = pageOf([...mine].sort(effectiveOrder), page, factEntryOf);
  const statistics = statisticsOf(mine);
  return {
    jurisdiction: { code: record.code, name: record.name },
    asOf: iso(query.asOf) as string,
    knownAt: iso(query.knownAt),
    recordedAt: iso(query.recordedAt),
    businessLines: businessLinesIn(mine, all, record.code, registry),
    onlineLendingProhibited: prohibition.prohibited,
    certainty: prohibition.certainty,
    prohibitedSince: prohibition.since,
    counts: countsOf(mine, record.code),
    statistics: pageOf(statistics, page, (entry) => entry),
    statisticsTotal: statistics.length,
    facts,
    factsTotal: mine.length,
    next: nextCursor('state', page, Math.max(mine.length, statistics.length)),
  };
}

/** What held in a jurisdiction at the query: prohibition, counts, statistics and the facts with sources. */
export function jurisdictionStateAt(
  facts: readonly FactHistory[], code: string, query: TimeQuery, registry: JurisdictionRegistry = defaultRegistry,
  options: StateOptions = {},
): JurisdictionState {
  return stateFromFacts(factsAt(facts, query, registry), code, query, registry, options);
}
