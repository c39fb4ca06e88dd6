import { DateTime } from 'luxon';

/**
 * A calendar date as a source states it, with its precision. Sources say "May 29th",
 * "as of February 2020", "since 2016" or "before June 30, 2020"; we keep what they say
 * and the interval of days it can mean, never a guessed single day.
 *
 * Accepted text forms (ISO 8601 / EDTF-style):
 *   2020-06-30            day
 *   2020-06               month
 *   2020                  year
 *   ../2020-06-30         on or before (also ../2020-06, ../2020)
 *   2020-05-29/2020-06-02 between two dates, both inclusive (either end may be a month or a year)
 */
export type DatePrecision = 'day' | 'month' | 'year' | 'on-or-before' | 'between';

export interface FuzzyDate {
  /** the text as given, normalised (e.g. "2020-06") */
  readonly text: string;
  readonly precision: DatePrecision;
  /** first calendar day it can mean (ISO date), null when unbounded below */
  readonly earliest: string | null;
  /** last calendar day it can mean (ISO date) */
  readonly latest: string;
}

export const DEFAULT_ZONE = 'Asia/Shanghai';

const SINGLE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export class InvalidDateError extends Error {
  constructor(readonly text: string, readonly reason: string) {
    super(`"${text}" is not a valid date: ${reason}`);
  }
}

interface Span {
  precision: 'day' | 'month' | 'year';
  first: DateTime;
  last: DateTime;
}

function parseSingle(text: string): Span {
  const match = SINGLE.exec(text);
  if (!match) {
    throw new InvalidDateError(text, 'expected YYYY, YYYY-MM, YYYY-MM-DD, ../YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD');
  }
  const [, y, m, d] = match;
  const year = Number(y);
  if (year < 1000) throw new InvalidDateError(text, 'year out of range');
  if (m === undefined) {
    const first = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: 'utc' });
    return { precision: 'year', first, last: first.endOf('year').startOf('day') };
  }
  const month = Number(m);
  if (month < 1 || month > 12) throw new InvalidDateError(text, `month ${m} does not exist`);
  if (d === undefined) {
    const first = DateTime.fromObject({ year, month, day: 1 }, { zone: 'utc' });
    return { precision: 'month', first, last: first.endOf('month').startOf('day') };
  }
  const day = DateTime.fromObject({ year, month, day: Number(d) }, { zone: 'utc' });
  if (!day.isValid) throw new InvalidDateError(text, `day ${d} does not exist in ${y}-${m}`);
  return { precision: 'day', first: day, last: day };
}

const isoDay = (value: DateTime): string => value.toISODate() as string;

/** dates parsed, by the text given: a log names the same few thousand dates again and again */
const parsedDates = new Map<string, FuzzyDate>();
const PARSED_DATES_KEPT = 10_000;

/**
 * Parses a date as sources and clients write it; throws InvalidDateError with the reason.
 * The result is frozen and shared: the same text gives the same object (parsing builds several
 * luxon DateTimes, most of a notice's decision time).
 */
export function parseFuzzyDate(input: string): FuzzyDate {
  const known = parsedDates.get(input);
  if (known) return known;
  const parsed = Object.freeze(parseUnkept(input));
  // the oldest first (insertion order): a bound, whatever dates a caller sends
  if (parsedDates.size >= PARSED_DATES_KEPT) parsedDates.delete(parsedDates.keys().next().value!);
  parsedDates.set(input, parsed);
  return parsed;
}

function parseUnkept(input: string): FuzzyDate {
  const text = input.trim();
  if (text.startsWith('../')) {
    const bound = parseSingle(text.slice(3));
    return { text, precision: 'on-or-before', earliest: null, latest: isoDay(bound.last) };
  }
  if (text.includes('/')) {
    const [from, to, ...rest] = text.split('/');
    if (rest.length > 0 || from === undefined || to === undefined) {
      throw new InvalidDateError(text, 'an interval has exactly one "/"');
    }
    const start = parseSingle(from);
    const end = parseSingle(to);
    if (end.last < start.first) throw new InvalidDateError(text, 'the interval ends before it starts');
    return { text, precision: 'between', earliest: isoDay(start.first), latest: isoDay(end.last) };
  }
  const span = parseSingle(text);
  return { text, precision: span.precision, earliest: isoDay(span.first), latest: isoDay(span.last) };
}

/** Non-throwing form for validators: the reason, or null when the text is a valid date. */
export function fuzzyDateProblem(input: unknown): string | null {
  if (typeof input !== 'string') return 'must be a date string';
  try {
    parseFuzzyDate(input);
    return null;
  } catch (error) {
    return error instanceof InvalidDateError ? error.message : String(error);
  }
}

/**
 * Truth rule 1: a date a client writes must have a lower bound. "../2020-06-30" ("on or before")
 * stays readable, for events recorded before the rule, but is refused in new writes: the editor
 * gives the earliest day the text allows ("2016-01-01/2020-06-30", "since 2016").
 */
export const hasLowerBound = (date: FuzzyDate): boolean => date.earliest !== null;

/**
 * The window two sources allow for one event: their intersection; null when they cannot be the
 * same event (the windows do not overlap). Keeps either date as given when it is the narrower one.
 */
export function intersectDates(a: FuzzyDate, b: FuzzyDate): FuzzyDate | null {
  const earliest = a.earliest === null ? b.earliest : b.earliest === null ? a.earliest : a.earliest > b.earliest ? a.earliest : b.earliest;
  const latest = a.latest < b.latest ? a.latest : b.latest;
  if (earliest !== null && earliest > latest) return null;
  for (const date of [a, b]) if (date.earliest === earliest && date.latest === latest) return date;
  if (earliest === null) return parseFuzzyDate(`../${latest}`);
  return parseFuzzyDate(earliest === latest ? earliest : `${earliest}/${latest}`);
}

/** Whether the date is exact to the day. */
export const isExactDay = (date: FuzzyDate): boolean => date.precision === 'day';

/**
 * The instants a fuzzy date spans in a zone: from the start of its earliest day
 * (or -infinity) to the end of its latest day.
 */
export function fuzzyDateInstants(date: FuzzyDate, zone: string): { from: DateTime | null; to: DateTime } {
  const day = (iso: string) => DateTime.fromISO(iso, { zone });
  return {
    from: date.earliest === null ? null : day(date.earliest).startOf('day'),
    to: day(date.latest).endOf('day'),
  };
}

/** each zone's current day and the instants it spans (ms): the clock moves within a day for hours */
const currentDays = new Map<string, { readonly day: string; readonly from: number; readonly until: number }>();

/** Today's calendar date in a zone, from an explicit clock. */
export function todayIn(now: DateTime, zone: string): string {
  const at = now.toMillis();
  const known = currentDays.get(zone);
  if (known && at >= known.from && at < known.until) return known.day;
  const local = now.setZone(zone);
  const current = { day: isoDay(local), from: local.startOf('day').toMillis(), until: local.endOf('day').toMillis() + 1 };
  currentDays.set(zone, current);
  return current.day;
}
