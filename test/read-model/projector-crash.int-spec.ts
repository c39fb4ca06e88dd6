/**
 * Projector crash safety (issue 3): the standalone projector (dist/apps/projector/src/main.js) is
 * SIGKILLed at random moments while it builds the read models of a large generated log, 20 times;
 * each restart resumes from the checkpoint committed with the last batch. The read models it ends
 * with must equal, table by table and row by row, those of a clean rebuild (regtl rebuild) of a copy
 * of the same log. Real processes, real files, no mocks.
 *
 * A kill comes 50-1500 ms after the spawn (every fourth) or after the start of the catch-up (the
 * others: startup alone may take longer than that on a loaded machine).
 * Should the projector (on a fast machine) reach the head of the log before a kill, that chain of
 * kills is complete: its read models are compared with the clean rebuild there and then, and the
 * next kills start a new rebuild from an empty read model, so the kills keep landing mid-catch-up.
 * A rebuild ends by projecting the point-in-time state of every place it marked stale (issue 17):
 * the clean rebuild, each chain that reaches the head and the last run wait for it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { writeCorpus } from '../../bench/corpus/write-corpus.js';
import { READ_MODEL_TABLES, readCheckpoint, readModelChecksums, type TableChecksum } from './support/read-model-checksum.js';

const EVENTS = 30_000;
const SEED = 20_200_630;
const KILLS = 20;
const KILL_AFTER_MS = { min: 50, max: 1_500 };

const root = resolve(process.cwd());
const projectorMain = join(root, 'dist/apps/projector/src/main.js');
const projectorRebuild = join(root, 'dist/apps/cli/src/main.js');
const work = mkdtempSync(join(tmpdir(), 'projector-crash-'));
const crashDir = join(work, 'crashed');
const cleanDir = join(work, 'clean');
const readModelOf = (dir: string) => join(dir, 'read-model.sqlite');
/**
 * The standalone projector also runs other checkpointed consumers of the log (the webhook delivery
 * queue keeps its own row in `checkpoints`) that regtl rebuild does not; the rows compared are the
 * read-model projector's own. Every other table is compared whole.
 */
const COMPARED_ROWS = { checkpoints: "name = 'read-model'" };
const checksums = (dir: string) => readModelChecksums(readModelOf(dir), READ_MODEL_TABLES, COMPARED_ROWS);

const childEnv = (dataDir: string): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', API_KEYS: '', NODE_ENV: 'production' };
  for (const name of ['DATABASE_URL', 'EVENTSTORE_CONNECTION_STRING', 'ROLE', 'NODE_OPTIONS']) delete env[name];
  return env;
};

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

/** The projector says this once its HTTP server listens, just before the log follower starts its catch-up. */
const STARTED = /projector catching up with the log/;

/** The projector says this once its catch-up is over: the log read and the places it marked stale projected. */
const FOLLOWING = /projector following the log/;

function startProjector(dataDir: string, onStarted?: () => void): { child: ChildProcess; exited: Promise<Exit>; output: () => string } {
  const child = spawn(process.execPath, [projectorMain], { cwd: dataDir, env: childEnv(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let started = false;
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    output = (output + chunk).slice(-20_000);
    if (!started && STARTED.test(output)) {
      started = true;
      onStarted?.();
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-20_000)));
  const exited = new Promise<Exit>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, output }));
  });
  return { child, exited, output: () => output };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs the projector until its checkpoint is the head of the log and its catch-up is over (the
 * projected state of the places it marked stale is computed after the log is read), then stops it (SIGTERM).
 */
