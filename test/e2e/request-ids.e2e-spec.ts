import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleNotice, startApp, type RunningApp } from '../support/app-harness.js';

/** Issue 18, operator basics: X-Request-Id accepted, returned on every answer and stored as the events' correlation id; RFC 6750 challenges. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('X-Request-Id', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ API_KEYS: 'editor:ed-secret:newsroom-editor' });
  });
  afterAll(() => app?.stop());

  it('returns the id a client sends, and stores it as the correlation id of the events its write recorded', async () => {
    const written = await app.request('POST', '/v1/notices', {
      body: exampleNotice(), headers: { authorization: 'Bearer ed-secret', 'x-request-id': 'trace-4bf92f3577b34da6.a3ce929d' },
    });
    expect(written.status).toBe(201);
    expect(written.headers.get('x-request-id')).toBe('trace-4bf92f3577b34da6.a3ce929d');
    expect(written.body.events[0].metadata.correlationId).toBe('trace-4bf92f3577b34da6.a3ce929d');
    const log = await app.request('GET', `/v1/events?after=${written.body.position - 1}&limit=1`);
    expect(log.body.events[0].metadata.correlationId).toBe('trace-4bf92f3577b34da6.a3ce929d');
  });

  it('makes one (a UUID) when the client sends none, different for each request, and stores that', async () => {
    const first = await app.request('POST', '/v1/notices', { body: exampleNotice(), headers: { authorization: 'Bearer ed-secret' } });
    const second = await app.request('GET', '/v1/events?limit=1');
    const id = first.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    expect(second.headers.get('x-request-id')).toMatch(UUID);
    expect(second.headers.get('x-request-id')).not.toBe(id);
    expect(first.body.events[0].metadata.correlationId).toBe(id);
  });

  it.each([
    ['too long', 'x'.repeat(129)],
    ['with a space', 'two words'],
    ['with a quote', 'a"b'],
    ['with a semicolon', 'a;b'],
    ['with a non-ASCII letter', 'caf\u00e9'],
    ['empty', ''],
  ])('replaces an id %s by a UUID of its own (never echoed nor stored)', async (_what, sent) => {
    const answer = await app.request('POST', '/v1/notices', { body: exampleNotice(), headers: { authorization: 'Bearer ed-secret', 'x-request-id': sent } });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('x-request-id')).toMatch(UUID);
    expect(answer.body.events[0].metadata.correlationId).toBe(answer.headers.get('x-request-id'));
  });

  it('is on problem+json answers too: a 400, a 404, a 415, a framework 400 (a URL that cannot be decoded) and a 401', async () => {
    const answers = await Promise.all([
      app.request('GET', '/v1/bans?asOf=not-a-date', { headers: { 'x-request-id': 'r-400' } }),
      app.request('GET', '/v1/nothing-here', { headers: { 'x-request-id': 'r-404' } }),
      app.request('POST', '/v1/notices', { rawBody: 'x', headers: { 'content-type': 'text/plain', 'x-request-id': 'r-415' } }),
      app.request('GET', '/v1/jurisdictions/%E0%A4%A', { headers: { 'x-request-id': 'r-bad-url' } }),
      app.request('POST', '/v1/notices', { body: exampleNotice(), headers: { 'x-request-id': 'r-401' } }),
    ]);
    expect(answers.map((answer) => [answer.status, answer.headers.get('content-type')?.split(';')[0], answer.headers.get('x-request-id')])).toStrictEqual([
      [400, 'application/problem+json', 'r-400'],
      [404, 'application/problem+json', 'r-404'],
      [415, 'application/problem+json', 'r-415'],
      [400, 'application/problem+json', 'r-bad-url'],
      [401, 'application/problem+json', 'r-401'],
    ]);
  });
});

describe('WWW-Authenticate (RFC 6750) on every 401', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ API_KEYS: 'editor:ed-secret,auditor:au-secret' });
  });
  afterAll(() => app?.stop());

  it('challenges a request without credentials with Bearer and no error code (RFC 6750 §3.1)', async () => {
    const answer = await app.request('POST', '/v1/notices', { body: exampleNotice() });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="regulatory-timeline"');
  });

  it('says invalid_token when a bearer key was presented and is not one', async () => {
    for (const [method, url] of [['POST', '/v1/notices'], ['GET', '/v1/audit/verify'], ['GET', '/v1/subscriptions']] as const) {
      const answer = await app.request(method, url, { body: method === 'POST' ? exampleNotice() : undefined, headers: { authorization: 'Bearer not-a-key' } });
      expect([url, answer.status]).toStrictEqual([url, 401]);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="regulatory-timeline", error="invalid_token"/);
    }
  });

  it('puts no challenge on a 403 (a valid key without the role) nor on a 200', async () => {
    const forbidden = await app.request('POST', '/v1/notices', { body: exampleNotice(), headers: { authorization: 'Bearer au-secret' } });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('www-authenticate')).toBeNull();
    expect((await app.request('GET', '/v1/events?limit=1')).headers.get('www-authenticate')).toBeNull();
  });
});
