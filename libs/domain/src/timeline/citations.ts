import type { QuotePosition } from '../documents/locate-quote.js';
import type { SourceKind } from '../facts/fact-catalogue.js';
import type { FactSource } from '../notice/notice-events.js';
import type { FuzzyDate } from '../time/fuzzy-date.js';

/**
 * A source as an answer cites it (truth rule 6): `publisher` is who wrote or published the words
 * quoted, `kind` says what the source is, and `citedOutlet` the outlet a secondary source, summary
 * or translation cites, never presented as the author of the quote.
 */
export interface SourceCitation {
  readonly document: string;
  readonly publisher: string;
  readonly kind: SourceKind;
  readonly citedOutlet: string | null;
  readonly url: string | null;
  readonly quote: string;
  readonly title: string;
  readonly published: FuzzyDate;
  /**
   * Where the quote stands in the registered text of `document` (UTF-16 offsets, end exclusive; the
   * rule of `locateQuote`); null when the document is not registered or the quote is not in it (a
   * fact recorded before). The fold gives null; the API fills it in from the registered documents.
   */
  readonly quoteAt: QuotePosition | null;
  /** hex SHA-256 of the registered text `quoteAt` indexes into; null when the document is not registered */
  readonly documentSha256: string | null;
}

export const citationOf = (source: FactSource): SourceCitation => ({
  document: source.document, publisher: source.publisher, kind: source.kind ?? 'primary', citedOutlet: source.citedOutlet ?? null,
  url: source.url, quote: source.quote, title: source.title, published: source.published, quoteAt: null, documentSha256: null,
});
