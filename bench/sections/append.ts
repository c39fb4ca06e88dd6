import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { NoticeCommands } from '../../libs/application/src/index.js';
import type { NoticeInput } from '../../libs/domain/src/index.js';
import { applyPragmas, ensureSchema, SqliteEventStore, type EventRow } from '../../libs/event-store/src/index.js';
import { generateCorpus } from '../corpus/generate.js';
import { load, type LoadResult } from '../support/load.js';
import { medianBy, medianOf, progressBar, ratio, secondsSince } from '../support/measure.js';
import { startService } from '../support/servers.js';

/** The corpus's notices, as an editor would publish them. */
function notices(count: number, seed: number): NoticeInput[] {
  const found: NoticeInput[] = [];
  for (const append of generateCorpus({ events: count * 8, seed })) {
    if (append.notice) found.push(append.notice);
    if (found.length >= count) break;
  }
  return found;
}

const freshDir = (dir: string): string => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** NoticeCommands.publish, one notice at a time: decide, hash chain, one durable transaction each. */
async function commandPath(dir: string, pool: readonly NoticeInput[], seconds: number) {
  const store = await SqliteEventStore.open(path.join(dir, 'events.sqlite'));
  const commands = new NoticeCommands(store);
  const bar = progressBar('append (command path)', Math.round(seconds * 10));
  let published = 0;
  let events = 0;
  const started = performance.now();
  try {
    while (secondsSince(started) < seconds || published < 20) {
      const outcome = await commands.publish(pool[published % pool.length]!, { actor: 'bench' });
      events += outcome.events?.length ?? 0;
      published += 1;
      bar.update(Math.round(secondsSince(started) * 10));
    }
    return { notices: published, events, seconds: secondsSince(started) };
  } finally {
    bar.stop();
    await store.close();
  }
}

/** The same rows, inserted by prepared statements: one IMMEDIATE transaction per notice, WAL, synchronous=FULL. */
function rawInserts(from: string, dir: string) {
  const source = new Database(from, { readonly: true });
  const rows = source.prepare('SELECT event_id, stream_name, revision, type, data, metadata, recorded_at FROM events ORDER BY position').all() as EventRow[];
  source.close();
  const byNotice: EventRow[][] = [];
  for (const row of rows) {
    const last = byNotice[byNotice.length - 1];
    if (last && last[0]!.stream_name === row.stream_name) last.push(row);
    else byNotice.push([row]);
  }
  const db = new Database(path.join(dir, 'raw-events.sqlite'));
  applyPragmas(db, { busyTimeoutMs: 5000 });
  ensureSchema(db);
  const insert = db.prepare('INSERT INTO events (event_id, stream_name, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const appendNotice = db.transaction((events: EventRow[]) => {
    for (const e of events) insert.run(e.event_id, e.stream_name, e.revision, e.type, e.data, e.metadata, e.recorded_at);
  });
  const started = performance.now();
  for (const events of byNotice) appendNotice.immediate(events);
  const seconds = secondsSince(started);
  db.close();
  return { notices: byNotice.length, events: rows.length, seconds };
}

/** POST /v1/notices with distinct bodies ([<id>] is replaced by autocannon with a fresh id per request). */
async function overHttp(dir: string, pool: readonly NoticeInput[], duration: number, connections: number): Promise<LoadResult> {
  const service = await startService(dir);
  try {
    const requests = pool.slice(0, 200).map((notice) => ({
      method: 'POST', path: '/v1/notices', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...notice, title: `${notice.title} [<id>]` }),
    }));
    return await load({ url: service.baseUrl, duration, connections, idReplacement: true, requests });
  } finally {
    await service.close();
  }
}

/**
 * Passes of the command path, each followed at once by the raw inserts of the rows it wrote: the
 * machine's load moves by 2-4x within a minute (other work), so a pass and its limit are measured
 * seconds apart under the same load, and the row is the pass of median ratio (as the webhook rows).
 */
const IN_PROCESS_PASSES = 3;

export async function appendSection(workDir: string, options: { seed: number; duration: number; connections: number }) {
  const pool = notices(2_000, options.seed);
  const passes: Array<{ inProcess: Awaited<ReturnType<typeof commandPath>>; raw: ReturnType<typeof rawInserts>; ratio: number }> = [];
  for (let pass = 0; pass < IN_PROCESS_PASSES; pass++) {
    const inProcessDir = freshDir(path.join(workDir, 'append-in-process', String(pass)));
    const inProcess = await commandPath(inProcessDir, pool, options.duration);
    const raw = rawInserts(path.join(inProcessDir, 'events.sqlite'), inProcessDir);
    passes.push({ inProcess, raw, ratio: ratio(inProcess.notices / inProcess.seconds, raw.notices / raw.seconds) });
  }
  const median = medianBy(passes, (p) => p.ratio)!;
  const http = await overHttp(freshDir(path.join(workDir, 'append-http')), pool, options.duration, options.connections);
  const inProcessRate = median.inProcess.notices / median.inProcess.seconds;
  // over HTTP against the median of the passes' raw rates
  const rawRate = medianOf(passes.map((p) => p.raw.notices / p.raw.seconds));
  return {
    eventsPerNotice: median.inProcess.events / Math.max(1, median.inProcess.notices),
    inProcess: { ...median.inProcess, noticesPerSecond: inProcessRate },
    http: { ...http, noticesPerSecond: http.requestsPerSecond },
    raw: { ...median.raw, noticesPerSecond: median.raw.notices / median.raw.seconds },
    inProcessRatio: median.ratio,
    passesRatio: passes.map((p) => p.ratio),
    passesPerSecond: passes.map((p) => p.inProcess.notices / p.inProcess.seconds),
    rawPassesPerSecond: passes.map((p) => p.raw.notices / p.raw.seconds),
    rawMedianPerSecond: rawRate,
    httpRatio: ratio(http.requestsPerSecond, rawRate),
  };
}
