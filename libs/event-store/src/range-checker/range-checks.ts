import { fileURLToPath } from 'node:url';
import { checkStoredRow } from '../event-hash.js';
import type { LogRangeReader } from '../event-store.js';

/**
 * The audit's parallel verify (libs/audit checkedLog) has two hands: the walking thread and a
 * checker thread, range-check-worker.js beside this module. The checker lives here, beside the
 * range reader and the stored-text check it runs, so that it loads neither the other adapters
 * nor their drivers (the whole index took 0.2 s of CPU to load, each verify).
 */
export const RANGE_CHECKER_FILE = fileURLToPath(new URL('./range-check-worker.js', import.meta.url));

/** The shared counters of the two hands (an Int32Array over a SharedArrayBuffer). */
export const RANGE_CLAIMS = {
  /** the next range not yet claimed: each hand takes the next with Atomics.add, so no range is checked twice */
  next: 0,
  /** ranges the walk has passed: the checker thread stays less than CHECKER_AHEAD ranges beyond it */
  walked: 1,
  /** 1: the walk stopped (a break, an error): the checker thread claims nothing more */
  stop: 2,
} as const;
export const RANGE_CLAIM_SLOTS = 3;

/**
 * How far the hands run ahead of the walk, so memory stays bounded whichever is faster: the walking
 * thread holds at most HELD_RANGES of its own; the checker claims none CHECKER_AHEAD or more beyond the
 * walk, a window wide enough for both (a narrow one throttled the checker behind this thread's held ranges).
 */
export const HELD_RANGES = 8;
export const CHECKER_AHEAD = 2 * HELD_RANGES;

/** What a checker thread is started with (plain data). */
export interface RangeCheckerStart<Source> {
  readonly source: Source;
  readonly claims: SharedArrayBuffer;
  readonly ranges: number;
  readonly rangeSize: bigint;
}

/** The positions of range `index`: `from` < position <= `to`. */
export const rangeBounds = (index: number, rangeSize: bigint) => ({ from: BigInt(index) * rangeSize, to: BigInt(index + 1) * rangeSize });

/**
 * The events of a range as a hand found them, column by column (cheap to pass between threads):
 * what the chain walk needs, and whether each stored text hashes to the hash it carries.
 * hash and prevHash are null where the metadata text does not end with the links.
 */
export interface CheckedRange {
  readonly index: number;
  readonly positions: BigInt64Array<ArrayBuffer>;
  readonly revisions: Float64Array<ArrayBuffer>;
  readonly eventIds: string[];
  readonly streamNames: string[];
  readonly types: string[];
  readonly hashes: Array<string | null>;
  readonly prevHashes: Array<string | null>;
  /** 1: the stored text proves the event (the fast path); 0: the walk must check the parsed event */
  readonly matches: Uint8Array<ArrayBuffer>;
}

/** Reads a range raw and checks every row's stored text (what verify spends most of its time on). */
export function checkStoredRange(reader: LogRangeReader, index: number, rangeSize: bigint): CheckedRange {
  const { from, to } = rangeBounds(index, rangeSize);
  // a range holds at most rangeSize positions: the columns are made that long, then cut to the rows read
  const size = Number(to - from);
  const positions = new BigInt64Array(size);
  const revisions = new Float64Array(size);
  const matches = new Uint8Array(size);
  const range = {
    index, eventIds: [] as string[], streamNames: [] as string[], types: [] as string[],
    hashes: [] as Array<string | null>, prevHashes: [] as Array<string | null>,
  };
  let i = 0;
  for (const row of reader.readRangeRows(from, to)) {
    const checked = checkStoredRow(row);
    positions[i] = BigInt(row[0]);
    revisions[i] = row[3];
    range.eventIds.push(row[1]);
    range.streamNames.push(row[2]);
    range.types.push(row[4]);
    range.hashes.push(checked?.hash ?? null);
    range.prevHashes.push(checked?.prevHash ?? null);
    matches[i] = checked?.matches ? 1 : 0;
    i += 1;
  }
  return { ...range, positions: positions.slice(0, i), revisions: revisions.slice(0, i), matches: matches.slice(0, i) };
}
