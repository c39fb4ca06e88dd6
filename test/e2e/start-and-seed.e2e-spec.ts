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
const SEED_CLI = path.join(root, 'dist/seeds/cli.js');

function startServer(dataDir: string): Promise<{ child: ChildProcess; baseUrl: string; output: () => string }> {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, DATA_DIR: dataDir, PORT: '0', API_KEYS: '' }, cwd: root });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match && output.includes('health:')) {
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
    const page: any = await (await fetch(`${server.baseUrl}/v1/events?limit=5`)).json();
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
    const seeding = spawnSync(process.execPath, [SEED_CLI], { env: { ...process.env, DATA_DIR: dataDir }, cwd: root, encoding: 'utf8' });
    expect(seeding.status).toBe(0);
    expect(seeding.stdout).toMatch(/: 0 recorded now \(0 events\)/);
    server = await startServer(dataDir);
    expect(server.output()).not.toContain('seeded');
    expect((await allEvents(server.baseUrl)).length).toBe(before);
  });
});
