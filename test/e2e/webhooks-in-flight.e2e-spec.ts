import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type RunningApp } from '../support/app-harness.js';
import { eventually, noticeIn, Receiver, sleep } from '../webhooks/receiver.js';

/** A subscription that allows several deliveries in flight: everything arrives, in no promised order. */
describe('webhook subscriptions with maxInFlight (local receivers)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
    process.env.WEBHOOK_RETRY_SCHEDULE = '0,0.2,0.2,0.2';
    process.env.WEBHOOK_POLL_MS = '50';
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const subscribe = async (receiver: Receiver, body: Record<string, unknown>) => {
    const created = await app.request('POST', '/v1/subscriptions', { body: { url: receiver.url, eventTypes: ['NoticePublished'], ...body } });
    expect(created.status).toBe(201);
    receiver.secrets.push(created.body.secret);
    return created.body;
  };
  const record = async (count: number, title: string) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const recorded = await app.request('POST', '/v1/notices', { body: noticeIn('CN-ZJ', `${title} ${i}`) });
      expect(recorded.status).toBe(201);
      ids.push(`msg_${recorded.body.events[0].eventId}`);
    }
    return ids;
  };

  it('delivers every event once per webhook-id, signed, to a healthy receiver; log order stays the default', async () => {
    const receiver = await new Receiver().start();
    // slow answers, so that several deliveries are in flight at once
    receiver.respond = () => ({ status: 204, delayMs: 30 });
    try {
      const sub = await subscribe(receiver, { maxInFlight: 8 });
      expect(sub.maxInFlight).toBe(8);
      const ids = await record(40, 'unordered');
      await eventually('40 deliveries', () => receiver.accepted().length >= 40);
      await sleep(300);
      expect(receiver.deliveries.map((d) => d.webhookId).sort()).toEqual([...ids].sort());
      expect(receiver.deliveries.every((d) => d.verifiedWith.length === 1)).toBe(true);
      const log = await app.request('GET', `/v1/subscriptions/${sub.id}/deliveries?limit=50`);
      expect(log.body.deliveries.map((d: any) => d.status)).toEqual(Array(40).fill('delivered'));

      const second = await new Receiver().start();
      try {
        const ordered = await subscribe(second, {});
        expect(ordered.maxInFlight).toBe(1);
        await app.request('DELETE', `/v1/subscriptions/${ordered.id}`);
      } finally {
        await second.stop();
      }
    } finally {
      await receiver.stop();
    }
  });

  it('retries a failed delivery with the same webhook-id while the others go ahead', async () => {
    const receiver = await new Receiver().start();
    const failOnce = new Set<string>();
    let first: string | null = null;
    receiver.respond = (_n, { webhookId }) => {
      first ??= webhookId;
      if (webhookId === first && !failOnce.has(webhookId)) {
        failOnce.add(webhookId);
        return 500;
      }
      return 204;
    };
    try {
      const sub = await subscribe(receiver, { maxInFlight: 4 });
      const ids = await record(12, 'retried');
      await eventually('12 accepted deliveries', () => receiver.accepted().length >= 12);
      await sleep(300);
      expect(receiver.accepted().map((d) => d.webhookId).sort()).toEqual([...ids].sort());
      const failed = receiver.deliveries.filter((d) => d.status === 500);
      expect(failed).toHaveLength(1);
      expect(receiver.accepted().filter((d) => d.webhookId === failed[0]!.webhookId)).toHaveLength(1);
      const log = await app.request('GET', `/v1/subscriptions/${sub.id}/deliveries?limit=50`);
      const retried = log.body.deliveries.find((d: any) => d.webhookId === failed[0]!.webhookId);
      expect(retried).toMatchObject({ status: 'delivered', attemptCount: 2 });
      expect(retried.attempts.map((a: any) => a.statusCode)).toEqual([500, 204]);
    } finally {
      await receiver.stop();
    }
  });

  it('changes maxInFlight with PATCH, and names the field when it is out of range', async () => {
    const receiver = await new Receiver().start();
    try {
      const sub = await subscribe(receiver, {});
      const patched = await app.request('PATCH', `/v1/subscriptions/${sub.id}`, { body: { maxInFlight: 16 } });
      expect(patched).toMatchObject({ status: 200, body: { maxInFlight: 16 } });
      for (const [method, url, value] of [
        ['POST', '/v1/subscriptions', 0], ['POST', '/v1/subscriptions', 33], ['POST', '/v1/subscriptions', 1.5],
        ['PATCH', `/v1/subscriptions/${sub.id}`, 'many'],
      ] as const) {
        const response = await app.request(method, url, { body: { url: receiver.url, maxInFlight: value } });
        expect(response.status).toBe(400);
        expect(response.body.errors.length).toBeGreaterThan(0);
        expect(response.body.errors.every((error: { field: string }) => error.field === 'maxInFlight')).toBe(true);
      }
    } finally {
      await receiver.stop();
    }
  });
});
