import type { FactData } from '../notice/notice-events.js';

/**
 * The days of a fact that decide, a day at a time, whether it may have started (truth rule 1):
 * what the read models index (facts.effective_from, effective_to, announced_from and kind) and
 * the reader's SQL pre-selects by. Its content's dates, not effectiveSpan's: an exit "on or before"
 * a day is unbounded below here, a superset the fold then narrows.
 */
export interface StartWindow {
  /** first day the effective date can mean; null: unbounded below */
  readonly effectiveFrom: string | null;
  /** last day the effective date can mean */
  readonly effectiveTo: string;
  /** an exit's announcement (it holds as announced before it takes effect): its first day, null when unbounded below; null for other kinds */
  readonly announcement: { readonly from: string | null } | null;
}

/** A lower bound reached by a calendar day (ISO dates compare as text); an absent bound is reached on every day. */
export const reachedBy = (earliest: string | null, day: string): boolean => earliest === null || earliest <= day;

/**
 * Whether a fact may have started (or, an exit, been announced) by the end of `day`: the fold
 * (certaintyAt) finds no fact started or announced on a day this rules out. The read models'
 * candidate filter is this rule in SQL (KyselyTimelineReader; test/read-model/started-by.int-spec.ts
 * holds the two equal on SQLite and PostgreSQL).
 */
export const mayHaveStartedBy = (window: StartWindow, day: string): boolean =>
  reachedBy(window.effectiveFrom, day) || (window.announcement !== null && reachedBy(window.announcement.from, day));

/** Whether a fact's effective date may still be running on or after `day` (a timeline from a day on). */
export const mayRunFrom = (window: StartWindow, day: string): boolean => window.effectiveTo >= day;

export const startWindowOf = (content: FactData): StartWindow => ({
  effectiveFrom: content.effective.earliest,
  effectiveTo: content.effective.latest,
  announcement: content.kind === 'InstitutionExitAnnounced' ? { from: content.announced.earliest } : null,
});
