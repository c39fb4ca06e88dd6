import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { API, PROJECTOR, REBUILD, launch, run, start, stop, type Running } from '../support/processes.js';

/**
 * Issue 15, "Several processes" and "Fault tests": the compiled api and projector as real
 * processes on one SQLite data dir. Two APIs without projector and one standalone projector agree;
 * SIGKILLs of the api and of the projector under a write load lose no acknowledged write and leave
 * a read model equal to a clean rebuild; a read-only or missing data dir never hangs the start.
 */
const dirs: string[] = [];
const mkdata = (name: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `timeline-faults-${name}-`));
  dirs.push(dir);
  return dir;
};
const running: Running[] = [];
afterAll(async () => {
  await Promise.all(running.map((server) => stop(server.child, 'SIGKILL')));
  for (const dir of dirs) {
    try {
      chmodSync(dir, 0o755);
    } catch { /* gone */ }
    rmSync(dir, { recursive: true, force: true });
  }
});
const keep = (server: Running) => (running.push(server), server);

const JURISDICTIONS = ['CN-ZJ', 'CN-FJ'] as const;
const notice = (n: number) => {
  const jurisdiction = JURISDICTIONS[n % JURISDICTIONS.length]!;
  return {
    authority: 'Example LFSA', jurisdiction, title: `notice ${n}`, published: '2021-03-02',
    source: { document: `n${n}.txt`, publisher: 'Example News', quote: `banned ${1 + (n % 5)} institutions` },
    effects: [{ type: 'InstitutionsBanned', jurisdiction, effective: `2021-0${1 + (n % 3)}`, count: 1 + (n % 5) }],
  };
};

