import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

/**
 * The README's first command, as built by `npm test` (which builds before it runs jest):
 * the compiled server on an empty data directory seeds itself and prints where to point curl.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const MAIN = path.join(root, 'dist/apps/api/src/main.js');
const REGTL = path.join(root, 'dist/apps/cli/src/main.js');
const PROJECTOR = path.join(root, 'dist/apps/projector/src/main.js');

function startServer(dataDir: string, env: Record<string, string> = {}, script = MAIN): Promise<{ child: ChildProcess; baseUrl: string; output: () => string }> {
  const child = spawn(process.execPath, [script], { env: { ...process.env, DATA_DIR: dataDir, PORT: '0', API_KEYS: '', ...env }, cwd: root });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // the api prints "ready at URL" then its endpoints ("health:  URL/health"); the projector "health on URL/health"
      const match = /ready at (http:\/\/127\.0\.0\.1:\d+)[\s\S]*health: /.exec(output) ?? /health on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, baseUrl: match[1] as string, output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

const stop = (child: ChildProcess) => new Promise<void>((resolve) => {
  child.once('exit', () => resolve());
  child.kill('SIGTERM');
});

async function allEvents(baseUrl: string): Promise<Array<{ type: string; data: any; metadata: any }>> {
  const events = [];
  let after: string | number | null = null;
  do {
    const page: any = await (await fetch(`${baseUrl}/v1/events?limit=1000${after === null ? '' : `&after=${after}`}`)).json();
    events.push(...page.events);
    after = page.next;
  } while (after !== null);
  return events;
}

describe('npm start on an empty data directory', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'timeline-start-'));
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer(dataDir);
  });
  afterAll(async () => {
    if (server) await stop(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints where to point curl and the browser, and warns that it has no keys', () => {
    expect(server.output()).toContain(`${server.baseUrl}/v1/events?limit=5`);
    expect(server.output()).toContain(`${server.baseUrl}/docs`);
    expect(server.output()).toContain('NO API KEYS CONFIGURED');
  });

  it('serves the seed events with their verbatim quotes', async () => {
    // the documents the seeds quote come first (docs/provenance.md), then the notices
    const documents: any = await (await fetch(`${server.baseUrl}/v1/events?limit=6`)).json();
    expect(documents.events.map((event: { type: string }) => event.type)).toStrictEqual(Array(6).fill('DocumentRegistered.v1'));
    const page: any = await (await fetch(`${server.baseUrl}/v1/events?after=${documents.next}&limit=5`)).json();
    expect(page.events).toHaveLength(5);
    expect(page.events[0].type).toBe('NoticePublished.v1');
    for (const event of page.events) {
      expect(event.metadata.source.quote.length).toBeGreaterThan(10);
      expect(event.metadata.actor).toBe('seed');
    }
    const ningxia = (await allEvents(server.baseUrl)).find((event) => event.type === 'InstitutionsBanned.v1' && event.data.jurisdiction === 'CN-NX');
    expect(ningxia?.data.source.quote).toContain('decided to ban 28 online lending institutions in three batches');
  });

  it('does not seed again on restart, and `npm run seed` records nothing new', async () => {
    const before = (await allEvents(server.baseUrl)).length;
    await stop(server.child);
    const seeding = spawnSync(process.execPath, [REGTL, 'seed'], { env: { ...process.env, DATA_DIR: dataDir }, cwd: root, encoding: 'utf8' });
    expect(seeding.status).toBe(0);
    expect(seeding.stdout).toMatch(/: 0 recorded now, \d+ already in the log; 0 corrections, retractions and corroborations appended \(0 events\)/);
    server = await startServer(dataDir);
    expect(server.output()).not.toContain('seeded');
    expect((await allEvents(server.baseUrl)).length).toBe(before);
  });

  it('`npm run projector:rebuild` rebuilds the read models from the log with the same answers', async () => {
    const question = '/v1/bans?asOf=2020-06-30';
    const answer = await (await fetch(server.baseUrl + question)).json();
    await stop(server.child);
    const rebuild = spawnSync(process.execPath, [REGTL, 'rebuild'], { env: { ...process.env, DATA_DIR: dataDir }, cwd: root, encoding: 'utf8' });
    expect(rebuild.status).toBe(0);
    expect(rebuild.stdout).toMatch(/rebuilt from \d+ events/);
    server = await startServer(dataDir);
    expect(await (await fetch(server.baseUrl + question)).json()).toEqual(answer);
  });

  it('runs as two processes: an api without projector (ROLE=api) and the projector apart', async () => {
    await stop(server.child);
    const projector = await startServer(dataDir, {}, PROJECTOR);
    server = await startServer(dataDir, { ROLE: 'api' });
    try {
      expect(server.output()).toContain('projector elsewhere');
      const created = await fetch(`${server.baseUrl}/v1/notices`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ authority: 'Fujian LFSA', jurisdiction: 'CN-FJ', title: 'closures', published: '2021-02-01',
          source: { document: 'fj.txt', publisher: 'Fujian LFSA', quote: 'closed 7 institutions' },
          effects: [{ type: 'InstitutionsClosed', jurisdiction: 'CN-FJ', effective: '2021-02', count: 7 }] }),
      });
      const { position } = (await created.json()) as { position: number };
      const state: any = await (await fetch(`${server.baseUrl}/v1/jurisdictions/CN-FJ/state?asOf=2021-03&minPosition=${position}`)).json();
      expect(state.counts.closed).toMatchObject({ value: 7 });
      expect(await (await fetch(`${projector.baseUrl}/health`)).json()).toMatchObject({ status: 'ok', checkpoint: String(position) });
    } finally {
      await stop(projector.child);
    }
  });
});

describe('npm start on a data directory seeded by the previous release', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'timeline-upgrade-'));
  let server: Awaited<ReturnType<typeof startServer>>;
  let previous: number;
  beforeAll(async () => {
    // the log as the previous release's seeds recorded it (test/fixtures), in a data dir of its own
    const { SqliteEventStore } = await import('../../libs/event-store/src/sqlite/sqlite-event-store.js');
    const { readFileSync } = await import('node:fs');
    const events = JSON.parse(readFileSync(path.join(root, 'test/fixtures/seed-events-2026-11.json'), 'utf8')) as Array<{
      stream: string; eventId: string; type: string; data: unknown; metadata: Record<string, unknown> }>;
    previous = events.length;
    const store = await SqliteEventStore.open(path.join(dataDir, 'events.sqlite'));
    for (const event of events) {
      await store.append(event.stream, [{ eventId: event.eventId, type: event.type, data: event.data, metadata: event.metadata as never }],
        { expectedRevision: 'any' });
    }
    await store.close();
    server = await startServer(dataDir);
  }, 60_000);
  afterAll(async () => {
    if (server) await stop(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('appends the corrections that bring its seed facts up to date, and answers as a new data dir would', async () => {
    expect(server.output()).toMatch(/seeds brought up to date: \d+ new notices, \d+ corrections, retractions and corroborations/);
    const log = await allEvents(server.baseUrl);
    expect(log.length).toBeGreaterThan(previous);
    expect(new Set(log.slice(previous).filter((event) => event.type.startsWith('Fact')).map((event) => event.type)))
      .toStrictEqual(new Set(['FactCorrected.v1', 'FactRetracted.v1', 'FactCorroborated.v1']));
    // document 004 ("Xin Jing Bao·2025-12-08"): the 2025 halts are not possible in 2020 once corrected
    const bans: any = await (await fetch(`${server.baseUrl}/v1/bans?asOf=2020-06&limit=1000`)).json();
    expect(bans.bans.filter((ban: { type: string }) => ban.type === 'PartnershipHalted')).toStrictEqual([]);
  });

  it('appends nothing more on the next start', async () => {
    const before = (await allEvents(server.baseUrl)).length;
    await stop(server.child);
    server = await startServer(dataDir);
    expect(server.output()).not.toContain('seeds brought up to date');
    expect((await allEvents(server.baseUrl)).length).toBe(before);
  });
});
