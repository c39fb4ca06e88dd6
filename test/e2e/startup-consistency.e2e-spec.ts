import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';

/**
 * Issue 15, items 1 and 6: a read model built from another log than the one found at start (a
 * restored backup, an emptied log) is never served as if it were current, and a corrupt SQLite
 * file stops the start with its name. The compiled server, real data dirs, real files.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const MAIN = path.join(root, 'dist/apps/api/src/main.js');
const PROJECTOR = path.join(root, 'dist/apps/projector/src/main.js');

interface Running { child: ChildProcess; baseUrl: string; output: () => string }
type Outcome = { ready: Running } | { exited: number | null; output: string };

/** Starts the script on the data dir; resolves when it says it is ready, or when it exits. */
function launch(dataDir: string, env: Record<string, string> = {}, script = MAIN): Promise<Outcome> {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', API_KEYS: '', READ_YOUR_WRITES_TIMEOUT_MS: '300', ...env }, cwd: root,
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`neither ready nor exited:\n${output}`));
    }, 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/127\.0\.0\.1:\d+)[\s\S]*health: /.exec(output) ?? /health on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ ready: { child, baseUrl: match[1] as string, output: () => output } });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ exited: code, output });
    });
  });
}

async function start(dataDir: string, env: Record<string, string> = {}, script = MAIN): Promise<Running> {
  const outcome = await launch(dataDir, env, script);
  if ('exited' in outcome) throw new Error(`server exited with ${outcome.exited}:\n${outcome.output}`);
  return outcome.ready;
}

const stop = (child: ChildProcess) => new Promise<void>((resolve) => {
  if (child.exitCode !== null) return resolve();
  child.once('exit', () => resolve());
  child.kill('SIGTERM');
});

const get = async (baseUrl: string, url: string) => {
  const response = await fetch(baseUrl + url);
  return { status: response.status, body: (await response.json()) as any };
};

const NOTICE = {
  authority: 'Fujian LFSA', jurisdiction: 'CN-FJ', title: 'closures', published: '2021-02-01',
  source: { document: 'fj.txt', publisher: 'Fujian LFSA', quote: 'closed 7 institutions' },
  effects: [{ type: 'InstitutionsClosed', jurisdiction: 'CN-FJ', effective: '2021-02', count: 7 }],
};

