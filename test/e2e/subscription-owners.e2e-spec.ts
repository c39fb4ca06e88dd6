import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type RunningApp } from '../support/app-harness.js';
import { eventually, noticeIn, Receiver } from '../webhooks/receiver.js';

/**
 * Issue 15 item 4 and the subscriptions part of item 8: a subscription belongs to the key name
 * that created it (others get 404, as if it did not exist), auditors read every one, and
 * Idempotency-Key on POST /v1/subscriptions replays the first subscription.
 */
describe('subscriptions are owned by the key that created them', () => {
  let app: RunningApp;
  const aliceReceiver = new Receiver();
  const bobReceiver = new Receiver();
  const as = (key: string) => ({ authorization: `Bearer ${key}` });
  const alice = as('k1');
  const bob = as('k2');
  beforeAll(async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
    process.env.WEBHOOK_POLL_MS = '50';
    app = await startApp({ API_KEYS: 'subscriber:k1:alice,subscriber:k2:bob,auditor:k3:audit,editor:k4:newsroom' });
    await aliceReceiver.start();
    await bobReceiver.start();
  });
  afterAll(async () => {
    await app?.stop();
    await aliceReceiver.stop();
    await bobReceiver.stop();
  });

  const subscribe = async (headers: Record<string, string>, receiver: Receiver, extra: Record<string, unknown> = {}) => {
    const created = await app.request('POST', '/v1/subscriptions', { headers, body: { url: receiver.url, ...extra } });
    expect(created.status).toBe(201);
    receiver.secrets.push(created.body.secret);
    return created.body;
  };

  it('another subscriber key can neither see, change, rotate, replay nor delete it: 404, as for a missing one', async () => {
    const mine = await subscribe(alice, aliceReceiver, { description: 'alice' });
    const theirs = await subscribe(bob, bobReceiver, { description: 'bob' });

    const aliceList = await app.request('GET', '/v1/subscriptions', { headers: alice });
    expect(aliceList.body.subscriptions.map((s: any) => s.id)).toEqual([mine.id]);
    const bobList = await app.request('GET', '/v1/subscriptions', { headers: bob });
    expect(bobList.body.subscriptions.map((s: any) => s.id)).toEqual([theirs.id]);

    const missing = await app.request('GET', '/v1/subscriptions/00000000-0000-4000-8000-000000000000', { headers: bob });
    const attempts = [
      await app.request('GET', `/v1/subscriptions/${mine.id}`, { headers: bob }),
      await app.request('PATCH', `/v1/subscriptions/${mine.id}`, { headers: bob, body: { url: bobReceiver.url } }),
      await app.request('POST', `/v1/subscriptions/${mine.id}/rotate-secret`, { headers: bob }),
      await app.request('GET', `/v1/subscriptions/${mine.id}/deliveries`, { headers: bob }),
      await app.request('POST', `/v1/subscriptions/${mine.id}/replay`, { headers: bob, body: { fromPosition: '0' } }),
      await app.request('POST', `/v1/subscriptions/${mine.id}/deliveries/00000000-0000-4000-8000-000000000000/retry`, { headers: bob }),
      await app.request('DELETE', `/v1/subscriptions/${mine.id}`, { headers: bob }),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(404);
      expect(attempt.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(attempt.body)).not.toContain('alice');
    }
    expect(attempts[0]!.body.title).toBe(missing.body.title);

    // nothing changed: still alice's URL, the same secret signs, and it still delivers
    const still = await app.request('GET', `/v1/subscriptions/${mine.id}`, { headers: alice });
    expect(still.status).toBe(200);
    expect(still.body).toMatchObject({ url: aliceReceiver.url, owner: 'alice', previousSecretExpiresAt: null });
    const recorded = await app.request('POST', '/v1/notices', { headers: as('k4'), body: noticeIn('CN-ZJ', 'Zhejiang bans three') });
    expect(recorded.status).toBe(201);
    await eventually('alice hears both events', () => aliceReceiver.deliveries.length >= 2);
    expect(aliceReceiver.deliveries.every((d) => d.verifiedWith.length === 1)).toBe(true);

    // the owner manages it
    expect((await app.request('PATCH', `/v1/subscriptions/${mine.id}`, { headers: alice, body: { status: 'paused' } })).body.status).toBe('paused');
    expect((await app.request('POST', `/v1/subscriptions/${mine.id}/rotate-secret`, { headers: alice })).status).toBe(200);
    expect((await app.request('DELETE', `/v1/subscriptions/${theirs.id}`, { headers: alice })).status).toBe(404);
    expect((await app.request('DELETE', `/v1/subscriptions/${theirs.id}`, { headers: bob })).status).toBe(204);
  });

  it('an auditor lists and reads every subscription (never a secret) but changes none; others get 403', async () => {
    const audited = await app.request('GET', '/v1/subscriptions', { headers: as('k3') });
    expect(audited.status).toBe(200);
    expect(audited.body.subscriptions.length).toBeGreaterThan(0);
    expect(JSON.stringify(audited.body)).not.toContain('whsec_');
    const one = audited.body.subscriptions[0];
    expect((await app.request('GET', `/v1/subscriptions/${one.id}`, { headers: as('k3') })).body.owner).toBe(one.owner);
    expect((await app.request('GET', `/v1/subscriptions/${one.id}/deliveries`, { headers: as('k3') })).status).toBe(200);
    expect((await app.request('PATCH', `/v1/subscriptions/${one.id}`, { headers: as('k3'), body: { status: 'active' } })).status).toBe(403);
    expect((await app.request('DELETE', `/v1/subscriptions/${one.id}`, { headers: as('k3') })).status).toBe(403);
    expect((await app.request('POST', '/v1/subscriptions', { headers: as('k3'), body: { url: aliceReceiver.url } })).status).toBe(403);
    expect((await app.request('GET', '/v1/subscriptions', { headers: as('k4') })).status).toBe(403);
  });

  it('a subscription from before owners existed is no subscriber key\'s: only auditors see it', async () => {
    const legacy = await subscribe(alice, aliceReceiver, { description: 'from an earlier release' });
    const file = new Database(path.join(app.dataDir, 'read-model.sqlite'));
    try {
      file.prepare('UPDATE webhook_subscriptions SET owner = NULL WHERE id = ?').run(legacy.id);
    } finally {
      file.close();
    }
    for (const key of [alice, bob]) {
      expect((await app.request('GET', `/v1/subscriptions/${legacy.id}`, { headers: key })).status).toBe(404);
      expect((await app.request('DELETE', `/v1/subscriptions/${legacy.id}`, { headers: key })).status).toBe(404);
    }
    const audited = await app.request('GET', `/v1/subscriptions/${legacy.id}`, { headers: as('k3') });
    expect(audited.body).toMatchObject({ id: legacy.id, owner: null });
  });

  it('Idempotency-Key: the same key and body give the same subscription; another body is a 422; keys are per key name', async () => {
    const body = { url: aliceReceiver.url, jurisdictions: ['CN-GD'], description: 'idempotent' };
    const headers = { ...alice, 'idempotency-key': 'sub-gd-1' };
    const first = await app.request('POST', '/v1/subscriptions', { headers, body });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // the same body with its keys in another order is the same request
    const again = await app.request('POST', '/v1/subscriptions', { headers, body: { description: 'idempotent', jurisdictions: ['CN-GD'], url: aliceReceiver.url } });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);

    const other = await app.request('POST', '/v1/subscriptions', { headers, body: { ...body, jurisdictions: ['CN-ZJ'] } });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(other.body.type).toBe('/problems/idempotency-key-reused');

    // bob's key of the same text is his own
    const bobs = await app.request('POST', '/v1/subscriptions', { headers: { ...bob, 'idempotency-key': 'sub-gd-1' }, body: { ...body, url: bobReceiver.url } });
    expect(bobs.status).toBe(201);
    expect(bobs.headers.get('idempotent-replayed')).toBeNull();
    expect(bobs.body.id).not.toBe(first.body.id);

    // racing retries make one subscription
    const raced = await Promise.all([1, 2, 3, 4].map(() =>
      app.request('POST', '/v1/subscriptions', { headers: { ...alice, 'idempotency-key': 'sub-race' }, body: { url: aliceReceiver.url } })));
    expect(raced.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(raced.map((r) => r.body.id)).size).toBe(1);
    const list = await app.request('GET', '/v1/subscriptions', { headers: alice });
    expect(list.body.subscriptions.filter((s: any) => s.id === first.body.id || s.id === raced[0]!.body.id)).toHaveLength(2);

    const bad = await app.request('POST', '/v1/subscriptions', { headers: { ...alice, 'idempotency-key': 'bad key with spaces' }, body });
    expect(bad.status).toBe(400);
  });
});

describe('subscriptions without API keys (loopback holds every role)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
    app = await startApp();
  });
  afterAll(() => app?.stop());

  it('the local default owns what it creates and manages subscriptions from before owners existed', async () => {
    const created = await app.request('POST', '/v1/subscriptions', { body: { url: 'http://127.0.0.1:9/hook' } });
    expect(created.status).toBe(201);
    expect(created.body.owner).toBe('local');
    const file = new Database(path.join(app.dataDir, 'read-model.sqlite'));
    try {
      file.prepare('UPDATE webhook_subscriptions SET owner = NULL WHERE id = ?').run(created.body.id);
    } finally {
      file.close();
    }
    expect((await app.request('GET', '/v1/subscriptions')).body.subscriptions.map((s: any) => s.id)).toContain(created.body.id);
    expect((await app.request('DELETE', `/v1/subscriptions/${created.body.id}`)).status).toBe(204);
  });
});
