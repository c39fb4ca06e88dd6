/**
 * The truth model (DESIGN.md, "How a fact holds in time"), one rule at a time, each with a small
 * example modelled on the documents: given these notices, when asked, then this answer.
 */
import { describe, expect, it } from '@jest/globals';
import { decide, initialState } from '../notice/notice-decider.js';
import { DomainError } from '../errors.js';
import { bansInForce, diff } from './bans.js';
import { countsOf } from './counts.js';
import { factsAt } from './fold.js';
import { jurisdictionStateAt } from './jurisdiction-state.js';
import { nationalStateAt } from './national-state.js';
import { at } from './spec-helpers.js';
import { notice, TestLog } from './test-log.js';

const OL = 'online-lending';
const RECORDED = '2026-01-01T00:00:00.000Z';
const operating = (value: number, effective: string) =>
  ({ type: 'StatisticReported' as const, jurisdiction: 'CN', effective, metric: 'operating-institutions', value, unit: 'institutions' });

describe('rule 1: a window, never an open past', () => {
  const log = new TestLog().publish('nx', notice('CN-NX', '2020-06-15', 'decided to ban 28 online lending institutions', [
    { type: 'InstitutionsBanned', jurisdiction: 'CN-NX', effective: '2020-05-29/2020-06-30', count: 28, businessLine: OL },
  ]), RECORDED).histories();

  it('given a ban in the window 2020-05-29/2020-06-30, when asked before, inside and after it, then absent, possible, certain', () => {
    expect(factsAt(log, at('2020-05-28'))).toStrictEqual([]);
    expect(factsAt(log, at('2020-06-15')).map((fact) => fact.inForce)).toStrictEqual(['possible']);
    expect(factsAt(log, at('2020-07-01')).map((fact) => fact.inForce)).toStrictEqual(['certain']);
  });

  it('given a date with no lower bound, when written, then refused naming the field', () => {
    const command = { type: 'PublishNotice' as const, noticeId: 'x', now: RECORDED, notice: notice('CN-NX', '2020-06-15', 'q', [
      { type: 'InstitutionsBanned', jurisdiction: 'CN-NX', effective: '../2020-06-30', count: 28 }]) };
    expect(() => decide(command, initialState())).toThrow(DomainError);
    expect(() => decide(command, initialState())).toThrow('effects[0].effective: "../2020-06-30" has no lower bound');
  });

  it('given a 2025 halt bounded below by its regulation, when asked about 2020, then nothing, not even possibly', () => {
    // document 004: "Several local banks, including Urumqi Bank and Longjiang Bank, have announced a halt" (Xin Jing Bao, 2025-12-08)
    const halts = new TestLog().publish('bank', notice('CN-650100', '2025-12-08', 'have announced a halt', [
      { type: 'PartnershipHalted', jurisdiction: 'CN-650100', effective: '2025-04-01/2025-12-08', bank: { name: 'Urumqi Bank' },
        businessLine: 'internet-lending-assistance' }]), RECORDED).histories();
    expect(bansInForce(halts, at('2020-06')).total).toBe(0);
    expect(bansInForce(halts, at('2025-12-31')).total).toBe(1);
  });
});

