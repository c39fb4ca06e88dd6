import { describe, expect, it } from '@jest/globals';
import type { AppConfig } from '../../../../libs/config/src/index.js';
import type { EventStore } from '../../../../libs/event-store/src/index.js';
import type { EmbeddedProjector } from '../projector/embedded-projector.js';
import { ReadYourWrites } from './read-your-writes.js';
import type { TimelineReader } from './timeline-reader.js';

/**
 * The read models' position with the embedded projector: read once per commit it tells of. The
 * order in which a commit reaches the read models and its notice reaches the API's thread cannot
 * be forced with the real thread, so the two are played here by hand: `stored` is the checkpoint
 * in the read models, `told` the commits the thread has told of.
 */
function positions() {
  let stored: bigint | null = 10n;
  let told = 0;
  let reads = 0;
  /** what happens while the next read is under way (a commit and its notice) */
  let during: (() => void) | null = null;
  const reader = { projectedPosition: async () => {
    reads += 1;
    const read = stored;
    during?.();
    during = null;
    return read;
  } } as unknown as TimelineReader;
  const projector = { commits: () => told, nextCommit: async () => undefined } as unknown as EmbeddedProjector;
  const config = { readYourWritesTimeoutMs: 200 } as AppConfig;
  const readYourWrites = new ReadYourWrites(reader, config, {} as EventStore, projector);
  return {
    readYourWrites,
    commit: (position: bigint) => { stored = position; },
    tell: () => { told += 1; },
    reads: () => reads,
    whileReading: (what: () => void) => { during = what; },
  };
}

describe('ReadYourWrites: the read models\' position with the embedded projector', () => {
  it('reads the position once per commit told of, and again after the next', async () => {
    const p = positions();
    expect(await p.readYourWrites.projectedPosition()).toBe(10n);
    expect(await p.readYourWrites.projectedPosition()).toBe(10n);
    expect(p.reads()).toBe(1);
    p.commit(12n);
    p.tell();
    expect(await p.readYourWrites.projectedPosition()).toBe(12n);
    expect(p.reads()).toBe(2);
  });

  it('never answers a read without minPosition with less than a read with minPosition just answered, the notice still on its way', async () => {
    const p = positions();
    expect(await p.readYourWrites.projectedPosition()).toBe(10n);
    p.commit(12n); // in the read models; its notice not yet here
    expect(await p.readYourWrites.positionFrom(12n)).toBe(12n);
    expect(await p.readYourWrites.projectedPosition()).toBe(12n);
  });

  it('reads again after a commit told of while a read with minPosition was under way', async () => {
    const p = positions();
    p.whileReading(() => {
      p.commit(12n);
      p.tell();
    });
    expect(await p.readYourWrites.positionFrom(10n)).toBe(10n);
    expect(await p.readYourWrites.projectedPosition()).toBe(12n);
  });

  it('answers 503 once the wait for a position not reached is over', async () => {
    const p = positions();
    await expect(p.readYourWrites.positionFrom(11n)).rejects.toMatchObject({ status: 503 });
  });
});
