import { describe, expect, it } from '@jest/globals';
import { bansInForce as bansPage, diff } from './bans.js';
import { cursorOf, offsetOfCursor } from './list-page.js';
import { at } from './spec-helpers.js';
import { summary } from './summary.js';
import { rectificationLog } from './test-log.js';

const log = rectificationLog();
const facts = log.histories();
const bansInForce = (...args: Parameters<typeof bansPage>) => bansPage(...args).bans;
const ids = (entries: readonly { factId: string }[]) => entries.map((entry) => entry.factId);

describe('bansInForce', () => {
  it('given more bans than the page, when asked for a window, then that window and the total', () => {
    const all = bansInForce(facts, at('2020-12-31'));
    const second = bansPage(facts, at('2020-12-31'), undefined, undefined, { offset: 2, limit: 3 });
    expect(all.length).toBeGreaterThan(5);
    expect(second.total).toBe(all.length);
    expect(ids(second.bans)).toStrictEqual(ids(all.slice(2, 5)));
    expect(second.next).toBe(cursorOf('bans', 5));
    expect(offsetOfCursor('bans', second.next as string)).toBe(5);
    expect(bansPage(facts, at('2020-12-31'), undefined, undefined, { offset: 0, limit: all.length }).next).toBeNull();
  });

  it('given the log, when asked what was banned as of 2020-06-30 in CN-NX, then the batches, the closure and the prohibition', () => {
    const bans = bansInForce(facts, at('2020-06-30'), 'CN-NX');
    expect(ids(bans)).toStrictEqual(['nx:1', 'nx:2', 'nx:3', 'nx-late:1', 'nx-ban:1']);
    expect(bans[0]).toMatchObject({
      type: 'InstitutionsBanned', jurisdiction: 'CN-NX', certainty: 'certain', count: 10, batch: { number: 1, of: 3 },
      businessLine: 'online-lending', summary: '10 online lending institutions banned (batch 1 of 3)',
    });
    expect(bans[0]?.sources[0]?.quote).toBe('decided to ban 28 online lending institutions in three batches');
  });

  it('given the same question on 2020-06-15, then the prohibition is only possible and the later closure absent', () => {
    const bans = bansInForce(facts, at('2020-06-15'), 'CN-NX');
    expect(bans.map((ban) => [ban.factId, ban.certainty])).toStrictEqual([
      ['nx:1', 'certain'], ['nx:2', 'certain'], ['nx:3', 'certain'], ['nx-ban:1', 'possible'],
    ]);
  });

  it('given a province filter, when asked, then its cities are included', () => {
    expect(ids(bansInForce(facts, at('2020-06-30', { recordedAt: '2020-08-31' }), 'CN-GD'))).toStrictEqual(['sz:1', 'gz:1']);
    expect(ids(bansInForce(facts, at('2020-06-30'), 'CN-GD'))).toStrictEqual(['gz:1']);
  });

  it('given an exit, when asked before it takes effect and after, then it is a ban only once effective', () => {
    expect(ids(bansInForce(facts, at('2020-05-30'), 'CN-ZJ'))).toStrictEqual([]);
    expect(bansInForce(facts, at('2020-07-01'), 'CN-ZJ').map((b) => [b.factId, b.institution, b.certainty]))
      .toStrictEqual([['wd:1', 'Weidai', 'certain']]);
  });

  it('given no filter, when asked nationally as of 2020-06-30, then every ban in force', () => {
    expect(ids(bansInForce(facts, at('2020-06-30')))).toStrictEqual(
      ['nx:1', 'hb:1', 'nx:2', 'nx:3', 'nx-late:1', 'nx-ban:1', 'wd:1', 'gz:1']);
  });
});

describe('diff', () => {
  it('given Ningxia, when diffed from 2020-05-28 to 2020-06-30, then what started, the prohibition only possibly', () => {
    const changes = diff(facts, at('2020-05-28'), at('2020-06-30'), 'CN-NX');
    expect(changes.started.map((c) => [c.factId, c.change])).toStrictEqual([
      ['nx:1', 'certain'], ['nx:2', 'certain'], ['nx:3', 'certain'], ['nx:4', 'certain'], ['nx-late:1', 'certain'],
      ['nx-ban:1', 'possible'],
    ]);
    expect(changes.ended).toStrictEqual([]);
    expect([changes.from, changes.to]).toStrictEqual(['2020-05-28T23:59:59.999+08:00', '2020-06-30T23:59:59.999+08:00']);
  });

  it('given a retraction recorded 2020-09-01, when diffed on the recordedAt axis, then the revocation ended', () => {
    const changes = diff(facts, at('2020-07-01', { recordedAt: '2020-08-31' }), at('2020-07-01', { recordedAt: '2020-09-01' }), 'CN-GD');
    expect([ids(changes.started), ids(changes.ended)]).toStrictEqual([[], ['sz:1']]);
  });

  it('given the same asOf axis only, when diffed across the retraction date, then retracted facts never appear', () => {
    const changes = diff(facts, at('2020-04-01'), at('2020-10-01'), 'CN-GD');
    expect([ids(changes.started), ids(changes.ended)]).toStrictEqual([['gz:1'], []]);
  });
});

describe('summary', () => {
  const content = (factId: string) => facts.find((history) => history.factId === factId)!.versions.at(-1)!.content;
  it.each([
    ['nx:1', '10 online lending institutions banned (batch 1 of 3)'],
    ['nx:3', '8 online lending institutions banned (batch 3 of 3)'],
    ['nx:4', '2 words forbidden in names of the 28 banned institutions'],
    ['nx-ban:1', 'all online lending business prohibited'],
    ['hb:1', '147 online lending institutions closed in total as of 2020-05-29'],
    ['sz:1', '5 online lending institutions revoked'],
    ['cn:2', 'operating institutions: 139 institutions, as of 2020-03-31'],
    ['cn:3', 'operating institutions: -86 percent change since 2019-01, as of 2020-03-31'],
    ['wd:1', 'Weidai announced on 2020-05-31 its exit from online lending, effective 2020-05-31/2020-06-30'],
  ])('given fact %s, when summarised, then "%s"', (factId, expected) => {
    expect(summary(content(factId))).toBe(expected);
  });

  it('given a count not given and a halted partnership, when summarised, then "a number of" and the bank', () => {
    const base = content('gz:1');
    expect(summary({ ...base, kind: 'InstitutionsBanned', count: undefined, names: ['A', 'B', 'C', 'D'] }))
      .toBe('a number of online lending institutions banned (A, B, C and 1 more)');
    expect(summary({ ...base, kind: 'PartnershipHalted', bank: { id: 'x', name: 'Bank of X', aliases: [] },
      businessLine: 'lending-assistance', partnerCount: 3 } as never)).toBe('Bank of X halted new lending assistance partnerships with 3 partners');
  });
});
