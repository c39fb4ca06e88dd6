/*
 * Issue 17 item 1: "a test asserts that both paths give identical answers over a generated corpus
 * (property-based: random facts, corrections, dates)". Random logs over a province, two of its
 * cities, another province and the country; every answer the projection serves (a jurisdiction's
 * state with and without its facts, pages of it, bans, the national state) is compared as JSON
 * with the fold's at random instants (day starts, noons, day ends).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { FactInput } from '../../facts/fact-catalogue.js';
import { jurisdictions } from '../../jurisdictions/jurisdiction-registry.js';
import { bansInForce } from '../bans.js';
import { jurisdictionStateAt } from '../jurisdiction-state.js';
import { nationalStateAt } from '../national-state.js';
import type { FactHistory } from '../recorded-fact.js';
import { notice, TestLog } from '../test-log.js';
import { asOfOnly } from '../time-query.js';
import { bansFromProjection, jurisdictionStateFromProjection, nationalStateFromProjection } from './answers.js';
import { memoryProjectionReader } from './memory-reader.js';
import type { FactSpanRow, HalfDay, PlaceProjection } from './contract.js';
import { earliestKeyOf } from './fact-pieces.js';
import { halfDayOf } from './half-day.js';
import { PlaceProjectionPasses, projectPlace, segmentsFromSpans } from './project-place.js';

const ZONE = 'Asia/Shanghai';
const PLACES = ['CN', 'CN-GD', 'CN-440100', 'CN-440300', 'CN-NX'] as const;
const LINES = ['online-lending', 'lending-assistance'] as const;
const FIRST = DateTime.fromISO('2020-01-01', { zone: ZONE });
const RECORDED = '2022-01-01T00:00:00.000Z';
const day = (offset: number) => FIRST.plus({ days: offset }).toISODate() as string;

/** a written date of mixed precision: a day, a month, a window of days, now and then a year */
const dateText = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 420 }).map(day) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 13 }).map((month) => FIRST.plus({ months: month }).toFormat('yyyy-MM')) },
  { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 40 })).map(([from, length]) => `${day(from)}/${day(from + length)}`) },
  { weight: 1, arbitrary: fc.constantFrom('2020', '2021') },
);
const place = fc.constantFrom(...PLACES);
const line = fc.constantFrom(...LINES);
const count = fc.option(fc.integer({ min: 1, max: 30 }), { freq: 4 });

const action = fc.record({
  type: fc.constantFrom('InstitutionsBanned', 'InstitutionsClosed', 'InstitutionsRevoked'), jurisdiction: place, effective: dateText,
  count, businessLine: line, cumulative: fc.boolean(), batch: fc.option(fc.integer({ min: 1, max: 3 }), { freq: 2 }),
}).map(({ type, count, cumulative, batch, ...rest }): FactInput => ({
  type, ...rest, ...(count === null ? {} : { count, ...(cumulative ? { cumulative: true } : {}) }),
  ...(type === 'InstitutionsBanned' && batch !== null && !cumulative ? { batch: { number: batch, of: 3 } } : {}),
}) as FactInput);

const statistic = fc.record({
  jurisdiction: place, effective: dateText, metric: fc.constantFrom('operating-institutions', 'institutions-already-exited', 'loan-balance'),
  value: fc.constantFrom(100, 120, 139, 343), unit: fc.constantFrom('institutions', 'institutions', 'percent-change'),
  qualifier: fc.constantFrom(undefined, 'exact', 'nearly'), baseline: fc.constantFrom(undefined, undefined, '2019-01'),
  institution: fc.constantFrom(undefined, undefined, undefined, { name: 'Weidai' }), businessLine: fc.constantFrom(undefined, 'online-lending'),
}).map((fields): FactInput => JSON.parse(JSON.stringify({ type: 'StatisticReported', ...fields })) as FactInput);

const exit = fc.record({ jurisdiction: place, announced: dateText, effective: dateText, name: fc.constantFrom('Weidai', 'Hongling', 'Tuandai'), businessLine: line })
  .map(({ name, ...rest }): FactInput => ({ type: 'InstitutionExitAnnounced', ...rest, institution: { name } }));

