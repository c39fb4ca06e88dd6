import { DateTime } from 'luxon';
import {
  DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, offsetOfCursor, type ListPage, type PagedList, fuzzyDateProblem, InvalidTimeParameterError, jurisdictions, parseFuzzyDate, parseTimeParameter, parseTimeQuery, type JurisdictionRecord, type TimeQuery,
} from '../../../../libs/domain/src/index.js';
import { RequestValidationError } from '../../../../libs/application/src/index.js';
import { dayIn, LEAN_STATE, STATE_PARTS, type StateParts } from '../../../../libs/read-model/src/index.js';

export interface TimeParams {
  asOf?: string;
  knownAt?: string;
  recordedAt?: string;
}

const fieldError = (field: string, message: string) => new RequestValidationError([{ field, message }]);

/** Invalid dates are a 400 naming the parameter and the reason. */
function asRequestError<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InvalidTimeParameterError) throw fieldError(error.parameter, error.message);
    throw error;
  }
}

const RECORDED_POSITION = /^position:(\d{1,15})$/;

/**
 * The three axes of a query. `recordedAt` is an instant (answers as they were then) or
 * `position:N` (as they were once the log held N): both reproduce a past answer exactly.
 */
export function timeQueryOf(params: TimeParams, zone: string, now = DateTime.utc()): TimeQuery {
  const position = params.recordedAt === undefined ? null : RECORDED_POSITION.exec(params.recordedAt);
  if (position) {
    const query = asRequestError(() => parseTimeQuery({ ...params, recordedAt: undefined }, { now, zone }));
    return { ...query, recordedPosition: Number(position[1]) };
  }
  return asRequestError(() => parseTimeQuery(params, { now, zone }));
}

export const instantOf = (parameter: 'from' | 'to', text: string, zone: string) =>
  asRequestError(() => parseTimeParameter(parameter, text, zone));

/** A jurisdiction path or query parameter: code, GB/T code, English or Chinese name. */
export function jurisdictionParam(field: string, value: string): JurisdictionRecord {
  const record = jurisdictions.find(value);
  if (!record) throw fieldError(field, `${field}: unknown jurisdiction ${JSON.stringify(value)}`);
  return record;
}

/** minPosition: read-your-writes; the log position a command returned. */
export function minPositionParam(value: string | undefined): bigint | null {
  if (value === undefined || value === '') return null;
  if (!/^\d{1,19}$/.test(value)) throw fieldError('minPosition', 'minPosition must be a log position, e.g. 57');
  return BigInt(value);
}

/** The calendar day (ISO) of an instant in a zone: the key of the effective-date indexes. */
export { dayIn };

/** The calendar days a period parameter covers: from=2020-01 starts 2020-01-01, to=2020-07 ends 2020-07-31. */
export function dayRange(parameter: 'from' | 'to', text: string, zone: string): { first: string; last: string } {
  if (fuzzyDateProblem(text) === null && !text.includes('/')) {
    const date = parseFuzzyDate(text);
    return { first: date.earliest ?? date.latest, last: date.latest };
  }
  const day = dayIn(instantOf(parameter, text, zone), zone);
  return { first: day, last: day };
}

export interface PageParams {
  limit?: string;
  after?: string;
  /** no longer accepted: a 400 that says to use `after` */
  offset?: string;
  /** not accepted (lists page forwards only): a 400 that says to use `after` */
  before?: string;
}

function wholeNumber(field: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!(parsed >= min && parsed <= max)) throw fieldError(field, `${field} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return parsed;
}

/**
 * `limit` (1-1000, default 100) and `after` (the `next` cursor of the previous page of this list,
 * default the first page): the window of an answer's long lists. `offset` and `before` are refused
 * with a 400 that says to use `after` (one paging style for every list).
 */
export function pageOf(params: PageParams, list: PagedList): ListPage {
  for (const field of ['offset', 'before'] as const) {
    if (params[field] !== undefined) {
      throw fieldError(field, `${field} is not accepted: page with after, the \`next\` cursor of the previous page (the Link rel="next" header names that page)`);
    }
  }
  const limit = wholeNumber('limit', params.limit, DEFAULT_PAGE_LIMIT, 1, MAX_PAGE_LIMIT);
  if (params.after === undefined || params.after === '') return { offset: 0, limit };
  const offset = offsetOfCursor(list, params.after);
  if (offset === null) throw fieldError('after', `after must be the \`next\` cursor of a previous page of this list, got ${JSON.stringify(params.after.slice(0, 80))}`);
  return { offset, limit };
}

/**
 * `include` of a state answer: a comma list of `facts` (the page of the facts in force),
 * `sources` (the sources of what is listed) and `institutions` (a jurisdiction's institutions with
 * their statuses); empty or absent, the lean answer (the state, the counts with their fact ids and
 * the statistics). Anything else is a 400 naming include.
 */
export function statePartsOf(include: string | undefined): StateParts {
  const asked = (include ?? '').split(',').map((part) => part.trim()).filter((part) => part !== '');
  const unknown = asked.filter((part) => !(STATE_PARTS as readonly string[]).includes(part));
  if (unknown.length > 0) {
    throw fieldError('include', `include is a comma list of ${STATE_PARTS.join(', ')}; unknown: ${unknown.map((part) => JSON.stringify(part.slice(0, 40))).join(', ')}`);
  }
  return { ...LEAN_STATE, facts: asked.includes('facts'), sources: asked.includes('sources'), institutions: asked.includes('institutions') };
}
