import { parentPort, workerData } from 'node:worker_threads';
import { openLogRangeReader, type LogRangeSource } from '../../../event-store/src/index.js';
import { checkRange, type RangeRequest } from './range-checks.js';

/** A checker thread: its own read-only reader of the log (the store's rangeReaderSource); answers each range it is given, in order. */
const reader = openLogRangeReader((workerData as { source: LogRangeSource }).source);
parentPort!.on('message', (request: RangeRequest) => {
  try {
    const range = checkRange(reader, request);
    parentPort!.postMessage({ range }, [range.positions.buffer, range.revisions.buffer, range.matches.buffer]);
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error), index: request.index });
  }
});