const other = fc.oneof(
  fc.record({ jurisdiction: fc.constantFrom('CN', 'CN-GD', 'CN-NX', 'CN-440300'), effective: dateText, businessLine: line })
    .map((fields): FactInput => ({ type: 'BusinessLineProhibited', ...fields })),
  fc.record({ jurisdiction: place, effective: dateText, businessLine: line, partnerCount: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }) })
    .map((fields): FactInput => JSON.parse(JSON.stringify({ type: 'PartnershipHalted', bank: { name: 'A Bank' }, ...fields })) as FactInput),
  fc.record({ jurisdiction: place, effective: dateText })
    .map((fields): FactInput => ({ type: 'NameRestrictionImposed', ...fields, forbiddenWords: ['P2P'], appliesTo: 'lenders' })),
);

/** several sources of one date reporting different numbers (truth rule 3: a dispute) */
const disputed = fc.tuple(fc.oneof(statistic, action), fc.constantFrom(7, 120, 139))
  .map(([first, number]): FactInput[] => [first, { ...first, ...('value' in first ? { value: number } : 'count' in first ? { count: number } : {}) } as FactInput]);

const fact = fc.oneof(
  { weight: 5, arbitrary: action.map((one) => [one]) }, { weight: 4, arbitrary: statistic.map((one) => [one]) }, { weight: 2, arbitrary: exit.map((one) => [one]) },
  { weight: 2, arbitrary: other.map((one) => [one]) }, { weight: 2, arbitrary: disputed },
);

/** a day inside a written date: what a corroborating source that narrows it gives */
const inside = (text: string): string => {
  const from = text.split('/')[0] as string;
  return from.length === 4 ? `${from}-06` : from.length === 7 ? `${from}-15` : from;
};

