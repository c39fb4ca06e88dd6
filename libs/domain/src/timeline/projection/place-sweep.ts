/*
 * The place's aggregates key by key, kept up to date as its facts change (O(n log n) in its facts
 * for the usual log; aggregatesOf in place-aggregates.ts is the same thing computed from scratch,
 * and the tests hold the two equal). Each part follows the fold's function it stands for:
 * actionCountIn (uncounted facts, counted actions with a batch counted once, running totals and
 * the actions certainly after the latest), the exits in force, per business line the kinds in
 * force and the place's own best prohibition, the place's own statistics of exits and operating.
 */
import { FACT_KINDS, type FactKind } from '../../facts/fact-catalogue.js';
import { BAN_KINDS } from '../bans.js';
import { EXITED_METRICS, MAX_FIGURE_FACT_IDS, OPERATING_METRICS, statisticFigure, type CountFigure } from '../counts.js';
import type { FactShown } from '../fold.js';
import type { RecordedFact } from '../recorded-fact.js';
import type { HalfDay } from './contract.js';
import type { PieceState } from './fact-pieces.js';
import {
  ACTION_COUNTS, namedParts, type ActionCount, type ActionTally, type AnnouncedExit, type LineTally, type OwnProhibition, type PlaceAggregates,
} from './place-aggregates.js';
import { CountsByDay, LatestFirstList, topOf, type Ranked } from './ranked.js';

const CHANGE_UNITS = ['percent-change', 'percent'];

interface Item extends Ranked {
  readonly recorded: RecordedFact;
  readonly position: number;
  readonly kind: FactKind;
  readonly line: string | null;
  readonly count: number | undefined;
  readonly cumulative: boolean;
  readonly batch: number | undefined;
  readonly action: ActionCount | null;
  readonly ownStatistic: 'exited' | 'operating' | null;
  shown: FactShown | null;
}

const inForce = (item: Item): boolean => item.shown?.status === 'in-force';
const certain = (item: Item): boolean => item.shown?.inForce === 'certain';

function itemOf(recorded: RecordedFact, code: string): Item {
  const c = recorded.content;
  const count = 'count' in c && typeof c.count === 'number' ? c.count : undefined;
  const action = (Object.keys(ACTION_COUNTS) as ActionCount[]).find((name) => ACTION_COUNTS[name] === c.kind) ?? null;
  const statistic = c.kind === 'StatisticReported' && c.jurisdiction === code && c.institution === undefined && !CHANGE_UNITS.includes(c.unit)
    ? (EXITED_METRICS.includes(c.metric) ? 'exited' : OPERATING_METRICS.includes(c.metric) ? 'operating' : null) : null;
  return {
    recorded, position: recorded.original.position, version: recorded.version.position, latest: c.effective.latest, earliest: c.effective.earliest ?? '',
    kind: c.kind, line: 'businessLine' in c && typeof c.businessLine === 'string' ? c.businessLine : null,
    count, cumulative: 'cumulative' in c && c.cumulative === true, batch: c.kind === 'InstitutionsBanned' ? c.batch?.number : undefined,
    action, ownStatistic: statistic, shown: null,
  };
}

const shownOf = (recorded: RecordedFact, state: PieceState): FactShown => ({
  factId: recorded.factId, content: recorded.content, recorded, status: state.status, inForce: state.inForce, known: 'certain',
  certainty: state.inForce, disputedWith: state.disputedWith,
});

/** One action kind's count in the place (actionCountIn), kept as its facts come into force. */
class ActionCounter {
  private readonly uncounted = new LatestFirstList<Item>();
  private readonly kept = new LatestFirstList<Item>();
  private readonly keptByDay: CountsByDay;
  private keptSum = 0;
  private readonly batches = new Map<number, Set<Item>>();
  private readonly keptOfBatch = new Map<number, Item>();
  private readonly totals = new LatestFirstList<Item>();
  private readonly totalCounts = new Map<number, number>();
  private members = 0;
  dirty = false;
  private last: ActionTally | undefined;

  constructor(items: readonly Item[], private readonly wellFormed: boolean) {
    this.keptByDay = new CountsByDay(items.filter((item) => item.count !== undefined && !item.cumulative).map((item) => item.earliest));
  }

  private keep(item: Item, on: boolean): void {
    const count = item.count ?? 0;
    if (on) this.kept.add(item);
    else this.kept.delete(item);
    this.keptSum += on ? count : -count;
    this.keptByDay.add(item.earliest, on ? count : -count);
  }

