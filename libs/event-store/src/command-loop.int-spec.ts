import { describe, expect, it } from '@jest/globals';
import { handleCommand, type Decider } from './command-loop.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

/** A counter: each command records one event carrying how many came before it. */
type Counted = { type: 'Counted'; data: { before: number } };
const counter: Decider<'count', Counted, number> = {
  initialState: () => 0,
  evolve: (state) => state + 1,
  decide: (_command, state) => [{ type: 'Counted', data: { before: state } }],
};

const contextFor = (id: string, streamIsNew: boolean) => ({
  eventId: (index: number) => `${id}-${index}`,
  metadata: { actor: 'test' },
  streamIsNew,
});

describe('handleCommand on a stream said to be new', () => {
  it('appends without reading the stream first', async () => {
    const store = await SqliteEventStore.open(':memory:');
    let reads = 0;
    const readStream = store.readStream.bind(store);
    store.readStream = (name) => {
      reads += 1;
      return readStream(name);
    };
    const outcome = await handleCommand(store, 'fresh', counter, 'count', contextFor('a', true));
    expect(outcome).toMatchObject({ revision: 0, replayed: false });
    expect(reads).toBe(0);
    await store.close();
  });

  it('reads it and decides again when it exists after all: the append never skips its events', async () => {
    const store = await SqliteEventStore.open(':memory:');
    await handleCommand(store, 'taken', counter, 'count', contextFor('a', false));
    const outcome = await handleCommand(store, 'taken', counter, 'count', contextFor('b', true));
    expect(outcome.revision).toBe(1);
    expect((await store.readStream('taken')).map((event) => event.data)).toEqual([{ before: 0 }, { before: 1 }]);
    await store.close();
  });
});
