import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleNotice, logLength, startApp, type RunningApp } from '../support/app-harness.js';

describe('POST /v1/notices (keyless loopback default)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.stop());

  it('records a notice and its facts atomically and returns their log position', async () => {
    const before = await logLength(app.store);
    const response = await app.request('POST', '/v1/notices', { body: exampleNotice() });

    expect(response.status).toBe(201);
    expect(response.body.noticeId).toEqual(expect.any(String));
    expect(response.body.events.map((event: { type: string }) => event.type)).toEqual(['NoticePublished.v1', 'InstitutionsBanned.v1']);
    expect(response.body.position).toBe(response.body.events[1].position);
    const banned = response.body.events[1];
    expect(banned.data).toMatchObject({
      kind: 'InstitutionsBanned', jurisdiction: 'CN-ZJ', count: 3, batch: { number: 1, of: 2 },
      effective: { text: '2021-03', precision: 'month', earliest: '2021-03-01', latest: '2021-03-31' },
      source: { document: 'example.txt', publisher: 'Example News', quote: 'decided to ban 3 online lending institutions' },
    });
    expect(banned.metadata).toMatchObject({ actor: 'local', recordedAt: expect.any(String) });
    expect(await logLength(app.store)).toBe(before + 2);
  });

  it('accepts jurisdictions by name or GB/T code and stores the code', async () => {
    const response = await app.request('POST', '/v1/notices', {
      body: exampleNotice({ jurisdiction: '宁夏', effects: [{ type: 'BusinessLineProhibited', jurisdiction: '640000', effective: '2019-01-01/2020-06-30', businessLine: 'online-lending' }] }),
    });
    expect(response.status).toBe(201);
    expect(response.body.events[0].data.jurisdiction).toBe('CN-NX');
    expect(response.body.events[1].data).toMatchObject({ jurisdiction: 'CN-NX', effective: { precision: 'between', earliest: '2019-01-01', latest: '2020-06-30' } });
  });

  it('refuses a date with no lower bound with a 422 naming the field, and records nothing (truth rule 1)', async () => {
    const before = await logLength(app.store);
    const response = await app.request('POST', '/v1/notices', {
      body: exampleNotice({ effects: [{ type: 'BusinessLineProhibited', jurisdiction: 'CN-ZJ', effective: '../2020-06-30', businessLine: 'online-lending' }] }),
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'effects[0].effective', pointer: '/effects/0/effective' })]);
    expect(response.body.detail).toContain('has no lower bound');
    expect(await logLength(app.store)).toBe(before);
  });

  it('pages through the log with after and limit; a Link header (rel="next") names the next page', async () => {
    const first = await app.request('GET', '/v1/events?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.events).toHaveLength(2);
    expect(first.headers.get('link')).toBe(`</v1/events?limit=2&after=${first.body.next}>; rel="next"`);
    const second = await app.request('GET', `/v1/events?after=${first.body.next}&limit=2`);
    expect(second.body.events[0].position).toBeGreaterThan(first.body.events[1].position);
    expect(second.body.events[0]).toEqual(expect.objectContaining({ stream: expect.stringMatching(/^notice-/), revision: expect.any(Number) }));
  });

  it('shows a notice with its revision as ETag', async () => {
    const created = await app.request('POST', '/v1/notices', { body: exampleNotice() });
    const notice = await app.request('GET', `/v1/notices/${created.body.noticeId}`);
    expect(notice.status).toBe(200);
    expect(notice.headers.get('etag')).toBe('"1"');
    expect(notice.body.facts[`${created.body.noticeId}:1`]).toMatchObject({ retracted: false, corrections: 0 });
    expect((await app.request('GET', '/v1/notices/does-not-exist')).status).toBe(404);
  });
});
