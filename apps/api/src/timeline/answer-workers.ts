import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { QueryBus, type Query } from '@nestjs/cqrs';
import { Piscina } from 'piscina';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { questionText, type QuestionText } from './answer-questions.js';
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
    return JSON.parse(await this.pool.run(question)) as T;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.destroy();
  }

  private startPool(config: AppConfig): Piscina<QuestionText, string> | null {
    const file = answerWorkerFile();
    if (!file) {
      this.logger.warn('answer workers not built (dist/apps/api/src/timeline/answer-worker.js): answers are computed in the API thread');
      return null;
    }
    const workerData: AnswerWorkerData = { databaseUrl: config.databaseUrl, readModelPath: config.readModelPath };
    return new Piscina<QuestionText, string>({
      filename: pathToFileURL(file).href,
      minThreads: config.answerWorkers,
      maxThreads: config.answerWorkers,
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData,
    });
  }
}
