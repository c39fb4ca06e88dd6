import type { FactData, Source } from './api.js';
import { factText } from './fact-text.js';
import type { Labels, Lang } from './i18n.js';

/** What the page says a fact is: generated from its fields once loaded, else the service's English summary. */
export const sayFact = (factId: string, fallback: string, data: ReadonlyMap<string, FactData>, lang: Lang): { text: string; generated: boolean } => {
  const fact = data.get(factId);
  return fact ? { text: factText(fact, lang), generated: true } : { text: fallback, generated: false };
};

/** A fact's words as a button: it opens the document of its first source with the quote highlighted. */
export function FactSummary({ factId, fallback, sources, data, lang, labels, onOpen }: {
  readonly factId: string; readonly fallback: string; readonly sources: readonly Source[];
  readonly data: ReadonlyMap<string, FactData>; readonly lang: Lang; readonly labels: Labels;
  readonly onOpen: (source: Source, summary: string) => void;
}) {
  const { text, generated } = sayFact(factId, fallback, data, lang);
  const first = sources[0];
  return (
    <p class="fact-summary" data-generated={String(generated)} lang={generated && lang === 'zh' ? 'zh-Hans' : 'en'}>
      {first
        ? <button type="button" class="link fact-open" title={labels.readInDocument} onClick={() => onOpen(first, text)}>{text}</button>
        : text}
    </p>
  );
}
