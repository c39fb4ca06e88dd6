import type { appendSection } from './sections/append.js';
import type { asOfSection } from './sections/as-of.js';
import type { asOfPostgresSection } from './sections/as-of-postgres.js';
import type { floodSection } from './sections/flood.js';
import type { auditSection } from './sections/audit.js';
import type { growthSection } from './sections/growth.js';
import type { rebuildSection } from './sections/rebuild.js';
import type { webhooksSection } from './sections/webhooks.js';
import type { machine } from './support/measure.js';
import { fmt, target, type Row, type Target } from './support/report.js';

type Of<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

/** Everything written to latest.json. */
export interface BenchResults {
  machine: ReturnType<typeof machine>;
  options: Record<string, unknown>;
  corpus?: { events: number; notices: number; generationSeconds: number; reused: boolean; [key: string]: unknown };
  append?: Of<typeof appendSection>;
  rebuild?: Of<typeof rebuildSection>;
  asOf?: Of<typeof asOfSection>;
  asOfPostgres?: Of<typeof asOfPostgresSection>;
  flood?: Of<typeof floodSection>;
  growth?: Of<typeof growthSection> & { projectorPeakRssMiB: { small: number; full: number; ratio: number } };
  webhooks?: Of<typeof webhooksSection>;
  audit?: Of<typeof auditSection>;
  targets?: Target[];
}

const perS = (n: number, unit: string) => `${fmt(n, n < 10 ? 2 : 0)} ${unit}/s`;
const ms = (n: number) => `${fmt(n, 2)} ms`;

