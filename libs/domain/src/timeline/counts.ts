import type { FactData, FactSource } from '../notice/notice-events.js';
import type { FuzzyDate } from '../time/fuzzy-date.js';
import type { Certainty, FactAt } from './fold.js';

/** Statistic metrics (seed slugs) read as the number of institutions still operating. */
export const OPERATING_METRICS: readonly string[] = ['operating-institutions', 'online-lending-platforms'];
/** Statistic metrics read as the number of institutions that have exited. */
export const EXITED_METRICS: readonly string[] = ['institutions-already-exited', 'institutions-withdrawn-since-rectification-began'];
/** Units that are changes, not head counts: never used as a count. */
const CHANGE_UNITS: readonly string[] = ['percent-change', 'percent'];

/** A count as answered: its value and the fact(s) it comes from (the latest one named by factId). */
export interface CountFigure {
  readonly value: number;
  readonly factId: string;
  readonly factIds: readonly string[];
  readonly effective: FuzzyDate;
  readonly certainty: Certainty;
  /** true when a fact in force gives no number ("a number of"): the value is a lower bound */
  readonly partial: boolean;
}

export interface Counts {
  readonly banned: CountFigure | null;
  readonly closed: CountFigure | null;
  readonly revoked: CountFigure | null;
  readonly exited: CountFigure | null;
  readonly operating: CountFigure | null;
}

export interface SourceCitation {
  readonly document: string;
  readonly publisher: string;
  readonly url: string | null;
  readonly quote: string;
  readonly title: string;
  readonly published: FuzzyDate;
}

export const citationOf = (source: FactSource): SourceCitation => ({
  document: source.document, publisher: source.publisher, url: source.url, quote: source.quote, title: source.title,
  published: source.published,
});

/** Later effective date first (by latest day, then earliest), then later recorded version first. */
export function latestFirst(a: FactAt, b: FactAt): number {
  const ea = a.content.effective;
  const eb = b.content.effective;
  if (ea.latest !== eb.latest) return ea.latest < eb.latest ? 1 : -1;
  const fa = ea.earliest ?? '';
  const fb = eb.earliest ?? '';
  if (fa !== fb) return fa < fb ? 1 : -1;
  return b.recorded.version.position - a.recorded.version.position;
}

/**
 * The figure to report for a date: one certainly in force beats one only possibly in force
 * ("29 remain, on or before 2020-08-14" does not override "139 as of 2020-03-31" on 2020-03-31),
 * then the later effective date.
 */
export function bestFigureFirst(a: FactAt, b: FactAt): number {
  if (a.certainty !== b.certainty) return a.certainty === 'certain' ? -1 : 1;
  return latestFirst(a, b);
}

/** Display order: earlier effective date first (by latest day, then earliest), then first recorded first. */
export function effectiveOrder(a: FactAt, b: FactAt): number {
  const ea = a.content.effective;
  const eb = b.content.effective;
  if (ea.latest !== eb.latest) return ea.latest < eb.latest ? -1 : 1;
  const fa = ea.earliest ?? '';
  const fb = eb.earliest ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  return a.recorded.original.position - b.recorded.original.position;
}

const countOf = (content: FactData): number | undefined =>
  'count' in content && typeof content.count === 'number' ? content.count : undefined;

/**
 * The figure a fact competes for in its jurisdiction: a count answers with the best fact of each
 * group (a batch, an unbatched total; a statistic's metric and unit; a business line's
 * prohibition), so the best of each group and whether an uncounted fact holds decide the counts.
 * Null for kinds no figure reads. Read models index facts by it.
 */
export function figureGroupOf(content: FactData): string | null {
  switch (content.kind) {
    case 'InstitutionsBanned':
      return countOf(content) === undefined ? 'uncounted' : content.batch ? `batch:${content.batch.number}` : 'total';
    case 'InstitutionsClosed':
    case 'InstitutionsRevoked':
      return countOf(content) === undefined ? 'uncounted' : 'counted';
    case 'StatisticReported':
      return `${content.metric}|${content.unit}`;
    case 'BusinessLineProhibited':
      return content.businessLine;
    case 'InstitutionExitAnnounced':
      return 'exit';
    default:
      return null;
  }
}

/** A count's fact ids name at most this many facts (the latest): a count of thousands of exits names the latest ones. */
export const MAX_FIGURE_FACT_IDS = 20;

function figure(parts: readonly FactAt[], value: number, partial: boolean): CountFigure | null {
  const [latest] = [...parts].sort(latestFirst);
  if (!latest) return null;
  return {
    value, factId: latest.factId, factIds: parts.map((part) => part.factId), effective: latest.content.effective,
    certainty: parts.every((part) => part.certainty === 'certain') ? 'certain' : 'possible', partial,
  };
}

/**
 * The number of exits in force, named by the latest of them; `count` may come from elsewhere
 * (an index) when `exits` holds only the latest ones and those still possibly in force.
 */
function exitsFigure(exits: readonly FactAt[], count: number): CountFigure | null {
  const latest = [...exits].sort(latestFirst);
  const [first] = latest;
  if (!first) return null;
  return {
    value: count, factId: first.factId, factIds: latest.slice(0, MAX_FIGURE_FACT_IDS).map((fact) => fact.factId),
    effective: first.content.effective, certainty: exits.every((fact) => fact.certainty === 'certain') ? 'certain' : 'possible',
    partial: false,
  };
}

