/*
 * Small ordered structures for the place sweep (place-sweep.ts): a list kept in latestFirst order
 * and a Fenwick tree of counts by earliest day. The sweep meets facts roughly in date order, so
 * most insertions land at the list's top end (its array's tail).
 */

/** What latestFirst compares (counts.ts): latest day, earliest day ('' when unbounded), version position. */
export interface Ranked {
  readonly latest: string;
  readonly earliest: string;
  readonly version: number;
}

/** latestFirst: negative when `a` comes first (later window, then later version). */
export const latestFirstOf = (a: Ranked, b: Ranked): number =>
  (a.latest !== b.latest ? (a.latest < b.latest ? 1 : -1) : 0) || (a.earliest !== b.earliest ? (a.earliest < b.earliest ? 1 : -1) : 0) ||
  b.version - a.version;

/** A set in latestFirst order: the array holds the last first, so the latest are at its tail. */
export class LatestFirstList<T extends Ranked> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  /** index of the first item that comes before `item` in latestFirst order (array order: older first) */
  private slot(item: T): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (latestFirstOf(this.items[middle] as T, item) > 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  add(item: T): void {
    this.items.splice(this.slot(item), 0, item);
  }

  delete(item: T): void {
    const slot = this.slot(item);
    const at = this.items[slot] === item ? slot : this.items.indexOf(item);
    if (at >= 0) this.items.splice(at, 1);
  }

  top(): T | undefined {
    return this.items.at(-1);
  }

  /** the items, latest first */
  *latestFirst(): Generator<T> {
    for (let index = this.items.length - 1; index >= 0; index -= 1) yield this.items[index] as T;
  }
}

/** The first `limit` items of several latestFirst sequences, merged. */
export function topOf<T extends Ranked>(lists: readonly Iterable<T>[], limit: number): T[] {
  const all: T[] = [];
  for (const list of lists) {
    let taken = 0;
    for (const item of list) {
      if (taken++ >= limit) break;
      all.push(item);
    }
  }
  return all.sort(latestFirstOf).slice(0, limit);
}

/** Sums of counts by day: how much lies strictly after a day. */
export class CountsByDay {
  private readonly days: string[];
  private readonly tree: number[];
  private total = 0;

  constructor(days: Iterable<string>) {
    this.days = [...new Set(days)].sort();
    this.tree = new Array<number>(this.days.length + 1).fill(0);
  }

  /** index (1-based) of the day in the tree */
  private indexOf(day: string): number {
    let low = 0;
    let high = this.days.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.days[middle] as string) < day) low = middle + 1;
      else high = middle;
    }
    return low + 1;
  }

  add(day: string, amount: number): void {
    this.total += amount;
    for (let index = this.indexOf(day); index < this.tree.length; index += index & -index) this.tree[index] = (this.tree[index] ?? 0) + amount;
  }

  /** the sum of the amounts added at days after `day` */
  after(day: string): number {
    // days <= day: the upper bound of day
    let low = 0;
    let high = this.days.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.days[middle] as string) <= day) low = middle + 1;
      else high = middle;
    }
    let upTo = 0;
    for (let index = low; index > 0; index -= index & -index) upTo += this.tree[index] ?? 0;
    return this.total - upTo;
  }
}
