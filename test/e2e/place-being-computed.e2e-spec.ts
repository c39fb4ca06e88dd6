/**
 * A place the projector is computing after a live run (at 1M events a province for seconds: its
 * rows are stale from the first day the run's change reaches, projection_dirty.stale_from). The
 * mark is written here by hand on the service's own read-model file (the seeds' places are small:
 * the projector computes them inside the run's transaction), on a real service with its answer
 * worker: a question about an earlier day is answered from the place's rows at once; one about a
 * day the change reaches waits for the place, the answer worker free meanwhile, and is answered
 * once the place is computed (READ_YOUR_WRITES_TIMEOUT_MS at most, then folded); a place stale
 * throughout (after a catch-up) is folded at once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { dayStartKey } from '../../libs/domain/src/index.js';
import { startApp, type RunningApp } from '../support/app-harness.js';

describe('a question about a place the projector is computing', () => {
  let app: RunningApp;
  let readModel: Database.Database;

  beforeAll(async () => {
    app = await startApp({ ANSWER_WORKERS: '1', READ_YOUR_WRITES_TIMEOUT_MS: '60000' }, { seed: true });
    readModel = new Database(app.config.readModelPath);
    readModel.pragma('busy_timeout = 5000');
    // the seeds projected (minPosition: the log's head) before any mark is written
    const head = await app.store.headPosition();
    expect((await app.request('GET', `/v1/jurisdictions/CN-NX/state?minPosition=${head!.commit}`)).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    readModel.close();
    await app.stop();
  });

  const mark = (staleFrom: number | null) => readModel.prepare('INSERT INTO projection_dirty (jurisdiction, stale_from) VALUES (?, ?)').run('CN-NX', staleFrom);
  const unmark = () => readModel.prepare('DELETE FROM projection_dirty WHERE jurisdiction = ?').run('CN-NX');
  const settled = async (pending: Promise<unknown>) => Promise.race([pending.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 0))]);

  it('answers a day before the change from the rows at once, and a day it reaches once the place is computed, the worker free meanwhile', async () => {
    mark(dayStartKey('2021-01-01'));
    try {
      // each question asked once (none from the answer cache): Ningxia on a day in 2021, which the change reaches
      const waiting = app.request('GET', '/v1/jurisdictions/CN-NX/state?asOf=2021-06-30');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await settled(waiting)).toBe(false);
      // meanwhile the one answer worker answers a day before the change, and the nation in 2020 (from the rows)
      const earlier = await app.request('GET', '/v1/jurisdictions/CN-NX/state?asOf=2020-06-30');
      expect(earlier.status).toBe(200);
      expect((await app.request('GET', '/v1/jurisdictions/CN/state?asOf=2020-06-29')).status).toBe(200);
      expect(await settled(waiting)).toBe(false);
      // the place computed: the waiting question is answered
      unmark();
      const answered = await waiting;
      expect(answered.status).toBe(200);
      expect((answered.body as { jurisdiction: { code: string } }).jurisdiction.code).toBe('CN-NX');
    } finally {
      unmark();
    }
  }, 120_000);

  it('folds at once about a place stale throughout (no projector is computing it from a day)', async () => {
    mark(null);
    try {
      const folded = await app.request('GET', '/v1/jurisdictions/CN-NX/state?asOf=2021-07-31');
      expect(folded.status).toBe(200);
      expect(readModel.prepare('SELECT count(*) AS marks FROM projection_dirty').get()).toStrictEqual({ marks: 1 });
    } finally {
      unmark();
    }
  }, 120_000);
});
