/**
 * Crash test for the SQLite event store: a child process appends through the real adapter and is
 * SIGKILLed at a random moment, 20 times on the same file. Afterwards every acknowledged append
 * must be there in full, no append may be there in part, and the file must pass integrity_check.
 * The child is TypeScript: it and the adapter are compiled with @swc/core into a temp dir first.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { transformFile } from '@swc/core';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { comparePositions, type RecordedEvent } from '../../libs/event-store/src/event-store.js';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';

const ROUNDS = 20;
const root = resolve(process.cwd());
const work = mkdtempSync(join(tmpdir(), 'sqlite-crash-'));
const build = join(work, 'build');
const dbFile = join(work, 'events.sqlite');

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourcesUnder(join(dir, entry.name)) : entry.name.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );

async function compile(files: readonly string[]): Promise<void> {
  for (const file of files) {
    const { code } = await transformFile(file, {
      jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022' },
      module: { type: 'es6' },
    });
    const out = join(build, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, code);
  }
  writeFileSync(join(build, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(join(root, 'node_modules'), join(build, 'node_modules'), 'dir');
}

interface Round {
  readonly acks: Array<{ stream: string; k: number }>;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Starts a child, kills it 20-300 ms after its first ACK, and returns the complete ACK lines it printed. */
function crashRound(): Promise<Round> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(build, 'test/crash/append-loop.js'), dbFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: Array<{ stream: string; k: number }> = [];
    let pending = '';
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? ''; // a line cut by the kill is not an acknowledgement
      for (const line of lines) {
        const match = /^ACK (\S+) (\d+)$/.exec(line);
        if (!match) continue;
        acks.push({ stream: match[1]!, k: Number(match[2]) });
        killTimer ??= setTimeout(() => child.kill('SIGKILL'), 20 + Math.floor(Math.random() * 281));
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(watchdog);
      clearTimeout(killTimer);
      resolvePromise({ acks, signal, stderr });
    });
  });
}

describe('SQLite event store under SIGKILL', () => {
  beforeAll(async () => {
    await compile([...sourcesUnder(join(root, 'libs/event-store/src')), join(root, 'test/crash/append-loop.ts')]);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it(`keeps every acknowledged append and no partial one across ${ROUNDS} kills`, async () => {
    const acked = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      const { acks, signal, stderr } = await crashRound();
      expect({ round, signal, stderr }).toEqual({ round, signal: 'SIGKILL', stderr: '' });
      expect(acks.length).toBeGreaterThan(0);
      for (const { stream, k } of acks) acked.set(stream, k);
    }

    const raw = new Database(dbFile);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();

    const store = await SqliteEventStore.open(dbFile);
    const streams = new Map<string, RecordedEvent[]>();
    let previous: RecordedEvent | undefined;
    for await (const event of store.readAll()) {
      if (previous) expect(comparePositions(previous.position, event.position)).toBeLessThan(0);
      previous = event;
      streams.set(event.streamName, [...(streams.get(event.streamName) ?? []), event]);
    }
    await store.close();

    for (const [stream, events] of streams) {
      const k = (events[0]!.data as { k: number }).k;
      expect({ stream, revisions: events.map((event) => event.revision) }).toEqual({
        stream,
        revisions: Array.from({ length: k }, (_, i) => i),
      });
      for (const event of events) expect(event.data).toMatchObject({ k, index: event.revision });
    }
    for (const [stream, k] of acked) expect({ stream, count: streams.get(stream)?.length ?? 0 }).toEqual({ stream, count: k });
    // a kill can land between a commit and its ACK: at most one unacknowledged append per round
    expect(streams.size - acked.size).toBeGreaterThanOrEqual(0);
    expect(streams.size - acked.size).toBeLessThanOrEqual(ROUNDS);
  }, 60_000);
});
