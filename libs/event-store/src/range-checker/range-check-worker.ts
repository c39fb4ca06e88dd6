import { parentPort, workerData } from 'node:worker_threads';
import type { LogRangeSource } from '../event-store.js';
import { openLogRangeReader } from '../open-range-reader.js';
import { CHECKER_AHEAD, checkStoredRange, RANGE_CLAIMS, type RangeCheckerStart } from './range-checks.js';

/**
 * The audit's checker thread (RANGE_CHECKER_FILE): its own read-only reader of the log (the
 * store's rangeReaderSource). It claims the next unclaimed range, as the walking thread does,
 * checks it and posts it, until none is left; then says it is done.
 */
const { source, claims: shared, ranges, rangeSize } = workerData as RangeCheckerStart<LogRangeSource>;
const claims = new Int32Array(shared);
const reader = openLogRangeReader(source);
const stopped = () => Atomics.load(claims, RANGE_CLAIMS.stop) === 1;
const claim = () => Atomics.add(claims, RANGE_CLAIMS.next, 1);

/** Waits while range `index` is CHECKER_AHEAD or more beyond the walk; false once the walk stopped. */
function mayCheck(index: number): boolean {
  for (let walked = Atomics.load(claims, RANGE_CLAIMS.walked); index >= walked + CHECKER_AHEAD; walked = Atomics.load(claims, RANGE_CLAIMS.walked)) {
    if (stopped()) return false;
    Atomics.wait(claims, RANGE_CLAIMS.walked, walked, 100);
  }
  return !stopped();
}

try {
  for (let index = claim(); index < ranges && mayCheck(index); index = claim()) {
    try {
      const range = checkStoredRange(reader, index, rangeSize);
      parentPort!.postMessage({ range }, [range.positions.buffer, range.revisions.buffer, range.matches.buffer]);
    } catch (error) {
      parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error), index });
    }
  }
  parentPort!.postMessage({ done: true });
} finally {
  reader.close();
}
