/*
 * Half-day keys (contract.ts): the asOf axis as the fold sees it. certaintyAt compares the
 * calendar day of asOf in the fact's zone with the fact's days, and asks whether asOf is that
 * day's last millisecond; the key 2 x day + endOfDay orders exactly those distinctions.
 * Date strings become day numbers by arithmetic (a projection reads tens of thousands of facts).
 */
import type { DateTime } from 'luxon';
import type { FuzzyDate } from '../../time/fuzzy-date.js';
import type { Certainty } from '../fold.js';
import type { HalfDay } from './contract.js';

const MS_PER_DAY = 86_400_000;

const dayNumbers = new Map<string, number>();

/** Days from 1970-01-01 to an ISO calendar day (YYYY-MM-DD). */
export function dayNumber(isoDay: string): number {
  const known = dayNumbers.get(isoDay);
  if (known !== undefined) return known;
  const found = Date.UTC(Number(isoDay.slice(0, 4)), Number(isoDay.slice(5, 7)) - 1, Number(isoDay.slice(8, 10))) / MS_PER_DAY;
  if (dayNumbers.size >= 100_000) dayNumbers.clear();
  dayNumbers.set(isoDay, found);
  return found;
}

/** The half-day key of an instant in a zone: its calendar day there, and whether it is that day's last millisecond. */
export function halfDayOf(instant: DateTime, zone: string): HalfDay {
  const local = instant.setZone(zone);
  const day = dayNumber(local.toISODate() as string);
  return 2 * day + (local.toMillis() === local.endOf('day').toMillis() ? 1 : 0);
}

/** The first key at which a day has begun (a window starting that day has possibly started). */
export const dayStartKey = (isoDay: string): HalfDay => 2 * dayNumber(isoDay);

/** The first key at which a day has ended (a window ending that day has certainly started). */
export const dayEndKey = (isoDay: string): HalfDay => 2 * dayNumber(isoDay) + 1;

/** certaintyAt on keys: 'certain' once the latest day has ended, 'possible' from the earliest day (always when unbounded below). */
export function certaintyAtKey(date: FuzzyDate, key: HalfDay): Certainty | null {
  if (key >= dayEndKey(date.latest)) return 'certain';
  if (date.earliest === null || key >= dayStartKey(date.earliest)) return 'possible';
  return null;
}

/** The keys at which certaintyAtKey of a date changes (its start when bounded, its certain end). */
export const keysOf = (date: FuzzyDate): HalfDay[] =>
  date.earliest === null ? [dayEndKey(date.latest)] : [dayStartKey(date.earliest), dayEndKey(date.latest)];
