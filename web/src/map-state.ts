import { ONLINE_LENDING, type Certainty, type JurisdictionState } from './api.js';

/** The four colours of the map. */
export type MapState = 'prohibited' | 'possible' | 'banned-or-closed' | 'none';

export const MAP_STATES: readonly MapState[] = ['prohibited', 'possible', 'banned-or-closed', 'none'];

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

/** The map encodes the online-lending prohibition: certain, possible (the day shown is inside its window), or none. */
export function mapStateOf(state: JurisdictionState | undefined): MapState {
  if (!state) return 'none';
  const { prohibited, certainty } = prohibitionOf(state, ONLINE_LENDING);
  if (prohibited) return certainty === 'certain' ? 'prohibited' : 'possible';
  if (state.counts.banned || state.counts.closed) return 'banned-or-closed';
  return 'none';
}
