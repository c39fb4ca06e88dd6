import { DateTime } from 'luxon';
import { jurisdictions, type ListPage, type SeriesMeasure, type SeriesStep, type TimeQuery } from '../../../domain/src/index.js';
import type { KyselyTimelineReader } from '../timeline-reader.js';
import { AsOfAnswers } from './as-of-answers.js';
import type { StateParts } from './state-parts.js';

/**
 * The point-in-time questions as plain data, to be answered in another thread (answer-worker.ts):
 * instants as ISO text with their zone (the fold cuts days in that zone), places by code, pages as
 * they are (the window the `after` cursor and `limit` ask for: the answer cache keys by the URL,
 * cursor included). Free of the framework, as the workers load it.
 */
interface InstantText { readonly iso: string; readonly zone: string }
export interface TimeText { readonly asOf: InstantText; readonly knownAt: InstantText | null; readonly recordedAt: InstantText | null; readonly recordedPosition: number | null }

export type QuestionText =
  | { readonly kind: 'national-state'; readonly time: TimeText; readonly country: string; readonly parts: StateParts; readonly page: ListPage }
  | { readonly kind: 'jurisdiction-state'; readonly time: TimeText; readonly jurisdiction: string; readonly page: ListPage; readonly parts: StateParts }
  | { readonly kind: 'bans'; readonly time: TimeText; readonly jurisdiction: string | null; readonly page: ListPage }
  | { readonly kind: 'diff'; readonly from: TimeText; readonly to: TimeText; readonly jurisdiction: string | null; readonly page: ListPage }
  | { readonly kind: 'jurisdiction-timeline'; readonly jurisdiction: string; readonly from: string | null; readonly to: string | null;
      readonly time: TimeText; readonly page: ListPage }
  | { readonly kind: 'series'; readonly jurisdiction: string; readonly measure: SeriesMeasure; readonly step: SeriesStep;
      readonly from: InstantText; readonly points: readonly InstantText[]; readonly time: TimeText };

export const instantText = (instant: DateTime): InstantText => ({ iso: instant.toISO() as string, zone: instant.zoneName ?? 'UTC' });
const instantOf = (text: InstantText): DateTime => DateTime.fromISO(text.iso, { zone: text.zone });

export const timeText = (time: TimeQuery): TimeText => ({
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

/** The answer to a question in its plain form. */
export function answerQuestion(answers: AsOfAnswers, text: QuestionText): Promise<unknown> {
  const place = (code: string | null) => (code === null ? null : jurisdictions.get(code));
  switch (text.kind) {
    case 'national-state':
      return answers.nationalState(timeOf(text.time), jurisdictions.get(text.country), text.parts, text.page);
    case 'jurisdiction-state':
      return answers.jurisdictionState(timeOf(text.time), jurisdictions.get(text.jurisdiction), text.page, text.parts);
    case 'bans':
      return answers.bans(timeOf(text.time), place(text.jurisdiction), text.page);
    case 'diff':
      return answers.diff(timeOf(text.from), timeOf(text.to), place(text.jurisdiction), text.page);
    case 'jurisdiction-timeline':
      return answers.timeline(jurisdictions.get(text.jurisdiction), text.from, text.to, timeOf(text.time), text.page);
    case 'series':
      return answers.series(jurisdictions.get(text.jurisdiction), text.measure, text.step, instantOf(text.from), text.points.map(instantOf), timeOf(text.time));
  }
}

/**
 * answerQuestion over one snapshot of the read models (KyselyTimelineReader.inSnapshot): its
 * statements see one commit of the projector, never a mix of two (the answer workers' way). A
 * question about a place being computed is reported or folded, not waited for: a snapshot would
 * never see the projector finish.
 */
export function answerInOneSnapshot(reader: KyselyTimelineReader, question: QuestionText, whileComputing: 'report' | 'fold'): Promise<unknown> {
  return reader.inSnapshot((snapshot) => answerQuestion(new AsOfAnswers(snapshot, whileComputing === 'report' ? { whileComputing } : {}), question));
}