async function writeNotice(baseUrl: string): Promise<number> {
  const created = await fetch(`${baseUrl}/v1/notices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(NOTICE) });
  expect(created.status).toBe(201);
  return ((await created.json()) as { position: number }).position;
}

/** The questions whose answers are compared: a state, the bans on a day, the log's length. */
async function answers(baseUrl: string) {
  const state = await get(baseUrl, '/v1/jurisdictions/CN-FJ/state?asOf=2021-03');
  const bans = await get(baseUrl, '/v1/bans?asOf=2021-06-30&limit=1000');
  const events = await get(baseUrl, '/v1/events?limit=1');
  return { state: state.body, bans: bans.body, firstEvent: events.body.events?.[0]?.eventId ?? null };
}

const sqliteFiles = (file: string) => [file, `${file}-wal`, `${file}-shm`];

/** A copy of a (closed) SQLite file and its WAL, as a backup would take it. */
function backup(file: string, to: string): void {
  for (const [from, copy] of sqliteFiles(file).map((name, i) => [name, sqliteFiles(to)[i]!] as const)) {
    rmSync(copy, { force: true });
    if (existsSync(from)) copyFileSync(from, copy);
  }
}

const restore = (copy: string, file: string) => backup(copy, file);

const mkdata = (name: string) => mkdtempSync(path.join(tmpdir(), `timeline-${name}-`));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('a log older than the read model (a restored backup)', () => {
  const dataDir = mkdata('older-log');
  dirs.push(dataDir);
  const log = path.join(dataDir, 'events.sqlite');
  const older = path.join(dataDir, 'events.older.sqlite');
  let before: Awaited<ReturnType<typeof answers>>;
  let lost: number;

  it('setup: a notice written after the backup was taken', async () => {
    await stop((await start(dataDir)).child);
    backup(log, older);
    const server = await start(dataDir);
    try {
      before = await answers(server.baseUrl);
      lost = await writeNotice(server.baseUrl);
      const seen = await get(server.baseUrl, `/v1/jurisdictions/CN-FJ/state?asOf=2021-03&minPosition=${lost}`);
      expect(seen.body.counts.closed).toMatchObject({ value: 7 });
    } finally {
      await stop(server.child);
    }
  }, 120_000);

  it('READ_MODEL_MISMATCH=refuse: the start is refused, saying why', async () => {
    restore(older, log);
    const outcome = await launch(dataDir, { READ_MODEL_MISMATCH: 'refuse' });
    if ('ready' in outcome) await stop(outcome.ready.child);
    expect('exited' in outcome).toBe(true);
    if ('ready' in outcome) return;
    expect(outcome.exited).not.toBe(0);
    expect(outcome.output).toMatch(/read model .*(past the log's head|does not match the log)/i);
    expect(outcome.output).toContain('READ_MODEL_MISMATCH');
  }, 60_000);

  it('by default the read models are rebuilt from the log found: its answers, and the lost write is not acknowledged', async () => {
    restore(older, log);
    const server = await start(dataDir);
    try {
      expect(server.output()).toMatch(/rebuil/i);
      expect(await answers(server.baseUrl)).toStrictEqual(before);
      const started = Date.now();
      const late = await get(server.baseUrl, `/v1/jurisdictions/CN-FJ/state?asOf=2021-03&minPosition=${lost}`);
      expect(late.status).toBe(503);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect((await get(server.baseUrl, '/health')).status).toBe(200);
    } finally {
      await stop(server.child);
    }
  }, 120_000);

  it('the standalone projector rebuilds too, before it says it follows the log', async () => {
    const server = await start(dataDir);
    let lostAgain: number;
    try {
      await writeNotice(server.baseUrl);
      lostAgain = await writeNotice(server.baseUrl);
    } finally {
      await stop(server.child);
    }
    restore(older, log);
    const projector = await start(dataDir, {}, PROJECTOR);
    try {
      expect(projector.output()).toMatch(/rebuil/i);
      const health = await get(projector.baseUrl, '/health');
      expect(health.body.checkpoint).not.toBe(String(lostAgain));
    } finally {
      await stop(projector.child);
    }
    const api = await start(dataDir, { ROLE: 'api' });
    try {
      expect(await answers(api.baseUrl)).toStrictEqual(before);
    } finally {
      await stop(api.child);
    }
  }, 120_000);
  it('a log replaced by another as long: the event at the checkpoint differs, so the read models are rebuilt; an api without projector is not ready meanwhile', async () => {
    let server = await start(dataDir);
    try {
      await writeNotice(server.baseUrl);
    } finally {
      await stop(server.child);
    }
    restore(older, log);
    // an api without projector (ROLE=api) on the replaced log: it says why it is not ready
    server = await start(dataDir, { ROLE: 'api' });
    try {
      const health = await get(server.baseUrl, '/health');
      expect(health.status).toBe(503);
      expect(health.body.checks.readModel).toMatch(/^mismatch: .*past the log's head/);
      for (const count of [9, 9]) {
        const created = await fetch(`${server.baseUrl}/v1/notices`, { method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...NOTICE, effects: [{ ...NOTICE.effects[0], count }] }) });
        expect(created.status).toBe(201);
      }
      expect((await get(server.baseUrl, '/health')).body.checks.readModel).toMatch(/^mismatch: .*does not match the log/);
    } finally {
      await stop(server.child);
    }
    server = await start(dataDir);
    try {
      expect(server.output()).toMatch(/does not match the log[^\n]*rebuilding/);
      const state = await get(server.baseUrl, '/v1/jurisdictions/CN-FJ/state?asOf=2021-03');
      expect(state.body.counts.closed?.value).not.toBe(7);
      expect(state.body).not.toStrictEqual(before.state);
      expect((await get(server.baseUrl, '/health')).status).toBe(200);
    } finally {
      await stop(server.child);
    }
  }, 120_000);
});

describe('an emptied log under a populated read model', () => {
  const dataDir = mkdata('empty-log');
  const fresh = mkdata('empty-fresh');
  dirs.push(dataDir, fresh);

  it('serves what an empty log says, never the read model of the log that is gone', async () => {
    const empty = await start(fresh, { SEED_ON_START: 'false' });
    let expected: Awaited<ReturnType<typeof answers>>;
    try {
      expected = await answers(empty.baseUrl);
    } finally {
      await stop(empty.child);
    }
    let server = await start(dataDir);
    let lost: number;
    try {
      lost = await writeNotice(server.baseUrl);
    } finally {
      await stop(server.child);
    }
    for (const file of sqliteFiles(path.join(dataDir, 'events.sqlite'))) rmSync(file, { force: true });
    server = await start(dataDir, { SEED_ON_START: 'false' });
    try {
      expect(await answers(server.baseUrl)).toStrictEqual(expected);
      expect((await get(server.baseUrl, `/v1/jurisdictions/CN-FJ/state?asOf=2021-03&minPosition=${lost}`)).status).toBe(503);
      expect((await get(server.baseUrl, '/health')).status).toBe(200);
    } finally {
      await stop(server.child);
    }
  }, 120_000);
});

/** Overwrites a page in the middle of a closed SQLite file with garbage (its WAL folded in first). */
function corruptMiddlePage(file: string): void {
  const db = new Database(file);
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const pages = Math.floor(statSync(file).size / pageSize);
  expect(pages).toBeGreaterThan(4);
  const garbage = Buffer.alloc(pageSize);
  for (let i = 0; i < pageSize; i += 1) garbage[i] = (i * 131 + 17) % 251;
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, garbage, 0, pageSize, Math.floor(pages / 2) * pageSize);
  } finally {
    closeSync(fd);
  }
}

describe('a corrupt page in a SQLite file', () => {
  it.each([
    ['events.sqlite', MAIN],
    ['events.sqlite', PROJECTOR],
    ['read-model.sqlite', MAIN],
  ])('%s: the start (%s) fails naming the file, never ready then 500s', async (name, script) => {
    const dataDir = mkdata('corrupt');
    dirs.push(dataDir);
    await stop((await start(dataDir)).child);
    corruptMiddlePage(path.join(dataDir, name));
    const outcome = await launch(dataDir, {}, script);
    if ('ready' in outcome) {
      // the only other acceptable outcome: readiness red, with the reason
      const health = await get(outcome.ready.baseUrl, '/health');
      await stop(outcome.ready.child);
      expect(health.status).toBe(503);
      expect(JSON.stringify(health.body)).toContain(name);
      return;
    }
    expect(outcome.exited).not.toBe(0);
    // one line says both: which file, and that it is damaged
    const file = path.join(dataDir, name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(outcome.output).toMatch(new RegExp(`${file}[^\\n]*(integrity|corrupt|malformed)`, 'i'));
  }, 60_000);
});
