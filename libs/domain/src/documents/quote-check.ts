import { DomainError } from '../errors.js';
import { locateQuote } from './locate-quote.js';

/** The registered texts a command's quotes are checked against, by document id (the documents a command cites). */
export type RegisteredTexts = ReadonlyMap<string, string>;

/**
 * A quote of a registered document must stand in its text (the rule of `locateQuote`: verbatim,
 * whitespace runs aside); a quote of a document not registered is taken as written (the service
 * works for any regulator without its documents preloaded: docs/provenance.md).
 */
export function checkQuote(field: string, document: string, quote: string, documents: RegisteredTexts | undefined): void {
  const text = documents?.get(document);
  if (text === undefined || locateQuote(text, quote) !== null) return;
  throw new DomainError('quote-not-in-document',
    `${field}: not found verbatim in the registered text of ${document} (only runs of whitespace may differ)`, field);
}
