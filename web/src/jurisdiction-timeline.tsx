import type { FactAtQuery, FactData, Jurisdiction, Source, TimelineFact } from './api.js';
import { describeEffective, effectiveBy } from './dates.js';
import { DoubtTags } from './doubts.js';
import { FactSummary, sayFact } from './fact-summary.js';
import { nameOf, type Labels, type Lang } from './i18n.js';
import { Sources } from './sources.js';
import type { Remote } from './use-remote.js';

interface Props {
  readonly code: string;
  readonly jurisdiction: Jurisdiction | undefined;
  readonly facts: Remote<TimelineFact[]> | null;
  /** how the place's facts hold on the day shown (its state's facts), by id once loaded */
  readonly holding: ReadonlyMap<string, FactAtQuery> | null;
  readonly asOf: string;
  readonly asKnown: boolean;
  readonly lang: Lang;
  readonly labels: Labels;
  readonly data: ReadonlyMap<string, FactData>;
  readonly onClose: () => void;
  readonly onOpen: (source: Source, summary: string) => void;
}

/**
 * How a fact stands on the day shown: in force (or possibly), disputed, or why it does not hold.
 * Until the place's state has loaded, only whether its date has come.
 */
function FactTags({ fact, holding, asOf, asKnown, labels }: {
  readonly fact: TimelineFact; readonly holding: ReadonlyMap<string, FactAtQuery> | null;
  readonly asOf: string; readonly asKnown: boolean; readonly labels: Labels;
}) {
  if (fact.status === 'retracted') return null; // its status says so
  const started = effectiveBy(fact.effective, asOf);
  const at = holding?.get(fact.factId);
  if (at?.status === 'exit-announced') return <span class="tag">{labels.exitAnnounced}</span>;
  if (at) return <DoubtTags doubts={at} asKnown={asKnown} disputed={at.disputedWith.length > 0} labels={labels} />;
  if (!started) return <span class="tag">{labels.later}</span>;
  if (!holding) return null;
  const superseded = fact.supersededBy && effectiveBy(fact.supersededBy.effective, asOf);
  return <span class="tag">{superseded ? labels.superseded : labels.notInForce}</span>;
}

/** What happened in one place, oldest first, with its sources; facts not holding on the day shown are dimmed. */
export function JurisdictionTimeline({ code, jurisdiction, facts, holding, asOf, asKnown, lang, labels, data, onClose, onOpen }: Props) {
  const holds = (fact: TimelineFact) => (holding ? holding.get(fact.factId)?.status === 'in-force' : effectiveBy(fact.effective, asOf));
  return (
    <section class="timeline" id="timeline" aria-labelledby="timeline-heading" data-code={code}>
      <div class="timeline-head">
        <h2 id="timeline-heading" tabIndex={-1}>{labels.timelineOf} {nameOf(jurisdiction, code, lang)}</h2>
        <button type="button" class="close" onClick={onClose}>{labels.backToNation}</button>
      </div>
      {!facts || facts.status === 'loading' ? <p>{labels.loading}</p>
        : facts.status === 'failed' ? <p role="alert">{labels.failed}: {facts.error}</p>
        : facts.value.length === 0 ? <p>{labels.noFacts}</p>
        : (
          <ol class="facts">
            {facts.value.map((fact) => (
              <li key={fact.factId} class={`fact ${holds(fact) ? '' : 'later'}`} data-fact={fact.factId}
                data-in-force={holding ? holding.get(fact.factId)?.inForce ?? 'no' : undefined}>
                <p class="fact-head">
                  <time dateTime={fact.effective.earliest ?? undefined}>{describeEffective(fact.effective, labels, lang)}</time>
                  <span class="type" data-type={fact.type}>{labels.factKind[fact.type] ?? fact.type}</span>
                  <FactTags fact={fact} holding={holding} asOf={asOf} asKnown={asKnown} labels={labels} />
                  {fact.status !== 'recorded' && <span class="tag">{labels.status}{labels.colon}{labels.statuses[fact.status] ?? fact.status}</span>}
                </p>
                <FactSummary factId={fact.factId} fallback={fact.summary} sources={fact.sources} data={data} lang={lang} labels={labels} onOpen={onOpen} />
                <Sources sources={fact.sources} labels={labels} lang={lang} onOpen={(source) => onOpen(source, sayFact(fact.factId, fact.summary, data, lang).text)} />
              </li>
            ))}
          </ol>
        )}
    </section>
  );
}
