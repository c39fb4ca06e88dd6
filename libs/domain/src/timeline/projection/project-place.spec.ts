/*
 * The projection of the rectification log (test-log.ts), read at the instants its notices make
 * interesting. The property test (projection.spec.ts) holds every answer equal to the fold's;
 * these show what the pieces and segments say.
 */
import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { jurisdictions } from '../../jurisdictions/jurisdiction-registry.js';
import { jurisdictionStateAt } from '../jurisdiction-state.js';
import { at } from '../spec-helpers.js';
import { rectificationLog } from '../test-log.js';
import { jurisdictionStateFromProjection } from './answers.js';
import { END_OF_TIME } from './contract.js';
import { dayEndKey, dayStartKey, halfDayOf } from './half-day.js';
import { memoryProjectionReader } from './memory-reader.js';
import { projectPlace, projectPlaceInSteps } from './project-place.js';
import type { FactSpanRow, PlaceSegmentRow } from './contract.js';

const histories = rectificationLog().histories();
const ningxia = projectPlace('CN-NX', histories);
const ZONE = 'Asia/Shanghai';

describe('halfDayOf', () => {
  it('a period\'s end is its last millisecond (asOf=2020-06-30 reads as 2020-06-30T23:59:59.999+08:00): the day\'s end key; noon is the day\'s start key', () => {
    expect(halfDayOf(at('2020-06-30').asOf, ZONE)).toBe(dayEndKey('2020-06-30'));
    expect(halfDayOf(DateTime.fromISO('2020-06-30T12:00:00+08:00'), ZONE)).toBe(dayStartKey('2020-06-30'));
    // 2020-06-30T20:00Z is already July 1st in Shanghai
    expect(halfDayOf(DateTime.fromISO('2020-06-30T20:00:00Z'), ZONE)).toBe(dayStartKey('2020-07-01'));
  });
});

describe('projectPlace', () => {
  it('gives only the place\'s own facts, each in pieces: possibly in force inside its window, certainly once the window has passed', () => {
    // "Ningxia prohibits online lending, effective 2019-01-01/2020-06-30" (test-log.ts)
    const prohibition = ningxia.spans.filter((span) => span.factId === 'nx-ban:1').map(({ from, to }) => ({ from, to }));
    expect(prohibition).toStrictEqual([
      { from: dayStartKey('2019-01-01'), to: dayEndKey('2020-06-30') },
      { from: dayEndKey('2020-06-30'), to: END_OF_TIME },
    ]);
    expect(new Set(ningxia.spans.map((span) => span.jurisdiction))).toStrictEqual(new Set(['CN-NX']));
    // nx:3 was corrected from 9 to 8: its one fact, its corrected content
    expect(JSON.parse(ningxia.spans.find((span) => span.factId === 'nx:3')?.body ?? '{}')).toMatchObject({ c: { count: 8 }, n: 1 });
  });

  it('cuts the place\'s aggregates into contiguous segments up to the end of time', () => {
    const { segments } = ningxia;
    segments.slice(1).forEach((segment, index) => expect(segment.from).toBe(segments[index]?.to));
    expect(segments.at(-1)?.to).toBe(END_OF_TIME);
    expect(segments[0]?.from).toBe(dayStartKey('2019-01-01'));
  });

  it('answers Ningxia\'s state as of 2020-06-30 as the fold does: prohibited with 27 banned (the third batch corrected to 8) and 12 closed', async () => {
    const reader = memoryProjectionReader(['CN', 'CN-NX'].map((code) => projectPlace(code, histories)));
    const query = at('2020-06-30');
    const projected = await jurisdictionStateFromProjection(reader, 'CN-NX', query, { page: { offset: 0, limit: 100 }, facts: true });
    expect(projected?.counts.banned?.value).toBe(27);
    expect(projected?.counts.closed?.value).toBe(12);
    expect(projected).toStrictEqual(jurisdictionStateAt(histories, 'CN-NX', query, jurisdictions));
  });

  it('hands its rows to a sink as it makes them (a rebuild stores them meanwhile): the same rows, in the same order, none returned', () => {
    for (const code of ['CN', 'CN-NX', 'CN-HB']) {
      const spans: FactSpanRow[] = [];
      const segments: PlaceSegmentRow[] = [];
      const steps = projectPlaceInSteps(code, histories, jurisdictions, (made, cut) => {
        spans.push(...made);
        segments.push(...cut);
      });
      let step = steps.next();
      while (!step.done) step = steps.next();
      expect(step.value).toStrictEqual({ jurisdiction: code, spans: [], segments: [] });
      expect({ jurisdiction: code, spans, segments }).toStrictEqual(projectPlace(code, histories));
    }
  });

  it('does not answer a question with knownAt or recordedAt: the caller folds', async () => {
    const reader = memoryProjectionReader([ningxia]);
    expect(await jurisdictionStateFromProjection(reader, 'CN-NX', at('2020-06-30', { knownAt: '2020-06-15' }),
      { page: { offset: 0, limit: 100 }, facts: true })).toBeNull();
  });
});
