import { decodeOwnEvent } from '../events/decode.js';
import { locateQuote, type QuotePosition } from './locate-quote.js';

/** A registered text and its hash, by document id. */
export type PlacedDocuments = ReadonlyMap<string, { readonly sha256: string; readonly text: string }>;
/** How a quote is located in a text of this hash (a memo may stand in for `locateQuote`). */
export type QuoteLocator = (sha256: string, text: string, quote: string) => QuotePosition | null;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Cited = { document: string; quote: string };

const isCited = (value: object): value is Cited =>
  typeof (value as Partial<Cited>).document === 'string' && typeof (value as Partial<Cited>).quote === 'string';

/** The value as JSON.stringify sees it (toJSON applied: luxon instants, lazily parsed sources). */
const jsonOf = (value: unknown): unknown =>
  value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function'
    ? (value as { toJSON: () => unknown }).toJSON() : value;

/** The documents an answer's citations (objects with a `document` and a `quote`) cite; `skip`: members not looked into. */
export function citedDocuments(answer: unknown, skip: readonly string[] = []): Set<string> {
  const documents = new Set<string>();
  const visit = (value: unknown): void => {
    const json = jsonOf(value);
    if (json === null || typeof json !== 'object') return;
    if (Array.isArray(json)) {
      json.forEach(visit);
      return;
    }
    if (isCited(json)) documents.add(json.document);
    for (const [key, inner] of Object.entries(json)) if (!skip.includes(key)) visit(inner);
  };
  visit(answer);
  return documents;
}

/**
 * A copy of the answer, as its JSON would be, with every citation placed in its registered
 * document: `quoteAt` ({start, end} by `locateQuote`, or null when the document is not in
 * `documents` or the quote is not in its text) and `documentSha256` (null when not registered).
 * Members named in `skip` are copied as they are (stored events). Pure: the API and an auditor's
 * replay of the log (documents from its DocumentRegistered events) place quotes alike.
 */
export function placeQuotes<T>(answer: T, documents: PlacedDocuments, locate: QuoteLocator = (_sha, text, quote) => locateQuote(text, quote),
  skip: readonly string[] = []): T {
  const rewrite = (value: unknown): Json => {
    const json = jsonOf(value);
    if (json === null || typeof json !== 'object') return json as Json;
    if (Array.isArray(json)) return json.map(rewrite);
    const copy: { [key: string]: Json } = {};
    for (const [key, inner] of Object.entries(json)) {
      if (inner !== undefined) copy[key] = skip.includes(key) ? (JSON.parse(JSON.stringify(inner)) as Json) : rewrite(inner);
    }
    if (isCited(json)) {
      const registered = documents.get(json.document);
      copy.quoteAt = registered ? (locate(registered.sha256, registered.text, json.quote) as Json) : null;
      copy.documentSha256 = registered?.sha256 ?? null;
    }
    return copy;
  };
  return rewrite(answer) as T;
}

/** The registered documents of a log (its DocumentRegistered events; the first registration of an id stands). */
export function documentsOfLog(events: Iterable<{ readonly type: string; readonly data: unknown }>): Map<string, { sha256: string; text: string }> {
  const documents = new Map<string, { sha256: string; text: string }>();
  for (const stored of events) {
    const event = decodeOwnEvent(stored);
    if (event?.type !== 'DocumentRegistered.v1') continue;
    const { document, sha256, text } = event.data;
    if (!documents.has(document)) documents.set(document, { sha256, text });
  }
  return documents;
}
