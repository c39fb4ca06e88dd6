import { workerData } from 'node:worker_threads';
import { openReadModelForReading } from '../../../../libs/read-model/src/open-read-model.js';
import { READ_MODEL_PROJECTOR } from '../../../../libs/read-model/src/read-model-store.js';
import { KyselyTimelineReader } from '../../../../libs/read-model/src/timeline-reader.js';
import { AsOfAnswers } from './as-of-answers.js';
import { answerQuestion, type QuestionText } from './question-text.js';

/** What the pool gives every worker: where the read models are. */
export interface AnswerWorkerData {
  readonly databaseUrl?: string;
  readonly readModelPath: string;
}

/**
 * An answer worker (a thread of the pool in answer-workers.ts): its own read-only connection to
 * the read models and the code the query handlers answer with (as-of-answers.ts, no framework), so
 * a computation of any length leaves the API's event loop free (/health, cached answers, writes).
 * Answers go back as JSON text, the form they are sent in.
 */
const settings = workerData as AnswerWorkerData;
const readModel = openReadModelForReading({ databaseUrl: settings.databaseUrl, sqlitePath: settings.readModelPath });
const answers = new AsOfAnswers(new KyselyTimelineReader(readModel.db, READ_MODEL_PROJECTOR));

export default async function answer(question: QuestionText): Promise<string> {
  return JSON.stringify(await answerQuestion(answers, question));
}