async function post(baseUrl: string, url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(baseUrl + url, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

async function get(baseUrl: string, url: string) {
  const response = await fetch(baseUrl + url, { signal: AbortSignal.timeout(15_000) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

/** Every event id in the log, paging /v1/events (and the position of the last). */
async function logEventIds(baseUrl: string): Promise<string[] & { last?: number }> {
  const ids: string[] & { last?: number } = [];
  let after: string | number | null = null;
  do {
    const page = await get(baseUrl, `/v1/events?limit=1000${after === null ? '' : `&after=${after}`}`);
    expect(page.status).toBe(200);
    ids.push(...page.body.events.map((event: { eventId: string }) => event.eventId));
    if (page.body.events.length > 0) ids.last = Number(page.body.events.at(-1).position);
    after = page.body.next;
  } while (after !== null);
  return ids;
}

/** The read-model questions compared with a clean rebuild. */
async function answers(baseUrl: string, minPosition?: number) {
  const min = minPosition === undefined ? '' : `&minPosition=${minPosition}`;
  const out: Record<string, unknown> = {};
  for (const url of ['/v1/bans?asOf=2030&limit=1000', '/v1/jurisdictions/CN-ZJ/state?asOf=2030', '/v1/jurisdictions/CN-FJ/state?asOf=2021-02']) {
    const answer = await get(baseUrl, url + min);
    expect({ url, status: answer.status }).toEqual({ url, status: 200 });
    out[url] = answer.body;
  }
  out['events'] = (await logEventIds(baseUrl)).length;
  return out;
}

const sqliteFiles = (file: string) => [file, `${file}-wal`, `${file}-shm`];

describe('two APIs without projector and a standalone projector on one data dir', () => {
  const dataDir = mkdata('several');
  const env = { ROLE: 'api', SEED_ON_START: 'false', READ_YOUR_WRITES_TIMEOUT_MS: '10000' };

  it('writes spread over both are read on both; one ETag; a stale If-Match on the other is a 412', async () => {
    // one first, so that the schema is created once
    const one = keep(await start(API, dataDir, env));
    const [two, projector] = (await Promise.all([start(API, dataDir, env), start(PROJECTOR, dataDir, { SEED_ON_START: 'false' })])).map(keep) as [Running, Running];
    const apis = [one, two];

    const written: Array<{ noticeId: string; position: number; eventIds: string[] }> = [];
    for (let n = 0; n < 12; n++) {
      const created = await post(apis[n % 2]!.baseUrl, '/v1/notices', notice(n), { 'idempotency-key': `spread-${n}` });
      expect(created.status).toBe(201);
      written.push({ noticeId: created.body.noticeId, position: created.body.position, eventIds: created.body.events.map((event: any) => event.eventId) });
    }
    // a retry on the other process replays the first result
    const retry = await post(two.baseUrl, '/v1/notices', notice(0), { 'idempotency-key': 'spread-0' });
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ noticeId: written[0]!.noticeId, position: written[0]!.position, replayed: true });

    const head = Math.max(...written.map((write) => write.position));
    const [fromOne, fromTwo] = await Promise.all(apis.map((api) => answers(api.baseUrl, head)));
    expect(fromTwo).toStrictEqual(fromOne);
    expect(fromOne['events']).toBe(written.flatMap((write) => write.eventIds).length);
    const bans = JSON.stringify(fromOne['/v1/bans?asOf=2030&limit=1000']);
    for (const api of apis) {
      const ids = await logEventIds(api.baseUrl);
      expect([...ids]).toEqual(written.flatMap((write) => write.eventIds));
    }
    for (const write of written) expect(bans).toContain(write.noticeId);

    // the same notice read from both: the same ETag
    const target = written[3]!.noticeId;
    const [a, b] = await Promise.all(apis.map((api) => get(api.baseUrl, `/v1/notices/${target}`)));
    expect(a.status).toBe(200);
    expect(a.headers.get('etag')).toBe('"1"');
    expect(b.headers.get('etag')).toBe(a.headers.get('etag'));

    // corrected on one with the revision read; the same stale revision on the other is a 412 (RFC 9110: a failed If-Match)
    const correction = (count: number) => ({
      factId: `${target}:1`, reason: `the notice says ${count}`,
      corrected: { type: 'InstitutionsBanned', jurisdiction: notice(3).jurisdiction, effective: notice(3).effects[0]!.effective, count },
    });
    const first = await post(one.baseUrl, `/v1/notices/${target}/corrections`, correction(9), { 'if-match': a.headers.get('etag')! });
    expect(first.status).toBe(201);
    const stale = await post(two.baseUrl, `/v1/notices/${target}/corrections`, correction(8), { 'if-match': a.headers.get('etag')! });
    expect(stale.status).toBe(412);
    const [a2, b2] = await Promise.all(apis.map((api) => get(api.baseUrl, `/v1/notices/${target}`)));
    expect(a2.headers.get('etag')).toBe('"2"');
    expect(b2.headers.get('etag')).toBe('"2"');
    const [s1, s2] = await Promise.all(apis.map((api) => get(api.baseUrl, `/v1/jurisdictions/${notice(3).jurisdiction}/state?asOf=2030&minPosition=${first.body.position}`)));
    expect(s1.status).toBe(200);
    expect(s2.body).toStrictEqual(s1.body);

    await Promise.all([one, two, projector].map((server) => stop(server.child)));
  }, 60_000);
});

describe('kill -9 under a write load (ROLE=api and a standalone projector)', () => {
  const dataDir = mkdata('kill');
  const KILLS = 3;
  const figures = { apiKills: 0, projectorKills: 0, acknowledged: 0, attempted: 0 };

  it(`SIGKILL of the api ${KILLS} times and of the projector ${KILLS} times: every 201 is in the log, the read model equals a clean rebuild`, async () => {
    const env = { ROLE: 'api', SEED_ON_START: 'false', READ_YOUR_WRITES_TIMEOUT_MS: '15000' };
    let api = keep(await start(API, dataDir, env));
    let projector = keep(await start(PROJECTOR, dataDir, { SEED_ON_START: 'false' }));

    const acknowledged: Array<{ eventIds: string[]; position: number }> = [];
    const killed = new Set<unknown>();
    const kill = async (server: Running) => {
      killed.add(server.child);
      await stop(server.child, 'SIGKILL');
    };
    let n = 0;
    let loading = true;
    const client = (async () => {
      while (loading) {
        const current = api;
        n++;
        figures.attempted++;
        try {
          const created = await post(current.baseUrl, '/v1/notices', notice(n), { 'idempotency-key': `load-${n}` });
          if (created.status === 201) acknowledged.push({ eventIds: created.body.events.map((event: any) => event.eventId), position: created.body.position });
          else throw new Error(`unexpected ${created.status}: ${JSON.stringify(created.body)}`);
        } catch (error) {
          if (!killed.has(current.child)) throw error; // only a write cut by a kill may go unanswered
          await new Promise((resolve) => setTimeout(resolve, 20)); // the api is down: wait for the new one
        }
      }
    })();
    const acksReach = async (count: number) => {
      const deadline = Date.now() + 15_000;
      while (acknowledged.length < count) {
        if (Date.now() > deadline) throw new Error(`the load stalled at ${acknowledged.length} acknowledged writes`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    try {
      for (let round = 0; round < KILLS; round++) {
        await acksReach(acknowledged.length + 15 + round * 7);
        await kill(api);
        figures.apiKills++;
        api = keep(await start(API, dataDir, env));
        await acksReach(acknowledged.length + 10 + round * 5);
        await kill(projector);
        figures.projectorKills++;
        projector = keep(await start(PROJECTOR, dataDir, { SEED_ON_START: 'false' }));
      }
      await acksReach(acknowledged.length + 10);
    } finally {
      loading = false;
      await client;
    }
    figures.acknowledged = acknowledged.length;

    // every acknowledged write is in the log, in full
    const log = await logEventIds(api.baseUrl);
    const inLog = new Set(log);
    const missing = acknowledged.flatMap((write) => write.eventIds).filter((id) => !inLog.has(id));
    expect(missing).toEqual([]);

    // the read model, caught up, answers as a clean rebuild from a copy of the log
    const head = log.last!;
    expect(head).toBeGreaterThanOrEqual(Math.max(...acknowledged.map((write) => write.position)));
    const caughtUp = await answers(api.baseUrl, head);
    await Promise.all([stop(api.child), stop(projector.child)]);
    const copy = mkdata('rebuilt');
    for (const [from, to] of sqliteFiles(path.join(dataDir, 'events.sqlite')).map((file) => [file, path.join(copy, path.basename(file))] as const)) {
      if (existsSync(from)) copyFileSync(from, to);
    }
    expect(await run(REBUILD, copy)).toMatch(/rebuilt from \d+ events/);
    const clean = keep(await start(API, copy, env));
    try {
      expect(await answers(clean.baseUrl, head)).toStrictEqual(caughtUp);
    } finally {
      await stop(clean.child);
    }
    expect(caughtUp['events']).toBeGreaterThanOrEqual(figures.acknowledged);
    console.log(`faults: ${figures.apiKills} api and ${figures.projectorKills} projector SIGKILLs, ${figures.acknowledged} writes acknowledged (${figures.attempted - figures.acknowledged} sent while the api was down or cut by a kill), ${caughtUp['events']} events in the log`);
  }, 120_000);
});

/** Whether chmod 0555 stops a process of this uid (or of `nobody` run by root) writing into a dir. */
function chmodStopsWrites(uid?: number): boolean {
  const probe = mkdtempSync(path.join(tmpdir(), 'timeline-faults-probe-'));
  try {
    chmodSync(probe, 0o555);
    const script = `const fs = require('node:fs'); fs.accessSync(${JSON.stringify(API)}, fs.constants.R_OK); try { fs.writeFileSync(${JSON.stringify(path.join(probe, 'x'))}, 'x'); process.exit(1) } catch { process.exit(0) }`;
    const probed = spawnSync(process.execPath, ['-e', script], { cwd: tmpdir(), timeout: 10_000, ...(uid === undefined ? {} : { uid, gid: uid }) });
    return probed.status === 0;
  } catch {
    return false;
  } finally {
    chmodSync(probe, 0o755);
    rmSync(probe, { recursive: true, force: true });
  }
}

/**
 * Who can find a read-only data dir read-only: this user, unless root (chmod does not stop root),
 * then `nobody` (uid 65534) when root may start processes as it and it can read the build.
 */
const NOBODY = 65534;
function readOnlyRunner(): { uid?: number } | null {
  if (chmodStopsWrites()) return {};
  if (process.getuid?.() === 0 && chmodStopsWrites(NOBODY)) return { uid: NOBODY };
  return null;
}

/** The start ends, one way or the other, within the bound; a refusal names DATA_DIR on one line. */
function expectFastAndNamed(what: string, outcome: Awaited<ReturnType<typeof launch>>) {
  const line = 'exited' in outcome ? outcome.output.split('\n').find((text) => text.includes('DATA_DIR')) : undefined;
  console.log(`faults: ${what}: ${'ready' in outcome ? 'ready' : `exited ${outcome.exited}`} in ${outcome.ms} ms${line ? `: ${line.trim()}` : ''}`);
  if ('ready' in outcome) return;
  expect(outcome.exited).not.toBe(0);
  expect(outcome.output.split('\n').some((line) => line.includes('DATA_DIR'))).toBe(true);
}

describe('a data dir that cannot be written or does not exist: the start never hangs', () => {
  const runner = readOnlyRunner();
  const BOUND = 20_000;

  const readOnlyName = `a read-only data dir (0555, files 0444)${runner?.uid === undefined ? '' : ` started as uid ${runner.uid} (nobody), the test running as root`}: ready, or refused fast with a line naming DATA_DIR`;
  const skipped = `${readOnlyName} (SKIPPED: running as uid ${process.getuid?.()}, where chmod 0555 does not stop writes, and no other uid to start the server as)`;
  (runner ? it : it.skip)(runner ? readOnlyName : skipped, async () => {
    const dataDir = mkdata('readonly');
    await stop((await start(API, dataDir, { SEED_ON_START: 'false' })).child);
    for (const file of readdirSync(dataDir)) chmodSync(path.join(dataDir, file), 0o444);
    chmodSync(dataDir, 0o555);
    const outcome = await launch(API, dataDir, { SEED_ON_START: 'false' }, BOUND, runner?.uid === undefined ? {} : { uid: runner.uid, gid: runner.uid });
    if ('ready' in outcome) await stop(outcome.ready.child);
    expectFastAndNamed('read-only data dir', outcome);
  }, BOUND + 15_000);
  if (!runner) process.stderr.write(`faults.e2e-spec: ${skipped}\n`);

  it('a missing data dir under a missing parent: ready (and writable), or refused fast with a line naming DATA_DIR', async () => {
    const parent = mkdata('missing');
    rmSync(parent, { recursive: true, force: true });
    const dataDir = path.join(parent, 'not', 'there');
    const outcome = await launch(API, dataDir, { SEED_ON_START: 'false' }, BOUND);
    if ('ready' in outcome) {
      try {
        expect((await post(outcome.ready.baseUrl, '/v1/notices', notice(1))).status).toBe(201);
        expect(statSync(path.join(dataDir, 'events.sqlite')).isFile()).toBe(true);
      } finally {
        await stop(outcome.ready.child);
      }
    }
    expectFastAndNamed('missing data dir', outcome);
    mkdirSync(parent, { recursive: true }); // for the cleanup
  }, BOUND + 15_000);
});
