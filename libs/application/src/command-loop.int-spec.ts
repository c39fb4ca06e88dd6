import { describe, expect, it } from '@jest/globals';
import { handleCommand, PreconditionFailedError, type Decider } from './command-loop.js';
import { SqliteEventStore, WrongExpectedRevisionError } from '../../event-store/src/index.js';

/** A counter: each command records one event carrying how many came before it. */
type Counted = { type: 'Counted'; data: { before: number } };
const counter: Decider<'count', Counted, number> = {
  initialState: () => 0,
  evolve: (state) => state + 1,
  decide: (_command, state) => [{ type: 'Counted', data: { before: state } }],
  decode: (stored) => ({ type: 'Counted', data: stored.data as Counted['data'] }),
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

/** Records as many events as the command says. */
type Noted = { type: 'Noted'; data: { index: number } };
const noter: Decider<number, Noted, null> = {
  initialState: () => null,
  evolve: (state) => state,
  decide: (count) => Array.from({ length: count }, (_, index) => ({ type: 'Noted' as const, data: { index } })),
  decode: (stored) => ({ type: 'Noted', data: stored.data as Noted['data'] }),
};

/**
 * Another process with the same idempotency key appended between this one's read and its append:
 * the stream read first is empty (as it was), the append then meets the other's event ids.
 */
async function racedBy(store: SqliteEventStore, other: { count: number; hash: string }) {
  await handleCommand(store, 'raced', noter, other.count, keyed(other.hash));
  const readStream = store.readStream.bind(store);
  let reads = 0;
  store.readStream = (name) => (reads++ === 0 ? Promise.resolve([]) : readStream(name));
}

const keyed = (requestHash: string, acceptedRequestHashes?: string[]) => ({
  eventId: (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  metadata: { actor: 'test', requestHash },
  ...(acceptedRequestHashes ? { acceptedRequestHashes } : {}),
});

describe('handleCommand when another writer of the same key appends between its read and its append', () => {
  it.each([
    ['as many events', 1, 1],
    ['more events', 1, 2],
    ['fewer events', 2, 1],
  ])('a different request causing %s than the one recorded is refused as a reused key', async (_case, recorded, mine) => {
    const store = await SqliteEventStore.open(':memory:');
    await racedBy(store, { count: recorded, hash: 'the other request' });
    await expect(handleCommand(store, 'raced', noter, mine, keyed('this request'))).rejects.toMatchObject({ code: 'idempotency-key-reused' });
    expect(await store.readStream('raced')).toHaveLength(recorded);
    await store.close();
  });

  it('the same request gets the one result, replayed', async () => {
    const store = await SqliteEventStore.open(':memory:');
    await racedBy(store, { count: 2, hash: 'this request' });
    const outcome = await handleCommand(store, 'raced', noter, 2, keyed('this request'));
    expect(outcome).toMatchObject({ replayed: true, revision: 1 });
    expect(outcome.events).toHaveLength(2);
    await store.close();
  });

  it('a hash an earlier release recorded the same request under replays too', async () => {
    const store = await SqliteEventStore.open(':memory:');
    await handleCommand(store, 'old', noter, 1, keyed('legacy hash'));
    const outcome = await handleCommand(store, 'old', noter, 1, keyed('canonical hash', ['legacy hash']));
    expect(outcome).toMatchObject({ replayed: true, revision: 0 });
    await expect(handleCommand(store, 'old', noter, 1, keyed('canonical hash', ['another']))).rejects.toMatchObject({ code: 'idempotency-key-reused' });
    await store.close();
  });
});

/**
 * Another writer appends to the stream between each read and append of this one (the real store's
 * optimistic check refuses the append). RFC 9110 13.1.1: "An origin server that receives an
 * If-Match header field MUST evaluate the condition as per Section 13.2 prior to performing the
 * method" and a false condition is 412; without If-Match the loop decides again on fresh state.
 */
describe('handleCommand when another writer keeps changing the stream', () => {
  async function interleaved(times: number) {
    const store = await SqliteEventStore.open(':memory:');
    await handleCommand(store, 'busy', counter, 'count', contextFor('first', false));
    const readStream = store.readStream.bind(store);
    let writes = 0;
    store.readStream = async (name) => {
      const read = await readStream(name);
      // the other writer's event lands after this read, before the append
      if (writes < times) await store.append(name, [{ eventId: `other-${writes++}`, type: 'Counted', data: { before: -1 }, metadata: { actor: 'other' } }], { expectedRevision: 'any' });
      return read;
    };
    return store;
  }

  it('with If-Match: a failed precondition at once (never retried), naming the revision now', async () => {
    const store = await interleaved(1);
    const failed = await handleCommand(store, 'busy', counter, 'count', { ...contextFor('mine', false), expectedRevision: 0 }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(PreconditionFailedError);
    expect(failed).toMatchObject({ expected: 0, actual: 1 });
    await store.close();
  });

  it('without If-Match: decided again on fresh state, and only a write raced on every attempt is a conflict', async () => {
    const settles = await interleaved(2);
    const outcome = await handleCommand(settles, 'busy', counter, 'count', contextFor('mine', false));
    expect(outcome.revision).toBe(3);
    await settles.close();
    const never = await interleaved(5);
    const failed = await handleCommand(never, 'busy', counter, 'count', contextFor('mine', false)).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(WrongExpectedRevisionError);
    expect(failed).not.toBeInstanceOf(PreconditionFailedError);
    await never.close();
  });
});
