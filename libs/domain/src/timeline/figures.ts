import type { FactData, FactDataKept } from '../notice/notice-events.js';
import type { FuzzyDate } from '../time/fuzzy-date.js';

/**
 * Truth rule 2: actions and figures differ. An action (a ban, closure, prohibition, halt, exit)
 * starts at its date and holds; batches of an action add up. A figure (`StatisticReported`, or a
 * counted action marked `cumulative`: "up to now, 147 have closed") is a snapshot as of its date:
 * the latest known figure of its series until a newer one supersedes it.
 */
export const isFigure = (content: FactDataKept): boolean =>
  content.kind === 'StatisticReported' || ('cumulative' in content && content.cumulative === true);

/**
 * The series a figure belongs to: figures of one series supersede each other; figures of two
 * series never do. A statistic's series is its place, the institution it describes, its metric,
 * unit and baseline (a metric's slug names its line); a running total's is its place, kind and
 * business line. Null for actions.
 */
export function figureSeriesOf(content: FactDataKept): string | null {
  if (content.kind === 'StatisticReported') {
    // not the business line: sources name a metric with or without it ("139 online lending institutions" and "29 remain")
    return ['statistic', content.jurisdiction, content.institution?.id ?? '', content.metric, content.unit, content.baseline?.text ?? ''].join('|');
  }
  if (isFigure(content)) return ['total', content.kind, content.jurisdiction, 'businessLine' in content ? content.businessLine ?? '' : ''].join('|');
  return null;
}

/** The number a figure reports (a statistic's value, a total's count); null when it gives none. */
export function figureValueOf(content: FactDataKept): number | null {
  if (content.kind === 'StatisticReported') return content.value;
  return 'count' in content && typeof content.count === 'number' ? content.count : null;
}

/** Later window first: by latest day, then by earliest day. 0 for the same window. */
export function laterWindowFirst(a: FuzzyDate, b: FuzzyDate): number {
  if (a.latest !== b.latest) return a.latest < b.latest ? 1 : -1;
  const ea = a.earliest ?? '';
  const eb = b.earliest ?? '';
  return ea === eb ? 0 : ea < eb ? 1 : -1;
}

interface Evaluated {
  readonly factId: string;
  readonly content: FactData;
  readonly inForce: 'certain' | 'possible';
  readonly status: string;
}

/**
 * Of the figures that have started at a query, those that describe it: in each series the latest
 * certainly started (with every figure of the same window: several sources' figures of one date),
 * else, when none has certainly started, the latest possibly started. Earlier figures are
 * superseded; a figure whose window is later but only possibly started does not yet replace the
 * certain one (it may describe a later day). Returns, for each current figure, the ids of the
 * others of its series and date that report another number (a dispute); superseded figures are absent.
 */
export function currentFigures<T extends Evaluated>(started: readonly T[]): Map<T, readonly string[]> {
  const series = new Map<string, T[]>();
  for (const fact of started) {
    const key = fact.status === 'in-force' ? figureSeriesOf(fact.content) : null;
    if (key === null) continue;
    const list = series.get(key);
    if (list) list.push(fact);
    else series.set(key, [fact]);
  }
  const current = new Map<T, readonly string[]>();
  for (const figures of series.values()) {
    const certain = figures.filter((fact) => fact.inForce === 'certain');
    const pool = certain.length > 0 ? certain : figures;
    const [top] = [...pool].sort((a, b) => laterWindowFirst(a.content.effective, b.content.effective));
    if (!top) continue;
    const same = pool.filter((fact) => laterWindowFirst(fact.content.effective, top.content.effective) === 0);
    for (const fact of same) {
      const value = figureValueOf(fact.content);
      current.set(fact, same.filter((other) => other !== fact && figureValueOf(other.content) !== value).map((other) => other.factId));
    }
  }
  return current;
}
