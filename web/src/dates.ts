import { DateTime } from 'luxon';
import type { Effective } from './api.js';
import type { Labels, Lang } from './i18n.js';

/** Dates are calendar days in China: the regulators' zone. */
const ZONE = 'Asia/Shanghai';
export const FIRST_DAY = '2016-01-01';

export const today = (): string => DateTime.now().setZone(ZONE).toISODate() as string;

const day = (iso: string): DateTime => DateTime.fromISO(iso, { zone: ZONE }).startOf('day');

export const isDay = (text: string | null): text is string =>
  text !== null && /^\d{4}-\d{2}-\d{2}$/.test(text) && day(text).isValid;

/** A year or a month as the API takes it ("2020", "2020-06"): the page shows its last day. */
export function periodEnd(text: string): string | null {
  if (/^\d{4}$/.test(text)) return `${text}-12-31`;
  if (/^\d{4}-\d{2}$/.test(text)) {
    const month = DateTime.fromISO(`${text}-01`, { zone: ZONE });
    return month.isValid ? (month.endOf('month').toISODate() as string) : null;
  }
  return null;
}

/** Where a day lies against the slider's range: the page says so instead of moving it. */
export const rangeOf = (iso: string): 'before' | 'inside' | 'after' =>
  iso < FIRST_DAY ? 'before' : iso > today() ? 'after' : 'inside';

/** Days since 2016-01-01: the slider's value. */
export const dayNumber = (iso: string): number => Math.round(day(iso).diff(day(FIRST_DAY), 'days').days);
export const dayFromNumber = (n: number): string => day(FIRST_DAY).plus({ days: n }).toISODate() as string;

const LOCALES: Record<Lang, string> = { en: 'en-GB', zh: 'zh-CN' };

/** "30 Jun 2020" / "2020年6月30日"; a month "Jun 2020" / "2020年6月"; a year "2020" / "2020年". */
export function formatDay(iso: string, lang: Lang): string {
  const locale = LOCALES[lang];
  if (/^\d{4}$/.test(iso)) return lang === 'zh' ? `${iso}年` : iso;
  if (/^\d{4}-\d{2}$/.test(iso)) return day(`${iso}-01`).setLocale(locale).toLocaleString({ year: 'numeric', month: lang === 'zh' ? 'long' : 'short' }).replace('Sept', 'Sep');
  const parsed = day(iso.slice(0, 10));
  if (!parsed.isValid) return iso;
  const text = parsed.setLocale(locale).toLocaleString(lang === 'zh' ? { year: 'numeric', month: 'long', day: 'numeric' } : { day: 'numeric', month: 'short', year: 'numeric' });
  return text.replace('Sept', 'Sep'); // en-GB's four-letter September
}

/** An effective date in words, in the page's language: "30 Jun 2020", "on or before 30 Jun 2020", "1 Jan 2019 to 30 Jun 2020". */
export function describeEffective(effective: Effective, labels: Labels, lang: Lang): string {
  const { text, precision, earliest, latest } = effective;
  if (precision === 'on-or-before' && latest) return `${labels.onOrBefore} ${formatDay(latest, lang)}`;
  if (precision === 'on-or-after' && earliest) return `${labels.onOrAfter} ${formatDay(earliest, lang)}`;
  if (text.includes('/')) return text.split('/').map((part) => formatDay(part, lang)).join(` ${labels.to} `);
  return formatDay(text, lang);
}

/** Whether a fact had taken effect by the day shown (its earliest possible day). */
export const effectiveBy = (effective: Effective, asOf: string): boolean =>
  (effective.earliest ?? effective.latest ?? '') <= asOf;
