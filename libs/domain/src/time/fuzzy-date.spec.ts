import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import {
  DEFAULT_ZONE, fuzzyDateInstants, fuzzyDateProblem, InvalidDateError, isExactDay, parseFuzzyDate, todayIn,
  type FuzzyDate,
} from './fuzzy-date.js';

/** The reason parseFuzzyDate gives, or null when it accepts the text. */
function reasonFor(text: string): { text: string; reason: string } | null {
  try {
    parseFuzzyDate(text);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDateError);
    const { text: offending, reason } = error as InvalidDateError;
    return { text: offending, reason };
  }
}

const FORMAT = 'expected YYYY, YYYY-MM, YYYY-MM-DD, ../YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD';

describe('parseFuzzyDate', () => {
  it.each<[string, FuzzyDate]>([
    ['2020-06-30', { text: '2020-06-30', precision: 'day', earliest: '2020-06-30', latest: '2020-06-30' }],
    ['2020-02-29', { text: '2020-02-29', precision: 'day', earliest: '2020-02-29', latest: '2020-02-29' }],
    ['2020-06', { text: '2020-06', precision: 'month', earliest: '2020-06-01', latest: '2020-06-30' }],
    ['2020-12', { text: '2020-12', precision: 'month', earliest: '2020-12-01', latest: '2020-12-31' }],
    ['2020-02', { text: '2020-02', precision: 'month', earliest: '2020-02-01', latest: '2020-02-29' }],
    ['2021-02', { text: '2021-02', precision: 'month', earliest: '2021-02-01', latest: '2021-02-28' }],
    ['2000-02', { text: '2000-02', precision: 'month', earliest: '2000-02-01', latest: '2000-02-29' }],
    ['1900-02', { text: '1900-02', precision: 'month', earliest: '1900-02-01', latest: '1900-02-28' }],
    ['2020', { text: '2020', precision: 'year', earliest: '2020-01-01', latest: '2020-12-31' }],
    ['../2020-06-30', { text: '../2020-06-30', precision: 'on-or-before', earliest: null, latest: '2020-06-30' }],
    ['../2020-06', { text: '../2020-06', precision: 'on-or-before', earliest: null, latest: '2020-06-30' }],
    ['../2020-02', { text: '../2020-02', precision: 'on-or-before', earliest: null, latest: '2020-02-29' }],
    ['../2020', { text: '../2020', precision: 'on-or-before', earliest: null, latest: '2020-12-31' }],
    ['2020-05-29/2020-06-02',
      { text: '2020-05-29/2020-06-02', precision: 'between', earliest: '2020-05-29', latest: '2020-06-02' }],
    ['2020-05/2020-06', { text: '2020-05/2020-06', precision: 'between', earliest: '2020-05-01', latest: '2020-06-30' }],
    ['2019/2020-02', { text: '2019/2020-02', precision: 'between', earliest: '2019-01-01', latest: '2020-02-29' }],
    ['2016/2020', { text: '2016/2020', precision: 'between', earliest: '2016-01-01', latest: '2020-12-31' }],
    ['2020-11-15/2021', { text: '2020-11-15/2021', precision: 'between', earliest: '2020-11-15', latest: '2021-12-31' }],
    ['2020-06-30/2020-06-30',
      { text: '2020-06-30/2020-06-30', precision: 'between', earliest: '2020-06-30', latest: '2020-06-30' }],
    // an interval may start inside the period it ends in: 2020-06-15 lies within 2020-06
    ['2020-06-15/2020-06', { text: '2020-06-15/2020-06', precision: 'between', earliest: '2020-06-15', latest: '2020-06-30' }],
  ])('reads %s', (text, expected) => {
    expect(parseFuzzyDate(text)).toStrictEqual(expected);
  });

  it.each([
    ['  2020-06 ', '2020-06', 'month'],
    ['\t2020-06-30\n', '2020-06-30', 'day'],
    [' ../2020 ', '../2020', 'on-or-before'],
    [' 2020-05-29/2020-06-02 ', '2020-05-29/2020-06-02', 'between'],
  ])('trims the surrounding whitespace of %j', (input, text, precision) => {
    expect(parseFuzzyDate(input)).toMatchObject({ text, precision });
  });

  it.each<[string, { text: string; reason: string }]>([
    ['2020-13-45', { text: '2020-13-45', reason: 'month 13 does not exist' }],
    ['2020-00', { text: '2020-00', reason: 'month 00 does not exist' }],
    ['2021-02-29', { text: '2021-02-29', reason: 'day 29 does not exist in 2021-02' }],
    ['1900-02-29', { text: '1900-02-29', reason: 'day 29 does not exist in 1900-02' }],
    ['2020-06-31', { text: '2020-06-31', reason: 'day 31 does not exist in 2020-06' }],
    ['2020-06-00', { text: '2020-06-00', reason: 'day 00 does not exist in 2020-06' }],
    ['0999', { text: '0999', reason: 'year out of range' }],
    ['', { text: '', reason: FORMAT }],
    ['   ', { text: '', reason: FORMAT }],
    ['yesterday', { text: 'yesterday', reason: FORMAT }],
    ['June 2020', { text: 'June 2020', reason: FORMAT }],
    ['20-06-30', { text: '20-06-30', reason: FORMAT }],
    ['2020-6-1', { text: '2020-6-1', reason: FORMAT }],
    ['2020-06-30T00:00:00Z', { text: '2020-06-30T00:00:00Z', reason: FORMAT }],
    ['2020 - 06', { text: '2020 - 06', reason: FORMAT }],
    ['2020年6月', { text: '2020年6月', reason: FORMAT }],
    ['../', { text: '', reason: FORMAT }],
    ['../2020-02-30', { text: '2020-02-30', reason: 'day 30 does not exist in 2020-02' }],
    ['/2020', { text: '', reason: FORMAT }],
    ['2020/', { text: '', reason: FORMAT }],
    ['2020/06/30', { text: '2020/06/30', reason: 'an interval has exactly one "/"' }],
    ['2020-06-02/2020-05-29', { text: '2020-06-02/2020-05-29', reason: 'the interval ends before it starts' }],
    ['2021/2020-12', { text: '2021/2020-12', reason: 'the interval ends before it starts' }],
    ['2020-01-01/2021-02-29', { text: '2021-02-29', reason: 'day 29 does not exist in 2021-02' }],
  ])('refuses %j, saying why', (input, expected) => {
    expect(reasonFor(input)).toStrictEqual(expected);
  });

  it('puts the text and the reason in the message', () => {
    expect(() => parseFuzzyDate('2021-02-29')).toThrow('"2021-02-29" is not a valid date: day 29 does not exist in 2021-02');
  });
});

