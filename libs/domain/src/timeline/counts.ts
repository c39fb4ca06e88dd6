import type { FactData, FactDataKept } from '../notice/notice-events.js';
import type { FuzzyDate } from '../time/fuzzy-date.js';
import { citationOf, type SourceCitation } from './citations.js';
import { laterWindowFirst } from './figures.js';
import type { Certainty, FactShown, ShownFields } from './fold.js';

export { citationOf, type SourceCitation } from './citations.js';

/** Statistic metrics (seed slugs) read as the number of institutions still operating. */
export const OPERATING_METRICS: readonly string[] = ['operating-institutions', 'online-lending-platforms'];
/** Statistic metrics read as the number of institutions that have exited. */
export const EXITED_METRICS: readonly string[] = ['institutions-already-exited', 'institutions-withdrawn-since-rectification-began'];
/** Units that are changes, not head counts: never used as a count. */
const CHANGE_UNITS: readonly string[] = ['percent-change', 'percent'];

/**
 * A count as answered: its value and the facts it comes from (the latest one named by factId).
 * Truth rule 5: `value` is null when the only facts in force give no number ("a number of"
 * banned): the count is unknown, never 0; `partial` when some of the facts added up give no
 * number, so the value is a lower bound.
 */
export interface CountFigure {
  readonly value: number | null;
  readonly factId: string;
  readonly factIds: readonly string[];
  readonly effective: FuzzyDate;
  /** the weaker of inForce and known over its facts */
  readonly certainty: Certainty;
  readonly inForce: Certainty;
  readonly known: Certainty;
  readonly partial: boolean;
  /** a figure reported differently by sources of the same date: `value` is one of them, factIds name all */
  readonly disputed: boolean;
  /** how the source qualifies a statistic's number ("nearly" 5,000); null when exact or not a statistic */
  readonly qualifier: string | null;
}

export interface Counts {
  readonly banned: CountFigure | null;
  readonly closed: CountFigure | null;
  readonly revoked: CountFigure | null;
  readonly exited: CountFigure | null;
  readonly operating: CountFigure | null;
}

/** Later effective date first (by latest day, then earliest), then later recorded version first. */
export function latestFirst(a: ShownFields, b: ShownFields): number {
  return laterWindowFirst(a.content.effective, b.content.effective) || b.recorded.version.position - a.recorded.version.position;
}

/** Display order: earlier effective date first (by latest day, then earliest), then first recorded first. */
export function effectiveOrder(a: FactShown, b: FactShown): number {
  return laterWindowFirst(b.content.effective, a.content.effective) || a.recorded.original.position - b.recorded.original.position;
}

const countOf = (content: FactDataKept): number | undefined =>
  'count' in content && typeof content.count === 'number' ? content.count : undefined;

const isCumulative = (content: FactDataKept): boolean => 'cumulative' in content && content.cumulative === true;

/**
 * The group a fact is indexed under in the read models (kept for their `figure_group` column):
 * a batch, an action, a running total; a statistic's metric and unit; a business line's prohibition.
 */
