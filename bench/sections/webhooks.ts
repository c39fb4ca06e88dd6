import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Agent, request } from 'undici';
import { spawn } from 'node:child_process';
import { progressBar, ratio, secondsSince } from '../support/measure.js';
import { startService } from '../support/servers.js';

export type WebhooksResult =
  | { measured: true; deliveries: number; seconds: number; deliveriesPerSecond: number; rawPosts: number; rawSeconds: number;
      rawPostsPerSecond: number; meanBodyBytes: number; ratio: number }
  | { measured: false; reason: string; deliveries?: number; expected?: number; seconds?: number };

/** The service's sender keeps this many deliveries in flight (MAX_IN_FLIGHT); the raw POSTs use as many. */
const IN_FLIGHT = 32;

const bodyOf = (req: IncomingMessage): Promise<string> => new Promise((resolve, reject) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8'))).on('error', reject);
});

/** A local receiver answering 204; it keeps each delivery's body (once per webhook-id). */
async function receiver() {
  const bodies = new Map<string, string>();
  let received = 0;
  const server = createServer((req, res) => {
    void bodyOf(req).then((body) => {
      received += 1;
      bodies.set(String(req.headers['webhook-id'] ?? received), body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    bodies,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Signed deliveries of `events` corpus events (appended by a second connection after the
 * subscription exists) to a local receiver, from the first append to the last delivery; against
 * raw undici POSTs of the same bodies to the same receiver, IN_FLIGHT at a time.
 */
export async function webhooksSection(workDir: string, options: { events: number; seed: number; duration: number }): Promise<WebhooksResult> {
  const dir = path.join(workDir, 'webhooks');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const events = Math.min(options.events, 10_000);
  process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
  process.env.WEBHOOK_POLL_MS ??= '50';
  const sink = await receiver();
  const service = await startService(dir);
  let seconds: number;
  try {
    const created = await fetch(`${service.baseUrl}/v1/subscriptions`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: sink.url, description: 'bench' }),
    });
    if (created.status !== 201) return { measured: false, reason: `POST /v1/subscriptions answered ${created.status}: ${(await created.text()).slice(0, 200)}` };
    // the corpus is written by another process: on this event loop its synchronous inserts would
    // stall the local receiver, and the service would time its deliveries out (a bench artifact)
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const writer = spawn(process.execPath, [path.join(import.meta.dirname, '../corpus/cli.js'), '--events', String(events),
        '--seed', String(options.seed + 7), '--data-dir', dir], { stdio: 'ignore' });
      writer.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`corpus writer exited with ${code}`))));
    });
    const bar = progressBar('webhook deliveries', events);
    // stalls are a finding, not a hang: give up after a quiet spell and report what arrived
    let last = 0;
    let quietSince = performance.now();
    while (sink.bodies.size < events) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      bar.update(sink.bodies.size);
      if (sink.bodies.size !== last) [last, quietSince] = [sink.bodies.size, performance.now()];
      else if (performance.now() - quietSince > Math.max(10_000, options.duration * 1000)) break;
    }
    seconds = secondsSince(started);
    bar.stop();
  } finally {
    await service.close();
  }
  const delivered = sink.bodies.size;
  if (delivered < events) {
    // a rate over a stalled queue would be a made-up figure: say what happened instead
    await sink.close();
    return { measured: false, deliveries: delivered, expected: events, seconds,
      reason: `delivery stalled: ${delivered} of ${events} events delivered in ${seconds.toFixed(0)} s, then nothing for 10 s` };
  }
  const bodies = [...sink.bodies.values()];
  const agent = new Agent({ connections: IN_FLIGHT });
  const before = sink.received();
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const response = await request(sink.url, { method: 'POST', dispatcher: agent, body, headers: { 'content-type': 'application/json', 'webhook-id': `raw_${next}` } });
      await response.body.dump();
    }
  }));
  const rawSeconds = secondsSince(started);
  const rawPosts = sink.received() - before;
  await agent.close();
  await sink.close();
  const deliveriesPerSecond = delivered / seconds;
  const rawPostsPerSecond = rawPosts / rawSeconds;
  return {
    measured: true, deliveries: delivered, seconds, deliveriesPerSecond, rawPosts, rawSeconds, rawPostsPerSecond,
    meanBodyBytes: Math.round(bodies.reduce((sum, b) => sum + Buffer.byteLength(b), 0) / bodies.length),
    ratio: ratio(deliveriesPerSecond, rawPostsPerSecond),
  };
}