/** what happens after the notices, each to the fact picked by index */
const later = fc.oneof(
  fc.record({ op: fc.constant('correct' as const), pick: fc.nat(), effective: dateText, number: fc.constantFrom(2, 9, 120, 139) }),
  fc.record({ op: fc.constant('corroborate' as const), pick: fc.nat(), effective: fc.constantFrom(undefined, 'inside', 'inside') }),
  fc.record({ op: fc.constant('retract' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('legacy' as const), pick: fc.nat() }),
);

const corpus = fc.record({
  notices: fc.array(fc.array(fact, { minLength: 1, maxLength: 3 }).map((effects) => effects.flat()), { minLength: 1, maxLength: 14 }),
  changes: fc.array(later, { maxLength: 10 }),
});

type Corpus = typeof corpus extends fc.Arbitrary<infer T> ? T : never;

/** The log of a generated corpus (commands the decider refuses are left out, as a client would see them refused). */
function historiesOf({ notices, changes }: Corpus): FactHistory[] {
  const log = new TestLog();
  const inputs = new Map<string, FactInput>();
  notices.forEach((effects, index) => {
    const id = `n${index}`;
    try {
      log.publish(id, notice('CN', '2021-06-01', `notice ${index}`, effects), RECORDED);
      effects.forEach((effect, at) => inputs.set(`${id}:${at + 1}`, effect));
    } catch { /* refused */ }
  });
  const ids = [...inputs.keys()];
  const legacy = new Set<string>();
  for (const change of changes) {
    const factId = ids[change.pick % ids.length] as string;
    const input = inputs.get(factId) as FactInput;
    try {
      if (change.op === 'correct') {
        const corrected = { ...input, effective: change.effective,
          ...('count' in input && input.count !== undefined ? { count: change.number } : {}), ...('value' in input ? { value: change.number } : {}) } as FactInput;
        log.correct(factId, corrected, 'restated', RECORDED);
        inputs.set(factId, corrected);
      } else if (change.op === 'corroborate') {
        log.corroborate(factId, { source: { document: `c-${factId}.txt`, publisher: 'Caixin', url: null, quote: 'reported' }, title: 'Report',
          authority: 'Caixin', published: '2021-07-01', ...(change.effective ? { effective: inside(input.effective) } : {}) }, RECORDED);
      } else if (change.op === 'retract') {
        log.retract(factId, 'not what the notice says', RECORDED);
      } else legacy.add(factId);
    } catch { /* refused */ }
  }
  // a window unbounded below, as facts recorded before windows were required have them
  for (const event of log.events) {
    const data = event.data as { factId?: string; effective?: { latest: string } };
    if (data.factId && legacy.has(data.factId) && data.effective && !event.type.startsWith('Fact')) {
      data.effective = { ...data.effective, earliest: null, precision: 'on-or-before', text: `../${data.effective.latest}` } as typeof data.effective;
    }
  }
  return log.histories();
}

/** an instant: a day's start, its noon or its last millisecond (a period's end) */
const instant = fc.tuple(fc.integer({ min: -40, max: 480 }), fc.constantFrom('start', 'noon', 'end')).map(([offset, when]) => {
  const start = FIRST.plus({ days: offset });
  return when === 'start' ? start.startOf('day') : when === 'noon' ? start.set({ hour: 12 }) : start.endOf('day');
});
const page = fc.record({ offset: fc.integer({ min: 0, max: 6 }), limit: fc.integer({ min: 1, max: 6 }) });

const json = (value: unknown): string => JSON.stringify(value);

/**
 * A place projected as a rebuild projects it (PlaceProjectionPasses): its histories taken a slice
 * at a time, then read again in slices in the other order.
 */
function inPasses(code: string, histories: readonly FactHistory[], size: number): PlaceProjection {
  const passes = new PlaceProjectionPasses(code);
  for (let i = 0; i < histories.length; i += size) passes.take(histories.slice(i, i + size));
  passes.changes();
  const again = [...histories].reverse();
  const spans: FactSpanRow[] = [];
  for (let i = 0; i < again.length; i += size) spans.push(...passes.spansOf(again.slice(i, i + size)));
  return { jurisdiction: code, spans, segments: [...passes.segments()].flat() };
}

const byPiece = (spans: readonly FactSpanRow[]): FactSpanRow[] => [...spans].sort((a, b) => a.factId.localeCompare(b.factId) || a.from - b.from);

describe('projected point-in-time state (latest knowledge) gives the fold\'s answers', () => {
  it('for a jurisdiction\'s state, its bans and the national state, at any instant', async () => {
    await fc.assert(fc.asyncProperty(corpus, fc.array(instant, { minLength: 1, maxLength: 4 }), page, fc.integer({ min: 1, max: 4 }), async (generated, instants, window, slice) => {
      const histories = historiesOf(generated);
      // the answers are read from the projection a rebuild makes (histories in slices, read twice); projectPlace's rows are the same
      const projections = PLACES.map((code) => inPasses(code, histories, slice));
      for (const projection of projections) {
        const whole = projectPlace(projection.jurisdiction, histories);
        expect(byPiece(projection.spans)).toEqual(byPiece(whole.spans));
        expect(projection.segments).toEqual(whole.segments);
      }
      // the sweep's segments are aggregatesOf computed afresh at every key
      for (const projection of projections) expect(projection.segments).toEqual(segmentsFromSpans(projection.jurisdiction, projection.spans));
      const reader = memoryProjectionReader(projections);
      // segments projected before migration 0022 say no `s`: a state's total of statistics is then counted from the spans
      const withoutHeld = memoryProjectionReader(projections.map((projection) => ({
        ...projection, segments: projection.segments.map((segment) => ({ ...segment, body: segment.body.replace(/,"s":\d+\}$/, '}') })),
      })));
      for (const asOf of instants) {
        const query = asOfOnly(asOf);
        for (const code of PLACES) {
          for (const shown of [window, { offset: 0, limit: 100 }]) {
            const folded = jurisdictionStateAt(histories, code, query, jurisdictions, { page: shown });
            const projected = await jurisdictionStateFromProjection(reader, code, query, { page: shown, facts: true });
            expect(json(projected)).toBe(json(folded));
          }
          const lean = await jurisdictionStateFromProjection(reader, code, query, { page: window, facts: false });
          expect(json(lean)).toBe(json({ ...jurisdictionStateAt(histories, code, query, jurisdictions, { page: window }), facts: [] }));
          expect(json(await jurisdictionStateFromProjection(withoutHeld, code, query, { page: window, facts: false }))).toBe(json(lean));
          // read without the statistics' sources (a lean answer shows none): the same statistics, each with no source
          const unsourced = await jurisdictionStateFromProjection(reader, code, query, { page: window, facts: false, sources: false });
          expect(json(unsourced)).toBe(json({ ...lean, statistics: lean?.statistics.map((statistic) => ({ ...statistic, sources: [] })) }));
          expect(json(await bansFromProjection(reader, code, query, window))).toBe(json(bansInForce(histories, query, code, jurisdictions, window)));
        }
        expect(json(await bansFromProjection(reader, null, query, window))).toBe(json(bansInForce(histories, query, undefined, jurisdictions, window)));
        expect(json(await nationalStateFromProjection(reader, query))).toBe(json(nationalStateAt(histories, query)));
      }
    }), { numRuns: Number(process.env.PROJECTION_RUNS ?? 300) });
  });
});