describe('rule 2: actions and figures differ', () => {
  // 139 as of 2020-03-31 (documents 001-003), "29 remain" reported 2020-08-14, after the April report (research notes)
  const log = new TestLog().publish('cn', notice('CN', '2020-04-24', '139 online lending institutions', [operating(139, '2020-03-31')]), RECORDED)
    .publish('r', notice('CN', '2020-08-14', '29 remain', [operating(29, '2020-04-01/2020-08-14')]), RECORDED).histories();

  it('given a figure as of 2020-03-31, when asked the day before, then it does not reach back', () => {
    expect(nationalStateAt(log, at('2020-03-30')).national.counts.operating).toBeNull();
  });

  it('given a later figure only possibly started, when asked inside its window, then the certain figure still describes the date', () => {
    const state = nationalStateAt(log, at('2020-06-30')).national;
    expect(state.counts.operating).toMatchObject({ value: 139, factId: 'cn:1', inForce: 'certain' });
    expect(state.statistics.map((entry) => [entry.factId, entry.value])).toStrictEqual([['cn:1', 139]]);
  });

  it('given the later figure certainly started, when asked, then it supersedes the earlier one and the diff reports the earlier as ended', () => {
    expect(nationalStateAt(log, at('2020-08-31')).national.counts.operating).toMatchObject({ value: 29, factId: 'r:1' });
    const changes = diff(log, at('2020-06-30'), at('2020-12-31'));
    expect(changes.ended.map((entry) => [entry.factId, entry.nature])).toStrictEqual([['cn:1', 'figure']]);
    expect(changes.started.map((entry) => entry.factId)).toStrictEqual(['r:1']);
  });

  it('given two unbatched bans of one place (26, then 15 more), when counted, then they add up', () => {
    // research notes, Shanxi: "26 institutions + 15 operating checked and banned"
    const shanxi = new TestLog().publish('sx', notice('CN-SX', '2020-01-08', '26 institutions + 15 operating checked and banned', [
      { type: 'InstitutionsBanned', jurisdiction: 'CN-SX', effective: '2020-01-01/2020-01-08', count: 26, businessLine: OL },
      { type: 'InstitutionsBanned', jurisdiction: 'CN-SX', effective: '2020-01-01/2020-01-08', count: 15, businessLine: OL },
    ]), RECORDED).histories();
    expect(jurisdictionStateAt(shanxi, 'CN-SX', at('2020-01-31')).counts.banned?.value).toBe(41);
  });

  it('given a running total and later closures, when counted, then the total covers what came before and the later ones add to it', () => {
    // document 000: "Up to now, 147 corporate online lending institutions have all closed down." (announced May 29)
    const hubei = new TestLog().publish('hb', notice('CN-HB', '2020-06-01', 'Up to now, 147 ... have all closed down', [
      { type: 'InstitutionsClosed', jurisdiction: 'CN-HB', effective: '2020-01-10', count: 5, businessLine: OL },
      { type: 'InstitutionsClosed', jurisdiction: 'CN-HB', effective: '2020-05-29', count: 147, businessLine: OL, cumulative: true },
      { type: 'InstitutionsClosed', jurisdiction: 'CN-HB', effective: '2020-06-10', count: 3, businessLine: OL },
    ]), RECORDED).histories();
    expect(jurisdictionStateAt(hubei, 'CN-HB', at('2020-03-01')).counts.closed?.value).toBe(5);
    expect(jurisdictionStateAt(hubei, 'CN-HB', at('2020-05-31')).counts.closed?.value).toBe(147);
    expect(jurisdictionStateAt(hubei, 'CN-HB', at('2020-06-30')).counts.closed).toMatchObject({ value: 150, factIds: ['hb:3', 'hb:2'] });
  });
});

describe('rule 3: several sources, one fact; disagreement shown', () => {
  // document 000 lists Hunan among the 16 ("So far ..."); the research notes date Hunan's ban 2019-10-16
  const corroborated = () => new TestLog()
    .publish('d000', notice('CN-HN', '2020-06-30', 'So far, Hunan ... have all announced', [
      { type: 'BusinessLineProhibited', jurisdiction: 'CN-HN', effective: '2019-01-01/2020-06-30', businessLine: OL }]), RECORDED)
    .corroborate('d000:1', { source: { document: 'research/timeline-facts.md', publisher: 'research notes', kind: 'secondary',
      citedOutlet: 'Global Times', url: 'https://www.globaltimes.cn/content/1167153.shtml', quote: '| 2019-10-16 (day) | CN-HN Hunan |' },
    title: 'Hunan bans all P2P business', authority: 'Hunan LFSA', published: '2019-10-16', effective: '2019-10-16' }, RECORDED);

  it('given a fact and another source of it, when listed, then once, with both sources, in the window both allow', () => {
    const bans = bansInForce(corroborated().histories(), at('2019-12-31'));
    expect(bans.total).toBe(1);
    expect(bans.bans[0]).toMatchObject({ factId: 'd000:1', inForce: 'certain', effective: { text: '2019-10-16' } });
    expect(bans.bans[0]?.sources.map((source) => [source.kind, source.publisher, source.citedOutlet]))
      .toStrictEqual([['primary', 'CN-HN LFSA', null], ['secondary', 'research notes', 'Global Times']]);
  });

  it('given a source whose date cannot be the same event, when recorded as a corroboration, then refused naming the field', () => {
    expect(() => corroborated().corroborate('d000:1', { source: { document: 'x', publisher: 'y', quote: 'z' }, title: 't', authority: 'a',
      published: '2021-01-01', effective: '2021-01-01' }, RECORDED)).toThrow('effective: 2021-01-01 cannot be the date of the same event');
  });

  it('given two sources giving another number for the same figure and date, when asked, then both shown, each with its source, disputed', () => {
    // document 001: "the number of borrowers decreased by 80%"; document 003: "the number of borrowers fell by 62%"
    const change = (value: number) => ({ type: 'StatisticReported' as const, jurisdiction: 'CN', effective: '2020-03-31', metric: 'borrowers',
      value, unit: 'percent-change', baseline: '2019-01' });
    const log = new TestLog().publish('d001', notice('CN', '2020-04-24', 'the number of borrowers decreased by 80%', [change(-80)]), RECORDED)
      .publish('d003', notice('CN', '2020-05-09/2020-12-31', 'the number of borrowers fell by 62%', [change(-62)]), RECORDED).histories();
    const statistics = nationalStateAt(log, at('2020-06-30')).national.statistics;
    expect(statistics.map((entry) => [entry.value, entry.disputed, entry.disputedWith, entry.sources[0]?.quote])).toStrictEqual([
      [-80, true, ['d003:1'], 'the number of borrowers decreased by 80%'],
      [-62, true, ['d001:1'], 'the number of borrowers fell by 62%'],
    ]);
  });
});

