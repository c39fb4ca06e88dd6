import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleNotice, logLength, startApp, type RunningApp } from '../support/app-harness.js';

/**
 * Issue 15 items 3, 5 and 8: input an attacker would send. Every answer is a 4xx problem+json
 * naming what is wrong, fast and small, and the log is unchanged.
 */
describe('hostile input gets a 4xx problem, never a 500, and writes nothing', () => {
  let app: RunningApp;
  let noticeId: string;
  beforeAll(async () => {
    app = await startApp({ MAX_BODY_BYTES: String(2 * 1024 * 1024) });
    const created = await app.request('POST', '/v1/notices', { body: exampleNotice() });
    expect(created.status).toBe(201);
    noticeId = created.body.noticeId;
  });
  afterAll(() => app.stop());

  const expectProblem = (response: { status: number; headers: Headers; body: any }, status: number, field?: string) => {
    expect({ status: response.status, body: response.body }).toMatchObject({ status, body: { status } });
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    if (field !== undefined) expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  };

  describe('fact ids named like the properties of every object (item 3)', () => {
    const NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__'];
    const corrected = exampleNotice().effects[0];
    const corroboration = {
      title: 'wire', authority: 'Example LFSA', published: '2021-03-05',
      source: { document: 'wire.txt', publisher: 'Example Wire', quote: 'three platforms were banned' },
    };
    it.each(NAMES)('%s is an unknown fact: 422 on retractions, corrections and corroborations', async (factId) => {
      const before = await logLength(app.store);
      const bodies: Array<[string, unknown]> = [
        ['retractions', { factId, reason: 'probing' }],
        ['corrections', { factId, reason: 'probing', corrected }],
        ['corroborations', { factId, ...corroboration }],
      ];
      for (const [path, body] of bodies) {
        const response = await app.request('POST', `/v1/notices/${noticeId}/${path}`, { body });
        expectProblem(response, 422, 'factId');
        expect(response.body.type).toBe('/problems/fact-not-found');
      }
      expect(await logLength(app.store)).toBe(before);
    });
  });

  describe('error amplification (item 5)', () => {
    it('345,000 empty effects (1 MB): a 400 at once, naming the bound, in a small answer', async () => {
      const before = await logLength(app.store);
      const rawBody = JSON.stringify(exampleNotice({ effects: Array.from({ length: 345_000 }, () => ({})) }));
      expect(rawBody.length).toBeGreaterThan(1_000_000);
      const started = Date.now();
      const response = await app.request('POST', '/v1/notices', { rawBody });
      const took = Date.now() - started;
      expectProblem(response, 400, 'effects');
      expect(JSON.stringify(response.body).length).toBeLessThan(16 * 1024);
      expect(took).toBeLessThan(2_000);
      expect(await logLength(app.store)).toBe(before);
    });

    it('500 wrong effects: the first 20 problems listed and the count of all', async () => {
      const response = await app.request('POST', '/v1/notices', { body: exampleNotice({ effects: Array.from({ length: 500 }, () => ({})) }) });
      expectProblem(response, 400, 'effects[0].type');
      expect(response.body.errors).toHaveLength(20);
      expect(response.body.detail).toContain('500 problems');
    });
  });

  describe('bodies, parameters and retries (item 8)', () => {
    const nested = (depth: number) => `{"reason":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const WRITES: Array<[string, () => string]> = [
      ['POST', () => '/v1/notices'],
      ['POST', () => `/v1/notices/${noticeId}/corrections`],
      ['POST', () => `/v1/notices/${noticeId}/corroborations`],
      ['POST', () => `/v1/notices/${noticeId}/retractions`],
      ['POST', () => '/v1/subscriptions'],
    ];
    it.each(WRITES)('10,000-level nested JSON to %s %s is a 400 naming the body', async (method, url) => {
      const before = await logLength(app.store);
      const response = await app.request(method, url(), { rawBody: nested(10_000) });
      expectProblem(response, 400, 'body');
      expect(await logLength(app.store)).toBe(before);
    });

    it('an ordinary depth is still read', async () => {
      const response = await app.request('POST', `/v1/notices/${noticeId}/retractions`, { rawBody: nested(5) });
      expectProblem(response, 400, 'reason');
    });

    it.each([
      ['/v1/state?asOf=2020&asOf=2021', 'asOf'],
      ['/v1/institutions?q=a&q=b', 'q'],
      ['/v1/events?limit=1&limit=2', 'limit'],
      ['/v1/bans?jurisdiction=CN-ZJ&jurisdiction=CN-HB', 'jurisdiction'],
      ['/v1/diff?from=2020&from=2019&to=2021', 'from'],
      ['/v1/jurisdictions/CN-ZJ/timeline?recordedAt=2024&recordedAt=2025', 'recordedAt'],
    ])('a repeated query parameter (%s) is a 400 naming it', async (url, field) => {
      expectProblem(await app.request('GET', url), 400, field);
    });

    it('invalid UTF-8 in a body is a 400, never stored as U+FFFD', async () => {
      const before = await logLength(app.store);
      const text = JSON.stringify(exampleNotice({ title: 'bad byte here: X' }));
      const bytes = Buffer.from(text, 'utf8');
      bytes[bytes.indexOf('X')] = 0xff;
      const response = await fetch(`${app.baseUrl}/v1/notices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(((await response.json()) as any).errors[0].field).toBe('body');
      expect(await logLength(app.store)).toBe(before);
    });

    it('a retry with its JSON members in another order replays the first result', async () => {
      const body = exampleNotice({ title: 'reordered' });
      const reordered = Object.fromEntries(Object.entries(body).reverse().map(([key, value]) =>
        [key, key === 'source' ? Object.fromEntries(Object.entries(value as object).reverse()) : value]));
      expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(body));
      const headers = { 'idempotency-key': 'reordered-retry' };
      const first = await app.request('POST', '/v1/notices', { body, headers });
      expect(first.status).toBe(201);
      const retry = await app.request('POST', '/v1/notices', { body: reordered, headers });
      expect(retry.status).toBe(201);
      expect(retry.body).toMatchObject({ noticeId: first.body.noticeId, replayed: true, position: first.body.position });
      const different = await app.request('POST', '/v1/notices', { body: { ...reordered, title: 'another' }, headers });
      expectProblem(different, 422);
    });
  });
});
