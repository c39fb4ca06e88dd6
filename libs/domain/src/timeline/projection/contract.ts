/*
 * Projected point-in-time state (issue 17, item 1): the contract between the domain, which says
 * what a place's facts project to and how an answer is assembled from what the read models stored,
 * and the read models, which store the rows and seek them. Latest knowledge only (knownAt and
 * recordedAt unset): every other question keeps the exact fold (fold.ts).
 *
 * On the asOf axis a fact's evaluation (certaintyAt, currentFigures) depends only on the calendar
 * day of asOf in the fact's zone and on whether asOf is that day's last millisecond: the half-day
 * key below. So everything the fold says about one place's own facts is constant between the
 * half-day keys at which one of its facts starts, becomes certain or is superseded: the
 * projection stores those pieces, and an answer seeks the piece holding the question's key.
 */
import type { DateTime } from 'luxon';
import type { FactKind } from '../../facts/fact-catalogue.js';
import type { ListPage } from '../list-page.js';

/**
 * A half-day key: 2 x (days from 1970-01-01 to the calendar day of an instant in a zone), plus 1
 * when the instant is that day's last millisecond (asOf=2020-06-30 means its end: a window ending
 * that day has certainly started; a noon query has not). Ordered like the instants of one zone.
 */
export type HalfDay = number;

/** The `to` of a piece that never ends (an action holds from its date on). */
export const END_OF_TIME: HalfDay = 2 ** 52;

/** The `from` of a piece that holds before any date (a legacy window unbounded below: possible on every earlier day). */
export const START_OF_TIME: HalfDay = -(2 ** 52);

/**
 * One piece of one fact's life on the asOf axis: from `from` (inclusive) to `to` (exclusive) the
 * fold evaluates it the same way (status, inForce, disputedWith). A fact absent at a key (not yet
 * started, superseded, retracted) has no piece holding it. Pieces of one fact do not overlap.
 */
export interface FactSpanRow {
  readonly factId: string;
  /** the fact's own jurisdiction (not its ancestors') */
  readonly jurisdiction: string;
  readonly kind: FactKind;
  readonly from: HalfDay;
  readonly to: HalfDay;
  /** effective order (jurisdiction-state's effectiveOrder): effective.latest, then effective.earliest ('' when unbounded), then firstPosition */
  readonly effectiveLatest: string;
  readonly effectiveEarliest: string;
  /** the log position of the fact's original (first-recorded order is the fold's order) */
  readonly firstPosition: number;
  /** JSON, opaque to the store: what the domain needs to give the fact as the fold would (FactAt's parts) */
  readonly body: string;
  /**
   * What the SQL readers keep beside the body, so that a count's named facts and a page of
   * statistics are read from an index (the body's `v` and `p`, and the statistics list's key):
   * the log position of the version shown (null for a body projected without one)...
   */
  readonly versionPosition: number | null;
  /** ...whether the piece is possibly in force only (the body's `p`)... */
  readonly possible: boolean;
  /** ...and a StatisticReported piece's place in the statistics list (counts.ts statisticListKey; null for other kinds) */
  readonly seriesKey: string | null;
}

/** How a state reads its page of statistics (ProjectionReader statisticPageAt). */
export interface StatisticPageOptions {
  /** how many hold, when the caller knows (the places' segments: PlaceAggregates `s`) */
  readonly total?: number | undefined;
  /** false: the bodies without the facts' sources; default true */
  readonly sources?: boolean;
}

/** What a state's page of statistics reads of a span: the fact it gives (fact-pieces.ts factOfSpan), not where it holds. */
export type StatisticPiece = Pick<FactSpanRow, 'factId' | 'firstPosition' | 'body'>;

/**
 * One piece of one place's own aggregates (counts, per-line tallies, how many facts hold...): from
 * `from` to `to` they do not change. The pieces of a place are contiguous and do not overlap; a
 * place with no fact ever has none.
 */
export interface PlaceSegmentRow {
  /** one jurisdiction's own facts, not its descendants' */
  readonly jurisdiction: string;
  readonly from: HalfDay;
  readonly to: HalfDay;
  /** JSON, opaque to the store */
  readonly body: string;
}

