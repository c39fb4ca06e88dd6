import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleNotice, startApp, type RunningApp } from '../support/app-harness.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Record, correct, retract: each step's answer stays reproducible with recordedAt. */
describe('answers as they were recorded', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ READ_YOUR_WRITES_TIMEOUT_MS: '300' });
  });
  afterAll(() => app.stop());

  it('shows each step at a recordedAt before the next, and the correction beside the original', async () => {
    const zj = '/v1/jurisdictions/CN-ZJ/state?asOf=2021-12-31';
    const created = await app.request('POST', '/v1/notices', { body: exampleNotice() });
    const { noticeId, position } = created.body;
    const banned = async (query = '') =>
      (await app.request('GET', `${zj}${query}&minPosition=${position}`)).body.counts.banned?.value ?? null;
    expect(await banned()).toBe(3);
    await pause(5);
    const afterRecord = new Date().toISOString();
    await pause(5);

    const corrected = await app.request('POST', `/v1/notices/${noticeId}/corrections`, {
      body: { factId: `${noticeId}:1`, reason: 'the notice says five', corrected: { ...exampleNotice().effects[0], count: 5 } },
    });
    await app.request('GET', `${zj}&minPosition=${corrected.body.position}`);
    await pause(5);
    const afterCorrect = new Date().toISOString();
    await pause(5);

    const retracted = await app.request('POST', `/v1/notices/${noticeId}/retractions`, {
      body: { factId: `${noticeId}:1`, reason: 'not a ban after all' },
    });
    await app.request('GET', `${zj}&minPosition=${retracted.body.position}`);

    expect(await banned(`&recordedAt=${afterRecord}`)).toBe(3);
    expect(await banned(`&recordedAt=${afterCorrect}`)).toBe(5);
    expect(await banned()).toBe(null);
    // the same cuts by log position: what the service answered once the log held each write
    expect(await banned(`&recordedAt=position:${position}`)).toBe(3);
    expect(await banned(`&recordedAt=position:${corrected.body.position}`)).toBe(5);
    expect(await banned(`&recordedAt=position:${Number(position) - 1}`)).toBe(null);

    const timeline = (await app.request('GET', '/v1/jurisdictions/CN-ZJ/timeline')).body.facts;
    const entry = timeline.find((fact: { factId: string }) => fact.factId === `${noticeId}:1`);
    expect(entry).toMatchObject({ status: 'retracted', original: { summary: expect.stringContaining('3 ') } });
    expect(entry.changes.map((change: { kind: string; reason: string; actor: string }) => [change.kind, change.reason, change.actor])).toEqual([
      ['correction', 'the notice says five', 'local'],
      ['retraction', 'not a ban after all', 'local'],
    ]);
    expect(entry.original.actor).toBe('local');
    const asCorrected = (await app.request('GET', `/v1/jurisdictions/CN-ZJ/timeline?recordedAt=${afterCorrect}`)).body.facts
      .find((fact: { factId: string }) => fact.factId === `${noticeId}:1`);
    expect(asCorrected).toMatchObject({ status: 'corrected', summary: expect.stringContaining('5 ') });
  });

  it('read-your-writes: a query with the returned position sees the write', async () => {
    const created = await app.request('POST', '/v1/notices', {
      body: exampleNotice({ jurisdiction: 'CN-FJ', effects: [{ type: 'InstitutionsClosed', jurisdiction: 'CN-FJ', effective: '2021-02', count: 9 }] }),
    });
    const state = await app.request('GET', `/v1/jurisdictions/CN-FJ/state?asOf=2021-03&minPosition=${created.body.position}`);
    expect(state.body.counts.closed).toMatchObject({ value: 9 });
    expect(Number(state.headers.get('read-model-position'))).toBeGreaterThanOrEqual(created.body.position);
    const byHeader = await app.request('GET', '/v1/bans?asOf=2021-03&jurisdiction=CN-FJ', { headers: { 'min-position': String(created.body.position) } });
    expect(byHeader.body.bans.map((ban: { count: number }) => ban.count)).toEqual([9]);
  });

  it('answers 503 with problem+json when the projector cannot reach minPosition in time', async () => {
    const far = await app.request('GET', '/v1/state?minPosition=999999999');
    expect(far.status).toBe(503);
    expect(far.body.type).toBe('/problems/projection-behind');
  });
});
