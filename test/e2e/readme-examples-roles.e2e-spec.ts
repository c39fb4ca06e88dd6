import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type RunningApp } from '../support/app-harness.js';
import { readmeExamples, runExample, type ReadmeExample } from '../support/readme-examples.js';

/**
 * The curl examples of the README's "For subscribers" and "For auditors" sections, run as written
 * (bash, curl) against a fresh seeded server, in order: each answers its stated status or a 2xx.
 * The subscribers' server runs as their section starts it (`WEBHOOK_ALLOW_PRIVATE=true`); their
 * receiver (`http://127.0.0.1:4000/hook` in the README) listens on a free port, which replaces 4000
 * in the commands (another process may hold 4000 on a shared machine). The auditors' examples run in
 * a temporary directory (one writes digest.json). The `npm run` lines are the CLI tests' to run.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const subscribers = readmeExamples(readme, '## For subscribers: webhooks');
const auditors = readmeExamples(readme, '## For auditors');

const statusOf = (example: ReadmeExample, status: number | null) =>
  (example.status === null ? (status !== null && status >= 200 && status < 300 ? '2xx' : status) : status);
const titled = (examples: readonly ReadmeExample[]) => examples.map((example) => [example.command.split('\n')[0] as string, example] as const);

describe('README examples for subscribers, run as written', () => {
  let app: RunningApp;
  let receiver: Server;
  let port = 0;
  const received: string[] = [];
  const placeholders: Record<string, string> = {};

  beforeAll(async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
    receiver = createServer((request, response) => {
      received.push(String(request.headers['webhook-id']));
      request.resume().on('end', () => response.writeHead(204).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    port = (receiver.address() as { port: number }).port;
    app = await startApp({ WEBHOOK_ALLOW_PRIVATE: 'true' }, { seed: true });
  });
  afterAll(async () => {
    await app?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
  });

  it('finds them', () => {
    expect(subscribers.length).toBeGreaterThanOrEqual(7);
  });

  it.each(titled(subscribers))('%s', async (_title, example) => {
    const command = example.command.replaceAll('127.0.0.1:4000', `127.0.0.1:${port}`);
    const run = await runExample(command, app.baseUrl, placeholders);
    const detail = `${command}\n${run.stdout.slice(0, 2000)}\n${run.stderr}`;
    expect({ status: statusOf(example, run.status), exitCode: run.exitCode, detail }).toEqual({ status: example.status ?? '2xx', exitCode: 0, detail });
    if (command.includes('-X POST "$B/v1/subscriptions" ')) {
      // the answer shown: {id, url, secret: "whsec_...", eventTypes, jurisdictions, maxInFlight, status}
      const subscription = JSON.parse(run.stdout);
      expect(subscription.secret).toMatch(/^whsec_/);
      placeholders.id ??= subscription.id;
    }
    if (command.includes('/test"')) {
      expect(JSON.parse(run.stdout)).toMatchObject({ type: 'webhook.test', delivered: true, statusCode: 204 });
      expect(received.some((id) => id.startsWith('msg_test_'))).toBe(true);
    }
  });
});

describe('README examples for auditors, run as written', () => {
  let app: RunningApp;
  let cwd: string;

  beforeAll(async () => {
    cwd = mkdtempSync(path.join(tmpdir(), 'readme-auditors-'));
    app = await startApp({}, { seed: true });
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('finds them', () => {
    expect(auditors.length).toBeGreaterThanOrEqual(3);
  });

  it.each(titled(auditors))('%s', async (_title, example) => {
    const run = await runExample(example.command, app.baseUrl, {}, cwd);
    const detail = `${example.command}\n${run.stdout.slice(0, 2000)}\n${run.stderr}`;
    expect({ status: statusOf(example, run.status), exitCode: run.exitCode, detail }).toEqual({ status: example.status ?? '2xx', exitCode: 0, detail });
    if (example.command.includes('recordedAt=position:112')) {
      // as recorded when the log held 112 events: the seeds' Ningxia facts (document 000: "decided to ban 28 online
      // lending institutions in three batches in the region") are there
      const answer = JSON.parse(run.stdout);
      if (answer.bans) expect(answer.bans.length).toBeGreaterThan(0);
      else expect(answer.counts.banned.value).toBe(28);
    }
    if (example.command.includes('digest.json')) expect(JSON.parse(readFileSync(path.join(cwd, 'digest.json'), 'utf8'))).toHaveProperty('root');
  });
});
