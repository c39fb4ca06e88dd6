import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../errors.js';
import type { FactInput } from '../facts/fact-catalogue.js';
import { decide, evolve, initialState, type NoticeCommand, type NoticeInput } from '../notice/notice-decider.js';
import type { NoticeEvent } from '../notice/notice-events.js';

/**
 * Quotes of registered documents (docs/provenance.md): every quote a write gives of a registered
 * document stands in its text (verbatim, runs of whitespace aside), else `quote-not-in-document`
 * naming the field; quotes of documents not registered are taken as written.
 */
const DOCUMENT = 'nx-2019-10-18.html';
const TEXT = '宁夏地方金融监管局：全区P2P网贷机构已全部退出。\n第一批取缔3家网贷机构，\n第二批取缔2家。';
const documents = new Map([[DOCUMENT, TEXT]]);
const NOW = '2024-06-01T00:00:00.000Z';
const banned = (quote?: string): FactInput => ({
  type: 'InstitutionsBanned', jurisdiction: 'CN-NX', effective: '2019-10-18', count: 3, batch: { number: 1, of: 2 }, ...(quote ? { quote } : {}),
}) as FactInput;
const notice = (quote: string, ...effects: FactInput[]): NoticeInput => ({
  authority: 'Ningxia LFSA', jurisdiction: 'CN-NX', title: 'Exit of online lending institutions', published: '2019-10-18',
  source: { document: DOCUMENT, publisher: 'Ningxia LFSA', url: null, quote }, language: 'zh', effects,
});
const publish = (input: NoticeInput, texts = documents): NoticeCommand =>
  ({ type: 'PublishNotice', noticeId: 'n1', now: NOW, notice: input, documents: texts });

function refusal(command: NoticeCommand, history: readonly NoticeEvent[] = []): { code: string; field?: string } | null {
  try {
    decide(command, history.reduce(evolve, initialState()));
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, field: error.field };
  }
}

describe('quotes of registered documents', () => {
  const published = decide(publish(notice('全区P2P网贷机构已全部退出', banned('第一批取缔3家网贷机构'))), initialState());

  it('given a registered document, when a notice quotes it verbatim, then it is recorded', () => {
    expect(published.map((event) => event.type)).toStrictEqual(['NoticePublished.v1', 'InstitutionsBanned.v1']);
  });

  it('given a registered document, when a quote differs from its text only in whitespace, then it is recorded', () => {
    expect(refusal(publish(notice('第一批取缔3家网贷机构， 第二批取缔2家')))).toBeNull();
  });

  it('given a registered document, when the notice quote is not in it, then quote-not-in-document on source.quote', () => {
    expect(refusal(publish(notice('全区P2P网贷机构已经全部退出')))).toStrictEqual({ code: 'quote-not-in-document', field: 'source.quote' });
  });

  it('given a registered document, when an effect quote is not in it, then quote-not-in-document on effects[1].quote', () => {
    const command = publish(notice('全区P2P网贷机构已全部退出', banned(), banned('第一批取缔4家网贷机构')));
    expect(refusal(command)).toStrictEqual({ code: 'quote-not-in-document', field: 'effects[1].quote' });
  });

  it('given the document is not registered, when a quote is not in any text, then it is recorded as written', () => {
    expect(refusal(publish(notice('words of a document the service has not seen'), new Map()))).toBeNull();
    expect(refusal({ type: 'PublishNotice', noticeId: 'n1', now: NOW, notice: notice('anything') })).toBeNull();
  });

  it('given a recorded fact, when a correction quotes the document wrongly, then quote-not-in-document on corrected.quote', () => {
    const corrected: NoticeCommand = { type: 'CorrectFact', noticeId: 'n1', factId: 'n1:1', correctionId: 'c1', reason: 'the source says so',
      corrected: banned('第三批取缔3家网贷机构'), documents };
    expect(refusal(corrected, published)).toStrictEqual({ code: 'quote-not-in-document', field: 'corrected.quote' });
    expect(refusal({ ...corrected, corrected: banned('第二批取缔2家') }, published)).toBeNull();
  });

  it('given a recorded fact, when a corroboration quotes a registered document wrongly, then quote-not-in-document on source.quote', () => {
    const corroborate = (quote: string): NoticeCommand => ({ type: 'CorroborateFact', noticeId: 'n1', factId: 'n1:1', corroborationId: 'k1',
      now: NOW, documents, corroboration: { source: { document: DOCUMENT, publisher: 'Ningxia LFSA', url: null, quote },
        title: 'Again', authority: 'Ningxia LFSA', published: '2019-10-18' } });
    expect(refusal(corroborate('第一批取缔5家网贷机构'), published)).toStrictEqual({ code: 'quote-not-in-document', field: 'source.quote' });
    expect(refusal(corroborate('第一批取缔3家网贷机构'), published)).toBeNull();
  });
});
