import type { Ban, Jurisdiction } from './api.js';
import { describeEffective } from './dates.js';
import { DoubtTags } from './doubts.js';
import { nameOf, type Labels, type Lang } from './i18n.js';

interface Props {
  /** the first bans in force (a page of them) */
  readonly bans: readonly Ban[];
  /** how many bans are in force in all */
  readonly total: number;
  readonly byCode: ReadonlyMap<string, Jurisdiction>;
  /** whether the page asks "as known on that date" (then "known" is a doubt of its own) */
  readonly asKnown: boolean;
  readonly lang: Lang;
  readonly labels: Labels;
  readonly onSelect: (code: string) => void;
}

/** Every ban in force on the day shown, those possibly in force and disputed totals marked; the place opens its timeline. */
export function BansList({ bans, total, byCode, asKnown, lang, labels, onSelect }: Props) {
  return (
    <section class="bans" aria-labelledby="bans-heading">
      <h2 id="bans-heading">{labels.bans} <span class="badge">{total}</span></h2>
      {total > bans.length && <p class="more">{labels.bansShown(bans.length, total)}</p>}
      {bans.length === 0 ? <p>{labels.noBans}</p> : (
        <ul>
          {bans.map((ban) => (
            <li key={ban.factId} class="ban" data-fact={ban.factId} data-in-force={ban.inForce}>
              <button type="button" class="link" onClick={() => onSelect(ban.jurisdiction)}>
                {nameOf(byCode.get(ban.jurisdiction), ban.jurisdiction, lang)}
              </button>
              <span class="summary">{ban.summary}</span>
              <span class="when">
                {describeEffective(ban.effective, labels)}{' '}
                <DoubtTags doubts={ban} asKnown={asKnown} disputed={(ban.disputedWith?.length ?? 0) > 0} quiet labels={labels} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
