import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../libs/config/src/index.js';
import { startApp, type RunningApp } from '../support/app-harness.js';

/** Issue 15: ANONYMOUS_READ_RATE_LIMIT, requests per minute per client IP without a valid API key. */

const READ = '/v1/bans?jurisdiction=CN-ZJ';

describe('ANONYMOUS_READ_RATE_LIMIT=5', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ ANONYMOUS_READ_RATE_LIMIT: '5', API_KEYS: 'editor:ed-secret:newsroom-editor,auditor:au-secret' });
  });
  afterAll(() => app?.stop());

  it('answers the 6th anonymous read in a minute with a 429 problem+json, Retry-After and RateLimit-* headers', async () => {
    for (let i = 1; i <= 5; i++) {
      const allowed = await app.request('GET', READ);
      expect([i, allowed.status]).toStrictEqual([i, 200]);
      expect(allowed.headers.get('ratelimit-limit')).toBe('5');
      expect(allowed.headers.get('ratelimit-remaining')).toBe(String(5 - i));
    }
    const refused = await app.request('GET', READ);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: '/problems/rate-limited', title: 'Too Many Requests', status: 429 });
    expect(refused.body.detail).toMatch(/5 requests per minute/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('ratelimit-limit')).toBe('5');
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    // an invalid key is no key: still limited
    expect((await app.request('GET', READ, { headers: { authorization: 'Bearer not-a-key' } })).status).toBe(429);
  });

  it('does not limit a request with a valid API key (editor, auditor)', async () => {
    for (let i = 0; i < 8; i++) {
      const keyed = await app.request('GET', READ, { headers: { authorization: 'Bearer ed-secret' } });
      expect(keyed.status).toBe(200);
      expect(keyed.headers.get('ratelimit-limit')).toBeNull();
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
    expect(app.config.anonymousReadRateLimit).toBe(0);
    for (let i = 0; i < 30; i++) {
      const answer = await app.request('GET', READ);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('ratelimit-limit')).toBeNull();
    }
  });
});

describe('ANONYMOUS_READ_RATE_LIMIT must be a whole number', () => {
  it('refuses a bad value, naming the variable', () => {
    expect(() => loadConfig({ ANONYMOUS_READ_RATE_LIMIT: 'lots' })).toThrow(/ANONYMOUS_READ_RATE_LIMIT/);
    expect(() => loadConfig({ ANONYMOUS_READ_RATE_LIMIT: '-1' })).toThrow(/ANONYMOUS_READ_RATE_LIMIT/);
    expect(loadConfig({ ANONYMOUS_READ_RATE_LIMIT: '120' }).anonymousReadRateLimit).toBe(120);
  });
});
