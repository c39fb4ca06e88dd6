import { DateTime } from 'luxon';
import { DomainError } from '../errors.js';
import { DEFAULT_ZONE, InvalidDateError, parseFuzzyDate } from '../time/fuzzy-date.js';

/**
 * The three time axes of a point-in-time question (DESIGN.md, "Three time axes"):
 * - `asOf`       effective time: what held in the world at that instant;
 * - `knownAt`    published time: only facts whose source was public by then (null = no limit);
 * - `recordedAt` system time: only events this service had appended by then (null = latest).
 * `recordedPosition` optionally cuts the log at a global position as well (both cuts apply).
 */
export interface TimeQuery {
  readonly asOf: DateTime;
  readonly knownAt: DateTime | null;
  readonly recordedAt: DateTime | null;
  readonly recordedPosition?: number | null;
}

export type TimeParameter = 'asOf' | 'knownAt' | 'recordedAt' | 'from' | 'to';

/** A query time parameter is invalid: `field` names the parameter, `reason` says why. */
export class InvalidTimeParameterError extends DomainError {
  constructor(
    readonly parameter: string,
    readonly value: string,
    readonly reason: string,
  ) {
    super('invalid-input', `${parameter}: "${value}" ${reason}`, parameter);
    this.name = 'InvalidTimeParameterError';
  }
}

const PERIOD = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T[\d:.]+$/;
const FORMS = 'expected YYYY, YYYY-MM, YYYY-MM-DD or an ISO timestamp with an offset (e.g. 2020-06-30T12:00:00+08:00)';

/**
 * Parses one time parameter to an instant. A period (`2020`, `2020-06`, `2020-06-30`) means its
 * last millisecond in `zone` (asOf=2020-06 -> 2020-06-30T23:59:59.999+08:00 for Asia/Shanghai).
 * A timestamp must carry its offset (`Z` or `+08:00`): a bare local time is ambiguous and refused.
 */
export function parseTimeParameter(parameter: string, input: string, zone: string = DEFAULT_ZONE): DateTime {
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '') throw new InvalidTimeParameterError(parameter, String(input ?? ''), `is empty: ${FORMS}`);
  if (PERIOD.test(text)) {
    let latest: string;
    try {
      latest = parseFuzzyDate(text).latest;
    } catch (error) {
      if (error instanceof InvalidDateError) throw new InvalidTimeParameterError(parameter, text, `is not a valid date: ${error.reason}`);
      throw error;
    }
    return DateTime.fromISO(latest, { zone }).endOf('day');
  }
  if (TIMESTAMP.test(text)) {
    const instant = DateTime.fromISO(text, { setZone: true });
    if (!instant.isValid) {
      throw new InvalidTimeParameterError(parameter, text, `is not a valid timestamp: ${instant.invalidExplanation ?? instant.invalidReason}`);
    }
    return instant;
  }
  if (LOCAL_TIMESTAMP.test(text)) {
    throw new InvalidTimeParameterError(parameter, text, 'has no offset: add Z or +08:00');
  }
  throw new InvalidTimeParameterError(parameter, text, `is not a date: ${FORMS}`);
}

export interface TimeQueryInput {
  asOf?: string | null;
  knownAt?: string | null;
  recordedAt?: string | null;
}

export interface TimeQueryOptions {
  /** the clock: asOf defaults to it */
  readonly now: DateTime;
  /** zone in which periods are read: the jurisdiction's (default Asia/Shanghai) */
  readonly zone?: string;
}

const given = (value: string | null | undefined): value is string => value !== undefined && value !== null;

/** Parses the query's time parameters; defaults: asOf = now, knownAt = no limit, recordedAt = latest. */
export function parseTimeQuery(input: TimeQueryInput, options: TimeQueryOptions): TimeQuery {
  const zone = options.zone ?? DEFAULT_ZONE;
  if (!options.now.isValid) throw new Error('parseTimeQuery needs a valid clock reading');
  return {
    asOf: given(input.asOf) ? parseTimeParameter('asOf', input.asOf, zone) : options.now,
    knownAt: given(input.knownAt) ? parseTimeParameter('knownAt', input.knownAt, zone) : null,
    recordedAt: given(input.recordedAt) ? parseTimeParameter('recordedAt', input.recordedAt, zone) : null,
  };
}

/** A query at `asOf` with no limit on the other two axes. */
export const asOfOnly = (asOf: DateTime): TimeQuery => ({ asOf, knownAt: null, recordedAt: null });