describe('fuzzyDateProblem', () => {
  it('is null for a valid date', () => {
    expect(fuzzyDateProblem('2020-06')).toBeNull();
    expect(fuzzyDateProblem('../2020-06-30')).toBeNull();
  });

  it('gives the reason for an invalid one', () => {
    expect(fuzzyDateProblem('2020-13')).toBe('"2020-13" is not a valid date: month 13 does not exist');
  });

  it.each([undefined, null, 2020, new Date(0), ['2020']])('refuses %p, which is not text', (input) => {
    expect(fuzzyDateProblem(input)).toBe('must be a date string');
  });
});

describe('isExactDay', () => {
  it('holds only for a single day', () => {
    expect(['2020-06-30', '2020-06', '2020', '../2020-06-30', '2020-06-30/2020-06-30']
      .map((text) => isExactDay(parseFuzzyDate(text)))).toStrictEqual([true, false, false, false, false]);
  });
});

describe('fuzzyDateInstants', () => {
  const instants = (text: string, zone = DEFAULT_ZONE) => {
    const { from, to } = fuzzyDateInstants(parseFuzzyDate(text), zone);
    return { from: from?.toUTC().toISO() ?? null, to: to.toUTC().toISO() };
  };

  it('reads dates in Asia/Shanghai by default', () => {
    expect(DEFAULT_ZONE).toBe('Asia/Shanghai');
  });

  it.each([
    ['2020-06-30', '2020-06-29T16:00:00.000Z', '2020-06-30T15:59:59.999Z'],
    ['2020-06', '2020-05-31T16:00:00.000Z', '2020-06-30T15:59:59.999Z'],
    ['2020-02', '2020-01-31T16:00:00.000Z', '2020-02-29T15:59:59.999Z'],
    ['2020', '2019-12-31T16:00:00.000Z', '2020-12-31T15:59:59.999Z'],
    ['../2020-06-30', null, '2020-06-30T15:59:59.999Z'],
    ['2020-05-29/2020-06', '2020-05-28T16:00:00.000Z', '2020-06-30T15:59:59.999Z'],
  ])('spans %s in Asia/Shanghai from %s to %s', (text, from, to) => {
    expect(instants(text)).toStrictEqual({ from, to });
  });

  it('returns instants in the zone it was asked for', () => {
    const { from, to } = fuzzyDateInstants(parseFuzzyDate('2020-06-30'), DEFAULT_ZONE);
    expect(from?.zoneName).toBe('Asia/Shanghai');
    expect(to.toISO()).toBe('2020-06-30T23:59:59.999+08:00');
  });

  it('depends on the zone', () => {
    expect(instants('2020-06-30', 'UTC')).toStrictEqual({ from: '2020-06-30T00:00:00.000Z', to: '2020-06-30T23:59:59.999Z' });
    // the day clocks spring forward in New York has 23 hours
    expect(instants('2020-03-08', 'America/New_York'))
      .toStrictEqual({ from: '2020-03-08T05:00:00.000Z', to: '2020-03-09T03:59:59.999Z' });
  });
});

