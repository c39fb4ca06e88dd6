import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { FactData } from '../notice/notice-events.js';
import type { FuzzyDate } from '../time/fuzzy-date.js';
import { evaluateFact } from './fold.js';
import type { RecordedFact } from './recorded-fact.js';
import { mayHaveStartedBy, startWindowOf } from './started-by.js';

const ZONE = 'Asia/Shanghai';
const FIRST = DateTime.fromISO('2019-01-01', { zone: ZONE });
const dayAt = (offset: number) => FIRST.plus({ days: offset }).toISODate() as string;

/** a window of days in 2019-2020, unbounded below now and then (legacy dates) */
const window = fc.tuple(fc.option(fc.integer({ min: 0, max: 700 }), { freq: 4 }), fc.integer({ min: 0, max: 60 })).map(([from, length]): FuzzyDate => ({
  text: 'generated', precision: 'between', earliest: from === null ? null : dayAt(from), latest: dayAt((from ?? 300) + length),
}));

const fact = fc.oneof(
  window.map((effective) => ({ kind: 'InstitutionsBanned', jurisdiction: 'CN', effective }) as unknown as FactData),
  fc.tuple(window, window).map(([effective, announced]) =>
    ({ kind: 'InstitutionExitAnnounced', jurisdiction: 'CN', effective, announced }) as unknown as FactData),
);

/** the instant: a day's start, its middle or its last millisecond (a period's end) */
const instant = fc.tuple(fc.integer({ min: -10, max: 800 }), fc.constantFrom('start', 'noon', 'end')).map(([offset, when]) => {
  const day = FIRST.plus({ days: offset });
  return when === 'start' ? day.startOf('day') : when === 'noon' ? day.set({ hour: 12 }) : day.endOf('day');
});

const recorded = (content: FactData) => ({ factId: 'f', content, sources: [] }) as unknown as RecordedFact;

describe('mayHaveStartedBy: the one "has started" rule of the candidates', () => {
  it('given any fact and instant, when the fold finds it started or announced, then the rule allows it on that day', () => {
    fc.assert(fc.property(fact, instant, (content, asOf) => {
      const found = evaluateFact(recorded(content), { asOf, knownAt: null, recordedAt: null });
      return found === null || mayHaveStartedBy(startWindowOf(content), asOf.setZone(ZONE).toISODate() as string);
    }), { numRuns: 2000 });
  });

  it('given a day before a bounded window, then the fact may not have started; on its first day it may', () => {
    const content = { kind: 'InstitutionsBanned', effective: { earliest: '2020-01-01', latest: '2020-01-31' } } as unknown as FactData;
    expect(mayHaveStartedBy(startWindowOf(content), '2019-12-31')).toBe(false);
    expect(mayHaveStartedBy(startWindowOf(content), '2020-01-01')).toBe(true);
  });

  it('given an exit announced before it takes effect, then it may have started from its announcement', () => {
    const content = { kind: 'InstitutionExitAnnounced', effective: { earliest: '2020-06-01', latest: '2020-06-30' },
      announced: { earliest: '2020-03-01', latest: '2020-03-01' } } as unknown as FactData;
    expect(mayHaveStartedBy(startWindowOf(content), '2020-02-29')).toBe(false);
    expect(mayHaveStartedBy(startWindowOf(content), '2020-03-01')).toBe(true);
  });
});
