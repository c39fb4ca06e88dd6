import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createConfig, lintFromString } from '@redocly/openapi-core';
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

  it('documents every operation with a response schema from the types, and passes the Redocly linter', async () => {
    const spec = (await app.request('GET', '/docs/openapi.json')).body;
    const config = await createConfig({ extends: ['recommended'] } as never);
    const problems = await lintFromString({ source: JSON.stringify(spec), absoluteRef: 'openapi.json', config } as never);
    expect(problems.map((problem) => `${problem.ruleId}: ${problem.message}`)).toEqual([]);
    const gets = Object.entries(spec.paths as Record<string, Record<string, any>>)
      .flatMap(([path, item]) => (item.get ? [[path, item.get] as const] : []));
    expect(gets.length).toBeGreaterThanOrEqual(13);
    for (const [path, operation] of gets) {
      const success = operation.responses['200'];
      if (!success?.content?.['application/json']) {
        // streamed and text formats (NDJSON export, problem pages) are documented by their media types
        expect([path, Object.values(success?.content ?? {}).length]).toEqual([path, expect.any(Number)]);
        continue;
      }
      // every JSON answer is a schema generated from its TypeScript type (apps/api/src/openapi/contract-types.ts)
      expect([path, success.content['application/json'].schema.$ref]).toEqual([path, expect.stringMatching(/^#\/components\/schemas\//)]);
    }
    expect(spec.paths['/v1/bans'].get.parameters.map((parameter: { name: string }) => parameter.name))
      .toEqual(expect.arrayContaining(['asOf', 'knownAt', 'recordedAt', 'minPosition', 'jurisdiction']));
  });

  it('serves OpenAPI at /docs', async () => {
    const page = await app.request('GET', '/docs');
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('swagger');
    const spec = await app.request('GET', '/docs/openapi.json');
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/v1/notices', '/v1/events', '/v1/notices/{noticeId}/corrections']));
  });
});

describe('metrics', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.stop());

  it('exposes Prometheus metrics: projector lag, positions, query latency by route', async () => {
    const created = await app.request('POST', '/v1/notices', { body: exampleNotice() });
    await app.request('GET', `/v1/bans?asOf=2021-12-31&minPosition=${created.body.position}`);
    const response = await fetch(`${app.baseUrl}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(new RegExp(`^event_store_head_position ${created.body.position}$`, 'm'));
    expect(text).toMatch(new RegExp(`^projector_checkpoint_position ${created.body.position}$`, 'm'));
    expect(text).toMatch(/^projector_lag_positions 0$/m);
    expect(text).toMatch(/^projector_lag_seconds 0$/m);
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/v1\/bans",status="200"\} 1$/m);
    expect(text).toMatch(/^http_requests_total\{method="POST",route="\/v1\/notices",status="201"\} 1$/m);
  });
});
