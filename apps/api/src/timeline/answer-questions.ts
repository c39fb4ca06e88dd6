import { DateTime } from 'luxon';
import { jurisdictions, type ListPage, type TimeQuery } from '../../../../libs/domain/src/index.js';
import {
  BansQuery, DiffQuery, JurisdictionStateQuery, JurisdictionTimelineQuery, NationalStateQuery,
} from './timeline.queries.js';

/**
 * The point-in-time questions as plain data, to be answered in another thread (answer-workers.ts):
 * instants as ISO text with their zone (the fold cuts days in that zone), places by code, pages
 * as they are. Decoding gives back the same query objects the handlers take.
 */
export type ComputedQuery = NationalStateQuery | JurisdictionStateQuery | BansQuery | DiffQuery | JurisdictionTimelineQuery;

interface InstantText { readonly iso: string; readonly zone: string }
interface TimeText { readonly asOf: InstantText; readonly knownAt: InstantText | null; readonly recordedAt: InstantText | null; readonly recordedPosition: number | null }

export type QuestionText =
  | { readonly kind: 'national-state'; readonly time: TimeText; readonly country: string }
  | { readonly kind: 'jurisdiction-state'; readonly time: TimeText; readonly jurisdiction: string; readonly page: ListPage }
  | { readonly kind: 'bans'; readonly time: TimeText; readonly jurisdiction: string | null; readonly page: ListPage }
  | { readonly kind: 'diff'; readonly from: TimeText; readonly to: TimeText; readonly jurisdiction: string | null; readonly page: ListPage }
  | { readonly kind: 'jurisdiction-timeline'; readonly jurisdiction: string; readonly from: string | null; readonly to: string | null;
      readonly time: TimeText; readonly page: ListPage };

const instantText = (instant: DateTime): InstantText => ({ iso: instant.toISO() as string, zone: instant.zoneName ?? 'UTC' });
const instantOf = (text: InstantText): DateTime => DateTime.fromISO(text.iso, { zone: text.zone });
const timeText = (time: TimeQuery): TimeText => ({
  asOf: instantText(time.asOf),
  knownAt: time.knownAt ? instantText(time.knownAt) : null,
  recordedAt: time.recordedAt ? instantText(time.recordedAt) : null,
  recordedPosition: time.recordedPosition ?? null,
});
const timeOf = (text: TimeText): TimeQuery => ({
  asOf: instantOf(text.asOf),
  knownAt: text.knownAt ? instantOf(text.knownAt) : null,
  recordedAt: text.recordedAt ? instantOf(text.recordedAt) : null,
  recordedPosition: text.recordedPosition,
});
const pageText = (page: ListPage): ListPage => ({ ...page });

/** The question as data, or null when it is not one computed in a worker. */
export function questionText(query: object): QuestionText | null {
  if (query instanceof NationalStateQuery) return { kind: 'national-state', time: timeText(query.time), country: query.country.code };
  if (query instanceof JurisdictionStateQuery) {
    return { kind: 'jurisdiction-state', time: timeText(query.time), jurisdiction: query.jurisdiction.code, page: pageText(query.page) };
  }
  if (query instanceof BansQuery) return { kind: 'bans', time: timeText(query.time), jurisdiction: query.jurisdiction?.code ?? null, page: pageText(query.page) };
  if (query instanceof DiffQuery) {
    return { kind: 'diff', from: timeText(query.from), to: timeText(query.to), jurisdiction: query.jurisdiction?.code ?? null, page: pageText(query.page) };
  }
  if (query instanceof JurisdictionTimelineQuery) {
    return { kind: 'jurisdiction-timeline', jurisdiction: query.jurisdiction.code, from: query.from, to: query.to, time: timeText(query.time), page: pageText(query.page) };
  }
  return null;
}

/** The query object a question's text stands for. */
export function queryOf(text: QuestionText): ComputedQuery {
  const place = (code: string | null) => (code === null ? null : jurisdictions.get(code));
  switch (text.kind) {
    case 'national-state':
      return new NationalStateQuery(timeOf(text.time), jurisdictions.get(text.country));
    case 'jurisdiction-state':
      return new JurisdictionStateQuery(timeOf(text.time), jurisdictions.get(text.jurisdiction), text.page);
    case 'bans':
      return new BansQuery(timeOf(text.time), place(text.jurisdiction), text.page);
    case 'diff':
      return new DiffQuery(timeOf(text.from), timeOf(text.to), place(text.jurisdiction), text.page);
    case 'jurisdiction-timeline':
      return new JurisdictionTimelineQuery(jurisdictions.get(text.jurisdiction), text.from, text.to, timeOf(text.time), text.page);
  }
}
