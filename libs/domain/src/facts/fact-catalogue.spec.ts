import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../errors.js';
import type { FactSource } from '../notice/notice-events.js';
import {
  COMMON_FACT_FIELDS, FACT_FIELDS, FACT_KINDS, isFactKind, LIMITS, ONLINE_LENDING, STATISTIC_QUALIFIERS,
  type FactInput, type FactKind,
} from './fact-catalogue.js';
import { dateField, jurisdictionField, recordFact } from './fact-rules.js';
import { partyIdFromName, toParty } from './party.js';

const source: FactSource = {
  document: 'hb-2019.html', publisher: 'Hubei LFSA', url: null, quote: '湖北省取缔全部P2P网贷机构',
  noticeId: 'hb-2019', title: 'Hubei notice', authority: 'Hubei Local Financial Supervision Administration',
  published: { text: '2019-10-15', precision: 'day', earliest: '2019-10-15', latest: '2019-10-15' },
};

/** One valid input of each kind, each with its optional fields set. */
const samples: { [K in FactKind]: Extract<FactInput, { type: K }> } = {
  BusinessLineProhibited: { type: 'BusinessLineProhibited', jurisdiction: 'Hubei', effective: '2019-10-15',
    businessLine: ONLINE_LENDING, scope: 'all P2P platforms', note: 'province-wide', quote: '全部取缔' },
  InstitutionsBanned: { type: 'InstitutionsBanned', jurisdiction: 'Hubei', effective: '2019-10', count: 2,
    batch: { number: 1, of: 3 }, names: ['A', 'B'], businessLine: ONLINE_LENDING },
  InstitutionsClosed: { type: 'InstitutionsClosed', jurisdiction: 'Hubei', effective: '2019', count: 147,
    businessLine: ONLINE_LENDING },
  InstitutionsRevoked: { type: 'InstitutionsRevoked', jurisdiction: 'Hubei', effective: '2020-06', count: 1,
    names: ['C'] },
  InstitutionExitAnnounced: { type: 'InstitutionExitAnnounced', jurisdiction: 'Zhejiang', effective: '2020-11-05',
    announced: '2020-10-30', institution: { name: 'Weidai', aliases: ['微贷网'] }, businessLine: ONLINE_LENDING },
  StatisticReported: { type: 'StatisticReported', jurisdiction: 'CN', effective: '2020-03-31',
    metric: 'operating-institutions', value: 139, unit: 'institutions', qualifier: 'exact', baseline: '2019-01',
    businessLine: ONLINE_LENDING },
  NameRestrictionImposed: { type: 'NameRestrictionImposed', jurisdiction: 'CN', effective: '2020',
    forbiddenWords: ['网贷', '网络借贷'], appliesTo: 'companies that exited online lending' },
  PartnershipHalted: { type: 'PartnershipHalted', jurisdiction: 'CN-XJ', effective: '2025-10',
    bank: { id: 'urumqi-bank', name: '乌鲁木齐银行' }, partners: ['P1'], partnerCount: 12,
    businessLine: 'internet-lending-assistance' },
};

describe('the catalogue', () => {
  it('names the fact kinds, stable', () => {
    expect(FACT_KINDS).toStrictEqual([
      'BusinessLineProhibited', 'InstitutionsBanned', 'InstitutionsClosed', 'InstitutionsRevoked',
      'InstitutionExitAnnounced', 'StatisticReported', 'NameRestrictionImposed', 'PartnershipHalted',
    ]);
  });

  it.each([
    ['InstitutionsBanned', true], ['PartnershipHalted', true], ['NoticePublished', false], ['FactCorrected', false],
    ['InstitutionsBanned.v1', false], ['institutionsbanned', false], ['', false], [42, false], [undefined, false],
  ])('isFactKind(%p) is %p', (value, expected) => {
    expect(isFactKind(value)).toBe(expected);
  });

  it('lists the own fields of every kind, none of them a common field', () => {
    expect(Object.keys(FACT_FIELDS)).toStrictEqual([...FACT_KINDS]);
    expect(COMMON_FACT_FIELDS).toStrictEqual(['type', 'jurisdiction', 'effective', 'quote', 'note']);
    for (const kind of FACT_KINDS) {
      const own: readonly string[] = FACT_FIELDS[kind];
      expect([kind, own.filter((field) => (COMMON_FACT_FIELDS as readonly string[]).includes(field))]).toStrictEqual([kind, []]);
      expect(new Set(own).size).toBe(own.length);
    }
    expect(FACT_FIELDS.InstitutionsBanned).toStrictEqual(['count', 'batch', 'names', 'businessLine', 'cumulative']);
  });

  it('sets the limits both the HTTP layer and the decider use', () => {
    expect(LIMITS).toStrictEqual({
      shortText: 200, text: 2_000, quote: 10_000, url: 2_048, names: 10_000, effects: 500, words: 200, batchNumber: 10_000,
    });
    expect(STATISTIC_QUALIFIERS).toStrictEqual(['exact', 'approximately', 'nearly', 'at-least', 'more-than', 'at-most']);
  });
});

