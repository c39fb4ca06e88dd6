import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type RunningApp } from '../support/app-harness.js';
import { eventually, noticeIn, Receiver, sleep } from '../webhooks/receiver.js';

/**
 * What a subscriber starts by hand goes at once: a resume, a replay, a retry by hand. The sender
 * polls every minute here (WEBHOOK_POLL_MS=60000), so a delivery that waited for its poll would
 * come long after these tests' 10 s.
 */
describe.each([
  ['in the projector\'s thread', {}],
  ['on the API\'s thread (PROJECTOR_THREAD=false)', { PROJECTOR_THREAD: 'false' }],
])('webhooks started by hand go at once, not at the sender\'s next poll: the sender %s', (_where, env: Record<string, string>) => {
  let app: RunningApp;
  const receiver = new Receiver();
  const before = { ...process.env };
  beforeAll(async () => {
    Object.assign(process.env, { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_MS: '60000', WEBHOOK_RETRY_SCHEDULE: '0' });
    app = await startApp(env);
    await receiver.start();
  });
  afterAll(async () => {
    await app?.stop();
    await receiver.stop();
    for (const name of ['WEBHOOK_ALLOW_PRIVATE', 'WEBHOOK_POLL_MS', 'WEBHOOK_RETRY_SCHEDULE']) {
      if (before[name] === undefined) delete process.env[name];
      else process.env[name] = before[name];
    }
  });

  it('sends what queued while paused once resumed, a replay, and a retry by hand within seconds', async () => {
    const created = await app.request('POST', '/v1/subscriptions', { body: { url: receiver.url, eventTypes: ['NoticePublished.v1'] } });
    expect(created.status).toBe(201);
    receiver.secrets.push(created.body.secret);
    const id = created.body.id;
    expect((await app.request('PATCH', `/v1/subscriptions/${id}`, { body: { status: 'paused' } })).status).toBe(200);
    const recorded = await app.request('POST', '/v1/notices', { body: noticeIn('CN-SH', 'recorded while paused') });
    expect(recorded.status).toBe(201);
    await sleep(300);
    expect(receiver.deliveries).toHaveLength(0);

    expect((await app.request('PATCH', `/v1/subscriptions/${id}`, { body: { status: 'active' } })).status).toBe(200);
    await eventually('the delivery queued while paused', () => receiver.deliveries.length === 1, 10_000);

    const replay = await app.request('POST', `/v1/subscriptions/${id}/replay`, { body: { fromPosition: String(recorded.body.events[0].position) } });
    expect(replay).toMatchObject({ status: 202, body: { enqueued: 1 } });
    await eventually('the replayed delivery', () => receiver.deliveries.length === 2, 10_000);
    expect(receiver.deliveries[1]!.webhookId).toBe(receiver.deliveries[0]!.webhookId);

    let listed = await app.request('GET', `/v1/subscriptions/${id}/deliveries`);
    await eventually('the deliveries recorded', async () => {
      listed = await app.request('GET', `/v1/subscriptions/${id}/deliveries`);
      return listed.body.deliveries.length === 2 && listed.body.deliveries.every((d: any) => d.status === 'delivered');
    }, 10_000);
    const retried = await app.request('POST', `/v1/subscriptions/${id}/deliveries/${listed.body.deliveries[0].id}/retry`);
    expect(retried.status).toBe(202);
    await eventually('the delivery retried by hand', () => receiver.deliveries.length === 3, 10_000);
    for (const delivery of receiver.deliveries) expect(delivery.verifiedWith).toEqual([created.body.secret]);
  });
});
