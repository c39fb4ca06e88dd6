import { DateTime } from 'luxon';
import { DEFAULT_PAGE, JURISDICTIONS, jurisdictions, parseTimeQuery } from '../../libs/domain/src/index.js';
import {
  AsOfAnswers, KyselyTimelineReader, LEAN_STATE, openReadModel, READ_MODEL_PROJECTOR, type OpenReadModelOptions,
} from '../../libs/read-model/src/index.js';
import type { CorpusDir } from '../support/corpus-dir.js';
import { load, type LoadResult } from '../support/load.js';
import { ratio, seededRandom, timeCalls, type Latencies } from '../support/measure.js';
import { startBareFastify, startService } from '../support/servers.js';
import { WEBHOOK_MIGRATIONS } from '../../libs/webhooks/src/index.js';
import { DEFAULT_READ_MODEL_CACHE_MB } from '../../libs/config/src/index.js';

export type AsOfKind = 'jurisdictionState' | 'bans';
export interface AsOfQuery {
  readonly kind: AsOfKind;
  readonly code: string;
  readonly asOf: string;
  /** absent: the latest knowledge (the common question, the projected path once it lands); set: the exact fold */
  readonly knownAt?: string;
  readonly path: string;
}

/** Latencies of questions asked again, and of their first asking (the warm-up) */
export type WarmedLatencies = Latencies & { readonly firstAsking?: Latencies };

const DAY_MS = 86_400_000;
const FIRST = Date.parse('2011-01-01T00:00:00Z');
const LAST = Date.parse('2025-12-31T00:00:00Z');

/**
 * Random provinces at random days of 2011-2025, the same list for the same seed: latest-knowledge
 * questions (asOf only, no knownAt / recordedAt), the ones users ask most.
 */
export function asOfQueries(kind: AsOfKind, count: number, seed: number): AsOfQuery[] {
  const random = seededRandom(seed + (kind === 'bans' ? 1 : 0));
  const provinces = JURISDICTIONS.filter((j) => j.level === 'province');
  return Array.from({ length: count }, () => {
    const code = provinces[Math.floor(random() * provinces.length)]!.code;
    const asOf = new Date(FIRST + Math.floor(random() * ((LAST - FIRST) / DAY_MS + 1)) * DAY_MS).toISOString().slice(0, 10);
    const path = kind === 'bans' ? `/v1/bans?jurisdiction=${code}&asOf=${asOf}` : `/v1/jurisdictions/${code}/state?asOf=${asOf}`;
    return { kind, code, asOf, path };
  });
}

/**
 * The query handlers the HTTP routes call (reader + pure fold), without HTTP; a path is a SQLite
 * read model. The state is asked as the route asks it by default: the lean answer (no page of facts,
 * no sources; include=facts,sources adds them), so in process and over HTTP measure the same answer,
 * on a connection with the page cache of the service's (READ_MODEL_CACHE_MB).
 */
export async function inProcessAsOf(
  readModelAt: string | OpenReadModelOptions, queries: readonly AsOfQuery[], seconds: number, minCalls = Math.min(queries.length, 5),
): Promise<WarmedLatencies> {
  // the page cache of the service's connections that answer questions (READ_MODEL_CACHE_MB's default)
  const readModel = await openReadModel({
    sqliteCacheMb: DEFAULT_READ_MODEL_CACHE_MB, ...(typeof readModelAt === 'string' ? { sqlitePath: readModelAt } : readModelAt), migrations: [WEBHOOK_MIGRATIONS],
  });
  try {
    const answers = new AsOfAnswers(new KyselyTimelineReader(readModel.db, READ_MODEL_PROJECTOR));
    const answer = (query: AsOfQuery) => {
      const jurisdiction = jurisdictions.get(query.code);
      const time = parseTimeQuery({ asOf: query.asOf, knownAt: query.knownAt }, { now: DateTime.utc(), zone: jurisdiction.zone });
      return query.kind === 'bans' ? answers.bans(time, jurisdiction) : answers.jurisdictionState(time, jurisdiction, DEFAULT_PAGE, LEAN_STATE);
    };
    // warm-up (JIT and page cache): each question asked once first, as a running service has been
    // asked them before (for `seconds` at most: a fold takes a second at 1M); timed apart, reported as the first asking
    // each timing starts from a collected heap (npm run bench passes --expose-gc), as the sections do:
    // what the runs before left in this process (the folds, the HTTP runs) is not this one's to collect
    globalThis.gc?.();
    const warmUntil = performance.now() + seconds * 1000;
    const firstAsking = await timeCalls(0, 1, (i) => answer(queries[i]!), (i) => i < queries.length && (i < minCalls || performance.now() < warmUntil));
    globalThis.gc?.();
    return { ...(await timeCalls(seconds, minCalls, (i) => answer(queries[i % queries.length]!))), firstAsking };
  } finally {
    await readModel.close();
  }
}

