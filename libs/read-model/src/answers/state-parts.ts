import type { FactEntry, NationalState, StatisticEntry } from '../../../domain/src/index.js';
import type { JurisdictionStateWithInstitutions } from './as-of-answers.js';
import type { InstitutionState } from './institution-status.js';

/**
 * What a state answer carries besides the state, the counts with their fact ids and the page of
 * statistics (`include=`): `facts`, the page of the facts in force; `sources`, the sources of what
 * is listed (the facts and the statistics); `institutions`, the page of the institutions located
 * there with their statuses (a jurisdiction's state). A lean answer (none) names every fact by id;
 * GET /v1/notices/{id} or the timeline gives a fact's sources.
 */
export interface StateParts {
  readonly facts: boolean;
  readonly sources: boolean;
  readonly institutions: boolean;
}

export const STATE_PARTS = ['facts', 'sources', 'institutions'] as const;
/** everything: the default of code that asks AsOfAnswers directly (the API's default is lean) */
export const FULL_STATE: StateParts = { facts: true, sources: true, institutions: true };
export const LEAN_STATE: StateParts = { facts: false, sources: false, institutions: false };

/** A statistic, its sources only with include=sources. */
export type StatisticAsAnswered = Omit<StatisticEntry, 'sources'> & { readonly sources?: StatisticEntry['sources'] };
/** A fact in force, its sources only with include=sources. */
export type FactAsAnswered = Omit<FactEntry, 'sources'> & { readonly sources?: FactEntry['sources'] };

/** A jurisdiction's state as answered: `facts` only with include=facts, `institutions` only with include=institutions. */
export type JurisdictionStateAsAnswered = Omit<JurisdictionStateWithInstitutions, 'facts' | 'statistics' | 'institutions' | 'institutionsTotal'> & {
  /** the page of the facts in force (or announced), earliest effective date first: with include=facts */
  readonly facts?: readonly FactAsAnswered[];
  readonly statistics: readonly StatisticAsAnswered[];
  /** the page's window (by name) of the institutions located there, each with its status at the query: with include=institutions */
  readonly institutions?: JurisdictionStateWithInstitutions['institutions'];
  /**
   * how many institutions are located there: with include=institutions
   * @asType integer
   */
  readonly institutionsTotal?: number;
};

/** The national state as answered: the statistics' sources only with include=sources. */
export type NationalStateAsAnswered = Omit<NationalState, 'national'> & {
  readonly national: Omit<NationalState['national'], 'statistics'> & { readonly statistics: readonly StatisticAsAnswered[] };
};

/** An institution's state as answered: its status and the ids of the facts behind it; `facts` only with include=facts. */
export type InstitutionStateAsAnswered = Omit<InstitutionState, 'facts'> & {
  /** the facts naming it that hold at the query: with include=facts (their sources with include=sources) */
  readonly facts?: readonly FactAsAnswered[];
};

function withoutSources<T extends { readonly sources: unknown }>(entry: T): Omit<T, 'sources'> {
  const { sources: _sources, ...rest } = entry;
  return rest;
}

export function jurisdictionStateAnswer(state: JurisdictionStateWithInstitutions, parts: StateParts): JurisdictionStateAsAnswered {
  if (parts.facts && parts.sources && parts.institutions) return state;
  const { facts, statistics, institutions, institutionsTotal, ...rest } = state;
  // Object.assign, not a spread followed by keys of its own: slow on V8 11 (scope-named.ts resolve)
  return Object.assign(
    rest,
    parts.institutions ? { institutions, institutionsTotal } : {},
    parts.facts ? { facts: parts.sources ? facts : facts.map(withoutSources) } : {},
    { statistics: parts.sources ? statistics : statistics.map(withoutSources) },
  );
}

export function nationalStateAnswer(state: NationalState, parts: StateParts): NationalStateAsAnswered {
  if (parts.sources) return state;
  return { ...state, national: { ...state.national, statistics: state.national.statistics.map(withoutSources) } };
}

export function institutionStateAnswer(state: InstitutionState, parts: StateParts): InstitutionStateAsAnswered {
  if (parts.facts && parts.sources) return state;
  const { facts, ...rest } = state;
  return parts.facts ? { ...rest, facts: parts.sources ? facts : facts.map(withoutSources) } : rest;
}
