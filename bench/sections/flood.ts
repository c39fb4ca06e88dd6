import type { CorpusDir } from '../support/corpus-dir.js';
import { load, type LoadResult } from '../support/load.js';
import { startService } from '../support/servers.js';
import { asOfQueries } from './as-of.js';

export interface FloodRun {
  /** READ_CONCURRENCY / READ_QUEUE of the service */
  readonly readConcurrency: number;
  readonly readQueue: number;
  /** ANSWER_WORKERS: threads computing answers (0: the API's own thread) */
  readonly answerWorkers: number;
  /** the flood: questions none of which the answer cache can answer */
  readonly flood: LoadResult;
  /** GET /health on one connection of its own during the flood */
  readonly health: LoadResult;
}

/**
 * /health while a flood of computed questions (every answer computed: ANSWER_CACHE_MB=0, a
 * province's state known in a far future) comes in on `connections` connections: as configured by
 * default (the read gate, answers computed in worker threads), with the answers computed in the API's
 * own thread (ANSWER_WORKERS=0), and with the gate opened wide as well (the service before issue 15).
 * The flood and /health each come from a worker thread of their own.
 */
export async function floodSection(corpus: CorpusDir, options: { seed: number; duration: number; connections: number }) {
  const paths = asOfQueries('jurisdictionState', 200, options.seed).map((query) => `${query.path}&knownAt=2100`);
  const connections = Math.max(16, options.connections);
  const run = async (readConcurrency: number, readQueue: number, answerWorkers: number | null): Promise<FloodRun> => {
    const service = await startService(corpus.dir, {
      ANSWER_CACHE_MB: '0', READ_CONCURRENCY: String(readConcurrency), READ_QUEUE: String(readQueue),
      ...(answerWorkers === null ? {} : { ANSWER_WORKERS: String(answerWorkers) }),
    });
    try {
      const [flood, health] = await Promise.all([
        load({ url: service.baseUrl, duration: options.duration, connections, requests: paths.map((path) => ({ method: 'GET', path })) }),
        load({ url: service.baseUrl, duration: options.duration, connections: 1, requests: [{ method: 'GET', path: '/health' }] }),
      ]);
      return { readConcurrency, readQueue, answerWorkers: service.answerWorkers, flood, health };
    } finally {
      await service.close();
    }
  };
  return {
    connections,
    gated: await run(2, 32, null),
    inThread: await run(2, 32, 0),
    open: await run(256, 100_000, 0),
  };
}