describe('rule 4: known and in force are two fields', () => {
  it('given a fact one source published for certain and another vaguely, when asked knownAt between, then known for certain', () => {
    const log = new TestLog().publish('d', notice('CN-NX', '2020-05-31/2020-06-30', 'decided to ban 28', [
      { type: 'InstitutionsBanned', jurisdiction: 'CN-NX', effective: '2020-05-29/2020-06-30', count: 28 }]), RECORDED)
      .corroborate('d:1', { source: { document: 'n', publisher: 'Ningxia LFSA', quote: 'ban 28' }, title: 'notice', authority: 'NX',
        published: '2020-06-02' }, RECORDED).histories();
    const [fact] = factsAt(log, at('2020-06-10', { knownAt: '2020-06-05' }));
    expect([fact?.known, fact?.inForce, fact?.certainty]).toStrictEqual(['certain', 'possible', 'possible']);
  });
});

describe('rule 5: totals say what they cover', () => {
  // document 000: "Ningxia, Guizhou and other places have disclosed a number of banned online lending institutions"
  const log = new TestLog().publish('d', notice('CN', '2020-06-30', 'a number of banned', [
    { type: 'InstitutionsBanned', jurisdiction: 'CN-GZ', effective: '2016-01-01/2020-06-30' },
    { type: 'InstitutionsBanned', jurisdiction: 'CN-NX', effective: '2020-05-29/2020-06-30', count: 28 },
  ]), RECORDED).histories();

  it('given only an uncounted ban in a place, when counted, then unknown, never 0', () => {
    expect(jurisdictionStateAt(log, 'CN-GZ', at('2020-07-01')).counts.banned).toMatchObject({ value: null, partial: true });
  });

  it('given a counted and an uncounted place, when the nation adds them up, then the known sum marked partial', () => {
    expect(nationalStateAt(log, at('2020-07-01')).national.counts.banned).toMatchObject({ value: 28, partial: true });
  });
});

describe('rule 6: sources say what they are', () => {
  it('given a summary service\'s words about an article, when cited, then the kind, the writer and the outlet it cites apart', () => {
    // document 004 ends "- Reportify": the English text is Reportify's summary of a Xin Jing Bao article
    const log = new TestLog().publish('x', { ...notice('CN-230100', '2025-12-08', 'have announced a halt', [
      { type: 'PartnershipHalted', jurisdiction: 'CN-230100', effective: '2025-04-01/2025-12-08', bank: { name: 'Longjiang Bank' },
        businessLine: 'internet-lending-assistance' }]),
    source: { document: '004.txt', publisher: 'Reportify', kind: 'summary', citedOutlet: 'Xin Jing Bao', quote: 'have announced a halt' } },
    RECORDED).histories();
    expect(bansInForce(log, at('2026-01-01')).bans[0]?.sources[0]).toMatchObject({ kind: 'summary', publisher: 'Reportify', citedOutlet: 'Xin Jing Bao' });
  });
});

describe('rule 7: prohibitions per business line', () => {
  it('given an online-lending prohibition and a lending-assistance halt, when asked, then two lines, each with its facts', () => {
    const log = new TestLog()
      .publish('p', notice('CN-HL', '2020-06-30', 'prohibited', [{ type: 'BusinessLineProhibited', jurisdiction: 'CN-HL', effective: '2019-01-01/2020-06-30', businessLine: OL }]), RECORDED)
      .publish('h', notice('CN-230100', '2025-12-08', 'halt', [{ type: 'PartnershipHalted', jurisdiction: 'CN-230100', effective: '2025-04-01/2025-12-08',
        bank: { name: 'Longjiang Bank' }, businessLine: 'internet-lending-assistance', partnerCount: 1 }]), RECORDED).histories();
    const lines = jurisdictionStateAt(log, 'CN-HL', at('2026-01-01')).businessLines;
    expect(lines.map((line) => [line.businessLine, line.prohibited, line.facts])).toStrictEqual([
      ['internet-lending-assistance', false, { PartnershipHalted: 1 }],
      ['online-lending', true, { BusinessLineProhibited: 1 }],
    ]);
    expect(countsOf(factsAt(log, at('2026-01-01')), 'CN').banned).toBeNull();
  });
});

describe('rule 2: a series is its place, institution, metric, unit and baseline', () => {
  it('given the same metric with and without a business line, when the later figure has started, then it supersedes the earlier', () => {
    // documents 001-003 give "139 online lending institutions" with no line; the research notes' "15 at end-Aug 2020" is online lending's
    const log = new TestLog().publish('cn', notice('CN', '2020-04-24', '139', [operating(139, '2020-03-31')]), RECORDED)
      .publish('r', notice('CN', '2020-09-14', '15 at end-Aug 2020', [{ ...operating(15, '2020-08-31'), businessLine: OL }]), RECORDED).histories();
    expect(nationalStateAt(log, at('2020-09-30')).national.statistics.map((entry) => entry.value)).toStrictEqual([15]);
  });
});
