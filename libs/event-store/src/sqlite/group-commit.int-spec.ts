import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { expectIncreasing, newEvents, rejectionOf, uniqueStream } from '../../../../test/contract/event-store.contract.js';
import { eventHash, GENESIS_HASH } from '../event-hash.js';
import { DuplicateEventIdError, WrongExpectedRevisionError, type RecordedEvent } from '../event-store.js';
import { SqliteEventStore } from './sqlite-event-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sqlite-group-commit-'));
let files = 0;
const freshFile = (): string => join(dir, `store-${++files}.sqlite`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** every event links to the one before it in its stream and hashes to its own hash */
function expectChained(stream: readonly RecordedEvent[]): void {
  let previous = GENESIS_HASH;
  for (const event of stream) {
    expect(event.metadata.prevHash).toBe(previous);
    expect(eventHash(event, previous)).toBe(event.metadata.hash);
    previous = event.metadata.hash as string;
  }
}

/** The appends made in one turn of the event loop (concurrent requests), which share one durable commit. */
describe('SqliteEventStore: appends made together', () => {
  it('each get their own outcome: a refused one writes nothing, the others are written in the order made', async () => {
    const store = await SqliteEventStore.open(freshFile());
    const [a, b, c] = [uniqueStream(), uniqueStream(), uniqueStream()];
    const taken = newEvents(1);
    await store.append(c, taken, { expectedRevision: 'no_stream' });
    const outcomes = await Promise.allSettled([
      store.append(a, newEvents(2), { expectedRevision: 'no_stream' }),
      store.append(c, newEvents(1), { expectedRevision: 5 }),
      store.append(b, newEvents(1), { expectedRevision: 'no_stream' }),
      store.append(uniqueStream(), taken, { expectedRevision: 'any' }),
      // a second writer of the same new stream, decided on the same (empty) state: a conflict
      store.append(a, newEvents(1), { expectedRevision: 'no_stream' }),
      store.appendMany([{ streamName: b, events: newEvents(1), expectedRevision: 0 }, { streamName: c, events: newEvents(1), expectedRevision: 0 }]),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
    const reasons = outcomes.map((outcome) => (outcome.status === 'rejected' ? outcome.reason : null));
    expect(reasons[1]).toBeInstanceOf(WrongExpectedRevisionError);
    expect(reasons[3]).toBeInstanceOf(DuplicateEventIdError);
    expect(reasons[4]).toBeInstanceOf(WrongExpectedRevisionError);
    const results = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value].flat() : []));
    expectIncreasing(results.map((result) => result.position));
    const [streamA, streamB, streamC] = await Promise.all([a, b, c].map((name) => store.readStream(name)));
    expect(streamA!.map((event) => event.revision)).toEqual([0, 1]);
    expect(streamB!.map((event) => event.revision)).toEqual([0, 1]);
    expect(streamC!.map((event) => event.eventId)).toEqual([taken[0]!.eventId, results[results.length - 1]!.events[0]!.eventId]);
    for (const stream of [streamA!, streamB!, streamC!]) expectChained(stream);
    await store.close();
  });

  it('keep one stream\'s hash chain and order when several append to it at once', async () => {
    const store = await SqliteEventStore.open(freshFile());
    const stream = uniqueStream();
    const appended = await Promise.all(Array.from({ length: 5 }, () => store.append(stream, newEvents(2), { expectedRevision: 'any' })));
    expect(appended.map((result) => result.nextRevision)).toEqual([1, 3, 5, 7, 9]);
    const events = await store.readStream(stream);
    expect(events.map((event) => event.eventId)).toEqual(appended.flatMap((result) => result.events.map((event) => event.eventId)));
    expectChained(events);
    await store.close();
  });

  it('replay a retry made in the same turn as the first attempt (the same event ids)', async () => {
    const store = await SqliteEventStore.open(freshFile());
    const stream = uniqueStream();
    const events = newEvents(2);
    const [first, retry] = await Promise.all([
      store.append(stream, events, { expectedRevision: 'no_stream' }),
      store.append(stream, events, { expectedRevision: 'no_stream' }),
    ]);
    expect(first!.idempotent).toBe(false);
    expect(retry).toEqual({ ...first, idempotent: true });
    expect(await store.readStream(stream)).toHaveLength(2);
    await store.close();
  });

  it('are committed, and answered, when the store closes before their commit was due', async () => {
    const file = freshFile();
    const store = await SqliteEventStore.open(file);
    const stream = uniqueStream();
    const pending = store.append(stream, newEvents(3), { expectedRevision: 'no_stream' });
    await store.close();
    expect((await pending).nextRevision).toBe(2);
    const reopened = await SqliteEventStore.open(file);
    expect(await reopened.readStream(stream)).toHaveLength(3);
    expect(await rejectionOf(Promise.resolve().then(() => store.append(stream, newEvents(1), { expectedRevision: 2 })))).toBeInstanceOf(Error);
    await reopened.close();
  });
});
