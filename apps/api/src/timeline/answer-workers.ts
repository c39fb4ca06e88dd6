import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { QueryBus, type Query } from '@nestjs/cqrs';
import { Piscina } from 'piscina';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src/index.js';
import { instantText, timeText, type QuestionText } from '../../../../libs/read-model/src/index.js';
import {
  BansQuery, DiffQuery, JurisdictionStateQuery, JurisdictionTimelineQuery, NationalStateQuery,
} from './timeline.queries.js';
import { SeriesQuery } from './series.queries.js';
import type { AnswerWorkerData } from './answer-worker.js';

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
 * Where a point-in-time answer is computed. With ANSWER_WORKERS > 0 (the default) the state, bans,
 * diff and timeline answers are computed in a pool of worker threads, each reading the read models
 * on its own connection, so the API's event loop stays free for /health, cached answers and
 * writes however long a computation takes; with 0, in this thread as before. The read gate
 * (READ_CONCURRENCY, READ_QUEUE) still bounds how many are asked at once. Either way the same query
 * handlers answer (tests hold the two paths equal).
 */
@Injectable()
export class ComputedAnswers implements OnApplicationShutdown {
  private readonly logger = new Logger('ComputedAnswers');
  private readonly pool: Piscina<QuestionText, string> | null;
  /** answers asked of the workers and not yet given */
  private inFlight = 0;
  private drained: (() => void) | null = null;

  constructor(@Inject(APP_CONFIG) config: AppConfig, private readonly queryBus: QueryBus) {
    this.pool = config.answerWorkers > 0 ? this.startPool(config) : null;
  }

  /** how many worker threads compute answers (0: this thread) */
  get workers(): number {
    return this.pool?.threads.length ?? 0;
  }

  async execute<T>(query: Query<T>): Promise<T> {
    const question = this.pool ? questionText(query) : null;
    if (!this.pool || !question) return this.queryBus.execute(query);
    this.inFlight += 1;
    try {
      return JSON.parse(await this.pool.run(question)) as T;
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
    await this.pool.destroy();
  }

  private startPool(config: AppConfig): Piscina<QuestionText, string> | null {
    const file = answerWorkerFile();
    if (!file) {
      this.logger.warn('answer workers not built (dist/apps/api/src/timeline/answer-worker.js): answers are computed in the API thread');
      return null;
    }
    const workerData: AnswerWorkerData = { databaseUrl: config.databaseUrl, readModelPath: config.readModelPath, readModelCacheMb: config.readModelCacheMb };
    return new Piscina<QuestionText, string>({
      filename: pathToFileURL(file).href,
      minThreads: config.answerWorkers,
      maxThreads: config.answerWorkers,
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData,
    });
  }
}
