/*
 * The parts of the place sweep (place-sweep.ts) that follow one group of facts each: an action
 * kind's count (actionCountIn: uncounted facts, counted actions with a batch counted once, running
 * totals and the actions certainly after the latest), and the first-recorded fact of a business
 * line and kind in force.
 */
import type { FactKind } from '../../facts/fact-catalogue.js';
import { EXITED_METRICS, MAX_FIGURE_FACT_IDS, OPERATING_METRICS } from '../counts.js';
import type { ShownFields } from '../fold.js';
import type { PieceState, SweptFact } from './fact-pieces.js';
import { ACTION_COUNTS, namedOf, type ActionCount, type ActionTally } from './place-aggregates.js';
import { CountsByDay, LatestFirstList, topOf, type Ranked } from './ranked.js';

const CHANGE_UNITS = ['percent-change', 'percent'];

export interface Item extends Ranked {
  readonly recorded: SweptFact;
  readonly position: number;
  readonly kind: FactKind;
  readonly line: string | null;
  readonly count: number | undefined;
  readonly cumulative: boolean;
  readonly batch: number | undefined;
  readonly action: ActionCount | null;
  readonly ownStatistic: 'exited' | 'operating' | null;
  shown: ShownFields | null;
}

export const inForce = (item: Item): boolean => item.shown?.status === 'in-force';
export const certain = (item: Item): boolean => item.shown?.inForce === 'certain';

export function itemOf(recorded: SweptFact, code: string): Item {
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

export const shownOf = (recorded: SweptFact, state: PieceState): ShownFields => ({
  factId: recorded.factId, content: recorded.content, recorded, status: state.status, inForce: state.inForce, known: 'certain',
  certainty: state.inForce, disputedWith: state.disputedWith,
});

/** The ids of items, in their order. */
export function* idsOf(items: Iterable<Item>): Generator<string> {
  for (const item of items) yield item.recorded.factId;
}

/** One action kind's count in the place (actionCountIn), kept as its facts come into force. */
export class ActionCounter {
  /** every fact of the kind in force (the spans an answer reads the named facts from) */
  private readonly all = new LatestFirstList<Item>();
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
    if (on) this.all.add(item);
    else this.all.delete(item);
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

  private lastJson: string | undefined;

  /** the count's JSON; undefined when no fact of the kind is in force */
  json(): string | undefined {
    if (!this.dirty) return this.lastJson;
    this.dirty = false;
    const tally = this.compute();
    this.lastJson = tally && JSON.stringify(tally);
    return this.lastJson;
  }

  private compute(): ActionTally | undefined {
    if (this.members === 0) return undefined;
    const partial = this.uncounted.size > 0;
    const named = (items: readonly Item[]) => ({ c: items.every(certain), ...namedOf(idsOf(this.all.latestFirst()), items.map((item) => item.shown as ShownFields)) });
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
export class FirstInForce {
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

