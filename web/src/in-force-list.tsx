import type { Ban, FactData, Jurisdiction, Source } from './api.js';
import { describeEffective } from './dates.js';
import { DoubtTags } from './doubts.js';
import { FactSummary } from './fact-summary.js';
import { nameOf, type Labels, type Lang } from './i18n.js';

interface Props {
  /** the first actions in force in the place shown (a page of them) */
  readonly bans: readonly Ban[];
  /** how many are in force in all */
  readonly total: number;
  readonly byCode: ReadonlyMap<string, Jurisdiction>;
  readonly data: ReadonlyMap<string, FactData>;
  /** whether the page asks "as known on that date" (then "known" is a doubt of its own) */
  readonly asKnown: boolean;
  readonly lang: Lang;
  readonly labels: Labels;
  readonly onSelect: (code: string) => void;
  readonly onOpen: (source: Source, summary: string) => void;
}

const ORDER = ['BusinessLineProhibited', 'InstitutionsBanned', 'InstitutionsClosed', 'InstitutionsRevoked', 'InstitutionExitAnnounced', 'PartnershipHalted'];

/** Two records of one action (one place, kind, line, number and date) are one line: the sources of both. */
function merged(bans: readonly Ban[]): Ban[] {
  const byKey = new Map<string, Ban>();
  for (const ban of bans) {
    const key = [ban.jurisdiction, ban.type, ban.businessLine, ban.count, ban.effective.text].join('|');
    const seen = byKey.get(key);
    byKey.set(key, seen ? { ...seen, sources: [...seen.sources, ...ban.sources] } : ban);
  }
  return [...byKey.values()];
}

/**
 * The actions in force on the day shown in the place shown, grouped by kind (prohibitions, bans,
 * closures, revocations, exits, partnership halts), each in the reader's language; a fact opens
 * its source document, its place the place.
 */
export function InForceList({ bans, total, byCode, data, asKnown, lang, labels, onSelect, onOpen }: Props) {
  const facts = merged(bans);
  const types = [...new Set(facts.map((fact) => fact.type))].sort((a, b) => (ORDER.indexOf(a) + 99) % 99 - (ORDER.indexOf(b) + 99) % 99);
  return (
    <section class="bans" aria-labelledby="bans-heading">
      <h2 id="bans-heading">{labels.inForceList} <span class="badge">{total}</span></h2>
      {total > bans.length && <p class="more">{labels.bansShown(bans.length, total)}</p>}
      {facts.length === 0 ? <p>{labels.noBans}</p> : types.map((type) => (
        <div class="kind-group" key={type} data-type={type}>
          <h3>{labels.factKinds[type] ?? type}</h3>
          <ul>
            {facts.filter((fact) => fact.type === type).map((ban) => (
              <li key={ban.factId} class="ban" data-fact={ban.factId} data-in-force={ban.inForce} data-code={ban.jurisdiction}>
                <button type="button" class="link place" onClick={() => onSelect(ban.jurisdiction)}>
                  {nameOf(byCode.get(ban.jurisdiction), ban.jurisdiction, lang)}
                </button>
                <FactSummary factId={ban.factId} fallback={ban.summary} sources={ban.sources} data={data} lang={lang} labels={labels} onOpen={onOpen} />
                <span class="when">
                  {describeEffective(ban.effective, labels, lang)}{' '}
                  <DoubtTags doubts={ban} asKnown={asKnown} disputed={(ban.disputedWith?.length ?? 0) > 0} quiet labels={labels} />
                  {ban.sources.length > 1 && <span class="also">{labels.alsoIn(ban.sources.length - 1)}</span>}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