describe('todayIn', () => {
  it('is the calendar date of the clock in the zone', () => {
    const now = DateTime.fromISO('2020-06-30T16:30:00Z', { zone: 'utc' });
    expect(todayIn(now, 'Asia/Shanghai')).toBe('2020-07-01');
    expect(todayIn(now, 'UTC')).toBe('2020-06-30');
    expect(todayIn(now, 'America/New_York')).toBe('2020-06-30');
  });

  it('turns at each midnight of the zone as the clock moves, forwards or back (a day is kept only while the clock is in it)', () => {
    const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
    const days = ['2020-06-30T15:59:59.999Z', '2020-06-30T16:00:00.000Z', '2020-07-01T15:59:59.999Z', '2020-07-01T16:00:00Z', '2020-06-30T15:00:00Z']
      .map((iso) => todayIn(at(iso), 'Asia/Shanghai'));
    expect(days).toEqual(['2020-06-30', '2020-07-01', '2020-07-01', '2020-07-02', '2020-06-30']);
    // New York's 23-hour day (clocks spring forward on 2020-03-08): midnight is 05:00Z, the next 04:00Z
    const newYork = ['2020-03-08T04:59:59Z', '2020-03-08T05:00:00Z', '2020-03-09T03:59:59Z', '2020-03-09T04:00:00Z']
      .map((iso) => todayIn(at(iso), 'America/New_York'));
    expect(newYork).toEqual(['2020-03-07', '2020-03-08', '2020-03-08', '2020-03-09']);
  });
});

describe('parsed dates are kept', () => {
  it('the same text gives the same frozen result; a refused text is refused every time', () => {
    const first = parseFuzzyDate('2019-11');
    expect(parseFuzzyDate('2019-11')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toStrictEqual({ text: '2019-11', precision: 'month', earliest: '2019-11-01', latest: '2019-11-30' });
    for (let i = 0; i < 2; i++) expect(() => parseFuzzyDate('2019-02-30')).toThrow(InvalidDateError);
  });

  it('stays right past its bound (the oldest texts are parsed again)', () => {
    const days = Array.from({ length: 12_000 }, (_, i) => DateTime.fromISO('1990-01-01', { zone: 'utc' }).plus({ days: i }).toISODate()!);
    for (const day of days) parseFuzzyDate(day);
    expect(parseFuzzyDate(days[0]!)).toStrictEqual({ text: days[0], precision: 'day', earliest: days[0], latest: days[0] });
    expect(parseFuzzyDate(`../${days[11_999]}`).latest).toBe(days[11_999]);
  });
});