export function figureGroupOf(content: FactData): string | null {
  switch (content.kind) {
    case 'InstitutionsBanned':
    case 'InstitutionsClosed':
    case 'InstitutionsRevoked':
      if (countOf(content) === undefined) return 'uncounted';
      if (isCumulative(content)) return 'total';
      return content.kind === 'InstitutionsBanned' && content.batch ? `batch:${content.batch.number}` : 'counted';
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

const weakest = (values: readonly Certainty[]): Certainty => (values.every((value) => value === 'certain') ? 'certain' : 'possible');

function figure(parts: readonly ShownFields[], value: number | null, partial: boolean, disputed = false, qualifier: string | null = null): CountFigure | null {
  const ordered = [...parts].sort(latestFirst);
  const [latest] = ordered;
  if (!latest) return null;
  return {
    value, factId: latest.factId, factIds: ordered.slice(0, MAX_FIGURE_FACT_IDS).map((part) => part.factId), effective: latest.content.effective,
    certainty: weakest(parts.map((part) => part.certainty)), inForce: weakest(parts.map((part) => part.inForce)),
    known: weakest(parts.map((part) => part.known)), partial, disputed, qualifier,
  };
}

/** Adds per-place figures into one: unknown only when every place's count is unknown. */
function sumFigures(figures: readonly (CountFigure | null)[], parts: readonly FactShown[]): CountFigure | null {
  const present = figures.filter((value): value is CountFigure => value !== null);
  if (present.length === 0) return null;
  const ids = new Set(present.flatMap((value) => value.factIds));
  const known = present.filter((value) => value.value !== null);
  return figure(parts.filter((part) => ids.has(part.factId)), known.length === 0 ? null : known.reduce((sum, value) => sum + (value.value ?? 0), 0),
    present.some((value) => value.partial || value.value === null), present.some((value) => value.disputed));
}

function byJurisdiction(facts: readonly FactShown[]): FactShown[][] {
  const groups = new Map<string, FactShown[]>();
  for (const fact of facts) groups.set(fact.content.jurisdiction, [...(groups.get(fact.content.jurisdiction) ?? []), fact]);
  return [...groups.values()];
}

/**
 * One place's count of an action kind (truth rules 2 and 5): its actions add up (a batch counted
 * once), a running total covers the actions up to its date and the actions certainly after it add
 * to it; facts giving no number make the count partial, or unknown when nothing gives one.
 */
export function actionCountIn(group: readonly FactShown[]): CountFigure | null {
  const uncounted = group.filter((fact) => countOf(fact.content) === undefined);
  const counted = group.filter((fact) => countOf(fact.content) !== undefined);
  const partial = uncounted.length > 0;
  const totals = counted.filter((fact) => isCumulative(fact.content)).sort(latestFirst);
  const batches = new Set<number>();
  const actions = counted.filter((fact) => {
    if (isCumulative(fact.content)) return false;
    const batch = fact.content.kind === 'InstitutionsBanned' ? fact.content.batch : undefined;
    if (!batch) return true;
    if (batches.has(batch.number)) return false;
    batches.add(batch.number);
    return true;
  });
  if (counted.length === 0) return figure(uncounted, null, true);
  const sum = (facts: readonly FactShown[]) => facts.reduce((total, fact) => total + (countOf(fact.content) ?? 0), 0);
  const total = totals[0];
  if (!total) return figure([...actions, ...uncounted], sum(actions), partial);
  const after = actions.filter((fact) => (fact.content.effective.earliest ?? '') > total.content.effective.latest);
  const covered = (countOf(total.content) ?? 0) + sum(after);
  const disputed = totals.some((other) => countOf(other.content) !== countOf(total.content));
  return covered >= sum(actions)
    ? figure([total, ...after, ...uncounted], covered, partial, disputed)
    : figure([...actions, ...uncounted], sum(actions), partial, disputed);
}

/** The place's own figure of one of these metrics (a head count, not a change), as the statistics list shows it. */
export function statisticFigure(facts: readonly ShownFields[], code: string, metrics: readonly string[]): CountFigure | null {
  const stats = facts.filter((fact) => fact.content.kind === 'StatisticReported' && fact.content.jurisdiction === code &&
    fact.content.institution === undefined && metrics.includes(fact.content.metric) && !CHANGE_UNITS.includes(fact.content.unit))
    .sort(latestFirst);
  const latest = stats[0];
  if (!latest || latest.content.kind !== 'StatisticReported') return null;
  const sameSeries = stats.filter((fact) => fact.content.kind === 'StatisticReported' && latest.content.kind === 'StatisticReported' &&
    fact.content.metric === latest.content.metric && fact.content.unit === latest.content.unit);
  const qualifier = latest.content.qualifier && latest.content.qualifier !== 'exact' ? latest.content.qualifier : null;
  return figure(sameSeries, latest.content.value, false, latest.disputedWith.length > 0, qualifier);
}

/**
 * Counts at the query from the facts that hold (already filtered to the place and, if wanted, the
 * places inside it). Banned, closed and revoked add up across places; operating and exited are
 * the place's own current figures (the same facts the statistics list shows), exited falling back
 * to the number of exits in force.
 */
export function countsOf(facts: readonly FactShown[], code: string): Counts {
  const inForce = facts.filter((fact) => fact.status === 'in-force');
  const of = (kind: FactData['kind']) => inForce.filter((fact) => fact.content.kind === kind);
  const actionCount = (kind: FactData['kind']) => {
    const parts = of(kind);
    return sumFigures(byJurisdiction(parts).map(actionCountIn), parts);
  };
  const exits = of('InstitutionExitAnnounced');
  return {
    banned: actionCount('InstitutionsBanned'),
    closed: actionCount('InstitutionsClosed'),
    revoked: actionCount('InstitutionsRevoked'),
    exited: statisticFigure(inForce, code, EXITED_METRICS) ?? figure(exits, exits.length, false),
    operating: statisticFigure(inForce, code, OPERATING_METRICS),
  };
}

export interface StatisticEntry {
  readonly factId: string;
  readonly jurisdiction: string;
  /** the institution the figure describes; null when it describes the place */
  readonly institution: { readonly id: string; readonly name: string } | null;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly qualifier: string | null;
  readonly baseline: FuzzyDate | null;
  readonly effective: FuzzyDate;
  readonly certainty: Certainty;
  readonly inForce: Certainty;
  readonly known: Certainty;
  /** sources of the same date report other numbers: those figures are listed too, each with its sources */
  readonly disputed: boolean;
  readonly disputedWith: readonly string[];
  readonly sources: readonly SourceCitation[];
}

/**
 * The current figure of each series (place, institution, metric, unit, baseline) among the facts
 * that hold; a disputed series lists each of its figures.
 */
export function statisticsOf(facts: readonly FactShown[]): StatisticEntry[] {
  const entries: Array<{ readonly entry: StatisticEntry; readonly key: string }> = [];
  for (const fact of facts) {
    const c = fact.content;
    if (c.kind !== 'StatisticReported' || fact.status !== 'in-force') continue;
    const entry: StatisticEntry = {
      factId: fact.factId, jurisdiction: c.jurisdiction, institution: c.institution ? { id: c.institution.id, name: c.institution.name } : null,
      metric: c.metric, value: c.value, unit: c.unit, qualifier: c.qualifier ?? null, baseline: c.baseline ?? null, effective: c.effective,
      certainty: fact.certainty, inForce: fact.inForce, known: fact.known, disputed: fact.disputedWith.length > 0, disputedWith: fact.disputedWith,
      sources: fact.recorded.sources.map(citationOf),
    };
    entries.push({ entry, key: statisticListKey(entry) });
  }
  // each entry's list key made once, not at each comparison
  return entries.sort((a, b) => statisticOrder(a.key, a.entry.factId, b.key, b.entry.factId)).map(({ entry }) => entry);
}

/**
 * Where a figure stands in the statistics list: its series (place, institution, metric, unit,
 * baseline) as one text, compared code unit by code unit, then its fact id. The read models sort
 * by the same text in SQL (projection-reader.ts statisticPageAt), so that a page is read, not the list.
 */
export const statisticListKey = (figure: {
  readonly jurisdiction: string; readonly institution?: { readonly id: string } | null; readonly metric: string; readonly unit: string;
  readonly baseline?: { readonly text: string } | null;
}): string => `${figure.jurisdiction}|${figure.institution?.id ?? ''}|${figure.metric}|${figure.unit}|${figure.baseline?.text ?? ''}`;

/** The statistics list's order of two figures by their list keys and fact ids. */
export const statisticOrder = (keyA: string, factA: string, keyB: string, factB: string): number =>
  keyA < keyB ? -1 : keyA > keyB ? 1 : factA < factB ? -1 : factA > factB ? 1 : 0;
