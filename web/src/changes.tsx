import type { ChangedFact, FactData, Jurisdiction, Source } from './api.js';
import { describeEffective } from './dates.js';
import { FactSummary } from './fact-summary.js';
import { nameOf, type Labels, type Lang } from './i18n.js';
import { FACT_TYPES, provinceOf, type Layer } from './layers.js';
import type { Change } from './province-map.js';

export interface Diff {
  readonly started: readonly ChangedFact[];
  readonly ended: readonly ChangedFact[];
}

/**
 * What changed in each place in the layer shown (its kind of fact, of its business line when the
 * fact's fields have loaded): a province's tile shows its cities' changes too.
 */
export function changesByPlace(diff: Diff, layer: Layer, data: ReadonlyMap<string, FactData>, byCode: ReadonlyMap<string, Jurisdiction>): Map<string, Change> {
  const changes = new Map<string, Change>();
  const types = FACT_TYPES[layer.kind];
  const mark = (fact: ChangedFact, change: 'started' | 'ended') => {
    if (!types.includes(fact.type)) return;
    const line = data.get(fact.factId)?.businessLine;
    if (line && line !== layer.businessLine) return;
    for (const code of new Set([fact.jurisdiction, provinceOf(fact.jurisdiction, byCode)])) {
      const seen = changes.get(code);
      changes.set(code, seen && seen !== change ? 'both' : change);
    }
  };
  diff.started.forEach((fact) => mark(fact, 'started'));
  diff.ended.forEach((fact) => mark(fact, 'ended'));
  return changes;
}

function ChangeList({ name, facts, byCode, data, lang, labels, onSelect, onOpen }: {
  readonly name: 'started' | 'ended'; readonly facts: readonly ChangedFact[];
  readonly byCode: ReadonlyMap<string, Jurisdiction>; readonly data: ReadonlyMap<string, FactData>;
  readonly lang: Lang; readonly labels: Labels;
  readonly onSelect: (code: string) => void; readonly onOpen: (source: Source, summary: string) => void;
}) {
  return (
    <div class={`change-list change-list-${name}`} data-list={name}>
      <h3>{labels[name]} <span class="badge">{facts.length}</span></h3>
      <ul>
        {facts.map((fact) => (
          <li key={fact.factId} class="ban" data-fact={fact.factId} data-type={fact.type} data-code={fact.jurisdiction}>
            <button type="button" class="link place" onClick={() => onSelect(fact.jurisdiction)}>
              {nameOf(byCode.get(fact.jurisdiction), fact.jurisdiction, lang)}
            </button>
            <FactSummary factId={fact.factId} fallback={fact.summary} sources={fact.sources} data={data} lang={lang} labels={labels} onOpen={onOpen} />
            <span class="when">{labels.factKind[fact.type] ?? fact.type} · {describeEffective(fact.effective, labels, lang)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Compare mode: every fact that started and every fact that ended between the two days, in the place shown. */
export function Changes(props: {
  readonly from: string; readonly to: string; readonly diff: Diff | null; readonly failed: string | null;
  readonly byCode: ReadonlyMap<string, Jurisdiction>; readonly data: ReadonlyMap<string, FactData>;
  readonly lang: Lang; readonly labels: Labels;
  readonly onSelect: (code: string) => void; readonly onOpen: (source: Source, summary: string) => void;
}) {
  const { from, to, diff, failed, lang, labels } = props;
  return (
    <section class="changes" aria-labelledby="changes-heading" aria-busy={!diff && !failed}>
      <h2 id="changes-heading">{labels.compare}: {describeEffective({ text: from, precision: 'day', earliest: from, latest: from }, labels, lang)} → {describeEffective({ text: to, precision: 'day', earliest: to, latest: to }, labels, lang)}</h2>
      {from >= to ? <p role="alert" class="error">{labels.compareFromLater}</p>
        : failed ? <p role="alert" class="error">{labels.failed}: {failed}</p>
        : !diff ? <p role="status">{labels.loading}</p>
        : diff.started.length + diff.ended.length === 0 ? <p>{labels.noChanges}</p>
        : <>
          <ChangeList {...props} name="started" facts={diff.started} />
          <ChangeList {...props} name="ended" facts={diff.ended} />
        </>}
    </section>
  );
}
