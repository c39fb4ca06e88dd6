import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../libs/config/src/index.js';
import { exampleNotice, startApp, type RunningApp } from '../support/app-harness.js';
import { rateLimitFields } from '../support/rate-limit-fields.js';

/**
 * Issue 15: ANONYMOUS_READ_RATE_LIMIT, requests per minute per client IP without a valid API key;
 * issue 18: KEYED_RATE_LIMIT per API key, and RATE_LIMIT_WINDOW_SECONDS, answered with the
 * RateLimit-Policy and RateLimit fields of draft-ietf-httpapi-ratelimit-headers-11.
 */

const READ = '/v1/bans?jurisdiction=CN-ZJ';

describe('ANONYMOUS_READ_RATE_LIMIT=5', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ ANONYMOUS_READ_RATE_LIMIT: '5', API_KEYS: 'editor:ed-secret:newsroom-editor,auditor:au-secret' });
  });
  afterAll(() => app?.stop());

  it('answers the 6th anonymous read in a minute with a 429 problem+json, Retry-After, RateLimit-Policy and RateLimit', async () => {
    for (let i = 1; i <= 5; i++) {
      const allowed = await app.request('GET', READ);
      expect([i, allowed.status]).toStrictEqual([i, 200]);
      expect(allowed.headers.get('ratelimit-policy')).toBe('"default";q=5;w=60');
      expect(rateLimitFields(allowed.headers)).toMatchObject({ q: 5, w: 60, r: 5 - i });
      expect(rateLimitFields(allowed.headers)!.t).toBeLessThanOrEqual(60);
      // the draft's fields replace the earlier drafts' three
      expect([allowed.headers.get('ratelimit-limit'), allowed.headers.get('ratelimit-remaining'), allowed.headers.get('ratelimit-reset')]).toEqual([null, null, null]);
    }
    const refused = await app.request('GET', READ);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: '/problems/rate-limited', title: 'Too Many Requests', status: 429 });
    expect(refused.body.detail).toMatch(/5 requests per minute/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // draft -11, 6: "the Retry-After field value SHOULD NOT reference a point in time earlier than the end of the effective window"
    const fields = rateLimitFields(refused.headers)!;
    expect([fields.q, fields.r]).toEqual([5, 0]);
    expect(fields.t).toBeGreaterThan(0);
    expect(retryAfter).toBeGreaterThanOrEqual(fields.t);
    // an invalid key is no key: still limited
    expect((await app.request('GET', READ, { headers: { authorization: 'Bearer not-a-key' } })).status).toBe(429);
  });

  it('does not limit a request with a valid API key (editor, auditor)', async () => {
    for (let i = 0; i < 8; i++) {
      const keyed = await app.request('GET', READ, { headers: { authorization: 'Bearer ed-secret' } });
      expect(keyed.status).toBe(200);
      expect(rateLimitFields(keyed.headers)).toBeNull();
    }
    expect((await app.request('GET', READ, { headers: { authorization: 'bearer au-secret' } })).status).toBe(200);
  });

  it('does not limit /health, /health/live nor /metrics', async () => {
    for (let i = 0; i < 8; i++) {
      expect((await app.request('GET', '/health')).status).toBe(200);
      expect((await app.request('GET', '/health/live')).status).toBe(200);
      expect((await app.request('GET', '/metrics')).status).toBe(200);
    }
  });
});

describe('ANONYMOUS_READ_RATE_LIMIT unset (the default)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app?.stop());

  it('never limits', async () => {
    expect(app.config.rateLimits).toStrictEqual({ anonymous: 0, keyed: 0, windowSeconds: 60 });
    for (let i = 0; i < 30; i++) {
      const answer = await app.request('GET', READ);
      expect(answer.status).toBe(200);
      expect(rateLimitFields(answer.headers)).toBeNull();
    }
  });
});