/** The printed table: each figure next to the limit of the same work. */
export function tableOf(r: BenchResults): Row[] {
  const rows: Row[] = [];
  if (r.corpus) {
    rows.push({ section: 'corpus', figure: `${fmt(r.corpus.events)} events, ${fmt(r.corpus.notices)} notices`,
      value: `${fmt(r.corpus.generationSeconds, 1)} s`, limit: r.corpus.reused ? '(generated earlier, reused)' : '(generated now)' });
  }
  if (r.append) {
    const a = r.append;
    // results written before the passes (2026-12-04) have one pass and no list
    const passes = a.passesRatio ?? [];
    rows.push({ section: 'append', figure: passes.length > 1
      ? `command path, in process (the median of ${passes.length} passes, each with the raw inserts of its rows: ${passes.map((r) => r.toFixed(3)).join(', ')})`
      : 'command path, in process',
      value: perS(a.inProcess.noticesPerSecond, 'notices'), limit: perS(a.raw.noticesPerSecond, 'notices'), ratio: a.inProcessRatio });
    rows.push({ section: 'append', figure: `POST /v1/notices (${a.http.failed} failed${passes.length > 1 ? "; against the passes' median raw inserts" : ''})`, value: perS(a.http.noticesPerSecond, 'notices'),
      limit: perS(a.rawMedianPerSecond ?? a.raw.noticesPerSecond, 'notices'), ratio: a.httpRatio });
  }
  if (r.rebuild) {
    const b = r.rebuild;
    rows.push({ section: 'rebuild', figure: `projector from zero (${fmt(b.readModelRows)} rows)`, value: perS(b.eventsPerSecond, 'events'),
      limit: perS(b.rawEventsPerSecond, 'events'), ratio: b.ratio });
    rows.push({ section: 'rebuild', figure: 'peak RSS of the rebuild', value: `${fmt(b.peakRssMiB)} MiB` });
  }
  if (r.asOf) {
    for (const kind of ['jurisdictionState', 'bans'] as const) {
      const q = r.asOf[kind];
      const first = q.inProcess.firstAsking;
      if (first) {
        rows.push({ section: 'as-of', figure: `${kind} in process p50 / p99, first asking of each of ${first.count} questions (warm-up: cold pages, JIT)`,
          value: `${ms(first.p50Ms)} / ${ms(first.p99Ms)}` });
      }
      rows.push({ section: 'as-of', figure: `${kind} in process p50 / p99 (latest knowledge; the same questions again)`, value: `${ms(q.inProcess.p50Ms)} / ${ms(q.inProcess.p99Ms)}` });
      rows.push({ section: 'as-of', figure: `${kind} in process p50 / p99, same questions with knownAt (the fold)`,
        value: `${ms(q.inProcessKnownAt.p50Ms)} / ${ms(q.inProcessKnownAt.p99Ms)}` });
      rows.push({ section: 'as-of', figure: `${kind} HTTP p50 / p99 (${q.http.service.failed} failed)`,
        value: `${ms(q.http.service.p50Ms)} / ${ms(q.http.service.p99Ms)}`, limit: `${ms(q.http.bareFastify.p50Ms)} / ${ms(q.http.bareFastify.p99Ms)}` });
      rows.push({ section: 'as-of', figure: `${kind} HTTP, repeated questions (answer cache; ${fmt(q.http.meanResponseBytes)} B/answer)`,
        value: perS(q.http.service.requestsPerSecond, 'req'), limit: `${perS(q.http.bareFastify.requestsPerSecond, 'req')} bare`, ratio: q.http.ratio });
      rows.push({ section: 'as-of', figure: `${kind} HTTP, every answer computed (ANSWER_CACHE_MB=0)`,
        value: perS(q.httpComputed.service.requestsPerSecond, 'req'), limit: `${perS(q.httpComputed.bareFastify.requestsPerSecond, 'req')} bare`,
        ratio: q.httpComputed.ratio });
    }
  }
  if (r.flood) {
    const f = r.flood;
    const runs = [['gated', f.gated], ['in-thread', f.inThread], ['open', f.open]] as const;
    for (const [name, run] of runs.filter(([, measured]) => measured !== undefined)) {
      const where = run.answerWorkers > 0 ? `${run.answerWorkers} answer worker${run.answerWorkers > 1 ? 's' : ''}` : 'answers in the API thread';
      const gate = name === 'open' ? `gate opened wide, ${where} (as before issue 15)` : `READ_CONCURRENCY=${run.readConcurrency}, READ_QUEUE=${run.readQueue}, ${where}`;
      rows.push({ section: 'flood', figure: `/health p50 / p99 during ${f.connections} connections of computed questions (${gate})`,
        value: `${ms(run.health.p50Ms)} / ${ms(run.health.p99Ms)}`,
        limit: `flood: ${perS(run.flood.requestsPerSecond, 'req')} answered, ${fmt(run.flood.failed)} refused or timed out` });
    }
  }
  if (r.asOfPostgres) {
    const p = r.asOfPostgres;
    rows.push({ section: 'as-of pg', figure: `rebuild into ${p.server}`, value: perS(p.rebuild.eventsPerSecond, 'events') });
    for (const kind of ['jurisdictionState', 'bans'] as const) {
      const q = p[kind];
      rows.push({ section: 'as-of pg', figure: `${kind} in process p50 / p99`, value: `${ms(q.inProcess.p50Ms)} / ${ms(q.inProcess.p99Ms)}` });
      rows.push({ section: 'as-of pg', figure: `${kind} HTTP (${fmt(q.http.meanResponseBytes)} B/answer)`, value: perS(q.http.service.requestsPerSecond, 'req'),
        limit: `${perS(q.http.bareFastify.requestsPerSecond, 'req')} bare`, ratio: q.http.ratio });
    }
  }
  if (r.growth) {
    const g = r.growth;
    for (const kind of ['jurisdictionState', 'bans'] as const) {
      rows.push({ section: 'growth', figure: `${kind} p99 ${fmt(g.fullEvents)} vs ${fmt(g.smallEvents)} (the same ${g[kind].questions} questions${g[kind].rounds ? `, ${g[kind].rounds} times each` : ''})`, value: ms(g[kind].fullP99Ms),
        limit: `${ms(g[kind].smallP99Ms)} at small`, ratio: g[kind].ratio });
    }
    rows.push({ section: 'growth', figure: 'projector peak RSS, full vs small', value: `${fmt(g.projectorPeakRssMiB.full)} MiB`,
      limit: `${fmt(g.projectorPeakRssMiB.small)} MiB`, ratio: g.projectorPeakRssMiB.ratio });
  }
  if (r.webhooks) {
    const w = r.webhooks;
    if (!w.measured) rows.push({ section: 'webhooks', figure: 'not measured', value: w.reason });
    // each way of delivering against raw POSTs doing the same work: one at a time for one subscription
    // in log order, else 32 in flight; the targets' rows are marked
    if (w.measured) {
      for (const row of w.rows) {
        const sequential = row.limit === 'sequential';
        rows.push({ section: 'webhooks', figure: `${row.name}${row.name === w.ratioOf || row.name === w.sequentialRatioOf ? ' [target]' : ''}`,
          value: perS(row.deliveriesPerSecond, 'deliveries'),
          limit: `${perS(row.limitPerSecond ?? w.rawPostsPerSecond, 'POSTs')}${sequential ? ' 1 at a time' : ''}`, ratio: row.ratio });
      }
      // the limits are POSTs from a process of their own, as the service sends; from the receiver's process (no limit: shown for scale)
      rows.push({ section: 'webhooks', figure: 'raw POSTs from the receiver\'s own process (no process boundary), 32 in flight',
        value: perS(w.rawInProcessPostsPerSecond, 'POSTs') });
      rows.push({ section: 'webhooks', figure: 'raw POSTs from the receiver\'s own process (no process boundary), 1 at a time',
        value: perS(w.rawSequentialInProcessPostsPerSecond, 'POSTs') });
    }
  }
  if (r.audit) {
    const a = r.audit;
    rows.push({ section: 'audit', figure: 'verify (read, hash, link; two threads from 50k events)', value: perS(a.verifyEventsPerSecond, 'events'),
      limit: `${perS(a.rawSha256EventsPerSecond, 'events')} sha-256`, ratio: a.ratio });
    rows.push({ section: 'audit', figure: 'reading the log alone', value: perS(a.readOnlyEventsPerSecond, 'events') });
    rows.push({ section: 'audit', figure: 'verify, by CPU time of both threads (not wall)', value: perS(a.verifyEventsPerCpuSecond, 'events'),
      limit: `${perS(a.rawSha256EventsPerCpuSecond, 'events')} sha-256`, ratio: a.cpuRatio });
  }
  return rows;
}

