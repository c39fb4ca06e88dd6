import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { checkRange, rangeStatement, type RangeRequest } from './range-checks.js';

/** A checker thread: its own read-only connection to the log file; answers each range it is given, in order. */
const db = new Database((workerData as { path: string }).path, { readonly: true, fileMustExist: true });
const statement = rangeStatement(db);
parentPort!.on('message', (request: RangeRequest) => {
  try {
    const range = checkRange(statement, request);
    parentPort!.postMessage({ range }, [range.positions.buffer, range.revisions.buffer, range.matches.buffer]);
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error), index: request.index });
  }
});
