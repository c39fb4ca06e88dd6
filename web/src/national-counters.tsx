import type { CountName, Counts } from './api.js';
import { describeEffective } from './dates.js';
import type { Labels } from './i18n.js';

const SHOWN: readonly CountName[] = ['operating', 'banned', 'closed', 'revoked', 'exited'];

/** The national figures on the day shown, each with the date it refers to. */
export function NationalCounters({ counts, labels }: { readonly counts: Counts; readonly labels: Labels }) {
  return (
    <section class="national" aria-labelledby="national-heading">
      <h2 id="national-heading">{labels.national}</h2>
      <dl class="counters">
        {SHOWN.map((name) => {
          const count = counts[name];
          return (
            <div class="counter" key={name} data-count={name}>
              <dt>{labels.counts[name]}</dt>
              <dd class="value">{count ? count.value.toLocaleString() : '–'}</dd>
              <dd class="refers-to">
                {count ? `${labels.refersTo} ${describeEffective(count.effective, labels)}` : labels.noFigure}
                {count?.certainty === 'possible' ? ' ?' : ''}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
