import type { Ban, Jurisdiction, JurisdictionState } from './api.js';
import { nameOf, tileLabelOf, type Labels, type Lang } from './i18n.js';
import { LAYER_KINDS, TILE_STATES, tileStateOf, type Layer, type LayerKind } from './layers.js';
import { GRID_COLUMNS, GRID_ROWS, TILE_GRID } from './tile-grid.js';

export type Change = 'started' | 'ended' | 'both' | 'none';
const CHANGES: readonly Change[] = ['started', 'ended', 'both', 'none'];

interface Props {
  readonly jurisdictions: readonly Jurisdiction[];
  readonly states: ReadonlyMap<string, JurisdictionState>;
  /** the actions in force on the day shown, all of China */
  readonly actions: readonly Ban[];
  readonly layer: Layer;
  readonly businessLines: readonly string[];
  /** compare mode: what changed in each place (and the places inside it) */
  readonly changes: ReadonlyMap<string, Change> | null;
  readonly selected: string | null;
  readonly lang: Lang;
  readonly labels: Labels;
  readonly onSelect: (code: string) => void;
  readonly onLayer: (layer: Layer) => void;
}

/** Which business line and kind of fact the map colours (the URL keeps both). */
function LayerPicker({ layer, businessLines, labels, onLayer }: Pick<Props, 'layer' | 'businessLines' | 'labels' | 'onLayer'>) {
  return (
    <fieldset class="layer-picker">
      <legend>{labels.layer}</legend>
      <label>
        <span>{labels.businessLine}</span>
        <select id="layer-line" value={layer.businessLine} onChange={(event) => onLayer({ ...layer, businessLine: event.currentTarget.value })}>
          {businessLines.map((line) => <option key={line} value={line}>{labels.businessLineNames[line] ?? line.replace(/-/g, ' ')}</option>)}
        </select>
      </label>
      <label>
        <span>{labels.kind}</span>
        <select id="layer-kind" value={layer.kind} onChange={(event) => onLayer({ ...layer, kind: event.currentTarget.value as LayerKind })}>
          {LAYER_KINDS.map((kind) => <option key={kind} value={kind}>{labels.layerKinds[kind]}</option>)}
        </select>
      </label>
    </fieldset>
  );
}

/**
 * Provinces as tiles and, as a row below, the cities with something in force on the day shown,
 * each a button coloured by the layer chosen (or, comparing, by what started and ended there).
 */
export function ProvinceMap(props: Props) {
  const { jurisdictions, states, actions, layer, changes, selected, lang, labels, onSelect } = props;
  const byCode = new Map(jurisdictions.map((j) => [j.code, j]));
  const cities = jurisdictions.filter((j) => j.level === 'city' && (states.has(j.code) || j.code === selected));
  const lineName = labels.businessLineNames[layer.businessLine] ?? layer.businessLine.replace(/-/g, ' ');
  const words = labels.tileStates(lineName, labels.layerKinds[layer.kind]);
  const button = (code: string, label: string, className: string, style?: Record<string, string>) => {
    const state = tileStateOf(code, states.get(code), actions, layer, byCode);
    const change = changes ? changes.get(code) ?? 'none' : null;
    const name = nameOf(byCode.get(code), code, lang);
    const said = change ? labels.changes[change] : words[state];
    return (
      <button
        type="button" key={code} class={`${className} ${change ? `change-${change}` : `state-${state}`}`} style={style}
        data-code={code} data-state={state} data-change={change ?? undefined} aria-pressed={selected === code}
        aria-label={`${name}: ${said}`} title={`${name}: ${said}`}
        onClick={() => onSelect(code)}
      >{label}</button>
    );
  };
  return (
    <section class="map" aria-labelledby="map-heading" data-layer={`${layer.businessLine}:${layer.kind}`}>
      <h2 id="map-heading">{labels.map}</h2>
      <LayerPicker {...props} />
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
      <ul class="legend" aria-label={changes ? labels.compare : labels.layer}>
        {changes
          ? CHANGES.map((change) => (
            <li key={change} data-legend={change}><span class={`swatch change-${change}`} aria-hidden="true" />{labels.changes[change]}</li>))
          : TILE_STATES.filter((state) => layer.kind !== 'prohibited' || state !== 'unknown-count').map((state) => (
            <li key={state} data-legend={state}><span class={`swatch state-${state}`} aria-hidden="true" />{words[state]}</li>))}
      </ul>
    </section>
  );
}
