import { ONLINE_LENDING, type Ban, type Count, type Jurisdiction, type JurisdictionState } from './api.js';
import { prohibitionOf } from './map-state.js';

/** What the map colours: one kind of fact of one business line. */
export type LayerKind = 'prohibited' | 'banned' | 'closed' | 'revoked' | 'exits' | 'halts';
export const LAYER_KINDS: readonly LayerKind[] = ['prohibited', 'banned', 'closed', 'revoked', 'exits', 'halts'];

export interface Layer {
  readonly businessLine: string;
  readonly kind: LayerKind;
}

export const DEFAULT_LAYER: Layer = { businessLine: ONLINE_LENDING, kind: 'prohibited' };

/** The fact types each kind shows (the API's `type`). */
export const FACT_TYPES: Readonly<Record<LayerKind, readonly string[]>> = {
  prohibited: ['BusinessLineProhibited'],
  banned: ['InstitutionsBanned'],
  closed: ['InstitutionsClosed'],
  revoked: ['InstitutionsRevoked'],
  exits: ['InstitutionExitAnnounced'],
  halts: ['PartnershipHalted'],
};

/** The count of a place's state that a kind has, if any. */
const COUNT_OF: Partial<Record<LayerKind, 'banned' | 'closed' | 'revoked' | 'exited'>> = {
  banned: 'banned', closed: 'closed', revoked: 'revoked', exits: 'exited',
};

/**
 * A tile's colour: in force (certainly), possibly in force (the day shown is inside an imprecise
 * date's window), in force but its count unknown ("a number of"), or nothing of the kind.
 */
export type TileState = 'in-force' | 'possible' | 'unknown-count' | 'none';
export const TILE_STATES: readonly TileState[] = ['in-force', 'possible', 'unknown-count', 'none'];

/** The province a place belongs to (itself for a province), from the jurisdictions' parents. */
export function provinceOf(code: string, byCode: ReadonlyMap<string, Jurisdiction>): string {
  let place = byCode.get(code);
  while (place && place.level === 'city' && place.parent) place = byCode.get(place.parent);
  return place?.code ?? code;
}

/** Whether a place is the scope itself or lies inside it (a city in a province; everything in CN). */
export function inScope(code: string, scope: string | null, byCode: ReadonlyMap<string, Jurisdiction>): boolean {
  if (!scope || scope === 'CN') return true;
  if (code === scope) return true;
  const parent = byCode.get(code)?.parent;
  return parent ? inScope(parent, scope, byCode) && parent !== 'CN' : false;
}

/**
 * A place's colour in a layer, from its state in the national answer (which rolls its cities up) and
 * the actions in force (each saying whether it is possibly in force and whether it has a number).
 */
export function tileStateOf(
  code: string, state: JurisdictionState | undefined, actions: readonly Ban[], layer: Layer,
  byCode: ReadonlyMap<string, Jurisdiction>,
): TileState {
  if (!state) return 'none';
  if (layer.kind === 'prohibited') {
    const { prohibited, certainty } = prohibitionOf(state, layer.businessLine);
    return prohibited ? (certainty === 'certain' ? 'in-force' : 'possible') : 'none';
  }
  const types = FACT_TYPES[layer.kind];
  const here = actions.filter((action) => types.includes(action.type) && (action.businessLine ?? ONLINE_LENDING) === layer.businessLine
    && inScope(action.jurisdiction, code, byCode));
  const line = state.businessLines?.find((candidate) => candidate.businessLine === layer.businessLine);
  const inLine = types.reduce((sum, type) => sum + (line?.facts[type] ?? 0), 0);
  const countName = COUNT_OF[layer.kind];
  // the national answer's counts are not per business line: they are online lending's
  const count: Count | null = countName && layer.businessLine === ONLINE_LENDING ? state.counts[countName] : null;
  if (here.length === 0 && inLine === 0 && !count) return 'none';
  const certain = here.filter((action) => action.inForce === 'certain');
  if (here.length > 0 && certain.length === 0 && (!count || count.inForce === 'possible')) return 'possible';
  if (count && count.value === null) return 'unknown-count';
  if (!count && here.length > 0 && certain.every((action) => action.count === null) && layer.kind !== 'halts' && layer.kind !== 'exits') {
    return 'unknown-count';
  }
  return 'in-force';
}

/** The business lines the answer knows (online lending first). */
export function businessLinesOf(states: Iterable<JurisdictionState>, national: readonly { businessLine: string }[] = []): string[] {
  const names = new Set<string>([ONLINE_LENDING, ...national.map((line) => line.businessLine)]);
  for (const state of states) for (const line of state.businessLines ?? []) names.add(line.businessLine);
  return [...names];
}
