import { DateTime } from 'luxon';
import { describe, expect, it } from '@jest/globals';
import { MAX_SERIES_POINTS, seriesPoints } from './series.js';

const zone = 'Asia/Shanghai';
const day = (text: string) => DateTime.fromISO(text, { zone });
const dates = (points: DateTime[] | null) => points?.map((point) => point.toISODate());

describe('seriesPoints: the end of every step of a range, in the place\'s zone', () => {
  it('by month, quarter and year: each period\'s last millisecond', () => {
    const points = seriesPoints(day('2019-11-01').startOf('day'), day('2020-02-29').endOf('day'), 'month', zone);
    expect(dates(points)).toEqual(['2019-11-30', '2019-12-31', '2020-01-31', '2020-02-29']);
    expect(points?.[0]?.toISO()).toBe('2019-11-30T23:59:59.999+08:00');
    expect(dates(seriesPoints(day('2019-01-01'), day('2019-12-31').endOf('day'), 'quarter', zone))).toEqual(['2019-03-31', '2019-06-30', '2019-09-30', '2019-12-31']);
    expect(dates(seriesPoints(day('2016-01-01'), day('2018-12-31').endOf('day'), 'year', zone))).toEqual(['2016-12-31', '2017-12-31', '2018-12-31']);
  });

  it('by week (ISO weeks end on Sunday); a range ending inside a step ends on its last day', () => {
    expect(dates(seriesPoints(day('2020-06-01'), day('2020-06-17').endOf('day'), 'week', zone))).toEqual(['2020-06-07', '2020-06-14', '2020-06-17']);
  });

  it('a range inside one step is one point, the range\'s end', () => {
    expect(dates(seriesPoints(day('2020-06-10'), day('2020-06-12').endOf('day'), 'month', zone))).toEqual(['2020-06-12']);
  });

  it(`at most ${MAX_SERIES_POINTS} points, else null`, () => {
    expect(seriesPoints(day('2019-01-01'), day('2020-02-04').endOf('day'), 'day', zone)).toHaveLength(MAX_SERIES_POINTS);
    expect(seriesPoints(day('2019-01-01'), day('2020-02-05').endOf('day'), 'day', zone)).toBeNull();
  });
});
