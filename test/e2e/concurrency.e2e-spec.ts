import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleNotice, logLength, startApp, type RunningApp } from '../support/app-harness.js';

const correction = (factId: string, count: number) => ({
  factId,
  reason: 'the source says otherwise',
  corrected: { type: 'InstitutionsBanned', jurisdiction: 'CN-ZJ', effective: '2021-03', count, batch: { number: 1, of: 2 } },
});

describe('idempotency and optimistic concurrency', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.stop());

  it('50 concurrent POSTs with the same Idempotency-Key record one notice', async () => {
    const before = await logLength(app.store);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => app.request('POST', '/v1/notices', { body: exampleNotice(), headers: { 'idempotency-key': 'same-key-1' } })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(201));
    expect(new Set(responses.map((response) => response.body.noticeId)).size).toBe(1);
    expect(new Set(responses.map((response) => response.body.position)).size).toBe(1);
    expect(responses.filter((response) => response.body.replayed === false)).toHaveLength(1);
    expect(await logLength(app.store)).toBe(before + 2);
  });

  it('refuses an Idempotency-Key reused for a different request', async () => {
    await app.request('POST', '/v1/notices', { body: exampleNotice(), headers: { 'idempotency-key': 'key-2' } });
    const before = await logLength(app.store);
    const response = await app.request('POST', '/v1/notices', { body: exampleNotice({ title: 'Another' }), headers: { 'idempotency-key': 'key-2' } });
    expect(response.status).toBe(422);
    expect(response.body.type).toBe('/problems/idempotency-key-reused');
    expect(await logLength(app.store)).toBe(before);
  });

  // RFC 9110 13.1.1: "the origin server MUST NOT perform the requested method" when If-Match fails; 15.5.13: that answer is 412
  it('50 concurrent corrections with the same If-Match: one succeeds, the rest get 412 Precondition Failed', async () => {
    const created = await app.request('POST', '/v1/notices', { body: exampleNotice() });
    const { noticeId } = created.body;
    const etag = (await app.request('GET', `/v1/notices/${noticeId}`)).headers.get('etag') as string;
    const before = await logLength(app.store);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        app.request('POST', `/v1/notices/${noticeId}/corrections`, { body: correction(`${noticeId}:1`, 10 + index), headers: { 'if-match': etag } })),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(49);
    expect(responses.find((response) => response.status === 412)?.body).toMatchObject({ type: '/problems/precondition-failed', currentRevision: 2 });
    expect(await logLength(app.store)).toBe(before + 1);
  });

  it('a retried correction with the same Idempotency-Key returns the first result, even with a now-stale If-Match', async () => {
    const { noticeId } = (await app.request('POST', '/v1/notices', { body: exampleNotice() })).body;
    const headers = { 'idempotency-key': 'fix-1', 'if-match': '"1"' };
    const first = await app.request('POST', `/v1/notices/${noticeId}/corrections`, { body: correction(`${noticeId}:1`, 4), headers });
    const again = await app.request('POST', `/v1/notices/${noticeId}/corrections`, { body: correction(`${noticeId}:1`, 4), headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.events).toEqual(first.body.events);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('corrections and retractions', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.stop());

  it('keeps the original beside the correction, and refuses to change a retracted fact', async () => {
    const { noticeId } = (await app.request('POST', '/v1/notices', { body: exampleNotice() })).body;
    const factId = `${noticeId}:1`;
    const corrected = await app.request('POST', `/v1/notices/${noticeId}/corrections`, { body: correction(factId, 4) });
    expect(corrected.status).toBe(201);
    expect(corrected.body.events[0]).toMatchObject({ type: 'FactCorrected.v1', data: { factId, reason: 'the source says otherwise', corrected: { count: 4 } } });

    const retracted = await app.request('POST', `/v1/notices/${noticeId}/retractions`, { body: { factId, reason: 'wrong province' } });
    expect(retracted.status).toBe(201);
    expect(retracted.body.revision).toBe(3);

    const again = await app.request('POST', `/v1/notices/${noticeId}/corrections`, { body: correction(factId, 5) });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('/problems/fact-retracted');

    const view = await app.request('GET', `/v1/notices/${noticeId}`);
    expect(view.body.events.map((event: { type: string }) => event.type)).toEqual(
      ['NoticePublished.v1', 'InstitutionsBanned.v1', 'FactCorrected.v1', 'FactRetracted.v1']);
    expect(view.body.events[1].data.count).toBe(3);
    expect(view.body.facts[factId]).toMatchObject({ retracted: true, corrections: 1, current: { count: 4 } });
  });

  it('names the problem when the fact, the notice or the reason is wrong', async () => {
    const { noticeId } = (await app.request('POST', '/v1/notices', { body: exampleNotice() })).body;
    const unknownFact = await app.request('POST', `/v1/notices/${noticeId}/corrections`, { body: correction(`${noticeId}:9`, 1) });
    expect(unknownFact.status).toBe(422);
    expect(unknownFact.body.errors[0].field).toBe('factId');
    const unknownNotice = await app.request('POST', '/v1/notices/nope/retractions', { body: { factId: 'nope:1', reason: 'x' } });
    expect(unknownNotice.status).toBe(404);
    const noReason = await app.request('POST', `/v1/notices/${noticeId}/retractions`, { body: { factId: `${noticeId}:1` } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const badFact = await app.request('POST', `/v1/notices/${noticeId}/corrections`, { body: { ...correction(`${noticeId}:1`, 1), corrected: { type: 'InstitutionsBanned', jurisdiction: 'CN-ZJ', effective: '2021-02-30' } } });
    expect(badFact.status).toBe(400);
    expect(badFact.body.errors[0].field).toBe('corrected.effective');
    const badIfMatch = await app.request('POST', `/v1/notices/${noticeId}/retractions`, { body: { factId: `${noticeId}:1`, reason: 'x' }, headers: { 'if-match': 'yesterday' } });
    expect(badIfMatch.status).toBe(400);
    expect(badIfMatch.body.errors[0].field).toBe('If-Match');
    // RFC 9110 13.1.1: "If the field value is "*", the condition is false if the origin server has no current representation"
    const starOnNothing = await app.request('POST', '/v1/notices/nope/retractions', { body: { factId: 'nope:1', reason: 'x' }, headers: { 'if-match': '*' } });
    expect([starOnNothing.status, starOnNothing.body.type, starOnNothing.body.currentRevision]).toStrictEqual([412, '/problems/precondition-failed', -1]);
    const starOnSomething = await app.request('POST', `/v1/notices/${noticeId}/retractions`, { body: { factId: `${noticeId}:1`, reason: 'x' }, headers: { 'if-match': '*' } });
    expect(starOnSomething.status).toBe(201);
  });

  it('closing while the projector is committing a burst of appends finishes (the live projector lets go of handlers already gone)', async () => {
    const busy = await startApp();
    let stopped = false;
    try {
      await Promise.all(Array.from({ length: 40 }, () => busy.request('POST', '/v1/notices', { body: exampleNotice() })));
      const head = await busy.store.headPosition();
      // closed at once, with the read models still behind: it must not wait forever for handlers already gone
      await Promise.race([
        busy.stop().then(() => { stopped = true; }),
        new Promise((resolve) => setTimeout(resolve, 20_000)),
      ]);
      expect(stopped).toBe(true);
      expect(head?.commit).toBeGreaterThan(0n);
    } finally {
      if (!stopped) await busy.stop();
    }
  }, 60_000);
});
