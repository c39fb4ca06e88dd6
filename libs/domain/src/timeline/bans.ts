import type { FactKind } from '../facts/fact-catalogue.js';
import { jurisdictions as defaultRegistry, type JurisdictionRegistry } from '../jurisdictions/jurisdiction-registry.js';
import type { FuzzyDate } from '../time/fuzzy-date.js';
import { citationOf, effectiveOrder, type SourceCitation } from './counts.js';
import { isFigure } from './figures.js';
import { factsAt, inJurisdiction, type Certainty, type FactAt, type FactShown } from './fold.js';
import { factEntryOf, type FactEntry } from './jurisdiction-state.js';
import { DEFAULT_PAGE, nextCursor, pageOf, type ListPage } from './list-page.js';
import type { FactHistory } from './recorded-fact.js';
import { summary } from './summary.js';
import type { TimeQuery } from './time-query.js';

/** The fact kinds that are bans ("what was banned"). An exit counts once it has taken effect. */
export const BAN_KINDS: readonly FactKind[] = [
  'BusinessLineProhibited', 'InstitutionsBanned', 'InstitutionsClosed', 'InstitutionsRevoked',
  'InstitutionExitAnnounced', 'PartnershipHalted',
];

export interface BanEntry {
  readonly factId: string;
  readonly type: FactKind;
  /** 'figure' for a running total ("147 have closed up to now"), else 'action' */
  readonly nature: 'action' | 'figure';
  readonly jurisdiction: string;
  readonly effective: FuzzyDate;
  /** whether the effective window has passed by asOf */
  readonly inForce: Certainty;
  /** whether a source had been published by knownAt */
  readonly known: Certainty;
  /** the weaker of inForce and known (deprecated: read the two fields) */
  readonly certainty: Certainty;
  /** running totals of the same date from other sources that give another number */
  readonly disputedWith: readonly string[];
  readonly summary: string;
  readonly businessLine: string | null;
  readonly count: number | null;
  readonly batch: { readonly number: number; readonly of: number } | null;
  readonly names: readonly string[];
  readonly institution: string | null;
  readonly sources: readonly SourceCitation[];
}

export function banEntryOf(fact: FactShown): BanEntry {
  const c = fact.content;
  return {
    factId: fact.factId, type: c.kind, nature: isFigure(c) ? 'figure' : 'action', jurisdiction: c.jurisdiction, effective: c.effective,
    inForce: fact.inForce, known: fact.known, certainty: fact.certainty, disputedWith: fact.disputedWith,
    summary: summary(c),
    businessLine: 'businessLine' in c && typeof c.businessLine === 'string' ? c.businessLine : null,
    count: 'count' in c && typeof c.count === 'number' ? c.count : c.kind === 'PartnershipHalted' ? c.partnerCount ?? null : null,
    batch: c.kind === 'InstitutionsBanned' ? c.batch ?? null : null,
    names: 'names' in c && Array.isArray(c.names) ? c.names : c.kind === 'PartnershipHalted' ? c.partners ?? [] : [],
    institution: c.kind === 'InstitutionExitAnnounced' ? c.institution.name : c.kind === 'PartnershipHalted' ? c.bank.name : null,
    sources: fact.recorded.sources.map(citationOf),
  };
}

export const isBan = (fact: FactShown): boolean => fact.status === 'in-force' && BAN_KINDS.includes(fact.content.kind);

export interface BansPage {
  /** the page's window of the bans in force, oldest effective date first */
  readonly bans: BanEntry[];
  /**
   * how many bans are in force in all
   * @asType integer
   */
  readonly total: number;
  /** the cursor (`after`) of the next page; null on the last page */
  readonly next: string | null;
}

/**
 * The bans in force at the query, oldest effective date first, a page of them; a jurisdiction
 * filter includes the jurisdictions inside it.
 */
export function bansInForce(
  facts: readonly FactHistory[], query: TimeQuery, jurisdiction?: string, registry: JurisdictionRegistry = defaultRegistry,
  page: ListPage = DEFAULT_PAGE,
): BansPage {
  const folded = factsAt(facts, query, registry).filter(isBan);
  const kept = jurisdiction === undefined ? folded : inJurisdiction(folded, registry.get(jurisdiction).code, true, registry);
  return { bans: pageOf(kept.sort(effectiveOrder), page, banEntryOf), total: kept.length, next: nextCursor('bans', page, kept.length) };
}

