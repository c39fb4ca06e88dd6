import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type RunningApp } from '../support/app-harness.js';
import { Receiver, sleep } from '../webhooks/receiver.js';

/**
 * A subscriber checks an endpoint before facts arrive: POST /v1/subscriptions/{id}/test sends one
 * signed `webhook.test` delivery right away and answers with what the receiver said.
 */
describe('webhook test event (WEBHOOK_ALLOW_PRIVATE=true, a real local receiver)', () => {
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

  const subscribe = async () => {
    const created = await app.request('POST', '/v1/subscriptions', { body: { url: receiver.url, jurisdictions: ['CN-GD'] } });
    expect(created.status).toBe(201);
    receiver.secrets = [created.body.secret];
    return created.body;
  };

  it('sends a signed webhook.test delivery now, answers the receiver\'s status and latency, and queues nothing', async () => {
    const sub = await subscribe();
    const answer = await app.request('POST', `/v1/subscriptions/${sub.id}/test`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      webhookId: expect.stringMatching(/^msg_test_/), type: 'webhook.test', delivered: true, statusCode: 204, latencyMs: expect.any(Number), error: null,
    });
    // the receiver saw it before the answer came back, verified with the standardwebhooks package
    expect(receiver.deliveries).toHaveLength(1);
    const [seen] = receiver.deliveries;
    expect(seen!.webhookId).toBe(answer.body.webhookId);
    expect(seen!.verifiedWith).toEqual([sub.secret]);
    expect(seen!.payload).toEqual({ type: 'webhook.test', timestamp: expect.any(String), data: { subscriptionId: sub.id, test: true } });
    // not a delivery of the queue: nothing listed, nothing to retry
    expect((await app.request('GET', `/v1/subscriptions/${sub.id}/deliveries`)).body.deliveries).toEqual([]);
    await app.request('DELETE', `/v1/subscriptions/${sub.id}`);
  });

  it('reports a failing receiver in the answer and does not retry it; during a rotation both secrets sign', async () => {
    const sub = await subscribe();
    const rotated = await app.request('POST', `/v1/subscriptions/${sub.id}/rotate-secret`);
    receiver.secrets = [sub.secret, rotated.body.secret];
    receiver.deliveries.length = 0;
    receiver.respond = () => 503;
    try {
      const answer = await app.request('POST', `/v1/subscriptions/${sub.id}/test`);
      expect(answer).toMatchObject({ status: 200, body: { delivered: false, statusCode: 503, error: expect.stringMatching(/^HTTP 503/) } });
      expect(receiver.deliveries).toHaveLength(1);
      expect(receiver.deliveries[0]!.verifiedWith).toEqual([sub.secret, rotated.body.secret]);
      // the retry schedule here is 0 s then 0.2 s: a queued delivery would have been sent again by now
      await sleep(600);
      expect(receiver.deliveries).toHaveLength(1);
    } finally {
      receiver.respond = () => 204;
      await app.request('DELETE', `/v1/subscriptions/${sub.id}`);
    }
  });

  it('reports an endpoint that does not answer (no status) and is a 404 for a subscription that does not exist', async () => {
    const gone = await new Receiver().start();
    await gone.stop();
    const created = await app.request('POST', '/v1/subscriptions', { body: { url: gone.url } });
    const answer = await app.request('POST', `/v1/subscriptions/${created.body.id}/test`);
    expect(answer).toMatchObject({ status: 200, body: { delivered: false, statusCode: null, error: expect.stringMatching(/ECONNREFUSED|connect/i) } });
    expect((await app.request('POST', '/v1/subscriptions/nope/test')).status).toBe(404);
  });
});
