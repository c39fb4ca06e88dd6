import { ONLINE_LENDING, type BusinessLineState, type NationalState } from './api.js';
import type { Labels } from './i18n.js';
import { prohibitionOf } from './map-state.js';

/** What a business line's summary says: where it is prohibited, and the halts it has seen. */
export interface BusinessLineSummary {
  readonly businessLine: string;
  readonly certain: number;
  readonly possible: number;
  readonly halts: number;
}

/**
 * Each business line of the answer (truth rule 7): the provinces prohibiting it (as the map
 * counts them) and the partnership halts in force, online lending first.
 */
export function businessLineSummaries(
  state: NationalState, provinces: ReadonlySet<string>, national: readonly BusinessLineState[] = state.national.businessLines ?? [],
): BusinessLineSummary[] {
  const names = new Set([ONLINE_LENDING, ...national.map((line) => line.businessLine), ...Object.keys(state.prohibitedByBusinessLine ?? {})]);
  const inProvinces = state.jurisdictions.filter((jurisdiction) => provinces.has(jurisdiction.code));
  return [...names].map((businessLine) => {
    const prohibitions = inProvinces.map((jurisdiction) => prohibitionOf(jurisdiction, businessLine)).filter((p) => p.prohibited);
    const certain = prohibitions.filter((p) => p.certainty === 'certain').length;
    const halts = national.find((line) => line.businessLine === businessLine)?.facts['PartnershipHalted'] ?? 0;
    return { businessLine, certain, possible: prohibitions.length - certain, halts };
  });
}

export function BusinessLines({ state, provinces, lines, labels, onShow }: {
  readonly state: NationalState;
  /** the places counted as prohibiting (the provinces, or the place shown) */
  readonly provinces: ReadonlySet<string>;
  /** the business lines of the place shown (the nation's by default) */
  readonly lines?: readonly BusinessLineState[];
  readonly labels: Labels;
  /** shows a business line on the map: its halts when it has only those, else its prohibitions */
  readonly onShow?: (businessLine: string, kind: 'prohibited' | 'halts') => void;
}) {
  return (
    <div class="business-lines">
      <h3>{labels.businessLines}</h3>
      <ul>
        {businessLineSummaries(state, provinces, lines).map(({ businessLine, certain, possible, halts }) => {
          const parts = [
            // a line known only by its halts is not said to be "prohibited in no province"
            ...(certain + possible > 0 || halts === 0 ? [labels.prohibitedIn(certain, possible)] : []),
            ...(halts > 0 ? [labels.partnershipsHalted(halts)] : []),
          ];
          return (
            <li key={businessLine} data-line={businessLine}>
              <button type="button" class="link line-name" title={labels.layer}
                onClick={() => onShow?.(businessLine, halts > 0 && certain + possible === 0 ? 'halts' : 'prohibited')}>
                <strong>{labels.businessLineNames[businessLine] ?? businessLine.replace(/-/g, ' ')}</strong>
              </button>{labels.colon}{parts.join(labels.separator)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
