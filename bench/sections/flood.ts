import type { CorpusDir } from '../support/corpus-dir.js';
import { load, type LoadResult } from '../support/load.js';
import { startService } from '../support/servers.js';
import { asOfQueries } from './as-of.js';

export interface FloodRun {
  /** READ_CONCURRENCY / READ_QUEUE of the service */
  readonly readConcurrency: number;
  readonly readQueue: number;
  /** the flood: questions none of which the answer cache can answer */
  readonly flood: LoadResult;
  /** GET /health on one connection of its own during the flood */
  readonly health: LoadResult;
}

/**
 * /health while a flood of computed questions (every answer computed: ANSWER_CACHE_MB=0, a
 * province's state known in a far future) comes in on `connections` connections: with the read
 * gate as configured by default, and with it opened wide (the service before issue 15 item 7).
 * The flood and /health each come from a worker thread of their own.
 */
export async function floodSection(corpus: CorpusDir, options: { seed: number; duration: number; connections: number }) {
  const paths = asOfQueries('jurisdictionState', 200, options.seed).map((query) => `${query.path}&knownAt=2100`);
  const connections = Math.max(16, options.connections);
  const run = async (readConcurrency: number, readQueue: number): Promise<FloodRun> => {
    const service = await startService(corpus.dir, {
      ANSWER_CACHE_MB: '0', READ_CONCURRENCY: String(readConcurrency), READ_QUEUE: String(readQueue),
    });
    try {
      const [flood, health] = await Promise.all([
        load({ url: service.baseUrl, duration: options.duration, connections, requests: paths.map((path) => ({ method: 'GET', path })) }),
        load({ url: service.baseUrl, duration: options.duration, connections: 1, requests: [{ method: 'GET', path: '/health' }] }),
      ]);
      return { readConcurrency, readQueue, flood, health };
    } finally {
      await service.close();
    }
  };
  return {
    connections,
    gated: await run(2, 32),
    open: await run(256, 100_000),
  };
}
