import type { Ban, Jurisdiction } from './api.js';
import { describeEffective } from './dates.js';
import { nameOf, type Labels, type Lang } from './i18n.js';

interface Props {
  readonly bans: readonly Ban[];
  readonly byCode: ReadonlyMap<string, Jurisdiction>;
  readonly lang: Lang;
  readonly labels: Labels;
  readonly onSelect: (code: string) => void;
}

/** Every ban in force on the day shown; the place opens its timeline. */
export function BansList({ bans, byCode, lang, labels, onSelect }: Props) {
  return (
    <section class="bans" aria-labelledby="bans-heading">
      <h2 id="bans-heading">{labels.bans} <span class="badge">{bans.length}</span></h2>
      {bans.length === 0 ? <p>{labels.noBans}</p> : (
        <ul>
          {bans.map((ban) => (
            <li key={ban.factId} class="ban" data-fact={ban.factId}>
              <button type="button" class="link" onClick={() => onSelect(ban.jurisdiction)}>
                {nameOf(byCode.get(ban.jurisdiction), ban.jurisdiction, lang)}
              </button>
              <span class="summary">{ban.summary}</span>
              <span class="when">{describeEffective(ban.effective, labels)}{ban.certainty === 'possible' ? ' ?' : ''}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
