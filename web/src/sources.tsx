import type { Source } from './api.js';
import { describeEffective } from './dates.js';
import type { Labels } from './i18n.js';

/**
 * Who said so, in words (truth rule 6): a primary source is its publisher; a secondary source,
 * summary or translation says what it is and the outlet it cites, so its wording is never shown
 * as the outlet's own.
 */
export function attributionOf(source: Source, labels: Labels): string {
  const publisher = source.publisher ?? source.document;
  const kind = source.kind ?? 'primary';
  return kind === 'primary' ? publisher : labels.sourceKinds[kind](publisher, source.citedOutlet ?? null);
}

/** Every source of a fact, its own first, then the corroborating ones: the quote, who, when and a link. */
export function Sources({ sources, labels }: { readonly sources: readonly Source[]; readonly labels: Labels }) {
  return (
    <ul class="sources">
      {sources.map((source, index) => (
        <li key={index} class="source" data-kind={source.kind ?? 'primary'}>
          <blockquote class="quote">{source.quote}</blockquote>
          <p class="attribution">
            {labels.source}: {attributionOf(source, labels)}
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
