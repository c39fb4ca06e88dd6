import { workerData } from 'node:worker_threads';
import {
  answerQuestion, AsOfAnswers, KyselyTimelineReader, openReadModelForReading, READ_MODEL_PROJECTOR, type QuestionText,
} from '../../../../libs/read-model/src/index.js';

/** What the pool gives every worker: where the read models are. */
export interface AnswerWorkerData {
  readonly databaseUrl?: string;
  readonly readModelPath: string;
  /** SQLite: the connection's page cache (MiB), READ_MODEL_CACHE_MB */
  readonly readModelCacheMb: number;
}

/**
 * An answer worker (a thread of the pool in answer-workers.ts): its own read-only connection to
 * the read models and the code the query handlers answer with (libs/read-model answers, no framework), so
 * a computation of any length leaves the API's event loop free (/health, cached answers, writes).
 * Answers go back as JSON text, the form they are sent in.
 */
const settings = workerData as AnswerWorkerData;
const readModel = openReadModelForReading({ databaseUrl: settings.databaseUrl, sqlitePath: settings.readModelPath, sqliteCacheMb: settings.readModelCacheMb });
const answers = new AsOfAnswers(new KyselyTimelineReader(readModel.db, READ_MODEL_PROJECTOR));

export default async function answer(question: QuestionText): Promise<string> {
  return JSON.stringify(await answerQuestion(answers, question));
}