/**
 * Issue 17's targets at 1M events, one row per kind (ratios within one run), then the earlier
 * issues' targets that still hold (repeated answers, verify). "/health during a flood" is reported,
 * with no threshold: the issue asks for the figure.
 */
export function targetsOf(r: BenchResults): Target[] {
  const a = r.asOf;
  const g = r.growth;
  const w = r.webhooks?.measured ? r.webhooks : undefined;
  return [
    target('as-of state HTTP, every answer computed / bare route, same bytes', a?.jurisdictionState.httpComputed.ratio, { atLeast: 0.3 }),
    target('as-of bans HTTP, every answer computed / bare route, same bytes', a?.bans.httpComputed.ratio, { atLeast: 0.3 }),
    target('as-of state in process p99 (ms)', a?.jurisdictionState.inProcess.p99Ms, { atMost: 5 }),
    target('as-of bans in process p99 (ms)', a?.bans.inProcess.p99Ms, { atMost: 5 }),
    target('growth: as-of state p99 full / small, same questions', g?.jurisdictionState.ratio, { atMost: 1.3 }),
    target('growth: as-of bans p99 full / small, same questions', g?.bans.ratio, { atMost: 1.3 }),
    target('webhooks 32 subscriptions / raw POSTs', w?.ratio, { atLeast: 0.5 }),
    target('webhooks 1 subscription in order / raw POSTs 1 at a time', w?.sequentialRatio, { atLeast: 0.5 }),
    target('rebuild / raw inserts', r.rebuild?.ratio, { atLeast: 0.5 }),
    target('rebuild peak RSS full / small (flat)', g?.projectorPeakRssMiB.ratio, { atMost: 1.3 }),
    target('append in process / raw durable inserts', r.append?.inProcessRatio, { atLeast: 0.4 }),
    target('append over HTTP / raw durable inserts', r.append?.httpRatio, { atLeast: 0.25 }),
    target('/health p99 (ms) during a flood of uncached reads', r.flood?.gated.health.p99Ms, { report: true }),
    target('(earlier) as-of HTTP, repeated questions / bare (worse kind)', least(a?.jurisdictionState.http.ratio, a?.bans.http.ratio), { atLeast: 0.5 }),
    target('(earlier) verify / raw sha-256', r.audit?.ratio, { atLeast: 0.5 }),
  ];
}

const least = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : Math.min(a, b));
