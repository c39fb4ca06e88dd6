import { describe, expect, it } from '@jest/globals';
import { jurisdictions } from '../jurisdictions/jurisdiction-registry.js';
import { factsAt } from './fold.js';
import { jurisdictionStateAt } from './jurisdiction-state.js';
import { offsetOfCursor } from './list-page.js';
import { nationalStateAt } from './national-state.js';
import { at } from './spec-helpers.js';
import { rectificationLog } from './test-log.js';

const facts = rectificationLog().histories();

describe('jurisdictionStateAt', () => {
  it('given Ningxia\'s prohibition and three corrected batches, when asked as of 2020-06-30, then it is prohibited with 27 banned and 12 closed', () => {
    const state = jurisdictionStateAt(facts, 'CN-NX', at('2020-06-30'));
    expect(state.jurisdiction).toStrictEqual({ code: 'CN-NX', name: 'Ningxia' });
    expect(state.asOf).toBe('2020-06-30T23:59:59.999+08:00');
    expect({ prohibited: state.onlineLendingProhibited, certainty: state.certainty, since: state.prohibitedSince?.text })
      .toStrictEqual({ prohibited: true, certainty: 'certain', since: '2019-01-01/2020-06-30' });
    expect(state.counts.banned).toStrictEqual({
      value: 27, factId: 'nx:3', factIds: ['nx:3', 'nx:2', 'nx:1'], certainty: 'certain', inForce: 'certain', known: 'certain',
      partial: false, disputed: false, qualifier: null,
      effective: { text: '2020-05-31', precision: 'day', earliest: '2020-05-31', latest: '2020-05-31' },
    });
    expect(state.counts.closed).toMatchObject({ value: 12, factId: 'nx-late:1' });
    expect([state.counts.revoked, state.counts.exited, state.counts.operating]).toStrictEqual([null, null, null]);
  });

  it('given a page window, when asked, then that window of the facts, the total and the same counts', () => {
    const whole = jurisdictionStateAt(facts, 'CN-NX', at('2020-06-30'));
    const window = jurisdictionStateAt(facts, 'CN-NX', at('2020-06-30'), undefined, { page: { offset: 1, limit: 2 } });
    expect(window.facts.map((fact) => fact.factId)).toStrictEqual(['nx:2', 'nx:3']);
    expect(window.factsTotal).toBe(whole.facts.length);
    expect(offsetOfCursor('state', window.next as string)).toBe(3);
    expect(offsetOfCursor('bans', window.next as string)).toBeNull(); // another list's cursor
    expect(window.counts).toStrictEqual(whole.counts);
  });

  it('given the facts list, when asked, then each fact has its summary, certainty and source with quote', () => {
    const state = jurisdictionStateAt(facts, 'CN-NX', at('2020-06-30'));
    expect(state.facts.map((fact) => fact.factId)).toStrictEqual(['nx:1', 'nx:2', 'nx:3', 'nx:4', 'nx-late:1', 'nx-ban:1']);
    const third = state.facts[2]!;
    expect(third).toMatchObject({
      type: 'InstitutionsBanned', jurisdiction: 'CN-NX', summary: '8 online lending institutions banned (batch 3 of 3)',
      certainty: 'certain', corrections: 1, published: { text: '2020-06-01' },
    });
    expect(third.sources).toStrictEqual([{ document: 'CN-NX-2020-06-01.txt', publisher: 'CN-NX LFSA', kind: 'primary', citedOutlet: null, url: null,
      quote: 'decided to ban 28 online lending institutions in three batches', title: 'Notice of CN-NX',
      published: { text: '2020-06-01', precision: 'day', earliest: '2020-06-01', latest: '2020-06-01' },
      // the fold does not read documents: the API places the quote (docs/provenance.md)
      quoteAt: null, documentSha256: null }]);
  });

  it('given the prohibition effective in 2019-01-01/2020-06-30, when asked on 2020-06-15, then it is possibly prohibited', () => {
    const state = jurisdictionStateAt(facts, 'Ningxia', at('2020-06-15'));
    expect([state.onlineLendingProhibited, state.certainty]).toStrictEqual([true, 'possible']);
    expect(state.counts.closed).toBeNull();
  });

  it('given batches of 10 and 9 in force on 2020-05-30, when asked, then the banned count sums them', () => {
    expect(jurisdictionStateAt(facts, 'CN-NX', at('2020-05-30')).counts.banned)
      .toMatchObject({ value: 19, factId: 'nx:2', factIds: ['nx:2', 'nx:1'] });
  });

  it('given the correction recorded on 2020-08-01, when asked as recorded on 2020-07-31, then the banned count is the original 28', () => {
    expect(jurisdictionStateAt(facts, 'CN-NX', at('2020-06-30', { recordedAt: '2020-07-31' })).counts.banned?.value).toBe(28);
  });

  it('given a closure published on 2020-07-10, when known at 2020-06-30, then the closed count is unknown', () => {
    const state = jurisdictionStateAt(facts, 'CN-NX', at('2020-07-31', { knownAt: '2020-06-30' }));
    expect(state.counts.closed).toBeNull();
    expect(state.facts.map((fact) => fact.factId)).not.toContain('nx-late:1');
    expect(state.knownAt).toBe('2020-06-30T23:59:59.999+08:00');
  });

  it('given Guangdong, when asked with and without its cities, then Guangzhou\'s ban is included only with them', () => {
    const withCities = jurisdictionStateAt(facts, 'CN-GD', at('2020-06-30', { recordedAt: '2020-08-31' }));
    expect(withCities.facts.map((fact) => [fact.factId, fact.jurisdiction])).toStrictEqual([['sz:1', 'CN-440300'], ['gz:1', 'CN-440100']]);
    expect(withCities.counts.banned?.value).toBe(1);
    expect(withCities.counts.revoked?.value).toBe(5);
    expect(withCities.onlineLendingProhibited).toBe(false);
    const alone = jurisdictionStateAt(facts, 'CN-GD', at('2020-06-30'), undefined, { includeChildren: false });
    expect([alone.facts.length, alone.counts.banned]).toStrictEqual([0, null]);
  });

  it('given a national prohibition, when a province is asked, then it inherits the prohibition', () => {
    const log = rectificationLog().publish('cn-ban', {
      authority: 'Leading group', jurisdiction: 'CN', title: 'National ban', published: '2020-11-27', language: 'en',
      source: { document: 'cn-ban.txt', publisher: 'Leading group', url: null, quote: 'online lending is prohibited nationwide' },
      effects: [{ type: 'BusinessLineProhibited', jurisdiction: 'CN', effective: '2020-11', businessLine: 'online-lending' }],
    }, '2020-12-01T00:00:00Z');
    const state = jurisdictionStateAt(log.histories(), 'CN-HB', at('2020-12'));
    expect([state.onlineLendingProhibited, state.certainty, state.prohibitedSince?.text]).toStrictEqual([true, 'certain', '2020-11']);
    expect(jurisdictionStateAt(log.histories(), 'CN-HB', at('2020-10')).onlineLendingProhibited).toBe(false);
  });
});

