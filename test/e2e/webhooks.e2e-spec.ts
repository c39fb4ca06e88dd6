import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type RunningApp } from '../support/app-harness.js';
import { eventually, noticeIn, Receiver, sleep } from '../webhooks/receiver.js';

/** Subscribers create subscriptions, get signed deliveries of what matches, and manage them. */
describe('webhook subscriptions (WEBHOOK_ALLOW_PRIVATE=true, local receivers)', () => {
  let app: RunningApp;
  const receiver = new Receiver();
  beforeAll(async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
    process.env.WEBHOOK_RETRY_SCHEDULE = '0,0.2,0.2,0.2';
    process.env.WEBHOOK_POLL_MS = '50';
    app = await startApp();
    await receiver.start();
  });
  afterAll(async () => {
    await app?.stop();
    await receiver.stop();
  });

  const subscribe = async (body: Record<string, unknown>, to = receiver) => {
    const created = await app.request('POST', '/v1/subscriptions', { body: { url: to.url, ...body } });
    expect(created.status).toBe(201);
    to.secrets.push(created.body.secret);
    return created.body;
  };

  it('delivers each recorded event, signed so that the standardwebhooks package verifies it', async () => {
    const sub = await subscribe({ description: 'everything' });
    expect(sub).toMatchObject({ url: receiver.url, eventTypes: [], jurisdictions: [], status: 'active', description: 'everything' });
    expect(sub.secret).toMatch(/^whsec_/);
    const recorded = await app.request('POST', '/v1/notices', { body: noticeIn('CN-ZJ', 'Zhejiang bans three') });
    expect(recorded.status).toBe(201);

    await eventually('both events delivered', () => receiver.deliveries.length >= 2);
    expect(receiver.deliveries.map((d) => d.payload.type)).toEqual(['NoticePublished.v1', 'InstitutionsBanned.v1']);
    for (const delivery of receiver.deliveries) expect(delivery.verifiedWith).toEqual([sub.secret]);
    const ban = receiver.deliveries[1]!;
    expect(ban.webhookId).toBe(`msg_${recorded.body.events[1].eventId}`);
    expect(ban.payload.data).toMatchObject({
      eventId: recorded.body.events[1].eventId,
      position: recorded.body.events[1].position,
      jurisdiction: 'CN-ZJ',
      effective: expect.objectContaining({ text: '2021-03' }),
      // truth rules 2 and 6: a ban is an action; the source says what it is
      nature: 'action',
      sources: [expect.objectContaining({ quote: 'decided to ban 3 online lending institutions', kind: 'primary', citedOutlet: null })],
    });

    // the attempt is recorded once the receiver's answer is back: a moment after the receiver saw it
    let log = await app.request('GET', `/v1/subscriptions/${sub.id}/deliveries`);
    await eventually('both attempts recorded', async () => {
      log = await app.request('GET', `/v1/subscriptions/${sub.id}/deliveries`);
      return log.body.deliveries.every((d: any) => d.status === 'delivered');
    });
    expect(log.status).toBe(200);
    expect(log.body.deliveries).toHaveLength(2);
    expect(log.body.deliveries[0]).toMatchObject({ status: 'delivered', attemptCount: 1, eventType: 'InstitutionsBanned.v1' });
    // the log position is a JSON number in the body and in the listing, as everywhere in the API
    expect(typeof ban.payload.data.position).toBe('number');
    expect(log.body.deliveries[0].position).toBe(ban.payload.data.position);
    expect(log.body.deliveries[0].attempts[0]).toMatchObject({ statusCode: 204, error: null, nextRetryAt: null });
    expect(typeof log.body.deliveries[0].attempts[0].latencyMs).toBe('number');
    expect(await app.request('DELETE', `/v1/subscriptions/${sub.id}`)).toMatchObject({ status: 204 });
    expect((await app.request('GET', `/v1/subscriptions/${sub.id}`)).status).toBe(404);
  });

  it('a subscription to one province gets only that province\'s and its cities\' events', async () => {
    const guangdong = await new Receiver().start();
    try {
      const sub = await subscribe({ jurisdictions: ['CN-GD'], eventTypes: ['InstitutionsBanned'] }, guangdong);
      expect(sub.jurisdictions).toEqual(['CN-GD']);
      await app.request('POST', '/v1/notices', { body: noticeIn('CN-ZJ', 'Zhejiang') });
      await app.request('POST', '/v1/notices', { body: noticeIn('CN-GD', 'Guangdong') });
      await app.request('POST', '/v1/notices', { body: noticeIn('CN-440100', 'Guangzhou') });
      await app.request('POST', '/v1/notices', { body: noticeIn('CN-NX', 'Ningxia') });
      await app.request('POST', '/v1/notices', { body: noticeIn('CN-GD', 'Guangdong again') });
      await eventually('three deliveries', () => guangdong.deliveries.length >= 3);
      await sleep(300);
      expect(guangdong.deliveries.map((d) => d.payload.data.jurisdiction)).toEqual(['CN-GD', 'CN-440100', 'CN-GD']);
      expect(guangdong.deliveries.every((d) => d.verifiedWith.length === 1)).toBe(true);
      await app.request('DELETE', `/v1/subscriptions/${sub.id}`);
    } finally {
      await guangdong.stop();
    }
  });

  it('pauses, resumes with the queued events, rotates its secret, and replays history', async () => {
    const own = await new Receiver().start();
    try {
      const sub = await subscribe({ eventTypes: ['NoticePublished.v1'] }, own);
      const paused = await app.request('PATCH', `/v1/subscriptions/${sub.id}`, { body: { status: 'paused' } });
      expect(paused).toMatchObject({ status: 200, body: { status: 'paused' } });
      const first = await app.request('POST', '/v1/notices', { body: noticeIn('CN-SH', 'while paused') });
      await sleep(400);
      expect(own.deliveries).toHaveLength(0);
      await app.request('PATCH', `/v1/subscriptions/${sub.id}`, { body: { status: 'active' } });
      await eventually('the queued delivery', () => own.deliveries.length === 1);

      const rotated = await app.request('POST', `/v1/subscriptions/${sub.id}/rotate-secret`);
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(sub.secret);
      own.secrets.push(rotated.body.secret);
      await app.request('POST', '/v1/notices', { body: noticeIn('CN-SH', 'after rotation') });
      await eventually('the delivery after rotation', () => own.deliveries.length === 2);
      expect(own.deliveries[1]!.verifiedWith).toEqual([sub.secret, rotated.body.secret]);

      const replay = await app.request('POST', `/v1/subscriptions/${sub.id}/replay`, { body: { fromPosition: String(first.body.events[0].position) } });
      expect(replay).toMatchObject({ status: 202, body: { enqueued: 2, truncated: false } });
      await eventually('the replayed deliveries', () => own.deliveries.length === 4);
      expect(own.deliveries.slice(2).map((d) => d.webhookId)).toEqual(own.deliveries.slice(0, 2).map((d) => d.webhookId));
      const since = await app.request('POST', `/v1/subscriptions/${sub.id}/replay`, { body: { since: '2000-01-01T00:00:00Z' } });
      expect(since.body.enqueued).toBeGreaterThanOrEqual(2);

      const listed = await app.request('GET', '/v1/subscriptions');
      const shown = listed.body.subscriptions.find((s: any) => s.id === sub.id);
      expect(shown).toMatchObject({ status: 'active', eventTypes: ['NoticePublished.v1'] });
      expect(shown.secret).toBeUndefined();
    } finally {
      await own.stop();
    }
  });

  it('names the offending field of a bad subscription request', async () => {
    const bad = async (body: unknown, field: string, method = 'POST', url = '/v1/subscriptions') => {
      const response = await app.request(method, url, { body });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toContain(field);
    };
    await bad({ url: receiver.url, eventTypes: ['Nonsense.v1'] }, 'eventTypes[0]');
    await bad({ url: receiver.url, jurisdictions: ['CN-GD', 'Atlantis'] }, 'jurisdictions[1]');
    await bad({}, 'url');
    await bad({ url: 'ftp://example.org/' }, 'url');
    const sub = await subscribe({});
    await bad({ status: 'deleted' }, 'status', 'PATCH', `/v1/subscriptions/${sub.id}`);
    await bad({}, 'fromPosition', 'POST', `/v1/subscriptions/${sub.id}/replay`);
    expect((await app.request('POST', `/v1/subscriptions/${sub.id}/deliveries/nope/retry`)).status).toBe(404);
    expect((await app.request('GET', '/v1/subscriptions/nope/deliveries')).status).toBe(404);
  });
});

describe('webhook endpoints without WEBHOOK_ALLOW_PRIVATE (SSRF)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it.each([
    'http://127.0.0.1/hook', 'http://169.254.169.254/latest/meta-data', 'http://10.0.0.1/hook', 'http://localhost/hook',
    'https://127.0.0.1/hook', 'https://169.254.169.254/latest/meta-data', 'https://10.0.0.1/hook', 'https://localhost/hook',
    'https://[::1]/hook',
  ])('refuses %s with a 400 naming url', async (url) => {
    const response = await app.request('POST', '/v1/subscriptions', { body: { url } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'url' })]);
  });
});
