import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Agent, request } from 'undici';
import { spawn } from 'node:child_process';
import { progressBar, ratio, secondsSince } from '../support/measure.js';
import { startService } from '../support/servers.js';
import { jurisdictions } from '../../libs/domain/src/index.js';

/** One way of delivering the same events: its rate, and that rate over the raw POSTs'. */
export interface WebhookRow {
  readonly name: string;
  readonly subscriptions: number;
  readonly deliveries: number;
  readonly seconds: number;
  readonly deliveriesPerSecond: number;
  readonly ratio: number;
  /** rows drained more than once: each pass's rate (the row is the median pass) */
  readonly passesPerSecond?: number[];
  /** the raw POSTs doing the same work: one at a time for one subscription in log order (each waits for the last answer), else 32 in flight */
  readonly limit?: 'sequential' | 'concurrent';
  readonly limitPerSecond?: number;
}

export type WebhooksResult =
  | { measured: true; rows: WebhookRow[]; rawPosts: number; rawSeconds: number; rawPostsPerSecond: number; rawPassesPerSecond: number[]; meanBodyBytes: number;
      /** raw POSTs one at a time (the limit of one subscription in log order), median pass */
      rawSequentialPostsPerSecond: number;
      /** the ratio of the one-subscription, log-order backlog row to the sequential raw POSTs */
      sequentialRatio: number; sequentialRatioOf: string;
      /** the ratio compared to the target, of the row named `ratioOf` */
      ratio: number; ratioOf: string }
  | { measured: false; reason: string; deliveries?: number; expected?: number; seconds?: number };

/** The row whose ratio is compared to the target: the realistic fan-out, from a queued backlog. */
const TARGET_ROW = '32 subscriptions, one province each, log order each: queued backlog';

/** The one-subscription row compared to raw POSTs one at a time (log order: each delivery waits for the last answer). */
const SEQUENTIAL_TARGET_ROW = '1 subscription, log order: queued backlog';

/** bodies POSTed per pass one at a time (a pass of all 10k would take as long as the rest of the section) */
const SEQUENTIAL_BODIES = 3000;

/** passes of the raw POSTs and of the target row; the median of each is compared */
const RAW_PASSES = 3;

/** The service's sender keeps this many deliveries in flight (MAX_IN_FLIGHT); the raw POSTs use as many. */
const IN_FLIGHT = 32;

const bodyOf = (req: IncomingMessage): Promise<string> => new Promise((resolve, reject) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8'))).on('error', reject);
});

