import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { API, start, stop, type Running } from '../support/processes.js';
import { startPostgres, type RunningPostgres } from '../support/postgres.js';
import { rateLimitFields } from '../support/rate-limit-fields.js';

/**
 * Issue 18, the rate limits on the multi-machine path: with PostgreSQL read models (DATABASE_URL)
 * the API processes count in one table (`api_rate_limits`), so a client spreading its requests
 * over two API processes gets the limit once, not once per process. Two compiled ROLE=api servers
 * (`npx tsc -b tsconfig.build.json`) on one embedded PostgreSQL.
 */
let postgres: RunningPostgres | undefined;
let databaseUrl = '';
const dataDir = mkdtempSync(path.join(tmpdir(), 'timeline-rate-limits-pg-'));
const running: Running[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  try {
    await admin.query('CREATE DATABASE rate_limits_e2e');
  } finally {
    await admin.end();
  }
  const url = new URL(postgres.url);
  url.pathname = '/rate_limits_e2e';
  databaseUrl = url.toString();
}, 60_000);

afterAll(async () => {
  await Promise.all(running.map((server) => stop(server.child, 'SIGKILL')));
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const READ = '/v1/jurisdictions';
const get = async (server: Running, headers: Record<string, string> = {}) => {
  const response = await fetch(server.baseUrl + READ, { headers, signal: AbortSignal.timeout(10_000) });
  await response.arrayBuffer();
  return response;
};

describe('two API processes on one PostgreSQL', () => {
  it('share one count per key and window: the quota holds across them, for a key and for an address', async () => {
    const env = {
      ROLE: 'api', SEED_ON_START: 'false', DATABASE_URL: databaseUrl,
      API_KEYS: 'auditor:au-secret:audit-office', KEYED_RATE_LIMIT: '6', ANONYMOUS_READ_RATE_LIMIT: '3', RATE_LIMIT_WINDOW_SECONDS: '600',
    };
    // one first, so that the schemas are created once (the second finds them)
    running.push(await start(API, dataDir, env));
    running.push(await start(API, dataDir, env));
    const [one, two] = running as [Running, Running];

    // the key's 6 requests alternate between the processes; the count goes down by one each time, whichever answers
    const keyed = { authorization: 'Bearer au-secret' };
    for (let i = 1; i <= 6; i++) {
      const answer = await get(i % 2 === 1 ? one : two, keyed);
      expect([i, answer.status, rateLimitFields(answer.headers)]).toStrictEqual([i, 200, { q: 6, w: 600, r: 6 - i, t: expect.any(Number) }]);
    }
    for (const server of [one, two]) {
      const refused = await get(server, keyed);
      expect([refused.status, rateLimitFields(refused.headers)?.r]).toStrictEqual([429, 0]);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(500);
    }

    // without a key: both processes see the client at 127.0.0.1, one address, one count of 3
    const statuses = [];
    for (const server of [one, two, one, two]) statuses.push((await get(server)).status);
    expect(statuses).toStrictEqual([200, 200, 200, 429]);

    // the counters are rows of the table, one per key, with the hits counted (refusals included)
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const rows = (await client.query('SELECT key, hits FROM api_rate_limits ORDER BY key')).rows;
      expect(rows).toStrictEqual([{ key: expect.stringMatching(/^ip:.*127\.0\.0\.1$/), hits: 4 }, { key: 'key:audit-office', hits: 8 }]);
    } finally {
      await client.end();
    }
  });
});
