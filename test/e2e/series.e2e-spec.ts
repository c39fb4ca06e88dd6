import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryBus } from '@nestjs/cqrs';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { SeriesQuery } from '../../apps/api/src/timeline/series.queries.js';
import { timeQueryOf } from '../../apps/api/src/timeline/time-params.js';
import { JurisdictionStateQuery } from '../../apps/api/src/timeline/timeline.queries.js';
import { DEFAULT_PAGE, jurisdictions, SERIES_COUNTS, SERIES_STEPS, seriesPoints, type SeriesMeasure } from '../../libs/domain/src/index.js';
import { startApp, type RunningApp } from '../support/app-harness.js';

/**
 * GET /v1/jurisdictions/{code}/series: a prohibition, a count or a statistic of a place at the end of
 * every step of a range, in one call, on the seed data; each point equals the state answer asked
 * with that point as asOf (the same fold).
 */
describe('time series of a place', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({}, { seed: true });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const monthEnds = (from: number, to: number) => {
    const days: string[] = [];
    for (let year = from; year <= to; year++) {
      for (let month = 1; month <= 12; month++) days.push(new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10));
    }
    return days;
  };

  it('Shandong\'s prohibition starts inside the range: absent to September 2019, certain from October 2019', async () => {
    // research/timeline-facts.md: "| 2019-10-18 (day) | CN-SD Shandong | none passed review; all P2P business banned |
    // count unknown | hk.epochtimes.com/news/2019-11-13/22883334 | medium |"
    const { status, body } = await app.request('GET', '/v1/jurisdictions/CN-SD/series?from=2019-01&to=2020-12&step=month&measure=prohibition');
    expect(status).toBe(200);
    expect(body).toMatchObject({ jurisdiction: { code: 'CN-SD' }, measure: { kind: 'prohibition', businessLine: 'online-lending' }, step: 'month',
      from: '2019-01-01T00:00:00.000+08:00', to: '2020-12-31T23:59:59.999+08:00' });
    expect(body.points.map((point: any) => point.date)).toEqual(monthEnds(2019, 2020));
    expect(body.points[0].at).toBe('2019-01-31T23:59:59.999+08:00');
    const byDate = new Map(body.points.map((point: any) => [point.date, point.prohibition]));
    expect(byDate.get('2019-09-30')).toEqual({ prohibited: false, certainty: null, since: null, factId: null });
    expect(byDate.get('2019-10-31')).toMatchObject({ prohibited: true, certainty: 'certain', since: { text: '2019-10-18' } });
    expect(byDate.get('2020-12-31')).toMatchObject({ prohibited: true, certainty: 'certain' });
  });

  it('each point is the state answer at that day: Hubei, possible inside its window, certain once it has passed', async () => {
    // document 000: "So far, Hunan, Shandong, ... Anhui, and Hubei *** 16 have all announced that all online lending
    // businesses within their jurisdiction are prohibited" (published 2020-05-31/2020-06-30: a window from 2019)
    const { body } = await app.request('GET', '/v1/jurisdictions/CN-HB/series?from=2019-01&to=2020-12');
    expect(body.points).toHaveLength(24);
    for (const point of body.points) {
      const state = (await app.request('GET', `/v1/jurisdictions/CN-HB/state?asOf=${point.date}`)).body;
      expect(point.prohibition).toEqual({
        prohibited: state.onlineLendingProhibited, certainty: state.certainty, since: state.prohibitedSince, factId: point.prohibition.factId,
      });
    }
    const certainty = new Map(body.points.map((point: any) => [point.date, point.prohibition.certainty]));
    expect(certainty.get('2019-01-31')).toBe('possible');
    expect(certainty.get('2020-05-31')).toBe('possible');
    expect(certainty.get('2020-06-30')).toBe('certain');
  });

  it('a count with its fact ids: Hubei\'s 147 closures from 29 May 2020', async () => {
    // document 000: "On May 29th, Hubei Provincial Local Financial Supervision Administration announced ...
    // Up to now, 147 corporate online lending institutions have all closed down."
    const { body } = await app.request('GET', '/v1/jurisdictions/CN-HB/series?from=2020-05-27&to=2020-05-31&step=day&measure=closed');
    expect(body.points.map((point: any) => point.date)).toEqual(['2020-05-27', '2020-05-28', '2020-05-29', '2020-05-30', '2020-05-31']);
    expect(body.points[1].count).toBeNull();
    expect(body.points[2].count).toMatchObject({ value: 147, inForce: 'certain', partial: false, effective: { text: '2020-05-29' } });
    const state = (await app.request('GET', '/v1/jurisdictions/CN-HB/state?asOf=2020-05-31')).body;
    expect(body.points[4].count).toEqual(state.counts.closed);
  });

  it('a statistic: the national figure of operating institutions, by quarter', async () => {
    // document 001: "As of March 31, 2020, there were actually 139 online lending institutions ... in operators across the country"
    const { body } = await app.request('GET', '/v1/jurisdictions/CN/series?from=2019&to=2020&step=quarter&measure=statistic&metric=operating-institutions');
    expect(body.points.map((point: any) => point.date)).toEqual(['2019-03-31', '2019-06-30', '2019-09-30', '2019-12-31', '2020-03-31', '2020-06-30', '2020-09-30', '2020-12-31']);
    const june = body.points[5].figures.find((figure: any) => figure.unit === 'institutions');
    expect(june).toMatchObject({ value: 139, effective: { text: '2020-03-31' }, inForce: 'certain' });
    const state = (await app.request('GET', '/v1/state?asOf=2020-06-30')).body;
    const expected = state.national.statistics.filter((entry: any) => entry.metric === 'operating-institutions' && entry.institution === null);
    expect(body.points[5].figures.map((figure: any) => [figure.factId, figure.value])).toEqual(expected.map((entry: any) => [entry.factId, entry.value]));
  });

  it('a range ending inside a step ends on its last day', async () => {
    const { body } = await app.request('GET', '/v1/jurisdictions/CN-SD/series?from=2019-10-15&to=2019-12-15&step=month');
    expect(body.points.map((point: any) => point.date)).toEqual(['2019-10-31', '2019-11-30', '2019-12-15']);
  });

  it.each([
    ['/v1/jurisdictions/CN-SD/series?to=2020', 'from'],
    ['/v1/jurisdictions/CN-SD/series?from=2019', 'to'],
    ['/v1/jurisdictions/CN-SD/series?from=2019&to=2020&step=fortnight', 'step'],
    ['/v1/jurisdictions/CN-SD/series?from=2019&to=2020&measure=vibes', 'measure'],
    ['/v1/jurisdictions/CN-SD/series?from=2019&to=2020&measure=statistic', 'metric'],
    ['/v1/jurisdictions/CN-SD/series?from=2019&to=2020&businessLine=NOT%20A%20SLUG', 'businessLine'],
    ['/v1/jurisdictions/CN-SD/series?from=2020&to=2019', 'to'],
    ['/v1/jurisdictions/CN-SD/series?from=2019-02-30&to=2020', 'from'],
    ['/v1/jurisdictions/CN-SD/series?from=2019&to=2020&knownAt=soon', 'knownAt'],
    ['/v1/jurisdictions/CN-SD/series?from=2019&to=2020&step=day', 'step'],
    ['/v1/jurisdictions/Atlantis/series?from=2019&to=2020', 'code'],
  ])('%s is a 400 naming %s', async (url, field) => {
    const { status, headers, body } = await app.request('GET', url);
    expect(status).toBe(400);
    expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body.errors.map((error: any) => error.field)).toContain(field);
  });

  it('at most 400 points: 400 days is a series, 401 is refused', async () => {
    expect((await app.request('GET', '/v1/jurisdictions/CN-SD/series?from=2019-01-01&to=2020-02-04&step=day')).body.points).toHaveLength(400);
    expect((await app.request('GET', '/v1/jurisdictions/CN-SD/series?from=2019-01-01&to=2020-02-05&step=day')).status).toBe(400);
  });

  it('a worker thread (ANSWER_WORKERS, the compiled answer worker) gives the answers this thread gives', async () => {
    const workers = await startApp({ ANSWER_WORKERS: '1' }, { seed: true });
    try {
      for (const url of ['/v1/jurisdictions/CN-HB/series?from=2019-01&to=2020-12', '/v1/jurisdictions/CN-HB/series?from=2020-05&to=2020-06&step=week&measure=closed',
        '/v1/jurisdictions/CN/series?from=2019&to=2020&step=quarter&measure=statistic&metric=operating-institutions&knownAt=2020-05']) {
        const head = (await workers.store.headPosition())!.commit;
        const fromWorker = await workers.request('GET', `${url}&minPosition=${head}`);
        expect(fromWorker.status).toBe(200);
        expect(fromWorker.body).toEqual((await app.request('GET', url)).body);
      }
    } finally {
      await workers.stop();
    }
  }, 120_000);

  it('for any place, range, step, measure, knownAt and recordedAt, each point is the state answer at that instant', async () => {
    const bus = app.nest.get(QueryBus);
    const head = Number((await app.store.headPosition())!.commit);
    const place = fc.constantFrom('CN', 'CN-HB', 'CN-NX', 'CN-GD', 'CN-440100', 'CN-SD', 'CN-XJ', 'CN-ZJ').map((code) => jurisdictions.get(code));
    const start = fc.date({ min: new Date('2015-06-01T00:00:00Z'), max: new Date('2026-01-01T00:00:00Z'), noInvalidDate: true });
    const measure: fc.Arbitrary<SeriesMeasure> = fc.oneof(
      fc.constantFrom('online-lending', 'internet-lending-assistance').map((businessLine) => ({ kind: 'prohibition' as const, businessLine })),
      fc.constantFrom(...SERIES_COUNTS).map((count) => ({ kind: 'count' as const, count })),
      fc.constantFrom('operating-institutions', 'institutions-passed-acceptance', 'borrowers').map((metric) => ({ kind: 'statistic' as const, metric })),
    );
    const knownAt = fc.option(fc.constantFrom('2019-12', '2020-05-31', '2020-06-30', '2025'), { nil: undefined });
    const recordedAt = fc.option(fc.integer({ min: 1, max: head }).map((position) => `position:${position}`), { nil: undefined });
    await fc.assert(fc.asyncProperty(place, start, fc.integer({ min: 1, max: 5 }), fc.constantFrom(...SERIES_STEPS), measure, knownAt, recordedAt,
      async (where, first, count, step, what, known, recorded) => {
        const from = DateTime.fromJSDate(first, { zone: where.zone }).startOf('day');
        const points = seriesPoints(from, from.plus({ [step]: count - 1 }).endOf(step), step, where.zone) ?? [];
        const time = { ...timeQueryOf({ knownAt: known, recordedAt: recorded }, where.zone), asOf: points.at(-1) as DateTime };
        const series = await bus.execute(new SeriesQuery(where, what, step, from, points, time));
        expect(series.points).toHaveLength(points.length);
        for (const [index, point] of series.points.entries()) {
          const state = await bus.execute(new JurisdictionStateQuery({ ...time, asOf: points[index] as DateTime }, where, DEFAULT_PAGE));
          if ('prohibition' in point) {
            const line = state.businessLines.find((entry) => entry.businessLine === (what as { businessLine: string }).businessLine);
            expect(point.prohibition).toEqual(line ? { prohibited: line.prohibited, certainty: line.certainty, since: line.since, factId: line.factId }
              : { prohibited: false, certainty: null, since: null, factId: null });
          } else if ('count' in point) {
            expect(point.count).toEqual(state.counts[(what as { count: (typeof SERIES_COUNTS)[number] }).count]);
          } else {
            const own = state.statistics.filter((entry) => entry.jurisdiction === where.code && entry.institution === null
              && entry.metric === (what as { metric: string }).metric);
            expect(point.figures.map((figure) => [figure.factId, figure.value, figure.unit])).toEqual(own.map((entry) => [entry.factId, entry.value, entry.unit]));
          }
        }
      }), { numRuns: 60, seed: 18 });
  }, 120_000);
});
