import type { FactEntry, NationalState, StatisticEntry } from '../../../domain/src/index.js';
import type { JurisdictionStateWithInstitutions } from './as-of-answers.js';
import type { InstitutionState } from './institution-status.js';

/**
 * What a state answer carries besides the state and the counts with their fact ids (`include=`):
 * `facts`, the page of the facts in force; `sources`, the sources of what is listed (the facts and
 * the statistics). A lean answer (neither) names every fact by id; GET /v1/notices/{id} or the
 * timeline gives a fact's sources.
 */
export interface StateParts {
  readonly facts: boolean;
  readonly sources: boolean;
}

export const STATE_PARTS = ['facts', 'sources'] as const;
/** everything: the default of code that asks AsOfAnswers directly (the API's default is lean) */
export const FULL_STATE: StateParts = { facts: true, sources: true };
export const LEAN_STATE: StateParts = { facts: false, sources: false };

/** A statistic, its sources only with include=sources. */
export type StatisticAsAnswered = Omit<StatisticEntry, 'sources'> & { readonly sources?: StatisticEntry['sources'] };
/** A fact in force, its sources only with include=sources. */
export type FactAsAnswered = Omit<FactEntry, 'sources'> & { readonly sources?: FactEntry['sources'] };

/** A jurisdiction's state as answered: `facts` only with include=facts. */
export type JurisdictionStateAsAnswered = Omit<JurisdictionStateWithInstitutions, 'facts' | 'statistics'> & {
  /** the page of the facts in force (or announced), earliest effective date first: with include=facts */
  readonly facts?: readonly FactAsAnswered[];
  readonly statistics: readonly StatisticAsAnswered[];
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
  if (parts.facts && parts.sources) return state;
  const { facts, statistics, ...rest } = state;
  return {
    ...rest,
    ...(parts.facts ? { facts: parts.sources ? facts : facts.map(withoutSources) } : {}),
    statistics: parts.sources ? statistics : statistics.map(withoutSources),
  };
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
