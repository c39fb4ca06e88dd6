import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleNotice, logLength, startApp, type RunningApp } from '../support/app-harness.js';

describe('with API keys configured', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ API_KEYS: 'editor:ed-secret:newsroom-editor,auditor:au-secret' });
  });
  afterAll(() => app.stop());

  it('needs an editor key to write, and records the key name as the actor', async () => {
    const before = await logLength(app.store);
    const anonymous = await app.request('POST', '/v1/notices', { body: exampleNotice() });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    const wrongKey = await app.request('POST', '/v1/notices', { body: exampleNotice(), headers: { authorization: 'Bearer nope' } });
    expect(wrongKey.status).toBe(401);
    const auditor = await app.request('POST', '/v1/notices', { body: exampleNotice(), headers: { authorization: 'Bearer au-secret' } });
    expect(auditor.status).toBe(403);
    expect(await logLength(app.store)).toBe(before);

    const editor = await app.request('POST', '/v1/notices', { body: exampleNotice(), headers: { authorization: 'Bearer ed-secret' } });
    expect(editor.status).toBe(201);
    expect(editor.body.events[0].metadata.actor).toBe('newsroom-editor');
    expect(JSON.stringify(editor.body)).not.toContain('ed-secret');
  });

  it('keeps reads public', async () => {
    expect((await app.request('GET', '/v1/events?limit=1')).status).toBe(200);
  });
});

describe('health and OpenAPI', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.stop());

  it('reports liveness and readiness', async () => {
    const health = await app.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', live: true, ready: true, checks: { eventStore: 'up' } });
    expect((await app.request('GET', '/health/live')).body.live).toBe(true);
  });

  it('serves OpenAPI at /docs', async () => {
    const page = await app.request('GET', '/docs');
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('swagger');
    const spec = await app.request('GET', '/docs/openapi.json');
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/v1/notices', '/v1/events', '/v1/notices/{noticeId}/corrections']));
  });
});
