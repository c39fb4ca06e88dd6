import type { CorpusDir } from '../support/corpus-dir.js';
import { ratio } from '../support/measure.js';
import { asOfQueries, inProcessAsOf } from './as-of.js';

/** questions asked at each size, the same list at both sizes */
const QUESTIONS = 200;

/**
 * times each is asked, the list over in order: a p99 of 200 answers was their second slowest, and
 * moved with where a collection or a cache miss fell (the bans' ratio 1.35 and 1.93 in two runs
 * of the same code); of 1,000, the tenth slowest
 */
const ROUNDS = 5;

/**
 * As-of p99 in process (reader + fold: no HTTP noise) on two stores of different sizes: the same
 * QUESTIONS questions answered ROUNDS times each at both sizes. (Timed runs answered as many as fit in
 * the time, so the larger store's p99 came from its first few dozen questions and the smaller's
 * from more: different questions, and a p99 that was the maximum of a small sample.) Growing like
 * log n keeps the ratio near 1; like n, near the size ratio.
 */
export async function growthSection(small: CorpusDir, full: CorpusDir, options: { seed: number }) {
  const figures = {} as Record<'jurisdictionState' | 'bans', { questions: number; rounds: number; smallP99Ms: number; fullP99Ms: number; ratio: number }>;
  for (const kind of ['jurisdictionState', 'bans'] as const) {
    const queries = asOfQueries(kind, QUESTIONS, options.seed);
    const atSmall = await inProcessAsOf(small.readModelPath, queries, 0, queries.length * ROUNDS);
    const atFull = await inProcessAsOf(full.readModelPath, queries, 0, queries.length * ROUNDS);
    figures[kind] = { questions: queries.length, rounds: ROUNDS, smallP99Ms: atSmall.p99Ms, fullP99Ms: atFull.p99Ms, ratio: ratio(atFull.p99Ms, atSmall.p99Ms) };
  }
  return { smallEvents: small.report.events, fullEvents: full.report.events, sizeRatio: full.report.events / small.report.events, ...figures };
}
