import { DateTime } from 'luxon';
import type { FactData, FactSource, NoticePublishedData } from '../notice/notice-events.js';
import { intersectDates, type FuzzyDate } from '../time/fuzzy-date.js';
import { decodeOwnEvent } from '../events/decode.js';

/** One event of the log as the store returns it (stored shapes, global position, UTC timestamp). */
export interface LoggedEvent {
  /** @asType integer */
  readonly position: number;
  /** ISO instant (UTC) at which the service appended the event */
  readonly recordedAt: string;
  readonly type: string;
  readonly data: unknown;
  /** who recorded it (the API key's name), when known */
  readonly actor?: string | null;
}

/** Where and when a version of a fact entered the log. */
export interface RecordedMark {
  /** @asType integer */
  readonly position: number;
  readonly recordedAt: string;
  /** who recorded it (the API key's name); null when unknown */
  readonly actor?: string | null;
}

/** The original content of a fact, or a correction of it. */
export interface FactVersion extends RecordedMark {
  readonly origin: 'original' | 'correction';
  readonly content: FactData;
  /** the correction's reason and id; null for the original */
  readonly reason: string | null;
  readonly correctionId: string | null;
}

/** Another source reporting the fact (FactCorroborated). */
export interface FactCorroboration extends RecordedMark {
  readonly corroborationId: string;
  readonly source: FactSource;
  /** the date this source gives the fact; null when it gives none */
  readonly effective: FuzzyDate | null;
  readonly note: string | null;
}

export interface FactRetraction extends RecordedMark {
  readonly retractionId: string;
  readonly reason: string;
}

/** Everything the log says about one fact, in recorded order. Never edited: only appended to. */
export interface FactHistory {
  readonly factId: string;
  readonly noticeId: string;
  readonly notice: NoticePublishedData | null;
  /** original first, then the corrections in log order */
  readonly versions: readonly FactVersion[];
  /** other sources reporting the fact, in log order */
  readonly corroborations: readonly FactCorroboration[];
  readonly retraction: FactRetraction | null;
}

/**
 * Folds the log into the history of every fact, in the order the facts were first recorded.
 * Events are taken in position order whatever order they are given in. Corrections or
 * retractions of a fact the log does not contain are ignored (the decider never writes them).
 */
export function buildFactHistories(log: readonly LoggedEvent[]): FactHistory[] {
  const ordered = [...log].sort((a, b) => a.position - b.position);
  const notices = new Map<string, NoticePublishedData>();
  const facts = new Map<string, {
    factId: string; noticeId: string; versions: FactVersion[]; corroborations: FactCorroboration[]; retraction: FactRetraction | null;
  }>();
  for (const stored of ordered) {
    const event = decodeOwnEvent(stored);
    if (event === null) continue;
    // each event's mark, completed by Object.assign: V8 11 (Node 20) makes { ...mark, origin, ... } (a
    // spread followed by keys of its own) ~20 times slower, and what it allocates outlives the young generation
    const mark = { position: event.position, recordedAt: event.recordedAt, actor: event.actor ?? null };
    if (event.type === 'NoticePublished.v1') {
      notices.set(event.data.noticeId, event.data);
    } else if (event.type === 'FactCorrected.v1') {
      const { data } = event;
      const fact = facts.get(data.factId);
      if (!fact || fact.retraction) continue;
      fact.versions.push(Object.assign(mark, { origin: 'correction' as const, content: { ...data.corrected, factId: data.factId },
        reason: data.reason, correctionId: data.correctionId }));
    } else if (event.type === 'FactCorroborated.v1') {
      const { data } = event;
      const fact = facts.get(data.factId);
      if (!fact || fact.retraction) continue;
      fact.corroborations.push(Object.assign(mark, { corroborationId: data.corroborationId, source: data.source, effective: data.effective, note: data.note }));
    } else if (event.type === 'FactRetracted.v1') {
      const { data } = event;
      const fact = facts.get(data.factId);
      if (!fact || fact.retraction) continue;
      fact.retraction = Object.assign(mark, { retractionId: data.retractionId, reason: data.reason });
    } else if (event.type !== 'DocumentRegistered.v1') {
      const content = event.data;
      if (facts.has(content.factId)) continue;
      facts.set(content.factId, { factId: content.factId, noticeId: content.noticeId, retraction: null, corroborations: [],
        versions: [Object.assign(mark, { origin: 'original' as const, content, reason: null, correctionId: null })] });
    }
  }
  return [...facts.values()].map((fact) => Object.assign(fact, { notice: notices.get(fact.noticeId) ?? null }));
}

/** The cut of the recordedAt axis: events at or before both limits count (null = no limit). */
export interface RecordedCut {
  readonly recordedAt: DateTime | null;
  readonly recordedPosition?: number | null;
}

export const isRecordedBy = (mark: RecordedMark, cut: RecordedCut): boolean =>
  (cut.recordedAt === null || DateTime.fromISO(mark.recordedAt, { zone: 'utc' }).toMillis() <= cut.recordedAt.toMillis()) &&
  (cut.recordedPosition === undefined || cut.recordedPosition === null || mark.position <= cut.recordedPosition);

/** A fact as the log stood at a cut: its content then, and the corrections made by then. */
export interface RecordedFact {
  readonly factId: string;
  /**
   * the content in force at the cut: the last correction recorded by then, else the original; its
   * `effective` is the window every source recorded by then allows (their intersection)
   */
  readonly content: FactData;
  /** the fact's own source first, then the corroborating sources recorded by the cut */
  readonly sources: readonly FactSource[];
  readonly corroborations: readonly FactCorroboration[];
  readonly original: FactVersion;
  /** corrections recorded by the cut, oldest first */
  readonly corrections: readonly FactVersion[];
  /** the version `content` comes from */
  readonly version: FactVersion;
  readonly history: FactHistory;
}

/**
 * The fact as the service would have shown it at the cut: null when it was not yet recorded,
 * or when it had been retracted by then.
 */
export function factAsRecorded(history: FactHistory, cut: RecordedCut): RecordedFact | null {
  const [original, ...rest] = history.versions;
  if (!original || !isRecordedBy(original, cut)) return null;
  if (history.retraction && isRecordedBy(history.retraction, cut)) return null;
  const corrections = rest.filter((version) => isRecordedBy(version, cut));
  const version = corrections.at(-1) ?? original;
  const corroborations = (history.corroborations ?? []).filter((corroboration) => isRecordedBy(corroboration, cut));
  return {
    factId: history.factId, content: narrowed(version.content, corroborations), sources: [version.content.source, ...corroborations.map((c) => c.source)],
    corroborations, original, corrections, version, history,
  };
}

/** The content with its window narrowed to what the corroborating sources allow (the decider keeps them overlapping). */
function narrowed(content: FactData, corroborations: readonly FactCorroboration[]): FactData {
  let effective = content.effective;
  for (const corroboration of corroborations) {
    if (corroboration.effective) effective = intersectDates(effective, corroboration.effective) ?? effective;
  }
  return effective === content.effective ? content : { ...content, effective };
}

/** Every fact as recorded at the cut, in first-recorded order. */
export const factsAsRecorded = (histories: readonly FactHistory[], cut: RecordedCut): RecordedFact[] =>
  histories.flatMap((history) => factAsRecorded(history, cut) ?? []);
