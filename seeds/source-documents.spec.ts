import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { locateQuote } from '../libs/domain/src/index.js';
import { seedCorroborations } from './corroborations.js';
import { documentSeeds } from './documents/index.js';
import { researchSeeds } from './research/index.js';
import { SEED_DOCUMENTS, seedDocuments } from './source-documents.js';

/** Every quote the seeds record, with the field a write would name for it. */
const quotes = [
  ...[...documentSeeds, ...researchSeeds].flatMap(({ key, notice }) => [
    { key, field: 'source.quote', document: notice.source.document, quote: notice.source.quote },
    ...notice.effects.flatMap((effect, index) => effect.quote === undefined ? []
      : [{ key, field: `effects[${index}].quote`, document: notice.source.document, quote: effect.quote }]),
  ]),
  ...seedCorroborations.map(({ key, corroboration: { source } }) => ({ key, field: 'source.quote', document: source.document, quote: source.quote })),
];

describe('seed documents', () => {
  const documents = seedDocuments();
  const texts = new Map(documents.map((document) => [document.document, document.text]));

  it('are the five source documents and the research notes, all found beside the repository', () => {
    expect(documents.map((document) => document.document)).toStrictEqual(SEED_DOCUMENTS.map((seed) => seed.document));
    for (const document of documents) {
      expect(document.title.trim()).not.toBe('');
      expect(createHash('sha256').update(document.text, 'utf8').digest('hex')).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('cover every document a seed cites', () => {
    expect([...new Set(quotes.map((quote) => quote.document))].filter((document) => !texts.has(document))).toStrictEqual([]);
  });

  it('hold every seed quote, located by the rule writes are checked by (verbatim, whitespace runs aside)', () => {
    expect(quotes.length).toBeGreaterThan(50);
    const missing = quotes.filter(({ document, quote }) => locateQuote(texts.get(document) ?? '', quote) === null)
      .map(({ key, field, document }) => `${key} ${field} (${document})`);
    expect(missing).toStrictEqual([]);
  });
});
