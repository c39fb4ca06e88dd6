import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryBus } from '@nestjs/cqrs';
import fc from 'fast-check';
import { ComputedAnswers } from '../../apps/api/src/timeline/answer-workers.js';
import { dayRange, timeQueryOf } from '../../apps/api/src/timeline/time-params.js';
import {
  BansQuery, DiffQuery, JurisdictionStateQuery, JurisdictionTimelineQuery, NationalStateQuery,
} from '../../apps/api/src/timeline/timeline.queries.js';
import { writeCorpus } from '../../bench/corpus/write-corpus.js';
import { jurisdictions } from '../../libs/domain/src/index.js';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { startApp, type RunningApp } from '../support/app-harness.js';
import { API, start, type Running } from '../support/processes.js';

/** Places the seeds say something about, a city among them, and one they say nothing about. */
const PLACES = ['CN', 'CN-GD', 'CN-440100', 'CN-HB', 'CN-NX', 'CN-GZ', 'CN-SX', 'CN-HN', 'CN-XJ', 'CN-HL', 'CN-ZJ', 'CN-BJ'];
const day = fc.tuple(fc.integer({ min: 2014, max: 2027 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([year, month, date]) => `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`);
const period = fc.oneof(day, day.map((text) => text.slice(0, 7)), day.map((text) => text.slice(0, 4)));
const page = fc.record({ offset: fc.integer({ min: 0, max: 30 }), limit: fc.integer({ min: 1, max: 200 }) });

/** A question as the API builds it from its parameters: an instant, what was known, what was recorded (by time or position). */
function questions(head: number) {
  const time = fc.record({
    asOf: period,
    knownAt: fc.option(period, { nil: undefined }),
    recordedAt: fc.option(fc.oneof(period, fc.integer({ min: 1, max: head }).map((position) => `position:${position}`)), { nil: undefined }),
  });
  const place = fc.constantFrom(...PLACES).map((code) => jurisdictions.get(code));
  const zone = jurisdictions.get('CN').zone;
  return fc.oneof(
    time.map((params) => new NationalStateQuery(timeQueryOf(params, zone), jurisdictions.get('CN'))),
    fc.tuple(time, place, page).map(([params, where, window]) => new JurisdictionStateQuery(timeQueryOf(params, where.zone), where, window)),
    fc.tuple(time, fc.option(place, { nil: null }), page).map(([params, where, window]) => new BansQuery(timeQueryOf(params, zone), where, window)),
    fc.tuple(period, period, fc.option(place, { nil: null }), page).map(([from, to, where, window]) =>
      new DiffQuery(timeQueryOf({ asOf: from }, zone), timeQueryOf({ asOf: to }, zone), where, window)),
    fc.tuple(fc.option(period, { nil: null }), fc.option(period, { nil: null }), place, page).map(([from, to, where, window]) =>
      new JurisdictionTimelineQuery(where, from && dayRange('from', from, where.zone).first, to && dayRange('to', to, where.zone).last,
        timeQueryOf({}, where.zone), window)),
  );
}

/**
 * Issue 15, the last gap: an answer computed on the API's event loop held /health and every
 * cached answer behind it. Answers are now computed in worker threads (ANSWER_WORKERS) by the
 * same handlers: these tests hold the two paths equal, and show /health served during a computation.
 */
describe('answers computed in worker threads', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ ANSWER_WORKERS: '1' }, { seed: true });
    const head = (await app.store.headPosition())!.commit;
    // the embedded projector has the whole seeded log before any question is asked
    expect((await app.request('GET', `/v1/bans?minPosition=${head}`)).status).toBe(200);
  }, 120_000);
  afterAll(() => app?.stop());

  it('gives, for any question about the seeded documents, the answer the API thread gives (with corrections, corroborations, disputes)', async () => {
    const answers = app.nest.get(ComputedAnswers);
    const bus = app.nest.get(QueryBus);
    // ANSWER_WORKERS=1, and the fold pool's thread (FOLD_WORKERS, 1 by default)
    expect(answers.workers).toBe(2);
    const head = Number((await app.store.headPosition())!.commit);
    await fc.assert(fc.asyncProperty(questions(head), async (query) => {
      const inThread = JSON.parse(JSON.stringify(await bus.execute(query as NationalStateQuery)));
      expect(await answers.execute(query as NationalStateQuery)).toStrictEqual(inThread);
    }), { numRuns: 150, seed: 15 });
  });

  it('answers over HTTP from the worker: June 2020 holds no 2025 partnership halt, December 2025 holds them', async () => {
    // 004_ba8a3840d4a23d3b.txt (Reportify, 2025-12-08): "Several local banks, including Urumqi Bank and
    // Longjiang Bank, have announced a halt to new internet lending partnerships", after "the introduction
    // of new regulations" (the NFRA notice of April 2025, research notes): nothing of it in 2020
    const halts = async (asOf: string) => {
      const answer = await app.request('GET', `/v1/bans?asOf=${asOf}&limit=1000`);
      expect(answer.status).toBe(200);
      return (answer.body.bans as Array<{ type: string; institution: string | null }>)
        .filter((ban) => ban.type === 'PartnershipHalted').map((ban) => ban.institution).sort();
    };
    expect(await halts('2020-06-30')).toStrictEqual([]);
    expect(await halts('2025-12-31')).toEqual(expect.arrayContaining(['Longjiang Bank', 'Urumqi Bank']));
    const health = await app.request('GET', '/health');
    expect(health.body.answers).toStrictEqual({ workers: 2, computing: 0, waiting: 0 });
  });

  it('sends the bytes a worker wrote (quotes placed, serialized by the route\'s schema) exactly as the API thread writes them: states, bans, diffs, timelines', async () => {
    // the same seeds, every answer computed and written in the API's thread
    const inThread = await startApp({ ANSWER_WORKERS: '0' }, { seed: true });
    try {
      const head = (await app.store.headPosition())!.commit;
      expect((await inThread.request('GET', `/v1/bans?minPosition=${head}`)).status).toBe(200);
      const answers = app.nest.get(ComputedAnswers);
      const writtenBefore = answers.written;
      const urls = [
        '/v1/bans?asOf=2020-06-30', '/v1/bans?asOf=2025-12-31&limit=3', '/v1/bans?asOf=2019-12-31&jurisdiction=CN-GD',
        '/v1/jurisdictions/CN-HB/state?asOf=2019-12-31', '/v1/jurisdictions/CN-GD/state?asOf=2020-06-30&include=facts,sources&limit=2',
        '/v1/jurisdictions/CN-440100/state?asOf=2021-01-01&include=sources', '/v1/jurisdictions/CN-XJ/state?asOf=2025-12-31&include=facts,sources,institutions',
        '/v1/state?asOf=2020-06-30', '/v1/state?asOf=2019-12-31&include=facts,sources&limit=5',
        // no instant: not kept by the answer cache, sent all the same (a diff and a timeline fold, in the fold pool)
        '/v1/bans?limit=2', '/v1/jurisdictions/CN-ZJ/state?include=facts,sources',
        '/v1/diff?from=2019-01-01&to=2020-06-30&limit=5', '/v1/jurisdictions/CN-HB/timeline?limit=5', '/v1/jurisdictions/CN-GD/timeline',
      ];
      const fetched = async (base: string, url: string) => {
        const response = await fetch(base + url);
        const header = (name: string) => response.headers.get(name);
        const body = await response.text();
        // a question with no instant is asked of each service at its own "now"
        // and the two services recorded the seeds at their own times (a timeline's and a diff's facts say when)
        const now = (url.includes('asOf=') ? body : body.replace(/"asOf":"[^"]+"/g, '"asOf":"now"'))
          .replace(/"recordedAt":"[^"]+"/g, '"recordedAt":"when seeded"');
        return { status: response.status, type: header('content-type'), link: header('link'), etag: header('etag'), position: header('read-model-position'), body: now };
      };
      let placed = 0;
      for (const url of urls) {
        // asked twice: computed (and written by the worker), then from the answer cache where it keeps it
        for (const asking of [1, 2]) {
          const [written, expected] = [await fetched(app.baseUrl, url), await fetched(inThread.baseUrl, url)];
          expect({ url, asking, ...written }).toStrictEqual({ url, asking, ...expected });
          expect(written.status).toBe(200);
          placed += (written.body.match(/"quoteAt":\{/g) ?? []).length;
        }
      }
      // the workers wrote every answer (the second askings of those with an instant came from the cache)
      expect(answers.written - writtenBefore).toBe(urls.reduce((sum, url) => sum + (url.includes('asOf=') ? 1 : 2), 0));
      // quotes were placed in the worker's answers (the seeds' sources quote their documents verbatim)
      expect(placed).toBeGreaterThan(0);
      // a page that goes on says so in its Link header, from the worker's `next`
      expect((await fetched(app.baseUrl, '/v1/bans?asOf=2025-12-31&limit=3')).link).toMatch(/after=.*rel="next"/);
    } finally {
      await inThread.stop();
    }
  }, 180_000);

  it('folds in a thread of its own (FOLD_WORKERS): knownAt, recordedAt and diff there, the latest knowledge from the projection in the other', async () => {
    const answers = app.nest.get(ComputedAnswers);
    const before = answers.completed;
    const asked = async (url: string) => expect((await app.request('GET', url)).status).toBe(200);
    // each a question not asked before (the answer cache would give the others)
    await asked('/v1/bans?asOf=2019-12-30');
    await asked('/v1/jurisdictions/CN-HB/state?asOf=2019-12-30');
    // (the answers themselves: the property above holds every path equal to the API thread's)
    expect(answers.completed).toStrictEqual({ projection: before.projection + 2, folds: before.folds });
    await asked('/v1/bans?asOf=2019-12-30&knownAt=2020-01-01');
    await asked('/v1/jurisdictions/CN-HB/state?asOf=2019-12-30&recordedAt=2030-01-01');
    await asked('/v1/diff?from=2019-01-01&to=2019-12-30');
    expect(answers.completed).toStrictEqual({ projection: before.projection + 2, folds: before.folds + 3 });
  });
});

