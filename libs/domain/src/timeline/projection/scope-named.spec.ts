/*
 * The facts a scope's counts show, read merged per scope and count (scope-named.ts), on hand-made
 * rows read through the in-memory reader. Its contract: "each place names its first `m`" of the
 * merged candidates (the spans of the kind holding, within the place's days, but those it leaves
 * out), "the scope shows MAX_FIGURE_FACT_IDS", and a count is certain when every place's named
 * facts are (the segment's `c`), whether or not the facts shown are.
 */
import { describe, expect, it } from '@jest/globals';
import { MAX_FIGURE_FACT_IDS } from '../counts.js';
import { END_OF_TIME, START_OF_TIME, type FactSpanRow, type PlaceProjection } from './contract.js';
import { memoryProjectionReader } from './memory-reader.js';
import type { PlaceAggregates } from './place-aggregates.js';
import { namedInScopes } from './scope-named.js';

const AT = 40_000;
const window = (day: string) => ({ earliest: day, latest: day, precision: 'day', text: day });

/** a ban of `place` in force at AT, effective on `day`, its version recorded at `version` */
const ban = (place: string, id: string, day: string, version: number, possible = false): FactSpanRow => ({
  factId: id, jurisdiction: place, kind: 'InstitutionsBanned', from: START_OF_TIME, to: END_OF_TIME, effectiveLatest: day, effectiveEarliest: day,
  firstPosition: version, body: JSON.stringify({ c: { effective: window(day) }, v: version }), versionPosition: version, possible, seriesKey: null,
});

/** a place's one segment, its ban count naming `m` facts between `r`, leaving out `s` */
function placeOf(place: string, spans: FactSpanRow[], banned: Record<string, unknown>): PlaceProjection {
  const aggregates = { n: spans.length, b: spans.length, a: { banned: { v: spans.length, p: false, d: false, ...banned } }, x: null, ox: null, oo: null, l: {}, ann: [] };
  return { jurisdiction: place, spans, segments: [{ jurisdiction: place, from: START_OF_TIME, to: END_OF_TIME, body: JSON.stringify(aggregates) }] };
}

async function shown(projections: PlaceProjection[], scope: string[]) {
  const stored = new Map(projections.map((p) => [p.jurisdiction, JSON.parse(p.segments[0]!.body) as PlaceAggregates]));
  const [aggregates] = (await namedInScopes(memoryProjectionReader(projections), stored, [scope], AT)) ?? [];
  return scope.map((code) => aggregates!(code)?.a.banned);
}

describe('the named facts a scope\'s count shows', () => {
  it('a place names only its first m: a fact on its last named day that ranks after them is not shown', async () => {
    // Guangdong names g2 (the later version ranks first); g1, on the same day, ranks after it and is not named
    const gd = placeOf('CN-GD', [ban('CN-GD', 'g1', '2020-05-01', 10), ban('CN-GD', 'g2', '2020-05-01', 20)], { c: true, m: 1, r: ['2020-05-01', '2020-05-01'] });
    const [banned] = await shown([gd], ['CN-GD']);
    expect(banned?.f.map((part) => part[0])).toStrictEqual(['g2']);
    expect(banned?.e).toStrictEqual(window('2020-05-01'));
  });

  it('the ids a place leaves out are skipped, and the places\' named facts merge latest first', async () => {
    const gd = placeOf('CN-GD', [ban('CN-GD', 'g1', '2020-05-01', 10), ban('CN-GD', 'g2', '2020-06-01', 20)], { c: true, m: 1, s: ['g2'], r: ['2020-05-01', '2020-05-01'] });
    const gz = placeOf('CN-440100', [ban('CN-440100', 'z1', '2020-04-01', 5), ban('CN-440100', 'z2', '2020-05-15', 6)], { c: false, m: 2, r: ['2020-04-01', '2020-05-15'] });
    const [province, city] = await shown([gd, gz], ['CN-GD', 'CN-440100']);
    expect(province?.f.map((part) => part[0])).toStrictEqual(['g1']);
    expect(city?.f.map((part) => part[0])).toStrictEqual(['z2', 'z1']);
    // the scope's latest is Guangzhou's z2: its window is given with it, Guangdong's first is not asked
    expect(city?.e).toStrictEqual(window('2020-05-15'));
    expect(province?.e).toBeUndefined();
    expect([province?.c, city?.c]).toStrictEqual([true, false]);
  });

  it(`a scope shows its latest ${MAX_FIGURE_FACT_IDS} named facts, whichever places name them`, async () => {
    const days = Array.from({ length: 30 }, (_, i) => `2020-0${1 + (i % 9)}-${String(10 + i).padStart(2, '0')}`);
    const spans = days.map((day, i) => ban('CN-NX', `n${String(i).padStart(2, '0')}`, day, 100 + i));
    const sorted = [...spans].sort((a, b) => (a.effectiveLatest < b.effectiveLatest ? 1 : -1));
    const nx = placeOf('CN-NX', spans, { c: true, m: 30, r: [sorted.at(-1)!.effectiveLatest, sorted[0]!.effectiveLatest] });
    const [banned] = await shown([nx], ['CN-NX']);
    expect(banned?.f.map((part) => part[0])).toStrictEqual(sorted.slice(0, MAX_FIGURE_FACT_IDS).map((span) => span.factId));
  });

  it('places whose named facts all come before the scope\'s latest 20 show none; a fact on the cut-off day still ranks', async () => {
    // Anhui names 20 facts, 2020-03-01 to 2020-03-20: the province's count shows facts on or after 2020-03-01 only
    const ahSpans = Array.from({ length: 20 }, (_, i) => ban('CN-AH', `a${String(i + 1).padStart(2, '0')}`, `2020-03-${String(i + 1).padStart(2, '0')}`, 100 + i));
    const ah = placeOf('CN-AH', ahSpans, { c: true, m: 20, r: ['2020-03-01', '2020-03-20'] });
    // Hefei's fact of 2020-03-01, recorded later than Anhui's, ranks before it (the later version first): it is the 20th shown
    const hf = placeOf('CN-340100', [ban('CN-340100', 'h1', '2020-03-01', 500), ban('CN-340100', 'h0', '2020-02-01', 400)], { c: true, m: 2, r: ['2020-02-01', '2020-03-01'] });
    const wh = placeOf('CN-340200', [ban('CN-340200', 'w1', '2020-01-15', 300)], { c: true, m: 1, r: ['2020-01-15', '2020-01-15'] });
    const [province, hefei, wuhu] = await shown([ah, hf, wh], ['CN-AH', 'CN-340100', 'CN-340200']);
    expect(province?.f.map((part) => part[0])).toStrictEqual(ahSpans.slice(1).reverse().map((span) => span.factId));
    expect(hefei?.f.map((part) => part[0])).toStrictEqual(['h1']);
    expect(wuhu?.f).toStrictEqual([]);
  });

  it('a segment projected before its certainty (migration 0021) is not read: the answer folds', async () => {
    const gd = placeOf('CN-GD', [ban('CN-GD', 'g1', '2020-05-01', 10)], { m: 1, r: ['2020-05-01', '2020-05-01'] });
    const stored = new Map([['CN-GD', JSON.parse(gd.segments[0]!.body) as PlaceAggregates]]);
    expect(await namedInScopes(memoryProjectionReader([gd]), stored, [['CN-GD']], AT)).toBeNull();
  });
});
