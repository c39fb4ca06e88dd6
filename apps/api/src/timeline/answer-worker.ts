import { workerData } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import {
  answerInOneSnapshot, KyselyDocumentReader, KyselyTimelineReader, openReadModelForReading, PlaceBeingComputed, QuotePlacement, READ_MODEL_PROJECTOR,
  type QuestionText,
} from '../../../../libs/read-model/src/index.js';
import { answerSerializer } from '../openapi/answer-serialization.js';
import { BEING_COMPUTED, nextOf, WRITTEN_BY_WORKERS, type AnswerTask, type BeingComputed, type WrittenAnswer, type WrittenKind } from './prepared-answer.js';

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
 * An answer goes back as JSON text to be parsed, or, when the API's thread asks for it written
 * (a JSON answer of a TimelineController route: WRITTEN_BY_WORKERS), as the bytes it is sent in: its quotes placed (as
 * QuotePositionsInterceptor places them), serialized by its route's schema (as Fastify does) and
 * encoded, transferred rather than copied, so that the API's thread does none of it (for a bans
 * answer of 100 KB at 1M events, ~2.5 ms of that thread's time).
 */
const settings = workerData as AnswerWorkerData;
const readModel = openReadModelForReading({ databaseUrl: settings.databaseUrl, sqlitePath: settings.readModelPath, sqliteCacheMb: settings.readModelCacheMb });
// each question read in one snapshot of the read models (this thread answers one at a time); a question about
// a place the projector is computing is not waited for here (it would hold this thread): the API's thread waits
const reader = new KyselyTimelineReader(readModel.db, READ_MODEL_PROJECTOR);
const quotes = new QuotePlacement(new KyselyDocumentReader(readModel.db));
const serializers = new Map<WrittenKind, (answer: unknown) => string>();
const encoder = new TextEncoder();

const isWritten = (kind: string): kind is WrittenKind => kind in WRITTEN_BY_WORKERS;

function serializerOf(kind: WrittenKind): (answer: unknown) => string {
  let serializer = serializers.get(kind);
  if (!serializer) serializers.set(kind, (serializer = answerSerializer(WRITTEN_BY_WORKERS[kind])));
  return serializer;
}

export default async function answer({ question, written, foldWhileComputing }: AnswerTask<QuestionText>): Promise<string | WrittenAnswer | BeingComputed> {
  let found: unknown;
  try {
    found = await answerInOneSnapshot(reader, question, foldWhileComputing ? 'fold' : 'report');
  } catch (error) {
    if (error instanceof PlaceBeingComputed) return BEING_COMPUTED;
    throw error;
  }
  if (!written || !isWritten(question.kind)) return JSON.stringify(found);
  const placed = await quotes.annotate(found);
  // its own ArrayBuffer (TextEncoder, not Buffer's shared pool): transferred to the API's thread
  const body = encoder.encode(serializerOf(question.kind)(placed));
  const next = nextOf(placed);
  return move({
    get [transferableSymbol]() { return [body.buffer]; },
    get [valueSymbol]() { return { body, next }; },
  }) as unknown as WrittenAnswer;
}
