/**
 * `npm run bench:live-stale -- --dir <a copy of a built corpus>`: one live notice to a large place of
 * a built corpus (a copy: the service appends to it), then the answers about an earlier day while
 * the projector computes the place again (projection_dirty: the place stale from the notice's first
 * day). Prints how long the place stayed stale and what each answer took meanwhile. Not part of
 * `npm run bench` (it changes the corpus it is given).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { Command } from 'commander';
import { DateTime } from 'luxon';
import type { NoticeInput } from '../libs/domain/src/index.js';
import { generateCorpus } from './corpus/generate.js';
import { medianOf } from './support/measure.js';
import { startService } from './support/servers.js';

const options = new Command('live-stale')
  .requiredOption('--dir <dir>', 'a built corpus directory (events.sqlite, read-model.sqlite) this run may change: a copy')
  .option('--effective <date>', 'the notice\'s effective date (its facts\' first day)', DateTime.now().setZone('Asia/Shanghai').minus({ days: 15 }).toISODate()!)
  .option('--as-of <date>', 'the day the answers are asked about', '2020-06-30')
  .option('--seconds <n>', 'how long to watch at most', (value) => Number(value), 120)
  .parse()
  .opts<{ dir: string; effective: string; asOf: string; seconds: number }>();

const service = await startService(options.dir);
const readModel = new Database(path.join(options.dir, 'read-model.sqlite'), { readonly: true });
try {
  const staleMarks = readModel.prepare<[], { jurisdiction: string; stale_from: number | null }>('SELECT jurisdiction, stale_from FROM projection_dirty');
  // a notice of the bench's corpus (seed 7: not one the corpus holds), its facts dated `effective`
  let first: NoticeInput | undefined;
  for (const append of generateCorpus({ events: 2_000, seed: 7 })) {
    first = append.notice;
    if (first) break;
  }
  const notice: NoticeInput = { ...first!, title: `${first!.title} (live, ${Date.now()})`, effects: first!.effects.map((effect) => ({ ...effect, effective: options.effective })) };
  // each asking a day earlier than the one before: every answer computed, none from the answer cache
  let asked = 0;
  const day = () => DateTime.fromISO(options.asOf, { zone: 'Asia/Shanghai' }).minus({ days: asked++ }).toISODate()!;
  const questions = [(asOf: string) => `/v1/jurisdictions/${notice.jurisdiction}/state?asOf=${asOf}`, (asOf: string) => `/v1/jurisdictions/CN/state?asOf=${asOf}`,
    (asOf: string) => `/v1/bans?asOf=${asOf}`];
  const paths = questions.map((question) => question('<day>'));
  const ask = async (url: string): Promise<number> => {
    const started = performance.now();
    const response = await fetch(service.baseUrl + url);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return performance.now() - started;
  };
  for (const [index, question] of questions.entries()) {
    console.log(`before: ${paths[index]} ${(await ask(question(day()))).toFixed(0)} ms, another day ${(await ask(question(day()))).toFixed(0)} ms`);
  }

  const posted = performance.now();
  const response = await fetch(`${service.baseUrl}/v1/notices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(notice) });
  if (response.status !== 201) throw new Error(`POST /v1/notices: ${response.status} ${await response.text()}`);
  console.log(`notice to ${notice.jurisdiction} effective ${options.effective}: 201 in ${(performance.now() - posted).toFixed(0)} ms`);
  // meanwhile the nation now, a day the notice reaches: it waits for the place to be computed (READ_YOUR_WRITES_TIMEOUT_MS at most, then folds)
  const now = '/v1/jurisdictions/CN/state';
  const nowAsked = (async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const staleWhenAsked = staleMarks.all().length > 0;
    return { staleWhenAsked, ms: await ask(now) };
  })();
  const whileStale = new Map<string, number[]>(paths.map((url) => [url, []]));
  // seconds after the notice: when the place was first seen stale, and how long it stayed so
  const window: { since: number | null; lasted: number | null } = { since: null, lasted: null };
  const stale = () => {
    const marks = staleMarks.all();
    const at = (performance.now() - posted) / 1000;
    if (marks.length > 0) window.since ??= at;
    else if (window.since !== null) window.lasted ??= at - window.since;
    return marks;
  };
  while (performance.now() - posted < options.seconds * 1000 && window.lasted === null) {
    const took = [];
    const asOf = day();
    for (const [index, question] of questions.entries()) {
      // the place stale when the question is asked
      const marks = stale();
      const ms = await ask(question(asOf));
      if (marks.length > 0) whileStale.get(paths[index]!)!.push(ms);
      took.push(`${ms.toFixed(0)} ms${marks.length > 0 ? ` (${marks.map((mark) => `${mark.jurisdiction} stale from key ${mark.stale_from}`).join(', ')})` : ''}`);
    }
    console.log(`${((performance.now() - posted) / 1000).toFixed(2)} s, as of ${asOf}: ${took.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    stale();
  }
  console.log(window.lasted === null ? `${window.since === null ? 'never seen stale' : 'still stale'} after ${options.seconds} s` : `stale for ~${window.lasted.toFixed(1)} s`);
  const nation = await nowAsked;
  console.log(`${now} asked 0.1 s after the notice (${nation.staleWhenAsked ? 'stale' : 'not stale'} then): ${nation.ms.toFixed(0)} ms`);
  for (const [url, times] of whileStale) {
    console.log(`while stale: ${url} ${times.length} answers (each of another day), median ${times.length ? medianOf(times).toFixed(0) : '-'} ms, max ${times.length ? Math.max(...times).toFixed(0) : '-'} ms`);
  }
} finally {
  readModel.close();
  await service.close();
}