  /** a fact of the kind comes into force (`on`) or stops being in force */
  move(item: Item, on: boolean): void {
    this.members += on ? 1 : -1;
    if (item.count === undefined) {
      if (on) this.uncounted.add(item);
      else this.uncounted.delete(item);
    } else if (item.cumulative) {
      if (on) this.totals.add(item);
      else this.totals.delete(item);
      const left = (this.totalCounts.get(item.count) ?? 0) + (on ? 1 : -1);
      if (left === 0) this.totalCounts.delete(item.count);
      else this.totalCounts.set(item.count, left);
    } else if (item.batch === undefined) {
      this.keep(item, on);
    } else {
      const members = this.batches.get(item.batch) ?? new Set<Item>();
      this.batches.set(item.batch, members);
      if (on) members.add(item);
      else members.delete(item);
      // a batch counts once: its first-recorded fact in force (facts mostly only come into force: a full look only when one leaves)
      const was = this.keptOfBatch.get(item.batch);
      const first = on ? (was === undefined || item.position < was.position ? item : was)
        : [...members].reduce<Item | undefined>((best, other) => (best === undefined || other.position < best.position ? other : best), undefined);
      if (was !== first) {
        if (was) this.keep(was, false);
        if (first) this.keep(first, true);
        if (first) this.keptOfBatch.set(item.batch, first);
        else this.keptOfBatch.delete(item.batch);
      }
    }
    this.dirty = true;
  }

  /** the kept actions that certainly start after `day` (their earliest day is later), latest first */
  private *after(day: string): Generator<Item> {
    for (const item of this.kept.latestFirst()) {
      if (this.wellFormed && item.latest <= day) return;
      if (item.earliest > day) yield item;
    }
  }

  tally(): ActionTally | undefined {
    if (!this.dirty) return this.last;
    this.dirty = false;
    this.last = this.compute();
    return this.last;
  }

  private compute(): ActionTally | undefined {
    if (this.members === 0) return undefined;
    const partial = this.uncounted.size > 0;
    const named = (items: readonly Item[]) => namedParts(items.map((item) => item.shown as FactShown));
    if (this.kept.size + this.totals.size === 0) {
      return { v: null, p: true, d: false, ...named(topOf([this.uncounted.latestFirst()], MAX_FIGURE_FACT_IDS)) };
    }
    const total = this.totals.top();
    const actions = () => named(topOf([this.kept.latestFirst(), this.uncounted.latestFirst()], MAX_FIGURE_FACT_IDS));
    if (!total) return { v: this.keptSum, p: partial, d: false, ...actions() };
    const covered = (total.count ?? 0) + this.keptByDay.after(total.latest);
    const disputed = this.totalCounts.size > 1;
    return covered >= this.keptSum
      ? { v: covered, p: partial, d: disputed, ...named(topOf([[total], this.after(total.latest), this.uncounted.latestFirst()], MAX_FIGURE_FACT_IDS)) }
      : { v: this.keptSum, p: partial, d: disputed, ...actions() };
  }
}

/** The least first-recorded position among the facts of a line and kind in force (a heap, stale entries dropped when seen). */
class FirstInForce {
  private readonly heap: Item[] = [];
  count = 0;

  push(item: Item): void {
    const heap = this.heap;
    heap.push(item);
    for (let at = heap.length - 1; at > 0;) {
      const parent = (at - 1) >> 1;
      if ((heap[parent] as Item).position <= item.position) break;
      heap[at] = heap[parent] as Item;
      heap[parent] = item;
      at = parent;
    }
  }

  first(): number {
    const heap = this.heap;
    while (heap.length > 0 && !inForce(heap[0] as Item)) {
      const last = heap.pop() as Item;
      if (heap.length === 0) break;
      heap[0] = last;
      for (let at = 0; ;) {
        const left = 2 * at + 1;
        const right = left + 1;
        let least = at;
        if (left < heap.length && (heap[left] as Item).position < (heap[least] as Item).position) least = left;
        if (right < heap.length && (heap[right] as Item).position < (heap[least] as Item).position) least = right;
        if (least === at) break;
        [heap[at], heap[least]] = [heap[least] as Item, heap[at] as Item];
        at = least;
      }
    }
    return (heap[0] as Item).position;
  }
}

/** prohibitionIn's order among the place's own prohibitions of a line: certain first, then effective order. */
const betterProhibition = (a: Item, b: Item): boolean =>
  certain(a) !== certain(b) ? certain(a)
    : a.latest !== b.latest ? a.latest < b.latest : a.earliest !== b.earliest ? a.earliest < b.earliest : a.position < b.position;

function bestProhibition(items: Iterable<Item>): OwnProhibition | undefined {
  let best: Item | undefined;
  for (const item of items) if (best === undefined || betterProhibition(item, best)) best = item;
  return best && { c: best.shown?.inForce ?? 'possible', e: best.recorded.content.effective, id: best.recorded.factId, pos: best.position };
}

/**
 * The aggregates of the place on each stretch between the keys at which its facts change:
 * `changes` gives, per key in ascending order, the facts whose state changes there (null: they stop holding).
 */
