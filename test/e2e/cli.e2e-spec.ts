import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PROJECTOR, root } from '../support/processes.js';
import { regtl } from '../support/regtl.js';

/** `regtl` as a user runs it (the compiled CLI in a process of its own): help, exit codes, data dirs. */
const COMMANDS = [
  [], ['asof'], ['bans'], ['timeline'], ['diff'], ['export'], ['verify'], ['replay'], ['rebuild'], ['seed'],
  ['subscriptions'], ['subscriptions', 'create'], ['subscriptions', 'list'], ['subscriptions', 'test'], ['subscriptions', 'rotate'],
];

describe('regtl --help', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'regtl-help-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each(COMMANDS.map((command) => [command.join(' ') || 'regtl', command] as const))('%s --help prints its usage, exits 0 and touches nothing', async (_name, command) => {
    // a data dir and a service that do not exist: help must neither create the one nor ask the other
    const result = await regtl([...command, '--help'], { DATA_DIR: path.join(work, 'data'), REGTL_URL: 'http://127.0.0.1:9' }, { cwd: work });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Usage: regtl ${command.join(' ')}`.trim());
    expect(readdirSync(work)).toEqual([]);
  });

  it('the projector daemon (npm run projector) prints its usage on --help and neither starts nor creates its data dir', () => {
    const dataDir = path.join(work, 'projector-data');
    const result = spawnSync(process.execPath, [PROJECTOR, '--help'], {
      cwd: root, env: { ...process.env, DATA_DIR: dataDir, PORT: '0', API_KEYS: '' }, encoding: 'utf8', timeout: 30_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: projector');
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('the npm scripts and the bin', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'regtl-npm-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const npm = (args: string[]) => spawnSync('npm', args, {
    cwd: root, env: { ...process.env, DATA_DIR: path.join(work, 'data'), PORT: '0', API_KEYS: '' }, encoding: 'utf8', timeout: 120_000,
  });

  it.each([['projector:rebuild', 'rebuild'], ['audit:verify', 'verify'], ['export', 'export'], ['seed', 'seed']])(
    'npm run %s -- --help is `regtl %s --help`: its usage, exit 0, nothing emptied or created', (script, command) => {
      const result = npm(['run', '--silent', script, '--', '--help']);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`Usage: regtl ${command}`);
      expect(readdirSync(work)).toEqual([]);
    });

  // npx links a local package's bins into its cache once per directory and never again: a machine that
  // ran `npx regtl` here before the bin existed keeps answering "regtl: not found" (127). The question is
  // what a newcomer gets, so npx runs with a cache of its own.
  it('`npx regtl` runs the package\'s bin (a committed file that runs dist)', () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'regtl-npx-cache-'));
    const result = spawnSync('npx', ['--no-install', 'regtl', '--version'], {
      cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, npm_config_cache: cache },
    });
    rmSync(cache, { recursive: true, force: true });
    expect({ status: result.status, stdout: result.stdout.trim() }).toEqual({ status: 0, stdout: '0.1.0' });
  });
});

describe('regtl exit codes: 0 ok, 1 a check failed, 2 usage or environment', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'regtl-codes-'));
  const dataDir = path.join(work, 'data');
  beforeAll(async () => {
    const seeded = await regtl(['seed', '--data-dir', dataDir]);
    expect(seeded.code).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('exits 2 on usage errors, saying what is wrong', async () => {
    expect(await regtl(['no-such-command'])).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown command 'no-such-command'") });
    expect(await regtl(['bans', '--no-such-option'])).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown option '--no-such-option'") });
    expect(await regtl(['bans', '--limit', 'many'])).toMatchObject({ code: 2, stderr: expect.stringContaining('a whole number from 1 to 1000') });
    expect(await regtl(['diff', '--from', '2019'])).toMatchObject({ code: 2, stderr: expect.stringContaining("required option '--to <date>'") });
    expect(await regtl(['replay', '--as-of', '2020'])).toMatchObject({ code: 2, stderr: expect.stringContaining('needs an export file') });
  });

  it('exits 2 naming the service it cannot reach', async () => {
    const result = await regtl(['bans', '--as-of', '2020-06', '--url', 'http://127.0.0.1:9']);
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot reach the service at http://127.0.0.1:9') });
  });

  it('exits 0 on a sound log, 1 on a broken chain naming the altered event', async () => {
    const sound = await regtl(['verify', '--data-dir', dataDir]);
    expect(sound.code).toBe(0);
    expect(sound.stderr).toMatch(/ok: \d+ events in \d+ streams/);
    const db = new Database(path.join(dataDir, 'events.sqlite'));
    db.prepare("UPDATE events SET data = json_set(data, '$.count', 999) WHERE position = 9").run();
    db.close();
    const broken = await regtl(['verify', dataDir]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/BROKEN \(altered\) at position 9/);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, broken: { kind: 'altered', position: 9 } });
  });

  it('exits 2 on an export file that is not one, naming the line', async () => {
    const file = path.join(work, 'not-an-export.ndjson');
    writeFileSync(file, '{"position": 1}\nnot json\n');
    expect(await regtl(['verify', file])).toMatchObject({ code: 2, stderr: expect.stringContaining(`${file} line 1: needs eventId`) });
  });
});

describe('a data dir that does not exist', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'regtl-missing-'));
  const missing = path.join(work, 'no-such-dir');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each([
    ['export', ['export', '--data-dir', missing]],
    ['export --out', ['export', '--out', path.join(work, 'out.ndjson')]],
    ['verify', ['verify', '--data-dir', missing]],
    ['verify (as the argument)', ['verify', missing]],
    ['rebuild', ['rebuild']],
  ])('%s exits 2 naming it and creates nothing', async (_name, args) => {
    const result = await regtl(args, { DATA_DIR: missing });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(missing);
    expect(result.stdout).toBe('');
    expect(readdirSync(work)).toEqual([]);
  });
});
