import type { Certainty, FactEntry, FactKind, FactStatus, FuzzyDate } from '../../../domain/src/index.js';

export type InstitutionStatus =
  | 'operating' | 'exit-announced' | 'exited' | 'banned' | 'closed' | 'revoked' | 'partnerships-halted' | 'unknown';

export interface InstitutionState {
  readonly institution: { id: string; name: string; aliases: readonly string[]; jurisdiction: string };
  readonly asOf: string;
  readonly status: InstitutionStatus;
  readonly certainty: Certainty | null;
  readonly since: FuzzyDate | null;
  /** the ids of the facts naming it that hold at the query (those of `facts`, in its order) */
  readonly factIds: readonly string[];
  readonly facts: readonly FactEntry[];
}

/** What a status reads of a fact that holds (a FactShown, or the projection's few parts of one: institution-facts-reader.ts). */
export interface StatusFact {
  readonly content: { readonly kind: FactKind; readonly effective: FuzzyDate | null };
  readonly status: FactStatus;
  readonly certainty: Certainty;
}

/** The strongest status first: an exit or a revocation outranks a ban, a ban outranks an announcement. */
const STATUS_OF: Array<[InstitutionStatus, (fact: StatusFact) => boolean]> = [
  ['exited', (fact) => fact.content.kind === 'InstitutionExitAnnounced' && fact.status === 'in-force'],
  ['revoked', (fact) => fact.content.kind === 'InstitutionsRevoked'],
  ['closed', (fact) => fact.content.kind === 'InstitutionsClosed'],
  ['banned', (fact) => fact.content.kind === 'InstitutionsBanned'],
  ['exit-announced', (fact) => fact.content.kind === 'InstitutionExitAnnounced' && fact.status === 'exit-announced'],
  ['partnerships-halted', (fact) => fact.content.kind === 'PartnershipHalted'],
];

export function institutionStatus(facts: readonly StatusFact[]): Pick<InstitutionState, 'status' | 'certainty' | 'since'> {
  for (const [status, matches] of STATUS_OF) {
    const found = facts.filter(matches).sort((a, b) => (a.certainty === b.certainty ? 0 : a.certainty === 'certain' ? -1 : 1));
    const best = found[0];
    if (best) return { status, certainty: best.certainty, since: best.content.effective as FuzzyDate };
  }
  return { status: facts.length > 0 ? 'operating' : 'unknown', certainty: null, since: null };
}
