import type { Source, SourceKind } from './api.js';
import { describeEffective } from './dates.js';
import type { Labels, Lang } from './i18n.js';

/** The writer as the document names it, without the seeds' bookkeeping ("(document 000)"); null when unnamed. */
export function writerOf(source: Source): string | null {
  const publisher = (source.publisher ?? '').replace(/\s*\((document \d+|shared\/[^)]*)\)$/, '').trim();
  return publisher === '' || /^unknown\b/i.test(publisher) ? null : publisher;
}

/** A row of the research notes' markdown table ("| 2019-10-16 | CN-HN Hunan | ... |"), as its cells. */
export const tableCells = (quote: string): string[] | null =>
  /^\s*\|.*\|\s*$/.test(quote) ? quote.trim().replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim()) : null;

/** A quote as the source wrote it: a research-table row stays a row of cells, never passed off as prose. */
export function Quote({ quote }: { readonly quote: string }) {
  const cells = tableCells(quote);
  if (!cells) return <blockquote class="quote">{quote}</blockquote>;
  return (
    <blockquote class="quote quote-row" data-table-row="true">
      {cells.map((cell, index) => <span key={index} class="cell">{cell}</span>)}
    </blockquote>
  );
}

/**
 * Who said so (truth rule 6): the kind of source, its writer (publisher, translator, compiler)
 * and, apart, the outlet it cites, so a secondary source's wording is never the outlet's own.
 */
export function Attribution({ source, labels, lang }: { readonly source: Source; readonly labels: Labels; readonly lang: Lang }) {
  const kind: SourceKind = source.kind ?? 'primary';
  const writer = writerOf(source);
  return (
    <p class="attribution">
      <span class={`kind kind-${kind}`} data-kind={kind}>{labels.sourceKindNames[kind]}</span>
      <span class="writer">{labels.writer(kind)}{labels.colon}{writer ?? <em>{labels.unknownWriter}</em>}</span>
      {kind !== 'primary' && (
        <span class="outlet">{labels.citedOutlet}{labels.colon}{source.citedOutlet ?? <em>{labels.noOutlet}</em>}</span>
      )}
      {source.published && <span class="published">{labels.published} {describeEffective(source.published, labels, lang)}</span>}
      {source.url && <a href={source.url} rel="noopener noreferrer" target="_blank">{labels.open}</a>}
    </p>
  );
}

/** Every source of a fact, its own first, then the corroborating ones; each opens its document. */
export function Sources({ sources, labels, lang, onOpen }: {
  readonly sources: readonly Source[]; readonly labels: Labels; readonly lang: Lang;
  readonly onOpen: (source: Source) => void;
}) {
  return (
    <ul class="sources">
      {sources.map((source, index) => (
        <li key={index} class="source" data-kind={source.kind ?? 'primary'} data-document={source.document}>
          <Quote quote={source.quote} />
          <Attribution source={source} labels={labels} lang={lang} />
          <button type="button" class="open-document link" onClick={() => onOpen(source)}>{labels.readInDocument}</button>
        </li>
      ))}
    </ul>
  );
}