export interface DiffEntry extends FactEntry {
  /** 'possible' when the change may already have happened at `from` or may not yet have at `to` */
  readonly change: Certainty;
}

export interface FactDiff {
  readonly from: string;
  readonly to: string;
  /** facts (or exit announcements) that came into force between the two queries */
  readonly started: readonly DiffEntry[];
  /** facts (or exit announcements) in force at `from` and no longer at `to` */
  readonly ended: readonly DiffEntry[];
  /**
   * how many facts started in all (`started` is a page of them when a page is asked for)
   * @asType integer
   */
  readonly startedTotal: number;
  /**
   * how many facts ended in all
   * @asType integer
   */
  readonly endedTotal: number;
  /** the cursor (`after`) of the next page while either list goes on, when a page was asked for; null on the last page */
  readonly next?: string | null;
}

const keyOf = (fact: FactAt): string => `${fact.factId}|${fact.status}`;

/**
 * What came into force and what ended between two queries. A fact is keyed by its id and status,
 * so an exit moving from 'exit-announced' to 'in-force' ends the one and starts the other.
 * Actions have no end on the effective axis; a figure ends when a later figure of its series
 * supersedes it, and an exit announcement when the exit takes effect.
 * A retraction ends a fact only when the two queries differ in recordedAt and the
 * retraction was recorded between them (the retraction does not end it in the world).
 * A change is 'certain' when the fact was certainly absent (present) at `from` and certainly
 * present (absent) at `to`.
 * With a page, `started` and `ended` are that window of their lists (the same offset and limit
 * for both, each oldest effective date first) and the totals give their full sizes.
 */
export function diff(
  facts: readonly FactHistory[], from: TimeQuery, to: TimeQuery, jurisdiction?: string,
  registry: JurisdictionRegistry = defaultRegistry, page?: ListPage,
): FactDiff {
  const at = (query: TimeQuery): Map<string, FactAt> => {
    const folded = factsAt(facts, query, registry);
    const kept = jurisdiction === undefined ? folded : inJurisdiction(folded, registry.get(jurisdiction).code, true, registry);
    return new Map(kept.map((fact) => [keyOf(fact), fact]));
  };
  const before = at(from);
  const after = at(to);
  // Object.assign, not a spread followed by a key of its own: slow on V8 11 (projection/scope-named.ts resolve)
  const entry = ([fact, other]: readonly [FactAt, FactAt | undefined]): DiffEntry => Object.assign(factEntryOf(fact), {
    change: fact.inForce === 'certain' && other === undefined ? 'certain' as const : 'possible' as const,
  });
  const started: Array<[FactAt, FactAt | undefined]> = [];
  const ended: Array<[FactAt, undefined]> = [];
  for (const [key, fact] of after) {
    const was = before.get(key);
    if (!was || was.inForce === 'possible') {
      if (was && fact.inForce === 'possible') continue; // possibly in force at both ends: no news
      started.push([fact, was]);
    }
  }
  for (const [key, fact] of before) {
    const now = after.get(key);
    if (!now) ended.push([fact, undefined]);
  }
  // oldest effective date first (a stable sort: ties keep the fold's order)
  const order = ([a]: readonly [FactAt, unknown], [b]: readonly [FactAt, unknown]) =>
    (a.content.effective.latest < b.content.effective.latest ? -1 : a.content.effective.latest > b.content.effective.latest ? 1 : 0);
  started.sort(order);
  ended.sort(order);
  const window = page ?? { offset: 0, limit: Math.max(started.length, ended.length) };
  return {
    from: from.asOf.toISO() as string, to: to.asOf.toISO() as string,
    started: pageOf(started, window, entry), ended: pageOf(ended, window, entry),
    startedTotal: started.length, endedTotal: ended.length,
    ...(page ? { next: nextCursor('diff', page, Math.max(started.length, ended.length)) } : {}),
  };
}
