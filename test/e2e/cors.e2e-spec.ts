import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type RunningApp } from '../support/app-harness.js';

/** Issue 18, operator basics: CORS off by default; CORS_ORIGINS lets browsers on those origins call the API. */

const ORIGIN = 'https://newsroom.example.org';

const preflight = (app: RunningApp, origin: string) => fetch(`${app.baseUrl}/v1/notices`, {
  method: 'OPTIONS',
  headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
});

describe(`CORS_ORIGINS=${ORIGIN},http://localhost:5173`, () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ CORS_ORIGINS: `${ORIGIN},http://localhost:5173` });
  });
  afterAll(() => app?.stop());

  it('answers a preflight from a listed origin: the method, the headers a write needs, no cookies', async () => {
    const answer = await preflight(app, ORIGIN);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(answer.headers.get('access-control-allow-methods')).toContain('POST');
    expect(answer.headers.get('access-control-allow-headers')?.toLowerCase().split(/,\s*/)).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'idempotency-key', 'if-match', 'x-request-id']));
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    expect(answer.headers.get('vary')).toMatch(/origin/i);
  });

  it('lets a simple request from a listed origin read the answer and its headers (ETag, X-Request-Id, RateLimit...)', async () => {
    const answer = await fetch(`${app.baseUrl}/v1/events?limit=1`, { headers: { origin: 'http://localhost:5173' } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(answer.headers.get('access-control-expose-headers')?.split(/,\s*/)).toEqual(
      expect.arrayContaining(['ETag', 'Location', 'Read-Model-Position', 'X-Request-Id', 'Retry-After', 'RateLimit-Policy', 'RateLimit']));
  });

  it('gives another origin no CORS headers (the browser then refuses to show it the answer)', async () => {
    const simple = await fetch(`${app.baseUrl}/v1/events?limit=1`, { headers: { origin: 'https://elsewhere.example.com' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(app, 'https://elsewhere.example.com')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS_ORIGINS=*', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ CORS_ORIGINS: '*' });
  });
  afterAll(() => app?.stop());

  it('lets any origin read, without credentials', async () => {
    const answer = await fetch(`${app.baseUrl}/v1/events?limit=1`, { headers: { origin: 'https://anyone.example.net' } });
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect((await preflight(app, 'https://anyone.example.net')).status).toBe(204);
  });
});

describe('CORS_ORIGINS unset (the default)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app?.stop());

  it('adds no CORS header, and a preflight finds no route (a problem+json 404)', async () => {
    const simple = await fetch(`${app.baseUrl}/v1/events?limit=1`, { headers: { origin: ORIGIN } });
    expect(simple.status).toBe(200);
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await preflight(app, ORIGIN);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
