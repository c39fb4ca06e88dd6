import type { Jurisdiction, TimelineFact } from './api.js';
import { describeEffective, effectiveBy } from './dates.js';
import { nameOf, type Labels, type Lang } from './i18n.js';
import { Sources } from './sources.js';
import type { Remote } from './use-remote.js';

interface Props {
  readonly code: string;
  readonly jurisdiction: Jurisdiction | undefined;
  readonly facts: Remote<TimelineFact[]> | null;
  readonly asOf: string;
  readonly lang: Lang;
  readonly labels: Labels;
  readonly onClose: () => void;
}

/** What happened in one place, oldest first, with its sources; facts after the day shown are dimmed. */
export function JurisdictionTimeline({ code, jurisdiction, facts, asOf, lang, labels, onClose }: Props) {
  return (
    <section class="timeline" id="timeline" aria-labelledby="timeline-heading" data-code={code}>
      <div class="timeline-head">
        <h2 id="timeline-heading" tabIndex={-1}>{labels.timelineOf} {nameOf(jurisdiction, code, lang)}</h2>
        <button type="button" class="close" onClick={onClose}>{labels.close}</button>
      </div>
      {!facts || facts.status === 'loading' ? <p>{labels.loading}</p>
        : facts.status === 'failed' ? <p role="alert">{labels.failed}: {facts.error}</p>
        : facts.value.length === 0 ? <p>{labels.noFacts}</p>
        : (
          <ol class="facts">
            {facts.value.map((fact) => (
              <li key={fact.factId} class={`fact ${effectiveBy(fact.effective, asOf) ? '' : 'later'}`} data-fact={fact.factId}>
                <p class="fact-head">
                  <time>{describeEffective(fact.effective, labels)}</time>
                  <span class="type">{fact.type}</span>
                  {!effectiveBy(fact.effective, asOf) && <span class="tag">{labels.later}</span>}
                  {fact.status !== 'recorded' && <span class="tag">{labels.status}: {fact.status}</span>}
                </p>
                <p class="fact-summary">{fact.summary}</p>
                <Sources sources={fact.sources} labels={labels} />
              </li>
            ))}
          </ol>
        )}
    </section>
  );
}
