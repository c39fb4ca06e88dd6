import type { DateTime } from 'luxon';
import { jurisdictions as defaultRegistry, type JurisdictionRegistry } from '../jurisdictions/jurisdiction-registry.js';
import type { FactData, FactDataKept, FactSource } from '../notice/notice-events.js';
import { DEFAULT_ZONE, type FuzzyDate } from '../time/fuzzy-date.js';
import { buildFactHistories, factsAsRecorded, type FactHistory, type LoggedEvent, type RecordedFact } from './recorded-fact.js';
import type { TimeQuery } from './time-query.js';
import { currentFigures, isFigure } from './figures.js';
import { reachedBy } from './started-by.js';

export type Certainty = 'certain' | 'possible';

/**
 * Whether a fuzzy date has started at an instant, its days read in `zone` (truth rule 1):
 * absent (null) before its earliest day; 'possible' inside its window; 'certain' once its latest
 * day has ended. A date with no lower bound (written before the rule; new writes are refused) is
 * possible on every earlier day: the seeds that had one are corrected to a window.
 */
export function certaintyAt(date: FuzzyDate, instant: DateTime, zone: string): Certainty | null {
  // the same comparisons as against fuzzyDateInstants(date, zone), done on calendar-day strings:
  // a query folds thousands of facts at one instant, and building zoned dates per fact dominated
  const { day, endOfDay } = localDayOf(instant, zone);
  if (day > date.latest || (day === date.latest && endOfDay)) return 'certain';
  if (reachedBy(date.earliest, day)) return 'possible';
  return null;
}

interface LocalDay {
  /** the instant's calendar day in the zone (ISO) */
  readonly day: string;
  /** whether the instant is the last millisecond of that day (a period's end: asOf=2020-06-30) */
  readonly endOfDay: boolean;
}

const localDays = new Map<string, LocalDay>();

function localDayOf(instant: DateTime, zone: string): LocalDay {
  const key = `${instant.toMillis()}|${zone}`;
  const known = localDays.get(key);
  if (known) return known;
  const local = instant.setZone(zone);
  const found = { day: local.toISODate() as string, endOfDay: local.toMillis() === local.endOf('day').toMillis() };
  if (localDays.size >= 4096) localDays.clear();
  localDays.set(key, found);
  return found;
}

const weaker = (a: Certainty, b: Certainty): Certainty => (a === 'certain' && b === 'certain' ? 'certain' : 'possible');

/**
 * - 'in-force': the fact holds at asOf (an exit: the institution has exited);
 * - 'exit-announced': an InstitutionExitAnnounced whose exit has not started but whose
 *   announcement has.
 */
export type FactStatus = 'in-force' | 'exit-announced';

/**
 * What the answers read of a fact that holds: a FactAt of the fold, or a fact rebuilt from a
 * projected piece (projection/) that has only the parts of its record the answers show.
 */
export interface FactShown {
  readonly factId: string;
  readonly content: FactData;
  readonly recorded: {
    readonly sources: readonly FactSource[];
    readonly corrections: { readonly length: number };
    readonly original: { readonly position: number };
    readonly version: { readonly position: number };
  };
  readonly status: FactStatus;
  readonly inForce: Certainty;
  readonly known: Certainty;
  readonly certainty: Certainty;
  readonly disputedWith: readonly string[];
}

/** What a place's aggregates read of a fact shown (place-sweep.ts): not its sources nor its corrections. */
export type ShownFields = Omit<FactShown, 'content' | 'recorded'> & {
  readonly content: FactDataKept;
  readonly recorded: Pick<FactShown['recorded'], 'original' | 'version'>;
};

/** A fact that holds (or is announced) at the query's instant, with how sure the answer is. */
export interface FactAt extends FactShown {
  readonly factId: string;
  readonly content: FactData;
  readonly recorded: RecordedFact;
  readonly status: FactStatus;
  /** whether its effective window has passed by asOf ('possible' inside the window), truth rule 4 */
  readonly inForce: Certainty;
  /** whether one of its sources had been published by knownAt ('certain' when knownAt is unlimited) */
  readonly known: Certainty;
  /** the weaker of `inForce` and `known` (the one field answers had before the two were kept apart) */
  readonly certainty: Certainty;
  /** a figure: the other figures of its series and date that report another number (truth rule 3) */
  readonly disputedWith: readonly string[];
}

