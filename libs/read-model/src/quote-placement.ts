import { LRUCache } from 'lru-cache';
import { citedDocuments, locateQuote, placeQuotes, type QuotePosition } from '../../domain/src/index.js';
import type { KyselyDocumentReader } from './document-reader.js';

/**
 * Places every quote of an answer in its registered document (`placeQuotes` of the domain: each
 * source citation gets `quoteAt` and `documentSha256`, docs/provenance.md). The documents come from
 * the read models (the documents table, at the answer's read-model position); a text is kept by
 * its hash, and each (hash, quote) is located once. Framework-free: the API's thread (QuotePositions)
 * and the answer workers (which place an answer's quotes before handing over its bytes) use it.
 */
export class QuotePlacement {
  private readonly texts = new LRUCache<string, string>({ maxSize: 32 * 1024 * 1024, sizeCalculation: (text) => Math.max(1, text.length * 2) });
  private readonly positions = new LRUCache<string, QuotePosition | 'absent'>({ max: 100_000 });

  constructor(private readonly reader: KyselyDocumentReader) {}

  /** A copy of the answer (as its JSON would be) with every citation placed; `skip`: members left as they are (stored events). */
  async annotate<T>(answer: T, skip: readonly string[] = []): Promise<T> {
    const cited = citedDocuments(answer, skip);
    if (cited.size === 0) return answer;
    const hashes = await this.reader.hashes([...cited]);
    const documents = new Map<string, { sha256: string; text: string }>();
    for (const [document, sha256] of hashes) {
      const text = this.texts.get(sha256) ?? (await this.reader.textOf(sha256));
      if (text === null) continue;
      this.texts.set(sha256, text);
      documents.set(document, { sha256, text });
    }
    return placeQuotes(answer, documents, (sha256, text, quote) => this.locate(sha256, text, quote), skip);
  }

  private locate(sha256: string, text: string, quote: string): QuotePosition | null {
    const key = `${sha256}\n${quote}`;
    let found = this.positions.get(key);
    if (found === undefined) {
      found = locateQuote(text, quote) ?? 'absent';
      this.positions.set(key, found);
    }
    return found === 'absent' ? null : found;
  }
}
