import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { comparePositions, SqliteEventStore, type LogPosition } from '../../event-store/src/index.js';
import { HeapGrowth } from './heap-growth.js';
import { LogConsumer } from './log-consumer.js';
import type { LogEventsRead, LogProcessor } from './processor.js';

const dir = mkdtempSync(join(tmpdir(), 'log-consumer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** A processor that remembers what it committed, with its checkpoint in memory; it fails while `failing` is set. */
class Recorder implements LogProcessor {
  readonly seen: number[] = [];
  readonly calls: string[] = [];
  failing: string | null = null;

  constructor(readonly name: string, private at: LogPosition | null, private readonly journal: string[]) {}

  async checkpoint(): Promise<LogPosition | null> {
    return this.at;
  }

  async handle(read: LogEventsRead): Promise<void> {
    if (this.failing) throw new Error(this.failing);
    const at = this.at;
    const fresh = read.events.filter((event) => !at || comparePositions(event.position, at) > 0);
    this.seen.push(...fresh.map((event) => Number(event.position.commit)));
    this.at = read.last;
    this.journal.push(`${this.name} handled up to ${read.last!.commit}`);
  }

  committed(position: LogPosition): void {
    this.journal.push(`${this.name} committed ${position.commit}`);
  }

  async start(): Promise<void> {
    this.calls.push('start');
  }

  async stop(): Promise<void> {
    this.calls.push('stop');
  }
}

const waitFor = async (condition: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('LogConsumer: one reader of the log, ordered processors with their own checkpoints', () => {
  let log: SqliteEventStore;
  let n = 0;
  const append = async (count: number) => {
    for (let i = 0; i < count; i += 1) {
      await log.append(`stream-${++n}`, [{ eventId: randomUUID(), type: 'Something.v1', data: { n }, metadata: {} }], { expectedRevision: 'no_stream' });
    }
  };

  beforeEach(async () => {
    log = await SqliteEventStore.open(join(dir, `${randomUUID()}.sqlite`), { pollIntervalMs: 20 });
  });
  afterEach(async () => {
    await log.close();
  });

  it('reads from the lowest checkpoint; each processor gets only what is past its own, in order, and is told once it committed', async () => {
    await append(6);
    const journal: string[] = [];
    const ahead = new Recorder('ahead', { commit: 4n, prepare: 4n }, journal);
    const behind = new Recorder('behind', { commit: 1n, prepare: 1n }, journal);
    const consumer = new LogConsumer(log, [ahead, behind], { batchSize: 2, logger: quiet });
    const progress = await consumer.catchUp();
    expect(progress).toStrictEqual({ events: 5, position: { commit: 6n, prepare: 6n } });
    expect(behind.seen).toStrictEqual([2, 3, 4, 5, 6]);
    expect(ahead.seen).toStrictEqual([5, 6]);
    // runs of two from position 2: the processor already past a run is not asked; each commits before the next is asked
    expect(journal).toStrictEqual([
      'behind handled up to 3', 'behind committed 3',
      'ahead handled up to 5', 'ahead committed 5', 'behind handled up to 5', 'behind committed 5',
      'ahead handled up to 6', 'ahead committed 6', 'behind handled up to 6', 'behind committed 6',
    ]);
  });

  it('holds the heap growth while it reads from behind (a rebuild, a catch-up), not while it follows live appends', async () => {
    await append(3);
    const flags: string[] = [];
    const heldWhenHandled: Array<string | undefined> = [];
    const journal: string[] = [];
    const processor = new Recorder('only', null, journal);
    const handle = processor.handle.bind(processor);
    processor.handle = async (read) => {
      heldWhenHandled.push(flags.at(-1));
      await handle(read);
    };
    const consumer = new LogConsumer(log, [processor], { batchSize: 2, logger: quiet, heapGrowth: new HeapGrowth((flag) => void flags.push(flag), false) });
    await consumer.rebuild();
    expect(heldWhenHandled).toStrictEqual(['--heap-growing-percent=50', '--heap-growing-percent=50']);
    expect(flags).toStrictEqual(['--heap-growing-percent=50', '--heap-growing-percent=0']);
    await consumer.start();
    try {
      await append(1);
      await waitFor(() => processor.seen.length === 4);
      // the start's catch-up found nothing and held the growth for it; the live run was handled with V8's own policy
      expect(heldWhenHandled.at(-1)).toBe('--heap-growing-percent=0');
      expect(flags).toHaveLength(4);
    } finally {
      await consumer.stop();
    }
  });

  it('follows live appends; a failed commit is resumed from the checkpoints after a backoff, said as failing meanwhile', async () => {
    const journal: string[] = [];
    const processor = new Recorder('only', null, journal);
    const consumer = new LogConsumer(log, [processor], { logger: quiet });
    await consumer.start();
    try {
      expect(processor.calls).toStrictEqual(['start']);
      expect(consumer.state()).toBe('following');
      await append(2);
      await waitFor(() => processor.seen.length === 2);
      processor.failing = 'disk full';
      await append(1);
      await waitFor(() => consumer.state().startsWith('failing'));
      expect(consumer.state()).toMatch(/^failing: disk full \(1 attempt since the last commit\)/);
      processor.failing = null;
      await waitFor(() => processor.seen.length === 3);
      await waitFor(() => consumer.state() === 'following');
      expect(processor.seen).toStrictEqual([1, 2, 3]);
      expect(consumer.position()).toStrictEqual({ commit: 3n, prepare: 3n });
    } finally {
      await consumer.stop();
    }
    expect(processor.calls).toStrictEqual(['start', 'stop']);
  });
});
