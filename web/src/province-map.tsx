import type { Jurisdiction, JurisdictionState } from './api.js';
import { nameOf, tileLabelOf, type Labels, type Lang } from './i18n.js';
import { MAP_STATES, mapStateOf } from './map-state.js';
import { GRID_COLUMNS, GRID_ROWS, TILE_GRID } from './tile-grid.js';

interface Props {
  readonly jurisdictions: readonly Jurisdiction[];
  readonly states: ReadonlyMap<string, JurisdictionState>;
  readonly selected: string | null;
  readonly lang: Lang;
  readonly labels: Labels;
  readonly onSelect: (code: string) => void;
}

/**
 * Provinces as tiles and, as a row below, the cities with something in force on the day shown
 * (the national state lists those; China has over 300 prefecture-level cities), each a button
 * coloured by its state.
 */
export function ProvinceMap({ jurisdictions, states, selected, lang, labels, onSelect }: Props) {
  const byCode = new Map(jurisdictions.map((j) => [j.code, j]));
  const cities = jurisdictions.filter((j) => j.level === 'city' && (states.has(j.code) || j.code === selected));
  const button = (code: string, label: string, className: string, style?: Record<string, string>) => {
    const state = mapStateOf(states.get(code));
    const name = nameOf(byCode.get(code), code, lang);
    return (
      <button
        type="button" key={code} class={`${className} state-${state}`} style={style}
        data-code={code} data-state={state} aria-pressed={selected === code}
        aria-label={`${name}: ${labels.states[state]}`} title={`${name}: ${labels.states[state]}`}
        onClick={() => onSelect(code)}
      >{label}</button>
    );
  };
  return (
    <section class="map" aria-labelledby="map-heading">
      <h2 id="map-heading">{labels.map}</h2>
      <div class="tiles" style={{ gridTemplateColumns: `repeat(${GRID_COLUMNS}, 1fr)`, gridTemplateRows: `repeat(${GRID_ROWS}, auto)` }}>
        {Object.entries(TILE_GRID).map(([code, [column, row]]) =>
          button(code, tileLabelOf(byCode.get(code), code, lang), 'tile', { gridColumn: String(column + 1), gridRow: String(row + 1) }))}
      </div>
      {cities.length > 0 && (
        <div class="cities" role="group" aria-label={labels.cities}>
          <span class="cities-label">{labels.cities}</span>
          {cities.map((city) => button(city.code, nameOf(city, city.code, lang), 'city'))}
        </div>
      )}
      <ul class="legend">
        {MAP_STATES.map((state) => (
          <li key={state}><span class={`swatch state-${state}`} aria-hidden="true" />{labels.states[state]}</li>
        ))}
      </ul>
    </section>
  );
}