describe('ANONYMOUS_READ_RATE_LIMIT must be a whole number', () => {
  it('refuses a bad value, naming the variable', () => {
    expect(() => loadConfig({ ANONYMOUS_READ_RATE_LIMIT: 'lots' })).toThrow(/ANONYMOUS_READ_RATE_LIMIT/);
    expect(() => loadConfig({ ANONYMOUS_READ_RATE_LIMIT: '-1' })).toThrow(/ANONYMOUS_READ_RATE_LIMIT/);
    expect(loadConfig({ ANONYMOUS_READ_RATE_LIMIT: '120' }).rateLimits.anonymous).toBe(120);
  });
});

describe('KEYED_RATE_LIMIT=3 in a window of RATE_LIMIT_WINDOW_SECONDS=600, anonymous reads not limited', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ KEYED_RATE_LIMIT: '3', RATE_LIMIT_WINDOW_SECONDS: '600', API_KEYS: 'editor:ed-secret:newsroom,auditor:au-secret:audit-office' });
  });
  afterAll(() => app?.stop());

  it('counts each key apart: its 4th request is a 429 problem+json with Retry-After and RateLimit-*; the other key still has its 3', async () => {
    for (let i = 1; i <= 3; i++) {
      const allowed = await app.request('GET', READ, { headers: { authorization: 'Bearer ed-secret' } });
      expect([i, allowed.status, rateLimitFields(allowed.headers)]).toStrictEqual([i, 200, { q: 3, w: 600, r: 3 - i, t: expect.any(Number) }]);
      expect(rateLimitFields(allowed.headers)!.t).toBeLessThanOrEqual(600);
    }
    const refused = await app.request('GET', READ, { headers: { authorization: 'Bearer ed-secret' } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: '/problems/rate-limited', status: 429 });
    expect(refused.body.detail).toMatch(/more than 3 requests per 600 seconds with this API key/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(rateLimitFields(refused.headers)?.r).toBe(0);
    // writes count too, and the limit holds for them
    expect((await app.request('POST', '/v1/notices', { body: exampleNotice(), headers: { authorization: 'Bearer ed-secret' } })).status).toBe(429);
    const other = await app.request('GET', READ, { headers: { authorization: 'Bearer au-secret' } });
    expect([other.status, rateLimitFields(other.headers)?.r]).toStrictEqual([200, 2]);
  });

  it('leaves requests without a key unlimited (ANONYMOUS_READ_RATE_LIMIT unset)', async () => {
    for (let i = 0; i < 6; i++) {
      const answer = await app.request('GET', READ);
      expect(answer.status).toBe(200);
      expect(rateLimitFields(answer.headers)).toBeNull();
    }
  });
});

describe('both limits: ANONYMOUS_READ_RATE_LIMIT=2, KEYED_RATE_LIMIT=4', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ ANONYMOUS_READ_RATE_LIMIT: '2', KEYED_RATE_LIMIT: '4', API_KEYS: 'auditor:au-secret' });
  });
  afterAll(() => app?.stop());

  it('gives each its own limit; the anonymous refusal names what a key may make', async () => {
    expect(rateLimitFields((await app.request('GET', READ)).headers)).toMatchObject({ q: 2, r: 1 });
    await app.request('GET', READ);
    const refused = await app.request('GET', READ);
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toMatch(/more than 2 requests per minute from this address without an API key.*a valid bearer API key may make 4/);
    const keyed = await app.request('GET', READ, { headers: { authorization: 'Bearer au-secret' } });
    expect([keyed.status, rateLimitFields(keyed.headers)]).toStrictEqual([200, { q: 4, w: 60, r: 3, t: expect.any(Number) }]);
  });
});

describe('the rate limit variables are whole numbers', () => {
  it.each([
    [{ KEYED_RATE_LIMIT: 'many' }, 'KEYED_RATE_LIMIT must be an integer from 0 to 1000000; got "many"'],
    [{ RATE_LIMIT_WINDOW_SECONDS: '0' }, 'RATE_LIMIT_WINDOW_SECONDS must be an integer from 1 to 86400; got "0"'],
  ])('refuses %p naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
