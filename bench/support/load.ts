import autocannon, { type Options } from 'autocannon';

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly ok: number;
  readonly failed: number;
}

/**
 * HTTP load from a worker thread (the server keeps the main thread's event loop to itself).
 * Failed answers are counted and reported: a fast 4xx must never pass for throughput.
 */
export async function load(options: Options & { duration: number; connections: number }): Promise<LoadResult> {
  const result = await autocannon({ workers: 1, ...options });
  const ok = result['2xx'];
  return {
    requestsPerSecond: ok / Math.max(result.duration, 0.001),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}