/*
 * What the read model relies on while a live run's large place is computed (projection_dirty.stale_from):
 * the rows stored before a change are still the log's at every key before the first key the change
 * reaches (earliestKeyOf over the changed facts' versions, per place), so an answer about places none
 * of which the change reaches at the asked key reads them instead of folding.
 */
describe('rows projected before a change answer as the changed log does before the change\'s first key', () => {
  it('for a jurisdiction\'s state, its bans and the national state', async () => {
    let compared = 0;
    await fc.assert(fc.asyncProperty(corpus, fc.array(instant, { minLength: 1, maxLength: 4 }), page, async (generated, instants, window) => {
      // the change appended: the last correction, corroboration or retraction, else the last notice (a `legacy` op
      // is not an event: it says how a fact was recorded, in both logs alike; without a later change they are left out,
      // as one notice fewer would give their picks other facts)
      const last = generated.changes.findLastIndex((change) => change.op !== 'legacy');
      const after = last >= 0 ? generated : { ...generated, changes: [] };
      const before = last >= 0 ? { ...generated, changes: generated.changes.filter((_, index) => index !== last) } : { ...after, notices: generated.notices.slice(0, -1) };
      const [stored, now] = [historiesOf(before), historiesOf(after)];
      const storedText = new Map(stored.map((history) => [history.factId, json(history)]));
      // per place, the first key the changed facts reach there (those it does not reach: none)
      const staleFrom = new Map<string, HalfDay>();
      for (const history of now.filter((one) => storedText.get(one.factId) !== json(one))) {
        for (const version of history.versions) {
          const place = version.content.jurisdiction;
          staleFrom.set(place, Math.min(earliestKeyOf(history), staleFrom.get(place) ?? Infinity));
        }
      }
      const projected = PLACES.map((code) => projectPlace(code, stored));
      // what a live recompute from that key keeps (the read model's placeRowWrites): the rows ending before it are the changed log's
      for (const [index, code] of PLACES.entries()) {
        const after = projectPlace(code, now);
        const before = (rows: readonly { to: HalfDay }[]) => rows.filter((row) => row.to < (staleFrom.get(code) ?? Infinity));
        expect(byPiece(before(projected[index]!.spans) as FactSpanRow[])).toEqual(byPiece(before(after.spans) as FactSpanRow[]));
        expect(before(projected[index]!.segments)).toEqual(before(after.segments));
      }
      const reader = memoryProjectionReader(projected);
      const rightAt = (places: readonly string[], asOf: DateTime) => places.every((code) => halfDayOf(asOf, ZONE) < (staleFrom.get(code) ?? Infinity));
      for (const asOf of instants) {
        const query = asOfOnly(asOf);
        for (const code of PLACES) {
          const scope = jurisdictions.within(code);
          if (rightAt([...scope, ...jurisdictions.lineage(code).map((record) => record.code)], asOf)) {
            expect(json(await jurisdictionStateFromProjection(reader, code, query, { page: window, facts: true })))
              .toBe(json(jurisdictionStateAt(now, code, query, jurisdictions, { page: window })));
            compared += 1;
          }
          if (rightAt(scope, asOf)) expect(json(await bansFromProjection(reader, code, query, window))).toBe(json(bansInForce(now, query, code, jurisdictions, window)));
        }
        if (rightAt(PLACES, asOf)) {
          expect(json(await bansFromProjection(reader, null, query, window))).toBe(json(bansInForce(now, query, undefined, jurisdictions, window)));
          expect(json(await nationalStateFromProjection(reader, query))).toBe(json(nationalStateAt(now, query)));
        }
      }
    }), { numRuns: Number(process.env.PROJECTION_RUNS ?? 100) });
    // not vacuous: most answers are about days the change does not reach
    expect(compared).toBeGreaterThan(100);
  });
});
