import { DateTime } from 'luxon';
import type { Effective } from './api.js';
import type { Labels } from './i18n.js';

/** Dates are calendar days in China: the regulators' zone. */
const ZONE = 'Asia/Shanghai';
export const FIRST_DAY = '2016-01-01';

export const today = (): string => DateTime.now().setZone(ZONE).toISODate() as string;

const day = (iso: string): DateTime => DateTime.fromISO(iso, { zone: ZONE }).startOf('day');

export const isDay = (text: string | null): text is string =>
  text !== null && /^\d{4}-\d{2}-\d{2}$/.test(text) && day(text).isValid;

/** Days since 2016-01-01: the slider's value. */
export const dayNumber = (iso: string): number => Math.round(day(iso).diff(day(FIRST_DAY), 'days').days);
export const dayFromNumber = (n: number): string => day(FIRST_DAY).plus({ days: n }).toISODate() as string;

export const clampDay = (iso: string): string => {
  if (iso < FIRST_DAY) return FIRST_DAY;
  const last = today();
  return iso > last ? last : iso;
};

/** An effective date in words: "2020-03-31", "on or before 2020-06-30", "2019-07 to 2019-09". */
export function describeEffective(effective: Effective, labels: Labels): string {
  const { text, precision, earliest, latest } = effective;
  if (precision === 'on-or-before' && latest) return `${labels.onOrBefore} ${latest}`;
  if (precision === 'on-or-after' && earliest) return `${labels.onOrAfter} ${earliest}`;
  if (precision === 'between' && text.includes('/')) return text.split('/').join(` ${labels.to} `);
  return text;
}

/** Whether a fact had taken effect by the day shown (its earliest possible day). */
export const effectiveBy = (effective: Effective, asOf: string): boolean =>
  (effective.earliest ?? effective.latest ?? '') <= asOf;
