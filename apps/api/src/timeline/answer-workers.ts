import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { QueryBus, type Query } from '@nestjs/cqrs';
import { Piscina } from 'piscina';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src/index.js';
import { instantText, STALE_POLL_MS, timeText, type QuestionText } from '../../../../libs/read-model/src/index.js';
import {
  BansQuery, DiffQuery, JurisdictionStateQuery, JurisdictionTimelineQuery, NationalStateQuery,
} from './timeline.queries.js';
import { SeriesQuery } from './series.queries.js';
import type { AnswerWorkerData } from './answer-worker.js';
import { isBeingComputed, PreparedAnswer, WRITTEN_BY_WORKERS, type AnswerTask, type BeingComputed, type WrittenAnswer } from './prepared-answer.js';

type AnswerPool = Piscina<AnswerTask<QuestionText>, string | WrittenAnswer | BeingComputed>;

/**
 * The worker's compiled file. Run from the build it sits beside this one; run from the TypeScript
 * sources (the tests) it is the build of the same file (`npm test` builds first).
 */
function answerWorkerFile(): string | null {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith('.ts')
    ? path.join(path.resolve(path.dirname(here), '../../../..'), 'dist/apps/api/src/timeline/answer-worker.js')
    : path.join(path.dirname(here), 'answer-worker.js');
  return existsSync(file) ? file : null;
}

/** The question as data for a worker, or null when it is not one computed there. */
function questionText(query: object): QuestionText | null {
  if (query instanceof NationalStateQuery) return { kind: 'national-state', time: timeText(query.time), country: query.country.code, parts: { ...query.parts }, page: { ...query.page } };
  if (query instanceof JurisdictionStateQuery) {
    return { kind: 'jurisdiction-state', time: timeText(query.time), jurisdiction: query.jurisdiction.code, page: { ...query.page }, parts: { ...query.parts } };
  }
  if (query instanceof BansQuery) return { kind: 'bans', time: timeText(query.time), jurisdiction: query.jurisdiction?.code ?? null, page: { ...query.page } };
  if (query instanceof DiffQuery) {
    return { kind: 'diff', from: timeText(query.from), to: timeText(query.to), jurisdiction: query.jurisdiction?.code ?? null, page: { ...query.page } };
  }
  if (query instanceof JurisdictionTimelineQuery) {
    return { kind: 'jurisdiction-timeline', jurisdiction: query.jurisdiction.code, from: query.from, to: query.to, time: timeText(query.time), page: { ...query.page } };
  }
  if (query instanceof SeriesQuery) {
    return { kind: 'series', jurisdiction: query.jurisdiction.code, measure: query.measure, step: query.step, from: instantText(query.from),
      points: query.points.map(instantText), time: timeText(query.time) };
  }
  return null;
}

/**
 * Whether the question is answered by folding the histories: diff, timeline and series always;
 * a state or the bans when knownAt or recordedAt is given (the latest knowledge is read from the projection).
 */
function folds(question: QuestionText): boolean {
  if (question.kind === 'diff' || question.kind === 'jurisdiction-timeline' || question.kind === 'series') return true;
  const { knownAt, recordedAt, recordedPosition } = question.time;
  return knownAt !== null || recordedAt !== null || recordedPosition !== null;
}

/**
 * Where a point-in-time answer is computed. With ANSWER_WORKERS > 0 (the default) the state, bans,
 * diff and timeline answers are computed in a pool of worker threads, each reading the read models
 * on its own connection, so the API's event loop stays free for /health, cached answers and
 * writes however long a computation takes; with 0, in this thread as before. The read gate
 * (READ_CONCURRENCY, READ_QUEUE) still bounds how many are asked at once. Either way the same query
 * handlers answer (tests hold the two paths equal).
 *
 * The answers that fold the histories (a second at 1M events, most of what they allocate living
 * through the fold) have a pool of their own (FOLD_WORKERS, 1 by default; 0: they share the answer
 * workers): a V8 isolate that has folded judges the places where the answers from the projection
 * allocate to be long-lived too and allocates them in the old generation (allocation-site
 * pretenuring), and their young collections then copied ~1 MB each instead of ~0.2 (at 1M events,
 * the bans from the projection asked after folds in the same thread: p99 2.7 -> 6.8 ms). Apart, a
 * fold also no longer holds a thread that answers from the projection.
 */
