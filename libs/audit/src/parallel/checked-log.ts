import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  checkStoredRange, HELD_RANGES, openLogRangeReader, positionOf, RANGE_CHECKER_FILE, RANGE_CLAIM_SLOTS, RANGE_CLAIMS,
  type CheckedRange, type LogPosition, type LogRangeReader, type LogRangeSource, type RangeCheckerStart, type StoredTextCheck,
} from '../../../event-store/src/index.js';
import type { AuditedEvent, AuditedLog } from '../verify-log.js';
import { CheckerHand } from './checker-hand.js';

/** How a long log is verified by two threads (tests make the ranges small and name the compiled checker). */
export interface ParallelVerifyOptions {
  /** a log this long or longer is read and checked by a checker thread too; default 50,000 */
  readonly fromEvents?: number;
  /** positions per range (each hand claims the next unclaimed range); default 2,000 */
  readonly rangeSize?: number;
  /** the compiled checker; default: the event store's RANGE_CHECKER_FILE (none when running from sources) */
  readonly workerFile?: string;
  /** false: this thread only walks and the checker checks every range (tests: each break found in its ranges); default true */
  readonly checksHere?: boolean;
}

const DEFAULT_FROM_EVENTS = 50_000;
const DEFAULT_RANGE = 2000;
/** the compiled checker (running from TypeScript sources there is none: one thread then) */
const BESIDE = RANGE_CHECKER_FILE;

/** An event as a hand reported it: its links, and that its stored text hashed to its hash. */
class PrecheckedEvent implements AuditedEvent {
  constructor(
    readonly position: LogPosition,
    readonly eventId: string,
    readonly streamName: string,
    readonly revision: number,
    readonly type: string,
    readonly storedTextCheck: StoredTextCheck,
  ) {}

  // the walk reads content only of events whose stored text did not prove them (those are read in full instead)
  get data(): unknown {
    throw new Error(`event ${this.eventId} was checked by its stored text: its content was not read`);
  }

  get metadata(): Readonly<Record<string, unknown>> {
    throw new Error(`event ${this.eventId} was checked by its stored text: its content was not read`);
  }
}

/** Whether a verify of `events` events gets a checker thread: not below `fromEvents`, on one core, or without the compiled checker. */
export function usesCheckerThread(events: number, options: ParallelVerifyOptions = {}): boolean {
  if (options.workerFile && !existsSync(options.workerFile)) throw new Error(`no compiled checker at ${options.workerFile} (npm run build)`);
  return events >= (options.fromEvents ?? DEFAULT_FROM_EVENTS) && availableParallelism() >= 2 && existsSync(options.workerFile ?? BESIDE);
}

/** Lets the event loop turn (the checker's answers arrive; a server keeps answering while its verify runs). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The log up to its head as verify walks it, read and checked in ranges of positions by two
 * hands: a checker thread (its own read-only reader of `source`) and this thread each claim the
 * next unclaimed range from a shared counter, so the work splits by how fast each hand really is
 * (this thread also walks every chain, and the checker starts late); this thread walks the ranges
 * in position order, each hand a bounded number of ranges beyond the walk. Reading rows and hashing them
 * were verify's time. Events whose stored text does not prove them are read in full and take the
 * walk's slow path.
 */
export async function* checkedLog(source: LogRangeSource, head: bigint, options: ParallelVerifyOptions = {}): AuditedLog {
  const rangeSize = BigInt(options.rangeSize ?? DEFAULT_RANGE);
  const ranges = head === 0n ? 0 : Number((head - 1n) / rangeSize) + 1;
  const claims = new Int32Array(new SharedArrayBuffer(RANGE_CLAIM_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  const start: RangeCheckerStart<LogRangeSource> = { source, claims: claims.buffer as SharedArrayBuffer, ranges, rangeSize };
  const here = openLogRangeReader(source);
  const checker = new CheckerHand(new Worker(options.workerFile ?? BESIDE, { workerData: start }));
  /** this thread's ranges, checked ahead of the walk while the checker's were not in yet */
  const held = new Map<number, CheckedRange>();
  try {
    for (let index = 0; index < ranges;) {
      const range = held.get(index) ?? checker.take(index);
      if (range) {
        held.delete(index);
        yield eventsOf(here, range);
        Atomics.store(claims, RANGE_CLAIMS.walked, ++index);
        Atomics.notify(claims, RANGE_CLAIMS.walked);
      } else {
        // unclaimed, or the checker's and not in yet: this thread checks the next unclaimed range itself, if it may
        const claimable = options.checksHere !== false && held.size < HELD_RANGES && Atomics.load(claims, RANGE_CLAIMS.next) < ranges;
        const mine = claimable ? Atomics.add(claims, RANGE_CLAIMS.next, 1) : ranges;
        if (mine < ranges) {
          held.set(mine, checkStoredRange(here, mine, rangeSize));
          await turn();
        } else {
          // every range up to this one is claimed, and not by this thread: the checker's answer is next
          await checker.answer(index);
        }
      }
    }
    // the checker's last word: a checker that died (even one that never claimed a range) fails the verify
    await checker.done();
  } finally {
    Atomics.store(claims, RANGE_CLAIMS.stop, 1);
    Atomics.notify(claims, RANGE_CLAIMS.walked);
    here.close();
    await checker.terminate();
  }
}

function eventsOf(here: LogRangeReader, range: CheckedRange): AuditedEvent[] {
  const events: AuditedEvent[] = [];
  for (let i = 0; i < range.positions.length; i++) {
    const hash = range.hashes[i];
    const prevHash = range.prevHashes[i];
    if (range.matches[i] === 1 && hash && prevHash) {
      events.push(new PrecheckedEvent(positionOf(range.positions[i]!), range.eventIds[i]!, range.streamNames[i]!,
        range.revisions[i]!, range.types[i]!, { hash, prevHash, matches: true }));
    } else {
      // not proven by its stored text (written before canonical storage, or altered): read in full, checked by the walk
      events.push(...here.readRange(range.positions[i]! - 1n, range.positions[i]!));
    }
  }
  return events;
}
