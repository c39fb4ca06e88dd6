import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  openLogRangeReader, positionOf, type LogPosition, type LogRangeReader, type LogRangeSource, type StoredTextCheck,
} from '../../../event-store/src/index.js';
import type { AuditedEvent, AuditedLog } from '../verify-log.js';
import type { CheckedRange, RangeRequest } from './range-checks.js';

/** How a long log is verified by two threads (tests make the ranges small and name the compiled checker). */
export interface ParallelVerifyOptions {
  /** a log this long or longer is read and checked by a checker thread too; default 50,000 */
  readonly fromEvents?: number;
  /** positions per range (each hand takes every other range); default 2,000 */
  readonly rangeSize?: number;
  /** the compiled checker; default: check-worker.js beside this module (none when running from sources) */
  readonly workerFile?: string;
}

const DEFAULT_FROM_EVENTS = 50_000;
const DEFAULT_RANGE = 2000;
/** the checker thread's ranges asked for ahead of the walk: it never waits for the walk, memory stays bounded */
const AHEAD = 2;
/** the compiled checker, beside this module (running from TypeScript sources there is none: one thread then) */
const BESIDE = fileURLToPath(new URL('./check-worker.js', import.meta.url));

/** An event as a checker thread reported it: its links, and that its stored text hashed to its hash. */
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

/**
 * The log up to its head as verify walks it, read and checked in ranges of positions by two
 * hands: a checker thread (its own read-only reader of `source`) takes every other range, this
 * thread the others, and this thread walks the chains in position order. Reading rows and
 * hashing them were verify's time; a range this thread checks itself is not passed between
 * threads. Events whose stored text does not prove them are read in full and take the walk's
 * slow path.
 */
export async function* checkedLog(source: LogRangeSource, head: bigint, options: ParallelVerifyOptions = {}): AuditedLog {
  const rangeSize = BigInt(options.rangeSize ?? DEFAULT_RANGE);
  const here = openLogRangeReader(source);
  const worker = new Worker(options.workerFile ?? BESIDE, { workerData: { source } });
  const pending = new Map<number, { resolve(range: CheckedRange): void; reject(error: Error): void }>();
  const answers = new Map<number, Promise<CheckedRange>>();
  worker.on('message', (message: { range: CheckedRange } | { error: string; index: number }) => {
    const index = 'range' in message ? message.range.index : message.index;
    const waiter = pending.get(index);
    pending.delete(index);
    if ('range' in message) waiter?.resolve(message.range);
    else waiter?.reject(new Error(`checking the positions of range ${index} failed: ${message.error}`));
  });
  const failAll = (error: Error) => {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on('error', failAll);
  // a thread that ends without an error (killed, out of memory) must not leave the walk waiting for ever
  worker.on('exit', (code) => failAll(new Error(`the checker thread exited (code ${code}) before answering`)));
  const ranges = head === 0n ? 0 : Number((head - 1n) / rangeSize) + 1;
  const request = (index: number): RangeRequest => ({ index, from: BigInt(index) * rangeSize, to: BigInt(index + 1) * rangeSize });
  const forThread = (index: number) => index % 2 === 1;
  let asked = 0;
  try {
    for (let index = 0; index < ranges; index++) {
      // the thread's ranges are asked for ahead, so it works while this thread checks its own
      for (; asked < Math.min(ranges, index + 2 * AHEAD); asked++) {
        if (!forThread(asked)) continue;
        const ask = request(asked);
        const answer = new Promise<CheckedRange>((resolve, reject) => pending.set(ask.index, { resolve, reject }));
        // a failure is thrown where the walk awaits this range; one it never reaches (it stopped at a break) is not an unhandled rejection
        answer.catch(() => undefined);
        answers.set(asked, answer);
        worker.postMessage(ask);
      }
      if (forThread(index)) {
        const range = await answers.get(index)!;
        answers.delete(index);
        yield eventsOf(here, range);
      } else {
        // this thread's own range: its rows with their stored text, checked by the walk as it goes
        const { from, to } = request(index);
        yield here.readRange(from, to);
      }
    }
  } finally {
    here.close();
    await worker.terminate();
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
