import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleNotice, startApp, type RunningApp } from '../support/app-harness.js';

/**
 * Issue 17: the one-machine default projects in a worker thread of the API's process
 * (PROJECTOR_THREAD, default true), off the API's event loop; PROJECTOR_THREAD=false keeps it on
 * the API's thread for debugging. Either way a user sees the same: the read after a write, given
 * the write's position, answers with it, and /health says the projector follows the log.
 */
describe.each([
  ['in a worker thread (the default)', {}],
  ['on the API thread (PROJECTOR_THREAD=false)', { PROJECTOR_THREAD: 'false' }],
])('the embedded projector %s', (_where, env: Record<string, string>) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(env);
  });
  afterAll(() => app.stop());

  it('is ready and following the log', async () => {
    const health = await app.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.checks.projector).toBe('following');
  });

  it('answers a read carrying a write\'s position with that write, and with its correction', async () => {
    const zj = '/v1/jurisdictions/CN-ZJ/state?asOf=2021-12-31';
    const banned = async (position: number) => {
      const read = await app.request('GET', `${zj}&minPosition=${position}`);
      expect(read.status).toBe(200);
      expect(Number(read.headers.get('read-model-position'))).toBeGreaterThanOrEqual(position);
      return read.body.counts.banned?.value ?? null;
    };
    const created = await app.request('POST', '/v1/notices', { body: exampleNotice() });
    expect(created.status).toBe(201);
    expect(await banned(created.body.position)).toBe(3);
    const corrected = await app.request('POST', `/v1/notices/${created.body.noticeId}/corrections`, {
      body: { factId: `${created.body.noticeId}:1`, reason: 'the notice says five', corrected: { ...exampleNotice().effects[0], count: 5 } },
    });
    expect(corrected.status).toBe(201);
    expect(await banned(corrected.body.position)).toBe(5);
  });
});
