import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { clientTypesOf } from '../../apps/api/src/client-types/served-document.js';
import { timelineClient, type TimelineClient } from '../../libs/client/src/index.js';
import { exampleNotice, startApp, type RunningApp } from '../support/app-harness.js';

/** The typed client (libs/client: openapi-fetch over the generated types) against a real server: the contract exercised. */
describe('the typed client', () => {
  let app: RunningApp;
  let client: TimelineClient;
  beforeAll(async () => {
    app = await startApp({}, { seed: true });
    client = timelineClient(app.baseUrl);
  });
  afterAll(() => app.stop());

  it('has the types of the OpenAPI document the server serves (else: npm run client:generate)', async () => {
    const document = (await app.request('GET', '/docs/openapi.json')).body as Record<string, unknown>;
    const checkedIn = readFileSync(path.resolve(import.meta.dirname, '../../libs/client/src/openapi.ts'), 'utf8');
    const stale = checkedIn !== (await clientTypesOf(document));
    expect({ stale, fix: stale ? 'npm run client:generate' : null }).toEqual({ stale: false, fix: null });
  });

  it('asks the point-in-time routes with typed paths and query parameters', async () => {
    const bans = await client.GET('/v1/bans', { params: { query: { asOf: '2020-06-30', jurisdiction: 'CN-NX' } } });
    expect(bans.response.status).toBe(200);
    // document 000: "the autonomous region leading group for preventing and resolving financial risks
    // decided to ban 28 online lending institutions in three batches in the region."
    expect(JSON.stringify(bans.data)).toContain('28 online lending institutions banned');
    const state = await client.GET('/v1/jurisdictions/{code}/state', { params: { path: { code: 'CN-NX' }, query: { asOf: '2020-06-30' } } });
    expect(state.data).toMatchObject({ jurisdiction: { code: 'CN-NX', name: 'Ningxia' } });
    const diff = await client.GET('/v1/diff', { params: { query: { from: '2019-12', to: '2020-06', limit: 1 } } });
    expect(diff.response.headers.get('link')).toContain('rel="next"');
  });

  it('writes a notice, reads it back with its ETag, and gets the problem of a refused write as its error', async () => {
    const created = await client.POST('/v1/notices', { body: exampleNotice() as never, headers: { 'idempotency-key': 'client-e2e-1' } });
    expect(created.response.status).toBe(201);
    const noticeId = (created.data as unknown as { noticeId: string }).noticeId;
    const notice = await client.GET('/v1/notices/{noticeId}', { params: { path: { noticeId } } });
    expect(notice.response.headers.get('etag')).toBe('"1"');
    expect(notice.data).toMatchObject({ noticeId });

    const refused = await client.POST('/v1/notices', { body: exampleNotice({ jurisdiction: 'CN-ZZ' }) as never });
    expect(refused.data).toBeUndefined();
    expect(refused.response.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.error).toMatchObject({ status: 400, errors: expect.arrayContaining([expect.objectContaining({ field: 'jurisdiction' })]) });
  });

  it('pages the log', async () => {
    const first = await client.GET('/v1/events', { params: { query: { limit: '3' } } });
    expect((first.data as { events: unknown[] }).events).toHaveLength(3);
  });
});
