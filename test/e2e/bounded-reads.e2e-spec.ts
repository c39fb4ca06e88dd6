import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeCorpus } from '../../bench/corpus/write-corpus.js';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { cursorOf } from '../../libs/domain/src/index.js';
import { API, start, type Running } from '../support/processes.js';


interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

/** The compiled server in its own process (a flood must not share the test's event loop), once it says it is ready. */
const startServer = (dataDir: string, env: Record<string, string>): Promise<Running> =>
  start(API, dataDir, { SEED_ON_START: 'false', LOG_FORMAT: 'json', ...env }, 120_000);

/**
 * A flood of GETs at once from another process (as many clients would send it: the test's own
 * event loop does not pace it), each answer's status, headers and problem fields.
 */
function floodFromAnotherProcess(baseUrl: string, paths: readonly string[]): Promise<Array<{
  status: number; retryAfter: string | null; contentType: string | null; etag: string | null; type?: string; detail?: string; problemStatus?: number;
}>> {
  const code = `
    const [baseUrl, paths] = JSON.parse(process.argv[1]);
    const answers = await Promise.all(paths.map(async (path) => {
      const response = await fetch(baseUrl + path);
      const body = await response.json().catch(() => null);
      return { status: response.status, retryAfter: response.headers.get('retry-after'), contentType: response.headers.get('content-type'),
        etag: response.headers.get('etag'), type: body?.type, detail: body?.detail, problemStatus: body?.status };
    }));
    process.stdout.write(JSON.stringify(answers));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code, JSON.stringify([baseUrl, paths])], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => child.on('exit', (status) => (status === 0 ? resolve(JSON.parse(output)) : reject(new Error(`flood exited with ${status}`)))));
}

/** The next page a `Link` header names (rel="next"), or null. */
const nextLink = (response: HttpResult): string | null => /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null;

/**
 * Issue 15 item 7, over real HTTP to the compiled server on a generated log of a few thousand
 * events: every list comes a page at a time (limit / after, totals, the body's next and Link rel="next"), and a flood
 * of computed questions waits its turn at the read gate or gets 503 with Retry-After, while
 * /health and answers already given are served.
 */
describe('bounded public reads on a generated log', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bounded-reads-'));
  let server: { child: ChildProcess; baseUrl: string };
  const app = {
    /** one connection per request (node:http, no agent): a flood is as many clients at once */
    request(method: string, url: string): Promise<HttpResult> {
      return new Promise((resolve, reject) => {
        const request = http.request(server.baseUrl + url, { method, agent: false }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const headers = new Headers();
            for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') headers.set(name, value);
            resolve({ status: response.statusCode ?? 0, headers, body: text ? JSON.parse(text) : null });
          });
          response.on('error', reject);
        });
        request.on('error', reject);
        request.end();
      });
    },
  };

  beforeAll(async () => {
    const store = await SqliteEventStore.open(path.join(dataDir, 'events.sqlite'));
    await writeCorpus(store, { events: 3000, seed: 15 });
    await store.close();
    // the embedded projector catches up before the server says it is ready
    server = await startServer(dataDir, { READ_CONCURRENCY: '1', READ_QUEUE: '3' });
  }, 180_000);
  afterAll(async () => {
    if (server) {
      await new Promise<void>((resolve) => {
        server.child.once('exit', () => resolve());
        server.child.kill('SIGTERM');
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives the national timeline a page at a time, with its total and a Link to the next page', async () => {
    const first = await app.request('GET', '/v1/jurisdictions/CN/timeline');
    expect(first.status).toBe(200);
    expect(first.body.jurisdiction.code).toBe('CN');
    expect(first.body.facts).toHaveLength(100);
    expect(first.body.total).toBeGreaterThan(1000);
    expect(first.body.next).toStrictEqual(expect.any(String));
    expect(nextLink(first)).toBe(`/v1/jurisdictions/CN/timeline?after=${first.body.next}`);

    const seen: Array<{ factId: string; effective: { latest: string } }> = [];
    let url: string | null = '/v1/jurisdictions/CN/timeline?limit=1000';
    let pages = 0;
    while (url) {
      const page: HttpResult = await app.request('GET', url);
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(first.body.total);
      expect(page.body.facts.length).toBeLessThanOrEqual(1000);
      seen.push(...page.body.facts);
      url = nextLink(page);
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(first.body.total / 1000));
    expect(seen).toHaveLength(first.body.total);
    expect(new Set(seen.map((fact) => fact.factId)).size).toBe(first.body.total);
    // the pages join in effective-date order, the first page of 100 is the start of the same list
    expect(seen.every((fact, i) => i === 0 || seen[i - 1]!.effective.latest <= fact.effective.latest)).toBe(true);
    expect(seen.slice(0, 100).map((fact) => fact.factId)).toStrictEqual(first.body.facts.map((fact: { factId: string }) => fact.factId));

    // the last page: no next, no Link
    const last = await app.request('GET', `/v1/jurisdictions/CN/timeline?limit=1000&after=${cursorOf('timeline', first.body.total - 1)}`);
    expect([last.body.facts.length, last.body.next, nextLink(last)]).toStrictEqual([1, null, null]);
  });

  it('pages a wide diff: started and ended together, with their totals and a Link', async () => {
    const first = await app.request('GET', '/v1/diff?from=2000&to=2030');
    expect(first.status).toBe(200);
    expect(first.body.startedTotal).toBeGreaterThan(1000);
    expect(first.body.started).toHaveLength(100);
    expect(typeof first.body.endedTotal).toBe('number');
    expect(first.body.ended.length).toBe(Math.min(100, first.body.endedTotal));
    expect(nextLink(first)).toBe(`/v1/diff?from=2000&to=2030&after=${first.body.next}`);

    const started = new Set<string>();
    let url: string | null = '/v1/diff?from=2000&to=2030&limit=1000';
    while (url) {
      const page: HttpResult = await app.request('GET', url);
      expect([page.status, page.body.startedTotal]).toStrictEqual([200, first.body.startedTotal]);
      for (const entry of page.body.started) started.add(`${entry.factId}|${entry.status}`);
      url = nextLink(page);
    }
    expect(started.size).toBe(first.body.startedTotal);
  });

  it('pages an institution\'s timeline and refuses a limit out of range with a 400 naming it', async () => {
    const found = await app.request('GET', '/v1/institutions?q=a&limit=100');
    expect(found.status).toBe(200);
    const id = (found.body.institutions as Array<{ id: string }>)[0]!.id;
    const whole = await app.request('GET', `/v1/institutions/${encodeURIComponent(id)}/timeline?limit=1000`);
    expect(whole.status).toBe(200);
    expect(whole.body.facts).toHaveLength(whole.body.total);
    const one = await app.request('GET', `/v1/institutions/${encodeURIComponent(id)}/timeline?limit=1`);
    expect([one.body.facts.length, one.body.total]).toStrictEqual([Math.min(1, whole.body.total), whole.body.total]);
    expect(nextLink(one) !== null).toBe(whole.body.total > 1);
    expect(one.body.next !== null).toBe(whole.body.total > 1);

    for (const [url, field] of [['/v1/jurisdictions/CN/timeline?limit=1001', 'limit'], ['/v1/diff?from=2000&to=2030&limit=0', 'limit'],
      [`/v1/institutions/${id}/timeline?offset=1`, 'offset'], [`/v1/institutions/${id}/timeline?after=garbled`, 'after'],
      [`/v1/diff?from=2000&to=2030&after=${cursorOf('timeline', 100)}`, 'after']] as const) {
      const refused = await app.request('GET', url);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect([url, refused.body.errors[0].field]).toStrictEqual([url, field]);
    }
  });

  it('keeps /health and answers already given served under a flood of computed questions; the overflow gets 503 with Retry-After, never 500', async () => {
    const cached = '/v1/bans?jurisdiction=CN-GD&asOf=2020-06-30';
    const given = await app.request('GET', cached);
    expect(given.status).toBe(200);

    // each question names another instant known in a far future: none can come from the answer cache
    const flood = floodFromAnotherProcess(server.baseUrl, Array.from({ length: 48 }, (_, i) =>
      `/v1/state?knownAt=2100&asOf=${2030 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`));
    await new Promise((resolve) => setTimeout(resolve, 300)); // the flood on its way
    const health: HttpResult[] = [];
    const again: HttpResult[] = [];
    for (let i = 0; i < 3; i++) {
      health.push(await app.request('GET', '/health'));
      again.push(await app.request('GET', cached));
    }
    const answers = await flood;

    expect(health.map((response) => response.status)).toStrictEqual([200, 200, 200]);
    expect(again.map((response) => [response.status, response.headers.get('etag')])).toStrictEqual(
      Array.from({ length: 3 }, () => [200, given.headers.get('etag')]));
    const statuses = answers.map((response) => response.status);
    expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
    // one computing, three waiting: the rest are refused at once unless a turn was freed by then
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(4);
    for (const refused of answers.filter((response) => response.status === 503)) {
      expect(refused.contentType).toMatch(/^application\/problem\+json/);
      expect(refused.retryAfter).toMatch(/^[1-9]\d*$/);
      expect(refused.etag).toBeNull();
      expect([refused.problemStatus, refused.type]).toStrictEqual([503, '/problems/read-capacity']);
      expect(refused.detail).toMatch(/retry in \d+ s/);
    }
    // once the flood has drained, the same question is answered
    const later = await app.request('GET', '/v1/state?knownAt=2100&asOf=2033-12');
    expect(later.status).toBe(200);
  }, 120_000);
});
