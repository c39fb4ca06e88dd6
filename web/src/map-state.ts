import type { JurisdictionState } from './api.js';

/** The four colours of the map. */
export type MapState = 'prohibited' | 'possible' | 'banned-or-closed' | 'none';

export const MAP_STATES: readonly MapState[] = ['prohibited', 'possible', 'banned-or-closed', 'none'];

export function mapStateOf(state: JurisdictionState | undefined): MapState {
  if (!state) return 'none';
  if (state.onlineLendingProhibited && state.certainty === 'certain') return 'prohibited';
  // an imprecise date ("on or before ...") may or may not cover the day shown
  if (state.onlineLendingProhibited || state.certainty === 'possible') return 'possible';
  if (state.counts.banned || state.counts.closed) return 'banned-or-closed';
  return 'none';
}
