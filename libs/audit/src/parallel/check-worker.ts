import { parentPort, workerData } from 'node:worker_threads';
import { openLogRangeReader, type LogRangeSource } from '../../../event-store/src/index.js';
import { AHEAD, checkRange, CLAIMS, type CheckerStart } from './range-checks.js';

/**
 * A checker thread: its own read-only reader of the log (the store's rangeReaderSource). It claims
 * the next unclaimed range, as the walking thread does, checks it and posts it, until none is
 * left; then says it is done. It waits while it is AHEAD ranges beyond the walk.
 */
const { source, claims: shared, ranges, rangeSize } = workerData as CheckerStart<LogRangeSource>;
const claims = new Int32Array(shared);
const reader = openLogRangeReader(source);
const stopped = () => Atomics.load(claims, CLAIMS.stop) === 1;
try {
  for (let index = Atomics.add(claims, CLAIMS.next, 1); index < ranges && !stopped(); index = Atomics.add(claims, CLAIMS.next, 1)) {
    for (let walked = Atomics.load(claims, CLAIMS.walked); index >= walked + AHEAD && !stopped(); walked = Atomics.load(claims, CLAIMS.walked)) {
      Atomics.wait(claims, CLAIMS.walked, walked, 100);
    }
    if (stopped()) break;
    try {
      const range = checkRange(reader, index, rangeSize);
      parentPort!.postMessage({ range }, [range.positions.buffer, range.revisions.buffer, range.matches.buffer]);
    } catch (error) {
      parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error), index });
    }
  }
  parentPort!.postMessage({ done: true });
} finally {
  reader.close();
}
