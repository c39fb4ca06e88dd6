import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, noticeIn, Receiver } from '../webhooks/receiver.js';

/**
 * The built server (`npm test` builds first), SIGKILLed while it is delivering and started again on
 * the same data: every event arrives, and a repeat only ever carries a webhook-id already seen.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const MAIN = path.join(root, 'dist/apps/api/src/main.js');

function startServer(dataDir: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: root,
    env: {
      ...process.env, DATA_DIR: dataDir, PORT: '0', API_KEYS: '', SEED_ON_START: 'false',
      WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SCHEDULE: '0,0.2,0.5,1,1,1,1,1', WEBHOOK_POLL_MS: '50',
    },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match && output.includes('health:')) {
        clearTimeout(timer);
        resolve({ child, baseUrl: match[1] as string });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) resolve();
  else child.once('exit', () => resolve());
});

async function post(baseUrl: string, url: string, body: unknown): Promise<any> {
  const response = await fetch(baseUrl + url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(201);
  return response.json();
}

describe('webhook delivery survives SIGKILL', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'timeline-webhooks-crash-'));
  const receiver = new Receiver();
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    await receiver.start();
    // each delivery takes a while, so the kill lands while some are in flight
    receiver.respond = () => ({ status: 200, delayMs: 15 });
  });
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited(child);
    }
    await receiver.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every event after a restart; repeats only carry already-seen webhook-ids', async () => {
    let server = await startServer(dataDir);
    child = server.child;
    const sub = await post(server.baseUrl, '/v1/subscriptions', { url: receiver.url });
    receiver.secrets.push(sub.secret);
    const expected: string[] = [];
    for (let i = 0; i < 40; i++) {
      const recorded = await post(server.baseUrl, '/v1/notices', noticeIn('CN-GD', `before the kill ${i}`));
      expected.push(...recorded.events.map((event: { eventId: string }) => `msg_${event.eventId}`));
    }
    await eventually('some deliveries before the kill', () => receiver.deliveries.length >= 15);
    server.child.kill('SIGKILL');
    await exited(server.child);
    const beforeRestart = receiver.deliveries.length;
    expect(beforeRestart).toBeLessThan(expected.length);

    server = await startServer(dataDir);
    child = server.child;
    for (let i = 0; i < 5; i++) {
      const recorded = await post(server.baseUrl, '/v1/notices', noticeIn('CN-GD', `after the restart ${i}`));
      expected.push(...recorded.events.map((event: { eventId: string }) => `msg_${event.eventId}`));
    }
    await eventually('every event delivered', () => new Set(receiver.accepted().map((d) => d.webhookId)).size >= expected.length, 30_000);

    const received = receiver.deliveries.map((d) => d.webhookId);
    expect(new Set(received)).toEqual(new Set(expected));
    // in log order: leaving out repeats, the ids arrive exactly as recorded
    const firstSeen = received.filter((id, index) => received.indexOf(id) === index);
    expect(firstSeen).toEqual(expected);
    const repeats = received.length - firstSeen.length;
    expect(repeats).toBeLessThanOrEqual(2);
    expect(receiver.deliveries.every((d) => d.verifiedWith.length === 1)).toBe(true);
  });
});