/** Everything projected from one jurisdiction's own facts; replaces all of its rows when stored. */
export interface PlaceProjection {
  readonly jurisdiction: string;
  readonly spans: readonly FactSpanRow[];
  readonly segments: readonly PlaceSegmentRow[];
}

/**
 * What a count needs of a span it names, all of it in an index (not the body): latestFirst's keys
 * and whether possibly in force only. The window's text (a count's `e`) is read by fact, for the
 * first named only (scope-named.ts).
 */
export interface LatestSpan {
  readonly factId: string;
  readonly jurisdiction: string;
  readonly kind: FactKind;
  readonly effectiveLatest: string;
  readonly effectiveEarliest: string;
  /** the body's `v`: the log position of the version shown (null when the body has none) */
  readonly version: number | null;
  /** the body's `p`: possibly in force only */
  readonly possible: boolean;
}

/**
 * One count of a scope (a place with the places inside it) whose named facts are read merged: its
 * kind, the places of the scope whose segments name facts of it where they lie (NamedReading `r`:
 * each place's lowest and highest effective latest day), the ids the places leave out
 * (NamedReading `s`), and the window of the merged list wanted.
 */
export interface NamedGroup {
  readonly kind: FactKind;
  readonly places: readonly { readonly place: string; readonly lowest: string; readonly highest: string }[];
  readonly leftOut: readonly string[];
  readonly offset: number;
  readonly limit: number;
}

/**
 * What the read models answer about the stored pieces (SQL there, an in-memory copy in the domain's
 * tests). `places: null` means every place. Only pieces with `from <= at < to` are returned.
 */
export interface ProjectionReader {
  /** each listed place's segment holding `at` (a place with none is left out) */
  segmentsAt(places: readonly string[], at: HalfDay): Promise<PlaceSegmentRow[]>;
  /** the spans holding `at` of these places and kinds (null: any), in first-recorded order (firstPosition, then factId) */
  spansAt(places: readonly string[] | null, kinds: readonly FactKind[] | null, at: HalfDay): Promise<FactSpanRow[]>;
  /** a window of the spans holding `at` of these places and kinds, in effective order (effectiveLatest, effectiveEarliest, firstPosition) */
  spanPageAt(places: readonly string[] | null, kinds: readonly FactKind[] | null, at: HalfDay, page: ListPage): Promise<FactSpanRow[]>;
  /**
   * the page's window of the StatisticReported spans holding `at` in these places, in the statistics list's order
   * (counts.ts statisticListKey of the body's content, then factId), and how many hold: the statistics of a state.
   * `total`: how many hold, when the caller knows (the places' segments count them, PlaceAggregates `s`): not counted again.
   * `sources` false: each piece's body without the fact's sources (`c.source`, `s`), as a lean answer shows a statistic
   * (factOfSpan gives it with none): half of what is read and parsed
   */
  statisticPageAt(places: readonly string[], at: HalfDay, page: ListPage, options?: StatisticPageOptions): Promise<{ spans: StatisticPiece[]; total: number }>;
  /**
   * a window of the bans holding `at` of `place` and the places inside it (null: every place), in effective order:
   * the spans of BAN_KINDS holding `at` but those of exits only announced (isBanPiece). The SQL readers read it in
   * that order from an index of the bans by each place they lie within.
   */
  banPageAt(place: string | null, at: HalfDay, page: ListPage): Promise<FactSpanRow[]>;
  /** the spans holding `at` of these facts (an institution's facts, a count's named facts), in first-recorded order */
  spansOfFactsAt(factIds: readonly string[], at: HalfDay): Promise<FactSpanRow[]>;
  /**
   * for each group, the window `offset`, `limit` of the spans holding `at` of its kind in its places,
   * each within its place's days, but the ids left out, merged in latestFirst order (counts.ts:
   * later effectiveLatest, then later effectiveEarliest, then later version position, the body's
   * `v`; then factId): the candidates of the facts a scope's count names, of which each
   * place names its first `m`
   */
  namedCandidatesAt(groups: readonly NamedGroup[], at: HalfDay): Promise<LatestSpan[][]>;
}

/** The half-day key of an instant in a zone. */
export type HalfDayOf = (instant: DateTime, zone: string) => HalfDay;
