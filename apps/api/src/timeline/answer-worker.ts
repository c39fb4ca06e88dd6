import { workerData } from 'node:worker_threads';
import { openReadModelForReading } from '../../../../libs/read-model/src/open-read-model.js';
import { READ_MODEL_PROJECTOR } from '../../../../libs/read-model/src/read-model-store.js';
import { KyselyTimelineReader } from '../../../../libs/read-model/src/timeline-reader.js';
import { queryOf, type QuestionText } from './answer-questions.js';
import {
  BansHandler, BansQuery, DiffHandler, DiffQuery, JurisdictionStateHandler, JurisdictionStateQuery, JurisdictionTimelineHandler,
  JurisdictionTimelineQuery, NationalStateHandler, NationalStateQuery,
} from './timeline.queries.js';

/** What the pool gives every worker: where the read models are. */
export interface AnswerWorkerData {
  readonly databaseUrl?: string;
  readonly readModelPath: string;
}

/**
 * An answer worker (a thread of the pool in answer-workers.ts): its own read-only connection to
 * the read models and the same query handlers the API runs in-process, so a computation of any
 * length leaves the API's event loop free (/health, cached answers, writes). Answers go back as
 * JSON text, the form they are sent in.
 */
const settings = workerData as AnswerWorkerData;
const readModel = openReadModelForReading({ databaseUrl: settings.databaseUrl, sqlitePath: settings.readModelPath });
const reader = new KyselyTimelineReader(readModel.db, READ_MODEL_PROJECTOR);
const handlers = {
  national: new NationalStateHandler(reader),
  jurisdiction: new JurisdictionStateHandler(reader),
  bans: new BansHandler(reader),
  diff: new DiffHandler(reader),
  timeline: new JurisdictionTimelineHandler(reader),
};

async function answerOf(question: QuestionText): Promise<unknown> {
  const query = queryOf(question);
  if (query instanceof NationalStateQuery) return handlers.national.execute(query);
  if (query instanceof JurisdictionStateQuery) return handlers.jurisdiction.execute(query);
  if (query instanceof BansQuery) return handlers.bans.execute(query);
  if (query instanceof DiffQuery) return handlers.diff.execute(query);
  if (query instanceof JurisdictionTimelineQuery) return handlers.timeline.execute(query);
  throw new Error(`no handler for ${(question as { kind: string }).kind}`);
}

export default async function answer(question: QuestionText): Promise<string> {
  return JSON.stringify(await answerOf(question));
}
