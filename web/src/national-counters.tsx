import type { BusinessLineState, Count, CountName, Counts, NationalState } from './api.js';
import { BusinessLines } from './business-lines.js';
import { describeEffective } from './dates.js';
import { DoubtTags, formatNumber } from './doubts.js';
import type { Labels, Lang } from './i18n.js';

const SHOWN: readonly CountName[] = ['operating', 'banned', 'closed', 'revoked', 'exited'];

/**
 * A count's number (truth rule 5): "unknown" when its facts give no number, "≥ N" when some
 * do not (a lower bound), with the source's qualifier ("nearly 5,000").
 */
function CountValue({ count, lang, labels }: { readonly count: Count | null; readonly lang: Lang; readonly labels: Labels }) {
  if (!count) return <dd class="value">–</dd>;
  if (count.value === null) return <dd class="value unknown" data-value="unknown">{labels.unknown}</dd>;
  const qualifier = count.qualifier ? labels.qualifiers[count.qualifier] : null;
  return (
    <dd class="value" data-value={count.partial ? 'partial' : 'exact'}>
      {qualifier && <><small class="qualifier">{qualifier}</small> </>}
      {count.partial && <><span title={labels.atLeast}>≥</span> </>}
      {formatNumber(count.value, lang)}
    </dd>
  );
}

/**
 * The figures of the place shown (all of China, a province with its cities, or a city) on the day
 * shown, each with the date it refers to, and each business line's summary there.
 */
export function Counters({ scope, heading, counts, lines, state, places, asKnown, lang, labels, onShow }: {
  /** the place the counts are of ('CN' for all of China) */
  readonly scope: string;
  readonly heading: string;
  readonly counts: Counts;
  readonly lines: readonly BusinessLineState[] | undefined;
  readonly state: NationalState;
  /** the places counted as prohibiting: the provinces for China, else the place itself */
  readonly places: ReadonlySet<string>;
  readonly asKnown: boolean;
  readonly lang: Lang;
  readonly labels: Labels;
  readonly onShow: (businessLine: string, kind: 'prohibited' | 'halts') => void;
}) {
  return (
    <section class="national counters-of" aria-labelledby="national-heading" data-scope={scope}>
      <h2 id="national-heading">{labels.national}: {heading}</h2>
      <dl class="counters">
        {SHOWN.map((name) => {
          const count = counts[name];
          return (
            <div class="counter" key={name} data-count={name}>
              <dt>{labels.counts[name]}</dt>
              <CountValue count={count} lang={lang} labels={labels} />
              <dd class="refers-to">
                {count ? `${labels.refersTo} ${describeEffective(count.effective, labels, lang)}` : labels.noFigure}
              </dd>
              {count && (count.value === null || count.partial) &&
                <dd class="note">{count.value === null ? labels.unknownHint : labels.atLeastHint}</dd>}
              {count && (
                <dd class="tags">
                  <DoubtTags doubts={count} asKnown={asKnown} disputed={count.disputed} quiet labels={labels} />
                </dd>
              )}
            </div>
          );
        })}
      </dl>
      <BusinessLines state={state} provinces={places} lines={lines ?? []} labels={labels} onShow={onShow} />
    </section>
  );
}