async function projectToHead(dataDir: string, head: number): Promise<void> {
  const { child, exited, output } = startProjector(dataDir);
  const ended: { exit?: Exit } = {};
  void exited.then((e) => (ended.exit = e));
  const deadline = Date.now() + 120_000;
  while (readCheckpoint(readModelOf(dataDir)) < head || !FOLLOWING.test(output())) {
    const exit = ended.exit;
    if (exit) throw new Error(`projector exited early (code ${exit.code}, signal ${exit.signal}):\n${exit.output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`projector did not reach position ${head} in 120 s:\n${(await exited).output}`);
    }
    await sleep(100);
  }
  child.kill('SIGTERM');
  const stopper = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(stopper);
}

function resetReadModel(dataDir: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(readModelOf(dataDir) + suffix, { force: true });
}

describe('projector crash safety (SIGKILL during a rebuild)', () => {
  let head = 0;
  let clean: Record<string, TableChecksum> = {};

  beforeAll(async () => {
    if (!existsSync(projectorMain) || !existsSync(projectorRebuild)) {
      throw new Error(`${projectorMain} or the regtl CLI is missing: run npm run build (npm test does) before this test`);
    }
    mkdirSync(crashDir, { recursive: true });
    mkdirSync(cleanDir, { recursive: true });
    const store = await SqliteEventStore.open(join(crashDir, 'events.sqlite'));
    try {
      const report = await writeCorpus(store, { events: EVENTS, seed: SEED });
      expect(report.events).toBe(EVENTS);
      head = Number((await store.headPosition())?.commit ?? 0);
    } finally {
      await store.close(); // the last connection: the WAL is checkpointed into the file, which can then be copied alone
    }
    expect(head).toBe(EVENTS);
    // the clean rebuild, on a copy of the same log
    copyFileSync(join(crashDir, 'events.sqlite'), join(cleanDir, 'events.sqlite'));
    const rebuild = spawn(process.execPath, [projectorRebuild, 'rebuild'], { cwd: cleanDir, env: childEnv(cleanDir), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    rebuild.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((r, reject) => rebuild.on('error', reject).on('close', (c) => r(c)));
    if (code !== 0) throw new Error(`regtl rebuild failed (${code}):\n${stderr}`);
    expect(readCheckpoint(readModelOf(cleanDir))).toBe(head);
    clean = checksums(cleanDir);
    expect(clean.checkpoints!.rows).toBe(1);
    expect(clean.facts!.rows).toBeGreaterThan(EVENTS / 2);
    expect(clean.institutions!.rows).toBeGreaterThan(100);
  }, 300_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it(`survives ${KILLS} SIGKILLs at random moments and ends equal to a clean rebuild`, async () => {
    const kills: Array<{ afterMs: number; fromSpawn: boolean; before: number; after: number }> = [];
    let chains = 0;
    for (let i = 0; i < KILLS; i++) {
      const before = readCheckpoint(readModelOf(crashDir));
      const afterMs = KILL_AFTER_MS.min + Math.floor(Math.random() * (KILL_AFTER_MS.max - KILL_AFTER_MS.min + 1));
      // Startup (Nest, migrations) alone can take longer than 1.5 s on a loaded machine: every fourth
      // kill counts from the spawn (it may land during startup or the migrations), the others from
      // the start of the catch-up, so that most land between two batches of a catch-up.
      const fromSpawn = i % 4 === 0;
      let timer: NodeJS.Timeout | undefined;
      const { child, exited } = startProjector(crashDir, fromSpawn ? undefined : () => (timer = setTimeout(() => child.kill('SIGKILL'), afterMs)));
      if (fromSpawn) timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
      const exit = await exited;
      clearTimeout(timer);
      if (exit.signal !== 'SIGKILL') throw new Error(`projector ended by itself before the kill (${exit.code}):\n${exit.output}`);
      const after = readCheckpoint(readModelOf(crashDir));
      expect(after).toBeGreaterThanOrEqual(before); // a kill never loses a committed batch
      kills.push({ afterMs, fromSpawn, before, after });
      if (after === head) {
        // this chain of kills reached the head: once the places it marked stale are projected (the
        // kill may have come while they were) it must equal the clean rebuild; start another
        await projectToHead(crashDir, head);
        expect(checksums(crashDir)).toEqual(clean);
        chains += 1;
        resetReadModel(crashDir);
      }
    }
    await projectToHead(crashDir, head);
    const crashed = checksums(crashDir);
    expect(crashed).toEqual(clean);

    const midway = kills.filter((k) => k.after > 0 && k.after < head);
    const advanced = kills.filter((k) => k.after > k.before && k.after < head);
    console.log(
      `projector crash test: ${EVENTS} events, ${KILLS} kills, ${midway.length} with the checkpoint strictly between 0 and the head ` +
        `(${advanced.length} after committing batches in that run), ${chains} chain(s) reached the head between kills; ` +
        `checkpoints after each kill: ${kills.map((k) => `${k.after}@${k.afterMs}ms${k.fromSpawn ? '(spawn)' : ''}`).join(' ')}; rows: ` +
        Object.entries(clean).map(([t, c]) => `${t}=${c.rows}`).join(' '),
    );
    expect(midway.length).toBeGreaterThanOrEqual(KILLS / 2);
    expect(advanced.length).toBeGreaterThanOrEqual(3);
  }, 420_000);
});