export interface HttpAsOf {
  readonly service: LoadResult;
  readonly bareFastify: LoadResult;
  readonly ratio: number;
  readonly meanResponseBytes: number;
  readonly distinctPaths: number;
}

/** The service over HTTP against a bare Fastify route that answers the same paths with the same bytes. */
export async function httpAsOf(corpus: CorpusDir, queries: readonly AsOfQuery[], duration: number, connections: number,
  env: Record<string, string> = {}): Promise<HttpAsOf> {
  const service = await startService(corpus.dir, env);
  const answers = new Map<string, { body: Buffer; contentType: string }>();
  let measured: LoadResult;
  try {
    // the answers to record are bounded in time too: at a large size one answer may take seconds
    const started = performance.now();
    for (const { path } of queries) {
      if (answers.size >= 5 && performance.now() - started > duration * 1000) break;
      const response = await fetch(service.baseUrl + path);
      if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${await response.text()}`);
      answers.set(path, { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type') ?? 'application/json' });
    }
    measured = await load({ url: service.baseUrl, duration, connections, requests: [...answers.keys()].map((path) => ({ method: 'GET', path })) });
  } finally {
    await service.close();
  }
  const bare = await startBareFastify(answers);
  try {
    const floor = await load({ url: bare.baseUrl, duration, connections, requests: [...answers.keys()].map((path) => ({ method: 'GET', path })) });
    const bytes = [...answers.values()].reduce((sum, { body }) => sum + body.length, 0) / Math.max(1, answers.size);
    return { service: measured, bareFastify: floor, ratio: ratio(measured.requestsPerSecond, floor.requestsPerSecond), meanResponseBytes: Math.round(bytes), distinctPaths: answers.size };
  } finally {
    await bare.close();
  }
}

/** The same questions known at a far future day: the same answers by the exact fold (the knownAt path). */
export const knownAtFold = (queries: readonly AsOfQuery[]): AsOfQuery[] =>
  queries.map((query) => ({ ...query, knownAt: '2100-01-01', path: `${query.path}&knownAt=2100-01-01` }));

/**
 * Latest-knowledge questions in process, and over HTTP twice: as deployed (the recorded questions
 * repeat, so after the first asking they come from the answer cache) and with every answer computed
 * (ANSWER_CACHE_MB=0), the cost of a new question. Plus the same questions with knownAt in process
 * (an extra row: the fold, which knownAt / recordedAt questions keep).
 */
export async function asOfSection(corpus: CorpusDir, options: { seed: number; duration: number; connections: number }) {
  const kinds = ['jurisdictionState', 'bans'] as const;
  const queries = Object.fromEntries(kinds.map((kind) => [kind, asOfQueries(kind, 200, options.seed)])) as Record<AsOfKind, AsOfQuery[]>;
  // the latest knowledge of both kinds first, the folds after: the service folds in threads of
  // their own (FOLD_WORKERS), whose V8 isolates' pretenuring decisions the projected answers never
  // meet; in this one isolate, the bans asked after the folds read p99 5.6 ms against 2.7 before them
  const inProcess = { jurisdictionState: await inProcessAsOf(corpus.readModelPath, queries.jurisdictionState, options.duration),
    bans: await inProcessAsOf(corpus.readModelPath, queries.bans, options.duration) };
  const result: Record<AsOfKind, { inProcess: WarmedLatencies; inProcessKnownAt: WarmedLatencies; http: HttpAsOf; httpComputed: HttpAsOf }> = {} as never;
  for (const kind of kinds) {
    result[kind] = {
      inProcess: inProcess[kind],
      inProcessKnownAt: await inProcessAsOf(corpus.readModelPath, knownAtFold(queries[kind]), options.duration),
      http: await httpAsOf(corpus, queries[kind], options.duration, options.connections),
      httpComputed: await httpAsOf(corpus, queries[kind], options.duration, options.connections, { ANSWER_CACHE_MB: '0' }),
    };
  }
  return result;
}