describe('answers computed in worker threads, folds sharing them (FOLD_WORKERS=0)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ ANSWER_WORKERS: '1', FOLD_WORKERS: '0' }, { seed: true });
  }, 120_000);
  afterAll(() => app?.stop());

  it('has one pool: a fold is computed by the answer workers', async () => {
    const answers = app.nest.get(ComputedAnswers);
    expect(answers.workers).toBe(1);
    const before = answers.completed;
    expect((await app.request('GET', '/v1/bans?asOf=2019-12-30&knownAt=2020-01-01')).status).toBe(200);
    expect(answers.completed).toStrictEqual({ projection: before.projection + 1, folds: 0 });
  });
});

describe('/health during a computation, on the compiled server', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'answer-workers-'));
  let server: Running;
  beforeAll(async () => {
    const store = await SqliteEventStore.open(path.join(dataDir, 'events.sqlite'));
    await writeCorpus(store, { events: 3000, seed: 16 });
    await store.close();
    // the default: answer workers on (at least one)
    server = await start(API, dataDir, { SEED_ON_START: 'false', LOG_FORMAT: 'json', READ_CONCURRENCY: '1', READ_QUEUE: '8' }, 120_000);
  }, 180_000);
  afterAll(async () => {
    if (server) await new Promise<void>((resolve) => (server.child.once('exit', () => resolve()), server.child.kill('SIGTERM')));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves /health while an answer is being computed, not only between two computations', async () => {
    const get = async (url: string) => {
      const response = await fetch(server.baseUrl + url);
      return { status: response.status, body: await response.json() as any };
    };
    // uncached questions (each a new instant known in a far future), one computed at a time
    const flood = Promise.all(Array.from({ length: 6 }, (_, i) => get(`/v1/state?knownAt=2100&asOf=${2040 + i}-06`)));
    const seen: Array<{ workers: number; computing: number; waiting: number }> = [];
    let settled = false;
    void flood.finally(() => (settled = true));
    while (!settled) seen.push((await get('/health')).body.answers);
    const answered = await flood;
    expect(answered.map((answer) => answer.status)).toStrictEqual(Array.from({ length: 6 }, () => 200));
    // computed in the API thread, /health could only be served between two computations (computing 0)
    expect(seen.filter((answers) => answers.computing === 1).length).toBeGreaterThan(0);
    expect(seen[0]!.workers).toBeGreaterThanOrEqual(1);
  });
});