/** Adds per-jurisdiction figures into one. */
function sumFigures(figures: readonly (CountFigure | null)[], parts: readonly FactAt[]): CountFigure | null {
  const present = figures.filter((value): value is CountFigure => value !== null);
  if (present.length === 0) return null;
  const ids = new Set(present.flatMap((value) => value.factIds));
  return figure(parts.filter((part) => ids.has(part.factId)), present.reduce((sum, value) => sum + value.value, 0),
    present.some((value) => value.partial));
}

function byJurisdiction(facts: readonly FactAt[]): FactAt[][] {
  const groups = new Map<string, FactAt[]>();
  for (const fact of facts) groups.set(fact.content.jurisdiction, [...(groups.get(fact.content.jurisdiction) ?? []), fact]);
  return [...groups.values()];
}

/** One jurisdiction's banned count: max(sum of distinct batches, latest unbatched total). */
function bannedIn(group: readonly FactAt[]): CountFigure | null {
  const counted = group.filter((fact) => countOf(fact.content) !== undefined).sort(bestFigureFirst);
  const partial = counted.length < group.length;
  const batches = new Map<number, FactAt>();
  const unbatched: FactAt[] = [];
  for (const fact of counted) {
    const batch = fact.content.kind === 'InstitutionsBanned' ? fact.content.batch : undefined;
    if (!batch) unbatched.push(fact);
    else if (!batches.has(batch.number)) batches.set(batch.number, fact);
  }
  const batchParts = [...batches.values()];
  const batchSum = batchParts.reduce((sum, fact) => sum + (countOf(fact.content) ?? 0), 0);
  const total = unbatched[0];
  if (total && (countOf(total.content) ?? 0) >= batchSum) return figure([total], countOf(total.content) ?? 0, partial);
  return figure(batchParts, batchSum, partial);
}

/** One jurisdiction's latest counted figure (closures and revocations are cumulative reports). */
function latestIn(group: readonly FactAt[]): CountFigure | null {
  const counted = group.filter((fact) => countOf(fact.content) !== undefined).sort(bestFigureFirst);
  const latest = counted[0];
  return latest ? figure([latest], countOf(latest.content) ?? 0, counted.length < group.length) : null;
}

function latestStatistic(facts: readonly FactAt[], code: string, metrics: readonly string[]): CountFigure | null {
  const stats = facts.filter((fact) => fact.content.kind === 'StatisticReported' && fact.content.jurisdiction === code &&
    metrics.includes(fact.content.metric) && !CHANGE_UNITS.includes(fact.content.unit)).sort(bestFigureFirst);
  const latest = stats[0];
  return latest && latest.content.kind === 'StatisticReported' ? figure([latest], latest.content.value, false) : null;
}

/**
 * Counts at the query from the facts in force (already filtered to the jurisdiction and,
 * if wanted, its children). banned/closed/revoked add up across jurisdictions; operating and
 * exited come from the jurisdiction's own statistics (children's are partial, never summed),
 * exited falling back to the number of exits in force (`exitsInForce` when counted elsewhere).
 */
export function countsOf(facts: readonly FactAt[], code: string, exitsInForce?: number): Counts {
  const inForce = facts.filter((fact) => fact.status === 'in-force');
  const of = (kind: FactData['kind']) => inForce.filter((fact) => fact.content.kind === kind);
  const sumBy = (parts: FactAt[], perJurisdiction: (group: readonly FactAt[]) => CountFigure | null) =>
    sumFigures(byJurisdiction(parts).map(perJurisdiction), parts);
  const exits = of('InstitutionExitAnnounced');
  return {
    banned: sumBy(of('InstitutionsBanned'), bannedIn),
    closed: sumBy(of('InstitutionsClosed'), latestIn),
    revoked: sumBy(of('InstitutionsRevoked'), latestIn),
    exited: latestStatistic(inForce, code, EXITED_METRICS) ?? exitsFigure(exits, exitsInForce ?? exits.length),
    operating: latestStatistic(inForce, code, OPERATING_METRICS),
  };
}

export interface StatisticEntry {
  readonly factId: string;
  readonly jurisdiction: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly qualifier: string | null;
  readonly baseline: FuzzyDate | null;
  readonly effective: FuzzyDate;
  readonly certainty: Certainty;
  readonly sources: readonly SourceCitation[];
}

/** The latest figure of each (jurisdiction, metric, unit) in force. */
export function statisticsOf(facts: readonly FactAt[]): StatisticEntry[] {
  const seen = new Set<string>();
  const entries: StatisticEntry[] = [];
  for (const fact of [...facts].sort(latestFirst)) {
    const c = fact.content;
    if (c.kind !== 'StatisticReported' || fact.status !== 'in-force') continue;
    const key = `${c.jurisdiction}|${c.metric}|${c.unit}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ factId: fact.factId, jurisdiction: c.jurisdiction, metric: c.metric, value: c.value, unit: c.unit,
      qualifier: c.qualifier ?? null, baseline: c.baseline ?? null, effective: c.effective, certainty: fact.certainty,
      sources: [citationOf(c.source)] });
  }
  const key = (entry: StatisticEntry) => `${entry.jurisdiction}|${entry.metric}|${entry.unit}`;
  return entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
