import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type RunningApp } from '../support/app-harness.js';

/**
 * A question that names its instant is answered once per read-model position: the same text again
 * (from the answer cache), 304 for a client that already has it, and a new answer once an event
 * that changes it is projected.
 */
describe('answers by read-model position (ETag, If-None-Match, the answer cache)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({}, { seed: false });
  });
  afterAll(() => app.stop());

  const ningxiaBans = '/v1/bans?jurisdiction=CN-NX&asOf=2020-06-30';
  const publish = (count: number) => app.request('POST', '/v1/notices', { body: {
    authority: 'Ningxia Local Financial Supervision Administration', jurisdiction: 'Ningxia', title: `Batch of ${count}`,
    published: '2019-10-18', source: { document: 'nx.html', publisher: 'Ningxia LFSA', quote: `取缔${count}家网贷机构` },
    effects: [{ type: 'InstitutionsBanned', jurisdiction: 'Ningxia', effective: '2019-10-18', count }],
  } });

  it('gives the same answer and ETag at the same position, 304 to If-None-Match, and a new answer once the log moves', async () => {
    const first = await publish(3);
    expect(first.status).toBe(201);
    const asked = await app.request('GET', `${ningxiaBans}&minPosition=${first.body.position}`);
    expect(asked.status).toBe(200);
    expect(asked.headers.get('content-type')).toMatch(/^application\/json/);
    const etag = asked.headers.get('etag');
    expect(etag).toMatch(/^"\d+-/);
    expect(asked.body.total).toBe(1);

    const again = await app.request('GET', ningxiaBans);
    expect([again.status, again.headers.get('etag'), again.body]).toStrictEqual([200, etag, asked.body]);
    const unchanged = await app.request('GET', ningxiaBans, { headers: { 'if-none-match': etag! } });
    expect([unchanged.status, unchanged.headers.get('etag'), unchanged.headers.get('read-model-position')])
      .toStrictEqual([304, etag, asked.headers.get('read-model-position')]);

    const second = await publish(5);
    const moved = await app.request('GET', `${ningxiaBans}&minPosition=${second.body.position}`, { headers: { 'if-none-match': etag! } });
    expect(moved.status).toBe(200);
    expect(moved.headers.get('etag')).not.toBe(etag);
    expect(moved.body.total).toBe(2);
  });

  it('never keeps an answer about "now" (no asOf), nor a refused question', async () => {
    const now = await app.request('GET', '/v1/bans?jurisdiction=CN-NX');
    expect(now.status).toBe(200);
    expect(now.headers.get('etag')).toBeNull();
    const refused = await app.request('GET', '/v1/bans?asOf=2020-13-45');
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await app.request('GET', '/v1/bans?asOf=2020-13-45')).status).toBe(400);
  });
});