@Injectable()
export class ComputedAnswers implements OnApplicationShutdown {
  private readonly logger = new Logger('ComputedAnswers');
  /** the pool answering from the projection (and folding, without a fold pool) */
  private readonly pool: AnswerPool | null;
  /** the pool folding the histories (FOLD_WORKERS), null: the pool above folds */
  private readonly foldPool: AnswerPool | null;
  /** answers the workers handed over written (PreparedAnswer) */
  private writtenCount = 0;
  /** answers asked of the workers and not yet given */
  private inFlight = 0;
  private drained: (() => void) | null = null;

  /** how long a question about a place the projector is computing waits for it (READ_YOUR_WRITES_TIMEOUT_MS) */
  private readonly staleWaitMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig, private readonly queryBus: QueryBus) {
    this.staleWaitMs = config.readYourWritesTimeoutMs;
    this.pool = config.answerWorkers > 0 ? this.startPool(config, config.answerWorkers) : null;
    this.foldPool = this.pool && config.foldWorkers > 0 ? this.startPool(config, config.foldWorkers) : null;
  }

  /** how many worker threads compute answers, both pools (0: this thread) */
  get workers(): number {
    return (this.pool?.threads.length ?? 0) + (this.foldPool?.threads.length ?? 0);
  }

  /** answers each pool has given: from the projection, and by folding (0 without a pool of its own) */
  get completed(): { readonly projection: number; readonly folds: number } {
    return { projection: this.pool?.completed ?? 0, folds: this.foldPool?.completed ?? 0 };
  }

  /** how many answers the workers handed over as their bytes (`answer` asked as json) */
  get written(): number {
    return this.writtenCount;
  }

  async execute<T>(query: Query<T>): Promise<T> {
    // asked as an object, a worker gives JSON text (never a PreparedAnswer)
    return this.answer(query, 'object') as Promise<T>;
  }

  /**
   * The answer as execute gives it or, asked as `json` (a JSON answer, not a CSV) of a question
   * whose answer a worker writes (a state, the bans, the nation, a diff, a timeline: WRITTEN_BY_WORKERS), as its bytes: quotes
   * placed, serialized by the route's schema and encoded in the worker (PreparedAnswer), which the
   * interceptors send and keep as they are. Without workers, the answer the query handler gives.
   */
  async answer<T>(query: Query<T>, form: 'json' | 'object'): Promise<T | PreparedAnswer> {
    const question = this.pool ? questionText(query) : null;
    if (!this.pool || !question) return this.queryBus.execute(query);
    const given = await this.run(this.pool, question, form === 'json' && question.kind in WRITTEN_BY_WORKERS);
    if (typeof given === 'string') return JSON.parse(given) as T;
    this.writtenCount += 1;
    return new PreparedAnswer(Buffer.from(given.body.buffer, given.body.byteOffset, given.body.byteLength), given.next);
  }

  /**
   * The worker's answer. A question about a day a place the projector is computing is stale at is
   * asked again every STALE_POLL_MS, the worker free meanwhile (a place is computed in
   * seconds at 1M events; its fold takes seconds, the nation's tens of seconds), and folded once
   * READ_YOUR_WRITES_TIMEOUT_MS has passed.
   */
  private async run(pool: AnswerPool, question: QuestionText, written: boolean): Promise<string | WrittenAnswer> {
    const chosen = this.foldPool && folds(question) ? this.foldPool : pool;
    this.inFlight += 1;
    try {
      const deadline = performance.now() + this.staleWaitMs;
      for (;;) {
        const given = await chosen.run({ question, written, foldWhileComputing: performance.now() >= deadline });
        if (!isBeingComputed(given)) return given;
        await new Promise((resolve) => setTimeout(resolve, STALE_POLL_MS));
      }
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.drained?.();
    }
  }

  /** The answers being computed are given before the threads stop (Nest stops providers before the HTTP server), for at most 10 s. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.pool) return;
    if (this.inFlight > 0) {
      await Promise.race([
        new Promise<void>((resolve) => (this.drained = resolve)),
        new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref()),
      ]);
    }
    await Promise.all([this.pool.destroy(), this.foldPool?.destroy()]);
  }

  private startPool(config: AppConfig, threads: number): AnswerPool | null {
    const file = answerWorkerFile();
    if (!file) {
      this.logger.warn('answer workers not built (dist/apps/api/src/timeline/answer-worker.js): answers are computed in the API thread');
      return null;
    }
    const workerData: AnswerWorkerData = { databaseUrl: config.databaseUrl, readModelPath: config.readModelPath, readModelCacheMb: config.readModelCacheMb };
    return new Piscina<AnswerTask<QuestionText>, string | WrittenAnswer | BeingComputed>({
      filename: pathToFileURL(file).href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData,
    });
  }
}
