import type { CorpusDir } from '../support/corpus-dir.js';
import { ratio, type Latencies } from '../support/measure.js';
import { asOfQueries, inProcessAsOf } from './as-of.js';

/**
 * As-of p99 in process (reader + fold: no HTTP noise) on two stores of different sizes, the
 * same queries on both. Growing like log n keeps the ratio near 1; like n, near the size ratio.
 */
export async function growthSection(
  small: CorpusDir, full: CorpusDir, options: { seed: number; duration: number }, measuredAtFull?: Partial<Record<'jurisdictionState' | 'bans', Latencies>>,
) {
  const figures = {} as Record<'jurisdictionState' | 'bans', { smallP99Ms: number; fullP99Ms: number; ratio: number }>;
  for (const kind of ['jurisdictionState', 'bans'] as const) {
    const queries = asOfQueries(kind, 200, options.seed);
    const atSmall = await inProcessAsOf(small.readModelPath, queries, options.duration);
    // the as-of section ran the same queries on the full store: not measured twice
    const atFull = measuredAtFull?.[kind] ?? (await inProcessAsOf(full.readModelPath, queries, options.duration));
    figures[kind] = { smallP99Ms: atSmall.p99Ms, fullP99Ms: atFull.p99Ms, ratio: ratio(atFull.p99Ms, atSmall.p99Ms) };
  }
  return { smallEvents: small.report.events, fullEvents: full.report.events, sizeRatio: full.report.events / small.report.events, ...figures };
}
