import type { Source } from './api.js';
import { describeEffective } from './dates.js';
import type { Labels } from './i18n.js';

/** Who said so: the quote, publisher, date and a link to the original. */
export function Sources({ sources, labels }: { readonly sources: readonly Source[]; readonly labels: Labels }) {
  return (
    <ul class="sources">
      {sources.map((source, index) => (
        <li key={index} class="source">
          <blockquote class="quote">{source.quote}</blockquote>
          <p class="attribution">
            {labels.source}: {source.publisher ?? source.document}
            {source.published ? `, ${labels.published} ${describeEffective(source.published, labels)}` : ''}
            {source.url && (
              <> · <a href={source.url} rel="noopener noreferrer" target="_blank">{labels.open}</a></>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
