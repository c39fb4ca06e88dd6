import { DateTime } from 'luxon';
import {
  bansInForce, cursorOf, DEFAULT_PAGE, jurisdictionStateAt, jurisdictions, nationalStateAt, parseTimeQuery, placeQuotes,
  type FactHistory, type ListPage, type PlacedDocuments, type TimeQuery,
} from '../../domain/src/index.js';

/** A point-in-time question, as the API's query parameters spell it. */
export interface ReplayQuestion {
  readonly asOf: string;
  readonly jurisdiction?: string | undefined;
  readonly knownAt?: string | undefined;
  /** an instant, or `position:N` (the answer as it was once the log held N), as the API takes it */
  readonly recordedAt?: string | undefined;
  /** the window of the answers' long lists (facts, bans), as the API's limit and cursor (`after`); default the API's */
  readonly page?: ListPage | undefined;
}

export interface ReplayAnswer {
  /** GET /v1/state, or GET /v1/jurisdictions/{code}/state with a jurisdiction */
  readonly state: unknown;
  /** GET /v1/bans (with ?jurisdiction=) */
  readonly bans: unknown;
}

/** `recordedAt=position:N`, as the API's time parameters take it. */
export const RECORDED_POSITION = /^position:(\d{1,15})$/;

/** The question's time axes, `recordedAt=position:N` included. */
function timeOf(question: ReplayQuestion, now: DateTime, zone: string): TimeQuery {
  const position = question.recordedAt === undefined ? null : RECORDED_POSITION.exec(question.recordedAt);
  if (!position) return parseTimeQuery(question, { now, zone });
  return { ...parseTimeQuery({ ...question, recordedAt: undefined }, { now, zone }), recordedPosition: Number(position[1]) };
}

const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/** The answers the API gives, computed from the fact histories alone with the same domain functions. */
export function replayAnswer(
  histories: readonly FactHistory[], question: ReplayQuestion, now = DateTime.utc(),
  /** the log's registered documents (`documentsOfLog`): each citation's quoteAt, as the API places it (docs/provenance.md) */
  documents: PlacedDocuments = new Map(),
): ReplayAnswer {
  const country = jurisdictions.get('CN');
  const place = question.jurisdiction === undefined ? null : jurisdictions.find(question.jurisdiction);
  if (question.jurisdiction !== undefined && !place) throw new RangeError(`unknown jurisdiction ${JSON.stringify(question.jurisdiction)}`);
  const time = timeOf(question, now, (place ?? country).zone);
  const page = question.page ?? DEFAULT_PAGE;
  // a jurisdiction's `next` goes on while its institutions do, which replay does not compute (NOT_REPLAYED);
  // the national state's is left out with it, as replayable() leaves out the service's
  const state = (({ next: _next, ...rest }) => rest)(place
    ? jurisdictionStateAt(histories, place.code, time, jurisdictions, { page })
    : nationalStateAt(histories, time, jurisdictions, { country: country.code, page }));
  const bans = { asOf: time.asOf.toISO() as string, jurisdiction: place?.code ?? null, ...bansInForce(histories, time, place?.code, jurisdictions, page) };
  return { state: placeQuotes(asJson(state), documents), bans: placeQuotes(asJson(bans), documents) };
}

/**
 * Fields of the API's jurisdiction state that are not a point-in-time fold of the log: `institutions`
 * lists the read model's institution registry (names and aliases merged over the whole log), so
 * replay does not compute it and comparisons leave it out (and say so); `next` too, as it goes on
 * while either the facts or the institutions do.
 */
export const NOT_REPLAYED = ['institutions', 'institutionsTotal', 'next'] as const;

/** The API's answer without the fields replay does not compute. */
export function replayable(answer: ReplayAnswer): ReplayAnswer {
  if (typeof answer.state !== 'object' || answer.state === null) return answer;
  const state = { ...(answer.state as Record<string, unknown>) };
  for (const field of NOT_REPLAYED) delete state[field];
  return { ...answer, state };
}

/** The API paths that answer the same question. */
export function apiPathsOf(question: ReplayQuestion): ReplayAnswer & { state: string; bans: string } {
  const params = new URLSearchParams({ asOf: question.asOf });
  if (question.knownAt) params.set('knownAt', question.knownAt);
  if (question.recordedAt) params.set('recordedAt', question.recordedAt);
  if (question.page) {
    params.set('limit', String(question.page.limit));
  }
  const bans = new URLSearchParams(params);
  // each list's own cursor: the page's offset as the API's `after`
  if (question.page && question.page.offset > 0) {
    params.set('after', cursorOf('state', question.page.offset));
    bans.set('after', cursorOf('bans', question.page.offset));
  }
  if (question.jurisdiction) bans.set('jurisdiction', question.jurisdiction);
  // the whole state answer, as replay computes it: the facts in force and every source
  params.set('include', 'facts,sources');
  return {
    state: question.jurisdiction ? `/v1/jurisdictions/${encodeURIComponent(question.jurisdiction)}/state?${params}` : `/v1/state?${params}`,
    bans: `/v1/bans?${bans}`,
  };
}

/** Every difference between two JSON values, as "path: a -> b" lines (deep, order-sensitive for arrays). */
export function jsonDifferences(expected: unknown, actual: unknown, path = '$'): string[] {
  if (Object.is(expected, actual)) return [];
  const bothObjects = typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null;
  if (!bothObjects || Array.isArray(expected) !== Array.isArray(actual)) {
    return [`${path}: ${JSON.stringify(expected)} -> ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const length = Math.max(expected.length, actual.length);
    return Array.from({ length }, (_, i) => jsonDifferences(expected[i], actual[i], `${path}[${i}]`)).flat();
  }
  const a = expected as Record<string, unknown>;
  const b = actual as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((key) => jsonDifferences(a[key], b[key], `${path}.${key}`));
}