describe('recordFact', () => {
  const ids = (kind: string) => ({ noticeId: 'hb-2019', factId: `hb-2019:${kind}` });

  it.each(FACT_KINDS.map((kind) => [kind]))('records a %s with its own fields, the common ones normalised', (kind) => {
    const data = recordFact('effects[0]', samples[kind], ids(kind), source) as unknown as Record<string, unknown>;
    const listed = FACT_FIELDS[kind].filter((field) => field in samples[kind]);
    expect(Object.keys(data).sort()).toStrictEqual(
      [...listed, 'effective', 'factId', 'jurisdiction', 'kind', 'noticeId', 'source',
        ...('note' in samples[kind] ? ['note'] : [])].sort());
    expect(data).toMatchObject({ kind, noticeId: 'hb-2019', factId: `hb-2019:${kind}` });
    expect(data.jurisdiction).toMatch(/^CN(-[A-Z0-9]+)?$/);
  });

  it('stores the code, the parsed date and the fact quote over the notice quote', () => {
    expect(recordFact('effects[0]', samples.BusinessLineProhibited, ids('x'), source)).toStrictEqual({
      kind: 'BusinessLineProhibited', noticeId: 'hb-2019', factId: 'hb-2019:x', jurisdiction: 'CN-HB',
      effective: { text: '2019-10-15', precision: 'day', earliest: '2019-10-15', latest: '2019-10-15' },
      businessLine: ONLINE_LENDING, scope: 'all P2P platforms', note: 'province-wide',
      source: { ...source, quote: '全部取缔' },
    });
    // without a quote of its own, a fact is supported by the notice's quote
    expect(recordFact('effects[0]', samples.InstitutionsClosed, ids('x'), source).source).toStrictEqual(source);
  });

  it('parses the other dates and derives party ids', () => {
    expect(recordFact('effects[0]', samples.InstitutionExitAnnounced, ids('x'), source)).toMatchObject({
      jurisdiction: 'CN-ZJ',
      announced: { text: '2020-10-30', precision: 'day', earliest: '2020-10-30', latest: '2020-10-30' },
      institution: { id: 'weidai', name: 'Weidai', aliases: ['微贷网'] },
    });
    expect(recordFact('effects[0]', samples.StatisticReported, ids('x'), source)).toMatchObject({
      baseline: { text: '2019-01', precision: 'month', earliest: '2019-01-01', latest: '2019-01-31' },
    });
    expect(recordFact('effects[0]', samples.PartnershipHalted, ids('x'), source)).toMatchObject({
      bank: { id: 'urumqi-bank', name: '乌鲁木齐银行', aliases: [] },
    });
  });

  it('names the field of a bad value under the path it is given', () => {
    const failure = (run: () => unknown): { code: string; field?: string } => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        return { code: (error as DomainError).code, field: (error as DomainError).field };
      }
      return { code: 'none' };
    };
    expect(failure(() => recordFact('corrected', { ...samples.InstitutionsBanned, count: 1 }, ids('x'), source)))
      .toStrictEqual({ code: 'invalid-input', field: 'corrected.names' });
    expect(failure(() => recordFact('effects[7]', { ...samples.StatisticReported, value: Infinity }, ids('x'), source)))
      .toStrictEqual({ code: 'invalid-input', field: 'effects[7].value' });
    expect(failure(() => recordFact('effects[0]', { ...samples.PartnershipHalted, partnerCount: -1 }, ids('x'), source)))
      .toStrictEqual({ code: 'invalid-input', field: 'effects[0].partnerCount' });
    expect(failure(() => dateField('asOf', '2020-02-30'))).toStrictEqual({ code: 'invalid-input', field: 'asOf' });
    expect(failure(() => jurisdictionField('jurisdiction', 'Atlantis')))
      .toStrictEqual({ code: 'invalid-input', field: 'jurisdiction' });
    expect(jurisdictionField('jurisdiction', '湖北')).toBe('CN-HB');
  });
});

describe('parties', () => {
  it.each([
    ['Weidai', 'weidai'],
    ['  micro-loan network ', 'micro-loan-network'],
    ['Ping An (Shenzhen) Co., Ltd.', 'ping-an-shenzhen-co-ltd'],
    ['乌鲁木齐银行', '乌鲁木齐银行'],
    ['ＷＥＩＤＡＩ', 'weidai'],
    ["People's  Bank", 'people-s-bank'],
  ])('derives the id of %j as %j', (name, id) => {
    expect(partyIdFromName(name)).toBe(id);
  });

  it('keeps a given id, trims the name and deduplicates the aliases', () => {
    expect(toParty({ id: 'wd', name: ' Weidai ', aliases: ['微贷网', ' 微贷网 ', 'micro-credit network'] })).toStrictEqual({
      id: 'wd', name: 'Weidai', aliases: ['微贷网', 'micro-credit network'],
    });
    expect(toParty({ name: 'Weidai' })).toStrictEqual({ id: 'weidai', name: 'Weidai', aliases: [] });
  });
});
