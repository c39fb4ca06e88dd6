import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../apps/api/src/create-app.js';
import { READ_MODEL_DB } from '../../apps/api/src/store/store.tokens.js';
import { ROUTES } from '../../apps/api/src/openapi/routes.js';
import { ReadModelStore } from '../../libs/read-model/src/read-model-store.js';
import { exampleNotice, startApp, type RunningApp } from '../support/app-harness.js';

/**
 * Issue 18 item 1: the answer schemas are "used for validation, OpenAPI 3.1 and serialization".
 * Fastify writes each JSON answer from the schema routes.ts names for it (fast-json-stringify), and
 * that serializer drops a property its schema lacks and coerces a value to the schema's type. So
 * the same questions go to two servers over the same log and read models: the service as it runs,
 * and the same build writing its answers with JSON.stringify. Every answer must read back the same:
 * nothing dropped, nothing coerced, on every JSON route (the writes through Idempotency-Key, whose
 * replay answers the first result again).
 */
interface Answer {
  readonly status: number;
  readonly type: string | null;
  readonly etag: string | null;
  readonly text: string;
}

describe('answers written from their schemas', () => {
  let app: RunningApp;
  let plain: NestFastifyApplication;
  let plainUrl: string;
  const asked = new Set<string>();
  let compared = 0;

  const fetchAnswer = async (base: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(base + url, {
      method, body: body === undefined ? undefined : JSON.stringify(body),
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    });
    return { status: response.status, type: response.headers.get('content-type'), etag: response.headers.get('etag'), text: await response.text() };
  };

  /** The same request to both servers (the schema's first): the same status, type, ETag and JSON value. */
  const same = async (method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<unknown> => {
    const replay = headers?.['idempotency-key'] !== undefined;
    const bySchema = await fetchAnswer(app.baseUrl, method, url, body, headers);
    const byStringify = await fetchAnswer(plainUrl, method, url, body, headers);
    expect({ url, status: bySchema.status, type: bySchema.type, etag: bySchema.etag })
      .toEqual({ url, status: byStringify.status, type: byStringify.type, etag: byStringify.etag });
    expect(bySchema.type).toMatch(/json/);
    // a write replayed by its Idempotency-Key says so (`replayed`), the rest is the first answer
    const value = (text: string) => (replay ? { ...JSON.parse(text), replayed: undefined } : JSON.parse(text));
    if (replay && 'replayed' in JSON.parse(bySchema.text)) expect(JSON.parse(byStringify.text).replayed).toBe(true);
    expect({ url, answer: value(bySchema.text) }).toStrictEqual({ url, answer: value(byStringify.text) });
    compared++;
    asked.add(`${method} ${new URL(url, 'http://x').pathname}`);
    return JSON.parse(bySchema.text);
  };

  beforeAll(async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
    app = await startApp({ WEBHOOK_ALLOW_PRIVATE: 'true' }, { seed: true });
    // the second server: no projector of its own (the first one's keeps the read models), answers by JSON.stringify
    const readModel = new ReadModelStore(app.nest.get(READ_MODEL_DB));
    plain = await createApp({ ...app.config, embeddedProjector: false }, app.store, readModel, { logger: ['error'], serializeBySchema: false });
    await plain.listen({ port: 0, host: '127.0.0.1' });
    const address = plain.getHttpServer().address();
    plainUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await plain?.close();
    await app?.stop();
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
  });

  it('answers the point-in-time reads the same, computed and from the answer cache', async () => {
    for (const url of [
      '/v1/state?asOf=2020-06', '/v1/state?asOf=2020-06&include=facts,sources', '/v1/state?asOf=2020-06&recordedAt=position:112',
      '/v1/jurisdictions/CN-HB/state?asOf=2020-06&include=facts,sources&limit=5', '/v1/jurisdictions/CN-GD/state?asOf=2021-01-01',
      // a province with an institution in it: each listed with its status (status, certainty, since)
      '/v1/jurisdictions/CN-ZJ/state?asOf=2020-07-01', '/v1/jurisdictions/CN-ZJ/state?asOf=2020-07-01&include=facts,sources',
      '/v1/bans?asOf=2020-06', '/v1/bans?asOf=2020-06&jurisdiction=CN-NX&limit=2', '/v1/diff?from=2020-01&to=2020-07&jurisdiction=CN-HB',
      '/v1/jurisdictions/CN-NX/timeline', '/v1/jurisdictions/CN/timeline?from=2019&to=2020&limit=50',
      '/v1/jurisdictions/CN-HB/series?from=2019-01&to=2020-12', '/v1/jurisdictions/CN-HB/series?from=2020-05&to=2020-06&step=week&measure=closed',
      '/v1/jurisdictions/CN/series?from=2019&to=2020&step=quarter&measure=statistic&metric=operating-institutions',
      '/v1/institutions?q=micro-loan%20network', '/v1/institutions/weidai/state?asOf=2020-07-01', '/v1/institutions/weidai/timeline',
    ]) {
      // twice: the second comes from the answer cache, whose bytes the serializer wrote the first time
      await same('GET', url);
      await same('GET', url);
    }
  });

  it('answers the reference data, the log, the documents, audit and health the same', async () => {
    for (const url of ['/v1/jurisdictions', '/v1/jurisdictions/CN-NX', '/v1/jurisdictions/%E6%B9%96%E5%8C%97', '/v1/event-types',
      '/v1/events?limit=50', '/v1/documents?limit=20', '/v1/audit/verify', '/v1/audit/digest', '/v1/audit/digest?position=3', '/health/live']) {
      await same('GET', url);
    }
    const events = await same('GET', '/v1/events?limit=3') as { next: string; events: Array<{ data: { noticeId?: string } }> };
    await same('GET', `/v1/events?after=${events.next}&limit=1000`);
    const noticeId = events.events.find((event) => event.data.noticeId)?.data.noticeId;
    await same('GET', `/v1/notices/${noticeId}`);
    const documents = await same('GET', '/v1/documents?limit=2') as { documents: Array<{ document: string }> };
    await same('GET', `/v1/documents/${encodeURIComponent(documents.documents[0]!.document)}`);
  });

  it('answers the writes the same (the second server replays the first answer by Idempotency-Key)', async () => {
    const key = (name: string) => ({ 'idempotency-key': `serialization-${name}` });
    const document = { document: 'serialization.txt', publisher: 'Example News', url: 'https://example.org/s', text: 'decided to ban 3 online lending institutions' };
    await same('POST', '/v1/documents', document, key('document'));
    const { noticeId } = await same('POST', '/v1/notices', exampleNotice(), key('notice')) as { noticeId: string };
    const factId = `${noticeId}:1`;
    const source = { document: 'wire.txt', publisher: 'Example Wire', kind: 'translation', citedOutlet: 'Example Daily', quote: 'three platforms were banned' };
    await same('POST', `/v1/notices/${noticeId}/corroborations`, { factId, title: 'Wire', authority: 'Example LFSA', published: '2021-03-05', effective: '2021-03', source }, key('corroboration'));
    const corrected = { type: 'InstitutionsBanned', jurisdiction: 'CN-ZJ', effective: '2021-03', count: 4 };
    await same('POST', `/v1/notices/${noticeId}/corrections`, { factId, reason: 'the notice says 4', corrected }, key('correction'));
    await same('GET', `/v1/notices/${noticeId}`);
    await same('POST', `/v1/notices/${noticeId}/retractions`, { factId, reason: 'wrong province' }, key('retraction'));
    await same('GET', `/v1/notices/${noticeId}`);
    const created = await same('POST', '/v1/subscriptions', { url: 'http://127.0.0.1:9/hook', description: 'serialization' }, key('subscription')) as { id: string };
    for (const url of ['/v1/subscriptions', `/v1/subscriptions/${created.id}`, `/v1/subscriptions/${created.id}/deliveries`]) await same('GET', url);
    // a change is made once (its updatedAt is its own): the first server's answer is what the second then reads
    const patched = await fetchAnswer(app.baseUrl, 'PATCH', `/v1/subscriptions/${created.id}`, { description: 'renamed' });
    expect(patched.status).toBe(200);
    expect(JSON.parse(patched.text)).toStrictEqual(JSON.parse((await fetchAnswer(plainUrl, 'GET', `/v1/subscriptions/${created.id}`)).text));
    asked.add(`PATCH /v1/subscriptions/${created.id}`);
    await same('GET', `/v1/subscriptions/${created.id}`);
  });

  it('answers problems the same', async () => {
    for (const url of ['/v1/state?asOf=2020-13', '/v1/state?asOf=2020&asOf=2021', '/v1/jurisdictions/Atlantis', '/v1/bans?limit=0',
      '/v1/institutions/no-such-institution/state', '/v1/notices/00000000-0000-4000-8000-000000000000', '/v1/events?after=x']) {
      await same('GET', url);
    }
    await same('POST', '/v1/notices', { ...exampleNotice(), title: 7 });
    await same('POST', '/v1/subscriptions', { url: 'not a url' });
  });

  it('has compared an answer of every JSON route of routes.ts but those whose answer cannot be asked twice', () => {
    // a secret rotated, a test delivery's latency, a retry or replay queued, a health check's timings: each call answers anew
    const once = ['POST /v1/subscriptions/{id}/rotate-secret',
      'POST /v1/subscriptions/{id}/test', 'POST /v1/subscriptions/{id}/deliveries/{deliveryId}/retry', 'POST /v1/subscriptions/{id}/replay', 'GET /health'];
    const pattern = (operation: string) => new RegExp(`^${operation.replace(/\{\w+\}/g, '[^/]+').replace(/\./g, '\\.')}$`);
    const missed = Object.entries(ROUTES).filter(([operation, route]) => route.schema && !once.includes(operation))
      .filter(([operation]) => ![...asked].some((call) => pattern(operation).test(call))).map(([operation]) => operation);
    expect(missed).toEqual([]);
    expect(compared).toBeGreaterThan(60);
  });
});
