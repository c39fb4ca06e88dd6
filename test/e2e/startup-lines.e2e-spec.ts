import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { API, PROJECTOR, root, start, stop, type Running } from '../support/processes.js';

/**
 * Issue 18, operator basics: the compiled api and projector (`npm start`, `npm run projector`)
 * start in fewer than 10 lines saying what an operator needs, then write one line per request
 * with its request id, as pino JSON or pino-pretty text (LOG_FORMAT).
 */

const VERSION = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

const lines = (output: string) => output.split('\n').filter((line) => line.trim() !== '');

/** Resolves with the output once a line matches (the request line follows its answer closely). */
async function lineMatching(server: Running, pattern: RegExp): Promise<string> {
  for (;;) {
    const found = lines(server.output()).find((line) => pattern.test(line));
    if (found) return found;
    if (server.child.exitCode !== null) throw new Error(`exited before a line matched ${pattern}:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the api, first start on an empty data directory (seeds loaded), LOG_FORMAT=text', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'timeline-startup-'));
  let server: Running | undefined;
  afterAll(async () => {
    if (server) await stop(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says version, role, where the data is, the URL to open and /docs in fewer than 10 lines; no route mappings', async () => {
    server = await start(API, dataDir, { LOG_FORMAT: 'text' });
    const startup = lines(server.output());
    console.log(`start-up lines (${startup.length}):\n${startup.join('\n')}`);
    expect(startup.length).toBeLessThan(10);
    const text = startup.join('\n');
    expect(text).toContain(`Regulatory Timeline ${VERSION}`);
    expect(text).toContain('ROLE=all');
    // where the projector runs (PROJECTOR_THREAD: a worker thread of this process by default)
    expect(text).toContain('projector catching up with the log, in a worker thread of this process');
    expect(text).toContain(path.join(dataDir, 'events.sqlite'));
    expect(text).toContain(`ready at ${server.baseUrl}`);
    expect(text).toContain(`${server.baseUrl}/docs`);
    expect(text).toContain('NO API KEYS CONFIGURED');
    expect(text).not.toMatch(/Mapped \{|RoutesResolver|InstanceLoader|Deprecation|Warning:/);
  });

  it('writes one pretty line per request (not JSON) with its request id, method, URL and status', async () => {
    const running = server!;
    await fetch(`${running.baseUrl}/v1/bans?asOf=2020-06`, { headers: { 'x-request-id': 'pretty-line-1' } });
    const line = await lineMatching(running, /pretty-line-1/);
    expect(line).toMatch(/INFO.*pretty-line-1 GET \/v1\/bans\?asOf=2020-06 200 [\d.]+ ms/);
    expect(line.trim().startsWith('{')).toBe(false);
    expect(lines(running.output()).filter((text) => text.includes('pretty-line-1'))).toHaveLength(1);
  });
});

describe('the api with LOG_FORMAT=json, on a log already seeded', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'timeline-startup-json-'));
  let server: Running | undefined;
  afterAll(async () => {
    if (server) await stop(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes only pino JSON lines: the start-up, then one per request with requestId, method, url, status and ms', async () => {
    server = await start(API, dataDir, { LOG_FORMAT: 'json', SEED_ON_START: 'false' });
    await fetch(`${server.baseUrl}/v1/events?limit=1`, { headers: { 'x-request-id': 'json-line-1' } });
    await fetch(`${server.baseUrl}/v1/nothing`, { headers: { 'x-request-id': 'json-line-2' } });
    await lineMatching(server, /json-line-2/);
    const entries = lines(server.output()).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.length).toBeGreaterThan(3);
    for (const entry of entries) expect(entry).toMatchObject({ level: expect.any(Number), time: expect.any(Number), msg: expect.any(String) });
    const requests = entries.filter((entry) => typeof entry.requestId === 'string' && String(entry.requestId).startsWith('json-line-'));
    expect(requests.map(({ requestId, method, url, status }) => ({ requestId, method, url, status }))).toStrictEqual([
      { requestId: 'json-line-1', method: 'GET', url: '/v1/events?limit=1', status: 200 },
      { requestId: 'json-line-2', method: 'GET', url: '/v1/nothing', status: 404 },
    ]);
    expect(requests.every((entry) => typeof entry.ms === 'number')).toBe(true);
    expect(lines(server.output()).filter((line) => /Mapped \{/.test(line))).toEqual([]);
  });
});

describe('the projector process', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'timeline-startup-projector-'));
  let projector: Running | undefined;
  afterAll(async () => {
    if (projector) await stop(projector.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says its version, where the read models are and its health URL in fewer than 10 lines', async () => {
    projector = await start(PROJECTOR, dataDir, { LOG_FORMAT: 'text' });
    const startup = lines(projector.output());
    console.log(`projector start-up lines (${startup.length}):\n${startup.join('\n')}`);
    expect(startup.length).toBeLessThan(10);
    const text = startup.join('\n');
    expect(text).toContain(`Regulatory Timeline ${VERSION}`);
    expect(text).toContain(path.join(dataDir, 'read-model.sqlite'));
    expect(text).toContain(`health on ${projector.baseUrl}/health`);
    expect(text).not.toMatch(/Mapped \{|RoutesResolver|InstanceLoader|Deprecation|Warning:/);
  });
});

/** util-linux `script` gives the server a terminal for stdout (as `npm start` in a shell has). */
const SCRIPT = '/usr/bin/script';
const onTerminal = existsSync(SCRIPT) ? it : it.skip;

describe('the api on a terminal, LOG_FORMAT unset', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'timeline-startup-tty-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  onTerminal(`writes pino-pretty lines, coloured${existsSync(SCRIPT) ? '' : ' (SKIPPED: no /usr/bin/script to give it a terminal)'}`, async () => {
    const { LOG_FORMAT: _unset, ...env } = process.env;
    const child = spawn(SCRIPT, ['-qfec', `"${process.execPath}" "${API}"`, '/dev/null'], {
      env: { ...env, DATA_DIR: dataDir, PORT: '0', API_KEYS: '', SEED_ON_START: 'false' }, cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/ready at http/.test(output)) resolve();
      });
      child.on('exit', () => reject(new Error(`exited before it was ready:\n${output}`)));
    });
    try {
      await ready;
    } finally {
      child.kill('SIGTERM');
    }
    const readyLine = lines(output).find((line) => line.includes('ready at'))!;
    expect(readyLine.trim().startsWith('{')).toBe(false);
    expect(readyLine).toMatch(/\u001b\[\d+mINFO/);
  }, 60_000);
});
