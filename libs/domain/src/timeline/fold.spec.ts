import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import type { FactData } from '../notice/notice-events.js';
import { factsAt, type FactAt } from './fold.js';
import { buildFactHistories } from './recorded-fact.js';
import { at } from './spec-helpers.js';
import { RECORDED, rectificationLog } from './test-log.js';
import { parseTimeParameter, type TimeQuery } from './time-query.js';


const histories = rectificationLog().histories();
const fold = (query: TimeQuery) => factsAt(histories, query);
const find = (facts: FactAt[], factId: string) => facts.find((fact) => fact.factId === factId);
const view = (fact: FactAt | undefined) => fact && { status: fact.status, certainty: fact.certainty };
const count = (content: FactData | undefined) => (content && 'count' in content ? content.count : undefined);

describe('buildFactHistories', () => {
  it('given the log, when folded, then each fact has its original, corrections and retraction with positions', () => {
    const nx3 = histories.find((history) => history.factId === 'nx:3');
    expect(nx3?.versions.map((v) => [v.origin, count(v.content), v.reason, v.recordedAt])).toStrictEqual([
      ['original', 9, null, RECORDED.first],
      ['correction', 8, 'the third notice lists 8 institutions, not 9', RECORDED.correction],
    ]);
    expect(nx3?.notice?.title).toBe('Notice of CN-NX');
    const sz = histories.find((history) => history.factId === 'sz:1');
    expect(sz?.retraction).toMatchObject({ recordedAt: RECORDED.retraction, position: 23 });
    expect(histories).toHaveLength(13);
  });

  it('given the events out of order, when folded, then the result is the same as in position order', () => {
    const log = rectificationLog().events;
    expect(buildFactHistories([...log].reverse())).toStrictEqual(buildFactHistories(log));
  });
});

describe('factsAt: the asOf axis', () => {
  it('given a ban effective on or before 2020-06-30, when asked on 2020-06-15, then it is possibly in force', () => {
    expect(view(find(fold(at('2020-06-15')), 'nx-ban:1'))).toStrictEqual({ status: 'in-force', certainty: 'possible' });
  });

  it('given the same ban, when asked on 2020-07-01, then it is certainly in force', () => {
    expect(view(find(fold(at('2020-07-01')), 'nx-ban:1'))).toStrictEqual({ status: 'in-force', certainty: 'certain' });
  });

  it('given a ban effective in 2020-06 (month), when asked before, during and at the end of June, then none, possible, certain', () => {
    expect(find(fold(at('2020-05-31')), 'gz:1')).toBeUndefined();
    expect(view(find(fold(at('2020-06-01')), 'gz:1'))).toStrictEqual({ status: 'in-force', certainty: 'possible' });
    expect(view(find(fold(at('2020-06')), 'gz:1'))).toStrictEqual({ status: 'in-force', certainty: 'certain' });
  });

  it('given a day-precision ban, when asked on the day before, the day itself (its end) and mid-day, then none, certain, possible', () => {
    expect(find(fold(at('2020-05-28')), 'nx:1')).toBeUndefined();
    expect(view(find(fold(at('2020-05-29')), 'nx:1'))).toStrictEqual({ status: 'in-force', certainty: 'certain' });
    expect(view(find(fold(at('2020-05-29T12:00:00+08:00')), 'nx:1'))).toStrictEqual({ status: 'in-force', certainty: 'possible' });
  });

  it('given an exit announced on 2020-05-31 effective by 2020-06-30, when asked on 05-30, 05-31, 06-15 and 07-01, then none, possibly exited (not before the announcement), exited', () => {
    expect(find(fold(at('2020-05-30')), 'wd:1')).toBeUndefined();
    expect(view(find(fold(at('2020-05-31')), 'wd:1'))).toStrictEqual({ status: 'in-force', certainty: 'possible' });
    expect(view(find(fold(at('2020-06-15')), 'wd:1'))).toStrictEqual({ status: 'in-force', certainty: 'possible' });
    expect(view(find(fold(at('2020-07-01')), 'wd:1'))).toStrictEqual({ status: 'in-force', certainty: 'certain' });
  });
});

