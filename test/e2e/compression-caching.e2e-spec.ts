import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleNotice, startApp, type RunningApp } from '../support/app-harness.js';

interface RawResult { status: number; headers: http.IncomingHttpHeaders; bytes: Buffer; chunks: number }

/** The bytes as sent (node:http decodes nothing, unlike fetch), and how many chunks they came in. */
function raw(app: RunningApp, path: string, headers: Record<string, string> = {}): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    http.get(app.baseUrl + path, { headers, agent: false }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (chunk: Buffer) => parts.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes: Buffer.concat(parts), chunks: parts.length }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

const decoded = (result: RawResult): string => {
  const coding = result.headers['content-encoding'];
  const bytes = coding === 'br' ? brotliDecompressSync(result.bytes) : coding === 'gzip' ? gunzipSync(result.bytes) : result.bytes;
  return bytes.toString('utf8');
};

/**
 * Issue 18 item 4 and issue 17 item 2: brotli/gzip for large answers (Accept-Encoding chooses),
 * ETag/304 and the answer cache through it, the NDJSON export still streamed; Cache-Control:
 * immutable for answers pinned to a log position, revalidated for the latest, no-store for writes
 * and problems.
 */
describe('compression and Cache-Control', () => {
  let app: RunningApp;
  let head: number;
  beforeAll(async () => {
    app = await startApp({}, { seed: true });
    const events = await app.request('GET', '/v1/events?limit=1000');
    head = events.body.events.at(-1).position;
  }, 120_000);
  afterAll(() => app?.stop());

  it('sends a large answer brotli- or gzip-compressed as asked, smaller, decoding to the same JSON', async () => {
    // document 000: "Up to now, 147 corporate online lending institutions have all closed down." (Hubei)
    const path = '/v1/jurisdictions/CN-HB/state?asOf=2020-06-30';
    const plain = await raw(app, path);
    const br = await raw(app, path, { 'accept-encoding': 'br' });
    const gzip = await raw(app, path, { 'accept-encoding': 'gzip' });
    const either = await raw(app, path, { 'accept-encoding': 'gzip, deflate, br' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes.length).toBeGreaterThan(1024);
    expect([br.headers['content-encoding'], gzip.headers['content-encoding'], either.headers['content-encoding']]).toStrictEqual(['br', 'gzip', 'br']);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.bytes.length).toBeLessThan(plain.bytes.length / 3);
    expect(gzip.bytes.length).toBeLessThan(plain.bytes.length / 3);
    for (const result of [br, gzip, either]) expect(JSON.parse(decoded(result))).toStrictEqual(JSON.parse(plain.bytes.toString('utf8')));
    expect(JSON.parse(decoded(br)).counts.closed.value).toBe(147);
    // the same entity tag, whatever the coding: the answer cache keeps the JSON, and If-None-Match gets a 304
    expect([br.headers.etag, gzip.headers.etag]).toStrictEqual([plain.headers.etag, plain.headers.etag]);
    const again = await raw(app, path, { 'accept-encoding': 'br', 'if-none-match': plain.headers.etag as string });
    expect([again.status, again.bytes.length]).toStrictEqual([304, 0]);
    const weak = await raw(app, path, { 'if-none-match': `"other", W/${plain.headers.etag as string}` });
    expect(weak.status).toBe(304);
  });

  it('leaves small responses and clients that accept no coding as they are', async () => {
    const small = await raw(app, '/v1/jurisdictions/640000', { 'accept-encoding': 'br, gzip' });
    expect(small.bytes.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    const identity = await raw(app, '/v1/state?asOf=2020-06-30', { 'accept-encoding': 'identity' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(identity.bytes.toString('utf8')).asOf).toBe('2020-06-30T23:59:59.999+08:00');
  });

  it('still streams the NDJSON export, compressed as it goes', async () => {
    const plain = await raw(app, '/v1/events.ndjson');
    const gzip = await raw(app, '/v1/events.ndjson', { 'accept-encoding': 'gzip' });
    expect(gzip.status).toBe(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    // streamed: chunked, no length known in advance
    expect([gzip.headers['transfer-encoding'], gzip.headers['content-length']]).toStrictEqual(['chunked', undefined]);
    expect(decoded(gzip)).toBe(plain.bytes.toString('utf8'));
    expect(decoded(gzip).trim().split('\n')).toHaveLength(head);
  });

  it('marks answers pinned to a log position immutable, the latest ones revalidated, writes and problems not stored', async () => {
    const cacheControl = async (path: string) => (await raw(app, path)).headers['cache-control'];
    expect(await cacheControl(`/v1/bans?asOf=2020-06&recordedAt=position:${head}`)).toBe('public, max-age=31536000, immutable');
    expect(await cacheControl(`/v1/jurisdictions/CN-NX/state?asOf=2020-06&recordedAt=position:${head - 5}`)).toBe('public, max-age=31536000, immutable');
    expect(await cacheControl(`/v1/jurisdictions/CN-NX/timeline?recordedAt=position:${head}`)).toBe('public, max-age=31536000, immutable');
    expect(await cacheControl(`/v1/diff?from=2020-01&to=2020-07&recordedAt=position:${head}`)).toBe('public, max-age=31536000, immutable');
    // not pinned: a position the log has not reached yet, an asOf of "now", or no recordedAt at all
    expect(await cacheControl(`/v1/bans?asOf=2020-06&recordedAt=position:${head + 100}`)).toBe('public, no-cache');
    expect(await cacheControl(`/v1/bans?recordedAt=position:${head}`)).toBe('public, no-cache');
    expect(await cacheControl('/v1/bans?asOf=2020-06')).toBe('public, no-cache');
    expect(await cacheControl('/v1/state')).toBe('public, no-cache');
    // a 304 says the same as the answer it stands for
    const pinned = await raw(app, `/v1/bans?asOf=2020-06&recordedAt=position:${head}`);
    const revalidated = await raw(app, `/v1/bans?asOf=2020-06&recordedAt=position:${head}`, { 'if-none-match': pinned.headers.etag as string });
    expect([revalidated.status, revalidated.headers['cache-control']]).toStrictEqual([304, 'public, max-age=31536000, immutable']);
    // problems and writes
    expect(await cacheControl('/v1/bans?asOf=2020-13')).toBe('no-store');
    expect(await cacheControl('/v1/notices/no-such-notice')).toBe('no-store');
    const written = await app.request('POST', '/v1/notices', { body: exampleNotice() });
    expect([written.status, written.headers.get('cache-control')]).toStrictEqual([201, 'no-store']);
    const refused = await app.request('POST', '/v1/notices', { body: { title: 1 } });
    expect([refused.status, refused.headers.get('cache-control')]).toStrictEqual([400, 'no-store']);
    // other reads are revalidated
    expect(await cacheControl('/v1/events?limit=5')).toBe('no-cache');
  });
});
