import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type RunningApp } from '../support/app-harness.js';
import { eventually, noticeIn, Receiver, sleep } from '../webhooks/receiver.js';

/** Failing receivers: retries with the same webhook-id, nothing lost while down, 410 and manual retry. */
describe('webhook retries (fast schedule)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
    // 10 attempts over ~5 s: long enough to outlast the downtime below
    process.env.WEBHOOK_RETRY_SCHEDULE = '0,0.2,0.2,0.2,0.5,0.5,1,1,1,1';
    process.env.WEBHOOK_POLL_MS = '50';
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const subscribe = async (receiver: Receiver, body: Record<string, unknown> = {}) => {
    const created = await app.request('POST', '/v1/subscriptions', { body: { url: receiver.url, eventTypes: ['NoticePublished'], ...body } });
    expect(created.status).toBe(201);
    receiver.secrets.push(created.body.secret);
    return created.body;
  };

  it('a receiver failing its first 3 attempts gets the event on the 4th, with the same webhook-id', async () => {
    const receiver = await new Receiver().start();
    receiver.respond = (n) => (n <= 3 ? 500 : 200);
    try {
      const sub = await subscribe(receiver);
      const recorded = await app.request('POST', '/v1/notices', { body: noticeIn('CN-ZJ', 'retried') });
      await eventually('the 4th attempt', () => receiver.deliveries.length >= 4);
      await sleep(300);
      expect(receiver.deliveries.map((d) => d.status)).toEqual([500, 500, 500, 200]);
      expect(new Set(receiver.deliveries.map((d) => d.webhookId))).toEqual(new Set([`msg_${recorded.body.events[0].eventId}`]));
      expect(receiver.deliveries.every((d) => d.verifiedWith.length === 1)).toBe(true);
      const log = await app.request('GET', `/v1/subscriptions/${sub.id}/deliveries`);
      const [delivery] = log.body.deliveries;
      expect(delivery).toMatchObject({ status: 'delivered', attemptCount: 4 });
      expect(delivery.attempts.map((a: any) => a.statusCode)).toEqual([500, 500, 500, 200]);
      expect(delivery.attempts[0].nextRetryAt).not.toBeNull();
      expect(delivery.attempts[0].error).toContain('HTTP 500');
    } finally {
      await receiver.stop();
    }
  });

  it('honours Retry-After, and a 410 disables the subscription with the reason shown', async () => {
    const receiver = await new Receiver().start();
    receiver.respond = (n) => (n === 1 ? { status: 503, headers: { 'retry-after': '1' } } : 410);
    try {
      const sub = await subscribe(receiver);
      await app.request('POST', '/v1/notices', { body: noticeIn('CN-ZJ', 'gone') });
      await eventually('the second attempt', () => receiver.deliveries.length >= 2);
      expect(receiver.deliveries[1]!.at - receiver.deliveries[0]!.at).toBeGreaterThanOrEqual(950);
      await eventually('disabled', async () => (await app.request('GET', `/v1/subscriptions/${sub.id}`)).body.status === 'disabled');
      const shown = await app.request('GET', `/v1/subscriptions/${sub.id}`);
      expect(shown.body.disabledReason).toContain('410');
      await app.request('POST', '/v1/notices', { body: noticeIn('CN-ZJ', 'while disabled') });
      await sleep(300);
      expect(receiver.deliveries).toHaveLength(2);

      receiver.respond = () => 200;
      await app.request('PATCH', `/v1/subscriptions/${sub.id}`, { body: { status: 'active' } });
      await eventually('both sent after the resume', () => receiver.accepted().length === 2);
      expect((await app.request('GET', `/v1/subscriptions/${sub.id}`)).body).toMatchObject({ status: 'active', disabledReason: null });
    } finally {
      await receiver.stop();
    }
  });

  it('a delivery that spent its schedule is failed, the next goes ahead, and a manual retry sends it again', async () => {
    const receiver = await new Receiver().start();
    let failing = true;
    receiver.respond = (_n, { payload }) => (failing && payload.data.event.title === 'poison' ? 500 : 200);
    try {
      const sub = await subscribe(receiver);
      await app.request('POST', '/v1/notices', { body: noticeIn('CN-ZJ', 'poison') });
      await app.request('POST', '/v1/notices', { body: noticeIn('CN-ZJ', 'after the poison') });
      await eventually('the next one delivered', () => receiver.accepted().length === 1, 20_000);
      const log = await app.request('GET', `/v1/subscriptions/${sub.id}/deliveries?status=failed`);
      expect(log.body.deliveries).toHaveLength(1);
      expect(log.body.deliveries[0].attemptCount).toBe(10);
      failing = false;
      const retried = await app.request('POST', `/v1/subscriptions/${sub.id}/deliveries/${log.body.deliveries[0].id}/retry`);
      expect(retried.status).toBe(202);
      await eventually('the retried one delivered', () => receiver.accepted().length === 2);
      expect(receiver.accepted()[1]!.webhookId).toBe(receiver.deliveries[0]!.webhookId);
    } finally {
      await receiver.stop();
    }
  });

  // a schedule that outlasts the downtime however long recording 100 notices takes on a busy
  // machine (the projector's thread attempts each delivery on time, while they are recorded)
  describe('with a schedule of ~35 s', () => {
    beforeAll(async () => {
      await app.stop();
      process.env.WEBHOOK_RETRY_SCHEDULE = '0,0.5,0.5,1,1,2,2,4,8,16';
      app = await startApp();
    });

    it('a receiver down while 100 notices are recorded gets all 100, in log order, once it is up', async () => {
      const receiver = await new Receiver().start();
      const port = receiver.port;
      await receiver.stop();
      const sub = await subscribe(receiver);
      const ids: string[] = [];
      for (let i = 0; i < 100; i++) {
        const recorded = await app.request('POST', '/v1/notices', { body: noticeIn('CN-HB', `notice ${i}`) });
        expect(recorded.status).toBe(201);
        ids.push(`msg_${recorded.body.events[0].eventId}`);
      }
      const down = await app.request('GET', `/v1/subscriptions/${sub.id}/deliveries?limit=200`);
      expect(down.body.deliveries).toHaveLength(100);
      expect(down.body.deliveries.filter((d: any) => d.status === 'delivered')).toHaveLength(0);
      expect(down.body.deliveries.at(-1).attempts[0].error).toMatch(/ECONNREFUSED|connect/i);
      // the same list a page of 40 at a time: after = the previous page's next, named by a Link rel="next"
      const paged: string[] = [];
      let url: string | null = `/v1/subscriptions/${sub.id}/deliveries?limit=40`;
      while (url) {
        const page = await app.request('GET', url);
        paged.push(...page.body.deliveries.map((d: any) => d.id));
        const link = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1] ?? null;
        expect(link === null ? null : new URL(link, 'http://x').searchParams.get('after')).toBe(page.body.next);
        url = link;
      }
      expect(paged).toStrictEqual(down.body.deliveries.map((d: any) => d.id));
      const refused = await app.request('GET', `/v1/subscriptions/${sub.id}/deliveries?before=5`);
      expect([refused.status, refused.body.errors[0].field]).toStrictEqual([400, 'before']);

      await receiver.start(port);
      await eventually('all 100 delivered', () => new Set(receiver.accepted().map((d) => d.webhookId)).size === 100, 30_000);
      expect(receiver.accepted().map((d) => d.webhookId)).toEqual(ids);
      expect(receiver.deliveries.every((d) => d.verifiedWith.length === 1)).toBe(true);
      await receiver.stop();
    });
  });
});
