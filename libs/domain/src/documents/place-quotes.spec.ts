import { describe, expect, it } from '@jest/globals';
import { citedDocuments, documentsOfLog, placeQuotes } from './place-quotes.js';

describe('placeQuotes', () => {
  const documents = new Map([['a.txt', { sha256: 'aa', text: 'The bank halted\nnew partnerships.' }]]);
  const answer = {
    bans: [
      { sources: [{ document: 'a.txt', quote: 'halted new partnerships', quoteAt: null, documentSha256: null }] },
      { sources: [{ document: 'a.txt', quote: 'not in the text' }, { document: 'b.txt', quote: 'halted' }] },
    ],
    events: [{ data: { source: { document: 'a.txt', quote: 'halted' } } }],
  };

  it('given a registered document, then each citation of it gets quoteAt and its hash; others nulls', () => {
    const placed = placeQuotes(answer, documents, undefined, ['events']);
    expect(placed.bans[0]!.sources[0]).toStrictEqual({ document: 'a.txt', quote: 'halted new partnerships', quoteAt: { start: 9, end: 32 }, documentSha256: 'aa' });
    expect(placed.bans[1]!.sources).toStrictEqual([
      { document: 'a.txt', quote: 'not in the text', quoteAt: null, documentSha256: 'aa' },
      { document: 'b.txt', quote: 'halted', quoteAt: null, documentSha256: null },
    ]);
  });

  it('given skipped members, then they are copied as they are; the answer itself is never changed', () => {
    const placed = placeQuotes(answer, documents, undefined, ['events']);
    expect(placed.events).toStrictEqual(answer.events);
    expect(answer.bans[0]!.sources[0]).toHaveProperty('quoteAt', null);
    expect([...citedDocuments(answer, ['events'])]).toStrictEqual(['a.txt', 'b.txt']);
  });

  it('given a log, then its registered documents, the first registration of an id standing', () => {
    const registered = (text: string, sha256: string) =>
      ({ type: 'DocumentRegistered.v1', data: { document: 'a.txt', title: 't', language: null, kind: null, sha256, text } });
    const log = [registered('first', '01'), { type: 'NoticePublished.v1', data: {} }, registered('second', '02')];
    expect(documentsOfLog(log)).toStrictEqual(new Map([['a.txt', { sha256: '01', text: 'first' }]]));
  });
});