describe('factsAt: the recordedAt axis', () => {
  it('given a correction recorded on 2020-08-01, when asked as recorded on 2020-07-31, then the original count shows', () => {
    const fact = find(fold(at('2020-07-01', { recordedAt: '2020-07-31' })), 'nx:3');
    expect(count(fact?.content)).toBe(9);
    expect(fact?.recorded.corrections).toHaveLength(0);
  });

  it('given the same correction, when asked as recorded on 2020-08-01 or later, then the corrected count shows', () => {
    const fact = find(fold(at('2020-07-01', { recordedAt: '2020-08-01' })), 'nx:3');
    expect(count(fact?.content)).toBe(8);
    expect(fact?.recorded.version.reason).toBe('the third notice lists 8 institutions, not 9');
    expect(count(find(fold(at('2020-07-01')), 'nx:3')?.content)).toBe(8);
  });

  it('given a retraction recorded on 2020-09-01, when asked before and after it, then the fact shows, then is gone', () => {
    expect(view(find(fold(at('2020-07-01', { recordedAt: '2020-08-31' })), 'sz:1'))).toStrictEqual({ status: 'in-force', certainty: 'certain' });
    expect(find(fold(at('2020-07-01', { recordedAt: '2020-09-01' })), 'sz:1')).toBeUndefined();
  });

  it('given a notice recorded on 2020-07-20, when asked as recorded at 2020-07-20T01:59:59Z, then its facts are absent', () => {
    expect(find(fold(at('2020-07-01', { recordedAt: '2020-07-20T01:59:59Z' })), 'nx-late:1')).toBeUndefined();
    expect(find(fold(at('2020-07-01', { recordedAt: '2020-07-20T02:00:00Z' })), 'nx-late:1')).toBeDefined();
  });

  it('given a position cut, when folded, then only events up to that position count', () => {
    const query = { ...at('2020-07-01'), recordedPosition: 2 };
    expect(factsAt(histories, query).map((fact) => fact.factId)).toStrictEqual(['nx:1']);
  });
});

describe('factsAt: the knownAt axis', () => {
  it('given a closure published on 2020-07-10, when known at 2020-06-30, then it is hidden although effective 2020-06-20', () => {
    expect(find(fold(at('2020-07-31', { knownAt: '2020-06-30' })), 'nx-late:1')).toBeUndefined();
    expect(view(find(fold(at('2020-07-31', { knownAt: '2020-07-10' })), 'nx-late:1'))).toStrictEqual({ status: 'in-force', certainty: 'certain' });
  });

  it('given a source published 2020-05-31/2020-06-30, when known at 2020-05-30, 2020-06-15 and 2020-06-30, then hidden, possible, certain', () => {
    const asOf = '2020-07-01';
    expect(find(fold(at(asOf, { knownAt: '2020-05-30' })), 'nx-ban:1')).toBeUndefined();
    expect(find(fold(at(asOf, { knownAt: '2020-06-15' })), 'nx-ban:1')?.known).toBe('possible');
    expect(view(find(fold(at(asOf, { knownAt: '2020-06-15' })), 'nx-ban:1'))).toStrictEqual({ status: 'in-force', certainty: 'possible' });
    expect(view(find(fold(at(asOf, { knownAt: '2020-06-30' })), 'nx-ban:1'))).toStrictEqual({ status: 'in-force', certainty: 'certain' });
  });
});

describe('factsAt: exit announced before it takes effect', () => {
  it('given an exit announced 2020-05-31 and effective 2020-07-15, when asked on 2020-06-15, then the institution is exit-announced', () => {
    const [weidai] = rectificationLog().histories().filter((history) => history.factId === 'wd:1');
    const content = weidai!.versions[0]!.content;
    const later = { ...weidai!, versions: [{ ...weidai!.versions[0]!, content: { ...content,
      effective: { text: '2020-07-15', precision: 'day' as const, earliest: '2020-07-15', latest: '2020-07-15' } } }] };
    const query = { asOf: DateTime.fromISO('2020-06-15T12:00:00+08:00'), knownAt: null, recordedAt: null };
    expect(view(factsAt([later], query)[0])).toStrictEqual({ status: 'exit-announced', certainty: 'certain' });
    expect(view(factsAt([later], { ...query, asOf: parseTimeParameter('asOf', '2020-07-15') })[0]))
      .toStrictEqual({ status: 'in-force', certainty: 'certain' });
  });
});