export function* sweepAggregates(
  code: string, facts: readonly RecordedFact[], changes: ReadonlyMap<HalfDay, readonly (readonly [RecordedFact, PieceState | null])[]>,
): Generator<readonly [HalfDay, PlaceAggregates]> {
  const items = new Map(facts.map((fact) => [fact, itemOf(fact, code)]));
  const wellFormed = [...items.values()].every((item) => item.earliest <= item.latest);
  const counters = Object.fromEntries((Object.keys(ACTION_COUNTS) as ActionCount[]).map((name) =>
    [name, new ActionCounter([...items.values()].filter((item) => item.action === name), wellFormed)])) as Record<ActionCount, ActionCounter>;
  const exits = new LatestFirstList<Item>();
  let exitsPossible = 0;
  const lines = new Map<string, Map<FactKind, FirstInForce>>();
  const prohibitions = new Map<string, Set<Item>>();
  const statistics = { exited: new Set<Item>(), operating: new Set<Item>() };
  const figures: { exited: CountFigure | null; operating: CountFigure | null } = { exited: null, operating: null };
  const dirtyStatistics = new Set<'exited' | 'operating'>();
  const announced = new Set<Item>();
  let holding = 0;
  let bans = 0;
  for (const key of [...changes.keys()].sort((a, b) => a - b)) {
    for (const [fact, state] of changes.get(key) ?? []) {
      const item = items.get(fact) as Item;
      const wasIn = inForce(item);
      const wasCertain = certain(item);
      const wasHolding = item.shown !== null;
      if (item.shown?.status === 'exit-announced') announced.delete(item);
      item.shown = state === null ? null : shownOf(fact, state);
      const isIn = inForce(item);
      holding += (item.shown !== null ? 1 : 0) - (wasHolding ? 1 : 0);
      if (item.shown?.status === 'exit-announced') announced.add(item);
      if (BAN_KINDS.includes(item.kind)) bans += (isIn ? 1 : 0) - (wasIn ? 1 : 0);
      if (item.action) {
        const counter = counters[item.action];
        if (wasIn !== isIn) counter.move(item, isIn);
        else if (isIn) counter.dirty = true;
      }
      if (item.kind === 'InstitutionExitAnnounced') {
        if (wasIn !== isIn) {
          if (isIn) exits.add(item);
          else exits.delete(item);
        }
        exitsPossible += (isIn && !certain(item) ? 1 : 0) - (wasIn && !wasCertain ? 1 : 0);
      }
      if (item.line !== null && isIn && !wasIn) {
        const kinds = lines.get(item.line) ?? new Map<FactKind, FirstInForce>();
        lines.set(item.line, kinds);
        const tally = kinds.get(item.kind) ?? new FirstInForce();
        kinds.set(item.kind, tally);
        tally.push(item);
      }
      if (item.line !== null && isIn !== wasIn) (lines.get(item.line)?.get(item.kind) as FirstInForce).count += isIn ? 1 : -1;
      if (item.kind === 'BusinessLineProhibited' && item.line !== null) {
        const own = prohibitions.get(item.line) ?? new Set<Item>();
        prohibitions.set(item.line, own);
        if (isIn) own.add(item);
        else own.delete(item);
      }
      if (item.ownStatistic) {
        if (isIn) statistics[item.ownStatistic].add(item);
        else statistics[item.ownStatistic].delete(item);
        dirtyStatistics.add(item.ownStatistic);
      }
    }
    for (const name of dirtyStatistics) {
      figures[name] = statisticFigure([...statistics[name]].map((item) => item.shown as FactShown), code, name === 'exited' ? EXITED_METRICS : OPERATING_METRICS);
    }
    dirtyStatistics.clear();
    const a: Partial<Record<ActionCount, ActionTally>> = {};
    for (const name of Object.keys(ACTION_COUNTS) as ActionCount[]) {
      const tally = counters[name].tally();
      if (tally) a[name] = tally;
    }
    const l: Record<string, LineTally> = {};
    for (const line of [...lines.keys()].sort()) {
      const kinds = [...(lines.get(line) ?? [])].filter(([, tally]) => tally.count > 0)
        .map(([kind, tally]) => [FACT_KINDS.indexOf(kind), tally.count, tally.first()] as const).sort((x, y) => x[2] - y[2]);
      if (kinds.length === 0) continue;
      const p = bestProhibition(prohibitions.get(line) ?? []);
      l[line] = { k: kinds, ...(p ? { p } : {}) };
    }
    const top = topOf([exits.latestFirst()], MAX_FIGURE_FACT_IDS);
    yield [key, {
      n: holding, b: bans, a,
      x: exits.size === 0 ? null : { n: exits.size, c: exitsPossible === 0, ...namedParts(top.map((item) => item.shown as FactShown)) },
      ox: figures.exited, oo: figures.operating, l,
      ann: [...announced].sort((x, y) => x.position - y.position)
        .map((item): AnnouncedExit => [item.latest, item.earliest, item.position, item.recorded.factId]),
    }];
  }
}
