import type { DateTime } from 'luxon';
import { ONLINE_LENDING } from '../facts/fact-catalogue.js';
import { jurisdictions as defaultRegistry, type JurisdictionRegistry } from '../jurisdictions/jurisdiction-registry.js';
import type { FuzzyDate } from '../time/fuzzy-date.js';
import { countsOf, statisticsOf, type CountFigure, type Counts } from './counts.js';
import { factsAt, inJurisdiction, type Certainty } from './fold.js';
import { prohibitionIn, type Prohibition } from './jurisdiction-state.js';
import type { FactHistory } from './recorded-fact.js';
import type { TimeQuery } from './time-query.js';

/** How far apart the points of a series are: each point is the end of one such period, in the place's zone. */
export const SERIES_STEPS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type SeriesStep = (typeof SERIES_STEPS)[number];

/** The counts a series can follow (the `counts` of a state answer). */
export const SERIES_COUNTS = ['banned', 'closed', 'revoked', 'exited', 'operating'] as const satisfies readonly (keyof Counts)[];

/** At most this many points in one series: a longer range takes a longer step. */
export const MAX_SERIES_POINTS = 400;

/**
 * What a series follows in a place: whether a business line is prohibited there, one of its
 * counts, or the place's own figures of a statistic's metric.
 */
export type SeriesMeasure =
  | { readonly kind: 'prohibition'; readonly businessLine: string }
  | { readonly kind: 'count'; readonly count: (typeof SERIES_COUNTS)[number] }
  | { readonly kind: 'statistic'; readonly metric: string };

/** A statistic's figure at a point: one per unit and baseline, each disputed one listed. */
export interface SeriesFigure {
  readonly factId: string;
  readonly value: number;
  readonly unit: string;
  readonly qualifier: string | null;
  readonly baseline: FuzzyDate | null;
  readonly effective: FuzzyDate;
  readonly inForce: Certainty;
  readonly known: Certainty;
  readonly certainty: Certainty;
  readonly disputed: boolean;
}

/** One point of a series: the end of a step (`at`, its calendar day `date`) and the measure there. */
export type SeriesPoint = { readonly at: string; readonly date: string } & (
  | { readonly prohibition: Prohibition }
  | { readonly count: CountFigure | null }
  | { readonly figures: readonly SeriesFigure[] });

/**
 * The end of every step from the one containing `from` to the one containing `to`, read in
 * `zone` (by month: 2019-01-31T23:59:59.999+08:00, ..., 2020-12-31T23:59:59.999+08:00); the last
 * point is `to` itself when `to` falls inside a step. Null when there would be more than `max`.
 */
export function seriesPoints(from: DateTime, to: DateTime, step: SeriesStep, zone: string, max = MAX_SERIES_POINTS): DateTime[] | null {
  const end = to.setZone(zone);
  const points: DateTime[] = [];
  let point = from.setZone(zone).endOf(step);
  while (point < end) {
    if (points.length >= max) return null;
    points.push(point);
    point = point.plus({ [step]: 1 }).endOf(step);
  }
  if (points.length >= max) return null;
  points.push(end);
  return points;
}

/**
 * A measure of a place at each point, folding the same fact histories at every point (the fold of
 * a state answer: truth rules and all): `histories` are the place's facts and, for a prohibition,
 * those of the places containing it; `cut` gives knownAt and recordedAt, the points give asOf.
 */
export function seriesOf(
  histories: readonly FactHistory[], code: string, measure: SeriesMeasure, points: readonly DateTime[],
  cut: Omit<TimeQuery, 'asOf'>, registry: JurisdictionRegistry = defaultRegistry,
): SeriesPoint[] {
  const place = registry.get(code).code;
  return points.map((asOf) => {
    const local = asOf.setZone(registry.get(code).zone);
    const point = { at: local.toISO() as string, date: local.toISODate() as string };
    const folded = factsAt(histories, { ...cut, asOf }, registry);
    switch (measure.kind) {
      case 'prohibition':
        return { ...point, prohibition: prohibitionIn(folded, place, measure.businessLine || ONLINE_LENDING, registry) };
      case 'count':
        return { ...point, count: countsOf(inJurisdiction(folded, place, true, registry), place)[measure.count] };
      case 'statistic':
        return { ...point, figures: statisticsOf(folded.filter((fact) => fact.content.jurisdiction === place))
          .filter((entry) => entry.institution === null && entry.metric === measure.metric)
          .map(({ factId, value, unit, qualifier, baseline, effective, inForce, known, certainty, disputed }) =>
            ({ factId, value, unit, qualifier, baseline, effective, inForce, known, certainty, disputed })) };
    }
  });
}