describe('nationalStateAt', () => {
  it('given the log, when asked as of 2020-06-30, then Ningxia is prohibited and the national counts add the provinces', () => {
    const state = nationalStateAt(facts, at('2020-06-30'));
    expect(state.prohibitedJurisdictions.map((p) => [p.code, p.since.text, p.certainty])).toStrictEqual([['CN-NX', '2019-01-01/2020-06-30', 'certain']]);
    const { banned, closed, revoked, exited, operating } = state.national.counts;
    expect([banned?.value, closed?.value, revoked, exited?.value, exited?.factId, operating?.value, operating?.factId])
      .toStrictEqual([28, 159, null, 1, 'wd:1', 139, 'cn:2']);
    expect(state.national.statistics.map((s) => [s.factId, s.value, s.unit])).toStrictEqual([
      ['cn:2', 139, 'institutions'], ['cn:3', -86, 'percent-change'],
    ]);
    const gd = state.jurisdictions.find((j) => j.code === 'CN-GD');
    expect([gd?.onlineLendingProhibited, gd?.certainty, gd?.counts.banned?.value]).toStrictEqual([false, null, 1]);
    // every province; of the cities, those with something in force (Guangzhou's, Shenzhen's, Hangzhou's... facts)
    expect(state.jurisdictions.filter((j) => jurisdictions.get(j.code).level === 'province')).toHaveLength(34);
    const withFacts = new Set(factsAt(facts, at('2020-06-30')).map((fact) => fact.content.jurisdiction));
    const cities = state.jurisdictions.map((j) => j.code).filter((code) => jurisdictions.get(code).level === 'city');
    expect(cities.length).toBeGreaterThan(0);
    expect(cities.sort()).toStrictEqual([...withFacts].filter((code) => jurisdictions.get(code).level === 'city').sort());
  });

  it('given operating figures for 2019-12-31 and 2020-03-31, when asked on 2020-03-30, then the earlier figure answers', () => {
    expect(nationalStateAt(facts, at('2020-03-30')).national.counts.operating).toMatchObject({ value: 343, factId: 'cn:1' });
  });
});
