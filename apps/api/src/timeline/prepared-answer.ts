/**
 * An answer an answer worker has written already (answer-worker.ts): its JSON as it is sent (the
 * quotes placed, serialized by its route's schema, UTF-8) and its `next` cursor, which the page
 * link reads as it reads an answer's. The API's thread then only sends (and keeps) the bytes.
 */
export class PreparedAnswer {
  constructor(
    readonly body: Buffer,
    readonly next: string | number | null,
  ) {}
}

/**
 * The routes whose answers a worker writes, by question kind (libs/read-model QuestionText): the
 * operation whose schema serializes it. All of TimelineController's, whose answers have their quotes
 * placed (QuotePositionsInterceptor); not the series (no quotes are placed in its answers).
 */
export const WRITTEN_BY_WORKERS = {
  'national-state': 'GET /v1/state',
  'jurisdiction-state': 'GET /v1/jurisdictions/{code}/state',
  bans: 'GET /v1/bans',
  diff: 'GET /v1/diff',
  'jurisdiction-timeline': 'GET /v1/jurisdictions/{code}/timeline',
} as const;

export type WrittenKind = keyof typeof WRITTEN_BY_WORKERS;

/**
 * What a worker is asked: a question, whether to write its answer (JSON bytes) or give it as JSON
 * text to be parsed, and whether to fold at once a question about a place the projector is
 * computing (else the worker gives BEING_COMPUTED, and the API's thread asks again shortly).
 */
export interface AnswerTask<Question> {
  readonly question: Question;
  readonly written: boolean;
  readonly foldWhileComputing?: boolean;
}

/** A worker's answer to a question about a place the projector is computing (AnswerTask.foldWhileComputing false). */
export interface BeingComputed {
  readonly beingComputed: true;
}

export const BEING_COMPUTED: BeingComputed = { beingComputed: true };

export const isBeingComputed = (given: unknown): given is BeingComputed =>
  typeof given === 'object' && given !== null && (given as Partial<BeingComputed>).beingComputed === true;

/** A written answer as it crosses from the worker (its bytes transferred, not copied). */
export interface WrittenAnswer {
  readonly body: Uint8Array;
  readonly next: string | number | null;
}

/** The `next` cursor of a paged answer (a PreparedAnswer's too): every list carries one, null (or absent) on its last page. */
export function nextOf(answer: unknown): string | number | null {
  if (typeof answer !== 'object' || answer === null || !('next' in answer)) return null;
  const { next } = answer as { next: unknown };
  return typeof next === 'string' || typeof next === 'number' ? next : null;
}
