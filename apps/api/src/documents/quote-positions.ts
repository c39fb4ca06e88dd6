import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { from, switchMap, type Observable } from 'rxjs';
import { locateQuote, type QuotePosition } from '../../../../libs/domain/src/index.js';
import type { KyselyDocumentReader } from '../../../../libs/read-model/src/document-reader.js';
import { DOCUMENT_READER } from './documents.tokens.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Cited = { document: string; quote: string };

const isCited = (value: object): value is Cited =>
  typeof (value as Partial<Cited>).document === 'string' && typeof (value as Partial<Cited>).quote === 'string';

/** The value as JSON.stringify would see it (toJSON applied: luxon instants, lazy sources read). */
const jsonOf = (value: unknown): unknown =>
  value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function'
    ? (value as { toJSON: () => unknown }).toJSON() : value;

/**
 * Places every quote of an answer in its registered document: each source citation (an object with
 * a `document` and a `quote`) gets `quoteAt` ({start, end}: UTF-16 offsets into the registered
 * text, end exclusive; null when the document is not registered or the quote is not in it) and
 * `documentSha256` (null when not registered). Texts come from the read models (the documents
 * table, at the answer's read-model position); a text is kept by its hash, and each (hash, quote)
 * is located once.
 */
@Injectable()
export class QuotePositions {
  private readonly texts = new LRUCache<string, string>({ maxSize: 32 * 1024 * 1024, sizeCalculation: (text) => Math.max(1, text.length * 2) });
  private readonly positions = new LRUCache<string, QuotePosition | 'absent'>({ max: 100_000 });

  constructor(@Inject(DOCUMENT_READER) private readonly reader: KyselyDocumentReader) {}

  /** A copy of the answer (as its JSON would be) with every citation placed; `skip`: members left as they are (stored events). */
  async annotate<T>(answer: T, skip: readonly string[] = []): Promise<T> {
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
    if (documents.size === 0) return answer;
    const hashes = await this.reader.hashes([...documents]);
    const texts = new Map<string, string>();
    for (const sha of new Set(hashes.values())) {
      const text = this.texts.get(sha) ?? (await this.reader.textOf(sha));
      if (text === null) continue;
      this.texts.set(sha, text);
      texts.set(sha, text);
    }
    const rewrite = (value: unknown): Json => {
      const json = jsonOf(value);
      if (json === null || typeof json !== 'object') return json as Json;
      if (Array.isArray(json)) return json.map(rewrite);
      const copy: { [key: string]: Json } = {};
      for (const [key, inner] of Object.entries(json)) {
        if (inner !== undefined) copy[key] = skip.includes(key) ? (jsonOf(inner) as Json) : rewrite(inner);
      }
      if (isCited(json)) {
        const sha = hashes.get(json.document) ?? null;
        const text = sha === null ? undefined : texts.get(sha);
        copy.quoteAt = text === undefined || sha === null ? null : (this.locate(sha, text, json.quote) as Json);
        copy.documentSha256 = sha;
      }
      return copy;
    };
    return rewrite(answer) as T;
  }

  private locate(sha: string, text: string, quote: string): QuotePosition | null {
    const key = `${sha}\n${quote}`;
    let found = this.positions.get(key);
    if (found === undefined) {
      found = locateQuote(text, quote) ?? 'absent';
      this.positions.set(key, found);
    }
    return found === 'absent' ? null : found;
  }
}

/** Answers with their citations placed (QuotePositions); put innermost, so the answer cache keeps the placed answer. */
@Injectable()
export class QuotePositionsInterceptor implements NestInterceptor {
  constructor(private readonly positions: QuotePositions) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(switchMap((answer: unknown) =>
      answer === undefined || answer === null || Buffer.isBuffer(answer) ? [answer] : from(this.positions.annotate(answer))));
  }
}