/** The zone in which a fact's dates are read: its jurisdiction's. */
export const zoneOf = (content: FactData, registry: JurisdictionRegistry = defaultRegistry): string =>
  registry.find(content.jurisdiction)?.zone ?? DEFAULT_ZONE;

/**
 * The span in which a fact can have started. An exit "on or before" a date (recorded before
 * windows were required) cannot precede its announcement: its open lower bound is the announcement's earliest day.
 */
export function effectiveSpan(content: FactDataKept): FuzzyDate {
  if (content.kind === 'InstitutionExitAnnounced' && content.effective.earliest === null) {
    return { ...content.effective, earliest: content.announced.earliest };
  }
  return content.effective;
}

/** A recorded fact evaluated on the knownAt and asOf axes; null when it does not hold or is not known. */
export function evaluateFact(recorded: RecordedFact, query: TimeQuery, registry: JurisdictionRegistry = defaultRegistry): FactAt | null {
  const content = recorded.content;
  const zone = zoneOf(content, registry);
  const known = query.knownAt === null ? 'certain' : knownBy(recorded, query.knownAt, zone);
  if (known === null) return null;
  const started = certaintyAt(effectiveSpan(content), query.asOf, zone);
  // completed by Object.assign, not spread: slow on V8 11 (recorded-fact.ts)
  const base = { factId: recorded.factId, content, recorded, known, disputedWith: [] };
  if (started !== null) return Object.assign(base, { status: 'in-force' as const, inForce: started, certainty: weaker(known, started) });
  if (content.kind === 'InstitutionExitAnnounced') {
    const announced = certaintyAt(content.announced, query.asOf, zone);
    if (announced !== null) return Object.assign(base, { status: 'exit-announced' as const, inForce: announced, certainty: weaker(known, announced) });
  }
  return null;
}

/** Known for certain if any source was certainly published by then; possibly if one may have been; else not known. */
function knownBy(recorded: RecordedFact, knownAt: DateTime, zone: string): Certainty | null {
  let best: Certainty | null = null;
  for (const source of recorded.sources) {
    const published = certaintyAt(source.published, knownAt, zone);
    if (published === 'certain') return 'certain';
    best ??= published;
  }
  return best;
}

/**
 * The point-in-time fold: every fact that holds at `query.asOf`, as known by `query.knownAt`,
 * as recorded by `query.recordedAt` (and `recordedPosition`), in first-recorded order. Actions
 * hold from their date; of the figures, only those describing the date (not superseded by a later
 * figure of their series), disputed ones marked.
 */
export function factsAt(histories: readonly FactHistory[], query: TimeQuery, registry: JurisdictionRegistry = defaultRegistry): FactAt[] {
  const evaluated = factsAsRecorded(histories, query).flatMap((recorded) => evaluateFact(recorded, query, registry) ?? []);
  const current = currentFigures(evaluated);
  return evaluated.flatMap((fact) => {
    if (fact.status !== 'in-force' || !isFigure(fact.content)) return [fact];
    const disputedWith = current.get(fact);
    return disputedWith === undefined ? [] : [disputedWith.length === 0 ? fact : { ...fact, disputedWith }];
  });
}

/** Convenience for an offline replay: the log straight to the facts at a query. */
export const foldLog = (log: readonly LoggedEvent[], query: TimeQuery, registry: JurisdictionRegistry = defaultRegistry): FactAt[] =>
  factsAt(buildFactHistories(log), query, registry);

/** Keeps the facts of `code`, and with `includeChildren` those of the jurisdictions inside it. */
export function inJurisdiction<T extends { content: FactData }>(
  facts: readonly T[], code: string, includeChildren: boolean, registry: JurisdictionRegistry = defaultRegistry,
): T[] {
  return facts.filter((fact) =>
    includeChildren ? registry.isWithin(fact.content.jurisdiction, code) : fact.content.jurisdiction === code);
}
