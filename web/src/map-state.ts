import { ONLINE_LENDING, type Certainty, type JurisdictionState } from './api.js';

/**
 * Whether a business line is prohibited in a place, from its `businessLines` (a line absent there
 * is not prohibited); an answer without them falls back to the deprecated online-lending fields.
 */
export function prohibitionOf(state: JurisdictionState, businessLine: string): { prohibited: boolean; certainty: Certainty | null } {
  if (state.businessLines) {
    const line = state.businessLines.find((candidate) => candidate.businessLine === businessLine);
    return { prohibited: line?.prohibited ?? false, certainty: line?.certainty ?? null };
  }
  return businessLine === ONLINE_LENDING
    ? { prohibited: state.onlineLendingProhibited, certainty: state.certainty }
    : { prohibited: false, certainty: null };
}