/** A local receiver answering 204; it keeps each delivery's body once per path and webhook-id. */
async function receiver() {
  const bodies = new Map<string, string>();
  let received = 0;
  const server = createServer((req, res) => {
    void bodyOf(req).then((body) => {
      received += 1;
      bodies.set(`${req.url} ${String(req.headers['webhook-id'] ?? received)}`, body);
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
type Sink = Awaited<ReturnType<typeof receiver>>;

/** Waits for `expected` distinct deliveries; false after a quiet spell (a stall is a finding, not a hang). */
async function arrived(sink: Sink, expected: number, label: string, quietMs: number): Promise<boolean> {
  const bar = progressBar(label, expected);
  let last = 0;
  let quietSince = performance.now();
  while (sink.bodies.size < expected) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    bar.update(sink.bodies.size);
    if (sink.bodies.size !== last) [last, quietSince] = [sink.bodies.size, performance.now()];
    else if (performance.now() - quietSince > quietMs) break;
  }
  bar.stop();
  return sink.bodies.size >= expected;
}

const api = async (baseUrl: string, method: string, route: string, body?: unknown) => {
  const response = await fetch(`${baseUrl}${route}`, {
    method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${route} answered ${response.status}: ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : null;
};

/**
 * Deliveries of a backlog already queued (the log is written and projected; each subscription is
 * created paused and replays the whole log), from resuming the subscriptions to the last delivery:
 * the sending side alone (claim, sign, POST, record), the work the raw POSTs do without the rest.
 */
async function drainRow(baseUrl: string, name: string, specs: ReadonlyArray<{ jurisdictions?: string[]; maxInFlight?: number }>, quietMs: number): Promise<WebhookRow | string> {
  const sink = await receiver();
  const ids: string[] = [];
  try {
    let expected = 0;
    for (const [index, spec] of specs.entries()) {
      const created = await api(baseUrl, 'POST', '/v1/subscriptions', { url: `${sink.url}/${index}`, description: `bench: ${name}`, ...spec });
      ids.push(created.id);
      await api(baseUrl, 'PATCH', `/v1/subscriptions/${created.id}`, { status: 'paused' });
      expected += (await api(baseUrl, 'POST', `/v1/subscriptions/${created.id}/replay`, { fromPosition: '1' })).enqueued;
    }
    if (expected === 0) return `${name}: the corpus has nothing for these subscriptions`;
    const started = performance.now();
    for (const id of ids) await api(baseUrl, 'PATCH', `/v1/subscriptions/${id}`, { status: 'active' });
    const complete = await arrived(sink, expected, name.slice(0, 26), quietMs);
    const seconds = secondsSince(started);
    if (!complete) return `${name}: delivery stalled: ${sink.bodies.size} of ${expected} delivered in ${seconds.toFixed(0)} s`;
    return { name, subscriptions: specs.length, deliveries: expected, seconds, deliveriesPerSecond: expected / seconds, ratio: Number.NaN };
  } finally {
    for (const id of ids) await api(baseUrl, 'DELETE', `/v1/subscriptions/${id}`);
    await sink.close();
  }
}

/**
 * Signed deliveries to local receivers, one row per way of delivering, each against raw undici
 * POSTs of the same bodies to the same kind of receiver, IN_FLIGHT at a time:
 * - one subscription, in log order, from the first append of `events` corpus events (written by a
 *   second process after the subscription exists) to the last delivery: the whole pipeline;
 * - queued backlogs (drainRow): one subscription in log order; 32 subscriptions filtered to one
 *   province each (the realistic fan-out: the row compared to the target); one subscription that
 *   allows IN_FLIGHT deliveries at once.
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
  const rows: WebhookRow[] = [];
  const stalls: string[] = [];
  const quietMs = Math.max(10_000, options.duration * 1000);
  let bodies: string[];
  try {
    await api(service.baseUrl, 'POST', '/v1/subscriptions', { url: sink.url, description: 'bench' });
    // the corpus is written by another process: on this event loop its synchronous inserts would
    // stall the local receiver, and the service would time its deliveries out (a bench artifact)
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const writer = spawn(process.execPath, [path.join(import.meta.dirname, '../corpus/cli.js'), '--events', String(events),
        '--seed', String(options.seed + 7), '--data-dir', dir], { stdio: 'ignore' });
      writer.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`corpus writer exited with ${code}`))));
    });
    // the whole pipeline may be quiet for a while: the projector's first batches come before any delivery
    const complete = await arrived(sink, events, 'webhook deliveries', Math.max(60_000, quietMs));
    const seconds = secondsSince(started);
    if (!complete) {
      await sink.close();
      // a rate over a stalled queue would be a made-up figure: say what happened instead
      return { measured: false, deliveries: sink.bodies.size, expected: events, seconds,
        reason: `delivery stalled: ${sink.bodies.size} of ${events} events delivered in ${seconds.toFixed(0)} s, then nothing for ${Math.max(60_000, quietMs) / 1000} s` };
    }
    rows.push({ name: '1 subscription, log order: from the first append (writer + projector + delivery)', subscriptions: 1,
      deliveries: events, seconds, deliveriesPerSecond: events / seconds, ratio: Number.NaN });
    bodies = [...sink.bodies.values()];
    const provinces = jurisdictions.all.filter((j) => j.level === 'province').slice(0, IN_FLIGHT).map((j) => [j.code]);
    const drains: Array<[string, Array<{ jurisdictions?: string[]; maxInFlight?: number }>]> = [
      ['1 subscription, log order: queued backlog', [{}]],
      [TARGET_ROW, provinces.map((codes) => ({ jurisdictions: codes }))],
      [`1 subscription, maxInFlight ${IN_FLIGHT} (no order): queued backlog`, [{ maxInFlight: IN_FLIGHT }]],
    ];
    for (const [name, specs] of drains) {
      // the row compared to the target is drained as many times as the raw POSTs run: its median pass counts
      const passes: WebhookRow[] = [];
      for (let pass = 0; pass < (name === TARGET_ROW ? RAW_PASSES : 1); pass++) {
        const row = await drainRow(service.baseUrl, name, specs, quietMs);
        if (typeof row === 'string') stalls.push(row);
        else passes.push(row);
      }
      const median = passes.sort((a, b) => a.deliveriesPerSecond - b.deliveriesPerSecond)[Math.floor(passes.length / 2)];
      if (median) rows.push(passes.length > 1 ? { ...median, passesPerSecond: passes.map((p) => p.deliveriesPerSecond) } : median);
    }
  } finally {
    await service.close();
  }
  // the raw POSTs three times over (a second of work each on this machine, where one pass varied
  // by 2x from run to run): the median pass is the limit
  const agent = new Agent({ connections: IN_FLIGHT });
  const passes: Array<{ posts: number; seconds: number }> = [];
  for (let pass = 0; pass < RAW_PASSES; pass++) {
    const before = sink.received();
    const started = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const response = await request(sink.url, { method: 'POST', dispatcher: agent, body, headers: { 'content-type': 'application/json', 'webhook-id': `raw_${pass}_${next}` } });
        await response.body.dump();
      }
    }));
    passes.push({ posts: sink.received() - before, seconds: secondsSince(started) });
  }
  // the same bodies one at a time over one connection: what one subscription in log order can do at most
  const sequential: number[] = [];
  for (let pass = 0; pass < RAW_PASSES; pass++) {
    const started = performance.now();
    const some = bodies.slice(0, SEQUENTIAL_BODIES);
    for (const [i, body] of some.entries()) {
      const response = await request(sink.url, { method: 'POST', dispatcher: agent, body, headers: { 'content-type': 'application/json', 'webhook-id': `seq_${pass}_${i}` } });
      await response.body.dump();
    }
    sequential.push(some.length / secondsSince(started));
  }
  const rawSequentialPostsPerSecond = [...sequential].sort((a, b) => a - b)[Math.floor(RAW_PASSES / 2)]!;
  await agent.close();
  await sink.close();
  const median = [...passes].sort((a, b) => a.posts / a.seconds - b.posts / b.seconds)[Math.floor(RAW_PASSES / 2)]!;
  const { posts: rawPosts, seconds: rawSeconds } = median;
  const rawPostsPerSecond = rawPosts / rawSeconds;
  // one subscription in log order: the limit is one POST at a time; the rest: 32 in flight
  const measured = rows.map((row) => {
    const limit = row.subscriptions === 1 && !row.name.includes('maxInFlight') ? 'sequential' as const : 'concurrent' as const;
    const limitPerSecond = limit === 'sequential' ? rawSequentialPostsPerSecond : rawPostsPerSecond;
    return { ...row, limit, limitPerSecond, ratio: ratio(row.deliveriesPerSecond, limitPerSecond) };
  });
  const targetRow = measured.find((row) => row.name === TARGET_ROW);
  const sequentialRow = measured.find((row) => row.name === SEQUENTIAL_TARGET_ROW);
  if (!targetRow || !sequentialRow) return { measured: false, reason: stalls.join('; ') || 'the fan-out or the one-subscription row was not measured' };
  return {
    measured: true, rows: measured, rawPosts, rawSeconds, rawPostsPerSecond, rawPassesPerSecond: passes.map((p) => p.posts / p.seconds),
    meanBodyBytes: Math.round(bodies.reduce((sum, b) => sum + Buffer.byteLength(b), 0) / bodies.length),
    ratio: targetRow.ratio, ratioOf: TARGET_ROW,
    rawSequentialPostsPerSecond, sequentialRatio: sequentialRow.ratio, sequentialRatioOf: SEQUENTIAL_TARGET_ROW,
  };
}
