/**
 * The event store contract: one suite, run against every adapter (SQLite and PostgreSQL always, EventStoreDB when
 * EVENTSTORE_CONNECTION_STRING is set). Every test uses its own random stream names and never
 * assumes the log is empty or quiet, so it can run against a shared server.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  comparePositions,
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  type EventStore,
  type ExpectedRevision,
  type LogPosition,
  type NewEvent,
  type RecordedEvent,
  type Subscription,
} from '../../libs/event-store/src/event-store.js';
import { eventHash, GENESIS_HASH } from '../../libs/event-store/src/event-hash.js';
import { openLogRangeReader } from '../../libs/event-store/src/open-range-reader.js';

export const uniqueStream = (prefix = 'contract'): string => `${prefix}-${randomUUID()}`;

export const newEvents = (count: number, tag = 'x'): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    eventId: randomUUID(),
    type: 'ContractTested',
    data: { i, tag, nested: { list: [1, 'two', null], flag: true } },
    metadata: { actor: 'contract', correlationId: tag },
  }));

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** The rejection of a promise that must reject. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection, the promise resolved');
    },
    (error: unknown) => error,
  );
}

export function expectIncreasing(positions: readonly LogPosition[]): void {
  for (let i = 1; i < positions.length; i++) expect(comparePositions(positions[i - 1]!, positions[i]!)).toBeLessThan(0);
}

export function describeEventStoreContract(name: string, open: () => Promise<EventStore>): void {
  describe(`event store contract: ${name}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await open();
      await store.ping();
    });
    afterAll(async () => {
      await store?.close();
    });

    const append = (stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision) =>
      store.append(stream, events, { expectedRevision });

    async function expectConflict(promise: Promise<unknown>, stream: string, expected: ExpectedRevision, actual: number) {
      const error = await rejectionOf(promise);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamName: stream, expected, actual });
    }

    /** events of `streams` in the log strictly after `after`, read to the end */
    async function logEventsOf(streams: readonly string[], after?: LogPosition): Promise<RecordedEvent[]> {
      const found: RecordedEvent[] = [];
      for await (const event of store.readAll(after ? { after } : {})) if (streams.includes(event.streamName)) found.push(event);
      return found;
    }

    describe('expected revision', () => {
      it("'no_stream' creates a stream and conflicts once it exists", async () => {
        const stream = uniqueStream();
        const first = await append(stream, newEvents(2), 'no_stream');
        expect(first).toMatchObject({ nextRevision: 1, idempotent: false });
        await expectConflict(append(stream, newEvents(1), 'no_stream'), stream, 'no_stream', 1);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it("'stream_exists' conflicts on a missing stream and appends to an existing one", async () => {
        const stream = uniqueStream();
        await expectConflict(append(stream, newEvents(1), 'stream_exists'), stream, 'stream_exists', -1);
        expect(await store.readStream(stream)).toEqual([]);
        await append(stream, newEvents(1), 'no_stream');
        const result = await append(stream, newEvents(2), 'stream_exists');
        expect(result.nextRevision).toBe(2);
      });

      it("'any' appends to a missing and to an existing stream", async () => {
        const stream = uniqueStream();
        expect((await append(stream, newEvents(1), 'any')).nextRevision).toBe(0);
        expect((await append(stream, newEvents(2), 'any')).nextRevision).toBe(2);
        expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0, 1, 2]);
      });

      it('an exact revision appends when it matches and conflicts when it does not', async () => {
        const stream = uniqueStream();
        await expectConflict(append(stream, newEvents(1), 0), stream, 0, -1);
        await append(stream, newEvents(2), 'no_stream');
        expect((await append(stream, newEvents(1), 1)).nextRevision).toBe(2);
        await expectConflict(append(stream, newEvents(1), 1), stream, 1, 2);
        await expectConflict(append(stream, newEvents(1), 5), stream, 5, 2);
        expect((await append(stream, newEvents(1), 2)).nextRevision).toBe(3);
        expect(await store.readStream(stream)).toHaveLength(4);
      });
    });

    describe('append', () => {
      it('appends several events atomically and reports them as recorded', async () => {
        const stream = uniqueStream();
        const events = newEvents(3, 'atomic');
        const before = Date.now();
        const result = await append(stream, events, 'no_stream');
        expect(result.idempotent).toBe(false);
        expect(result.nextRevision).toBe(2);
        expect(result.events.map((event) => [event.eventId, event.revision, event.streamName])).toEqual(
          events.map((event, i) => [event.eventId, i, stream]),
        );
        expectIncreasing(result.events.map((event) => event.position));
        expect(result.position).toEqual(result.events[2]!.position);
        for (const [i, event] of result.events.entries()) {
          expect(event).toMatchObject({ type: 'ContractTested', data: events[i]!.data, metadata: events[i]!.metadata });
          expect(event.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
          // the server's clock, so only loosely compared with ours
          expect(Math.abs(Date.parse(event.recordedAt) - before)).toBeLessThan(10 * 60_000);
        }
        expect(await store.readStream(stream)).toEqual(result.events);
      });

      it('a refused multi-event append writes none of its events', async () => {
        const stream = uniqueStream();
        await append(stream, newEvents(1), 'no_stream');
        const refused = newEvents(3, 'refused');
        await expectConflict(append(stream, refused, 'no_stream'), stream, 'no_stream', 0);
        const ids = (await store.readStream(stream)).map((event) => event.eventId);
        expect(ids).toHaveLength(1);
        for (const event of refused) expect(ids).not.toContain(event.eventId);
      });
    });

    describe('idempotency by event id', () => {
      it('a retry with the same event ids returns the original result and writes nothing', async () => {
        const stream = uniqueStream();
        const events = newEvents(3, 'retry');
        const original = await append(stream, events, 'no_stream');
        const retry = await append(stream, events, 'no_stream');
        expect(retry.idempotent).toBe(true);
        expect(retry.nextRevision).toBe(original.nextRevision);
        expect(retry.position).toEqual(original.position);
        expect(retry.events.map((event) => [event.eventId, event.revision, event.position])).toEqual(
          original.events.map((event) => [event.eventId, event.revision, event.position]),
        );
        expect(await store.readStream(stream)).toEqual(original.events);
        expect(await logEventsOf([stream], original.position)).toEqual([]);
      });

      it('a retry with a stale expected revision still gets the original result', async () => {
        const stream = uniqueStream();
        const events = newEvents(2, 'first');
        const original = await append(stream, events, 'no_stream');
        await append(stream, newEvents(1, 'later'), 1);
        const retry = await append(stream, events, 'no_stream');
        expect(retry).toMatchObject({ idempotent: true, nextRevision: 1, position: original.position });
        expect(retry.events.map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('rejects a mix of recorded and new event ids, writing nothing', async () => {
        const stream = uniqueStream();
        const recorded = newEvents(2, 'recorded');
        await append(stream, recorded, 'no_stream');
        const fresh = newEvents(1, 'fresh');
        expect(await rejectionOf(append(stream, [...fresh, recorded[1]!], 'no_stream'))).toBeInstanceOf(DuplicateEventIdError);
        expect(await rejectionOf(append(stream, [recorded[1]!, ...fresh], 'any'))).toBeInstanceOf(DuplicateEventIdError);
        const ids = (await store.readStream(stream)).map((event) => event.eventId);
        expect(ids).toEqual(recorded.map((event) => event.eventId));
      });
    });

    describe('hash chain (tamper evidence)', () => {
      it('links each event to the one before it in its stream, with the hash the shared function gives', async () => {
        const stream = uniqueStream();
        await append(stream, newEvents(2, 'chain'), 'no_stream');
        await append(stream, newEvents(1, 'chain-any'), 'any');
        const events = await store.readStream(stream);
        let prevHash = GENESIS_HASH;
        for (const event of events) {
          expect(event.metadata.prevHash).toBe(prevHash);
          expect(event.metadata.hash).toBe(eventHash(event, prevHash));
          prevHash = event.metadata.hash as string;
        }
      });

      it('replaces links a caller sends, and a retry returns the original hashes', async () => {
        const stream = uniqueStream();
        const events = newEvents(2, 'links').map((event) => ({ ...event, metadata: { ...event.metadata, hash: 'forged', prevHash: 'forged' } }));
        const original = await append(stream, events, 'no_stream');
        expect(original.events[0]!.metadata.prevHash).toBe(GENESIS_HASH);
        const retry = await append(stream, events, 'no_stream');
        expect(retry.events.map((event) => event.metadata)).toEqual(original.events.map((event) => event.metadata));
      });
    });

    describe('reading', () => {
      it('reads a stream in revision order; a missing stream is empty', async () => {
        const stream = uniqueStream();
        const a = await append(stream, newEvents(2, 'a'), 'no_stream');
        await append(uniqueStream('other'), newEvents(1), 'no_stream');
        const b = await append(stream, newEvents(3, 'b'), 1);
        const read = await store.readStream(stream);
        expect(read.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
        expect(read.map((event) => event.eventId)).toEqual([...a.events, ...b.events].map((event) => event.eventId));
        expectIncreasing(read.map((event) => event.position));
        expect(await store.readStream(uniqueStream('missing'))).toEqual([]);
      });

      it('reads the whole log from the start in position order', async () => {
        const streams = [uniqueStream(), uniqueStream()];
        const appended = [
          ...(await append(streams[0]!, newEvents(2), 'no_stream')).events,
          ...(await append(streams[1]!, newEvents(2), 'no_stream')).events,
          ...(await append(streams[0]!, newEvents(1), 1)).events,
        ];
        const wanted = new Set(appended.map((event) => event.eventId));
        const positions: LogPosition[] = [];
        const ours: RecordedEvent[] = [];
        for await (const event of store.readAll()) {
          positions.push(event.position);
          if (wanted.has(event.eventId)) ours.push(event);
          if (ours.length === appended.length) break; // also exercises an early return from the iterator
        }
        expectIncreasing(positions);
        expect(ours).toEqual(appended);
      });

      it('reads the log after a position (exclusive), with and without a limit', async () => {
        const stream = uniqueStream();
        const { events } = await append(stream, newEvents(4), 'no_stream');
        const after = events[0]!.position;
        const read = await logEventsOf([stream], after);
        expect(read).toEqual(events.slice(1));
        const limited: RecordedEvent[] = [];
        for await (const event of store.readAll({ after, limit: 2 })) limited.push(event);
        expect(limited).toHaveLength(2);
        for (const event of limited) expect(comparePositions(event.position, after)).toBeGreaterThan(0);
        expectIncreasing(limited.map((event) => event.position));
        // nothing else can sit between two events of one append
        expect(limited[0]).toEqual(events[1]);
      });

      it('reports the head position', async () => {
        const { position } = await append(uniqueStream(), newEvents(2), 'no_stream');
        const head = await store.headPosition();
        expect(head).not.toBeNull();
        expect(comparePositions(head!, position)).toBeGreaterThanOrEqual(0);
      });

      it('opens a reader of ranges of the log where it offers one (a file), the events as readAll gives them, with their stored text', async () => {
        const stream = uniqueStream();
        const { events } = await append(stream, newEvents(3), 'no_stream');
        const source = store.rangeReaderSource?.() ?? null;
        if (source === null) return; // EventStoreDB, an in-memory log: verify reads them in one thread
        const reader = openLogRangeReader(source);
        try {
          const range = reader.readRange(events[0]!.position.commit - 1n, events[2]!.position.commit);
          expect(range.map(({ eventId, streamName, revision, position, type, data, metadata, recordedAt }) =>
            ({ eventId, streamName, revision, position, type, data, metadata, recordedAt }))).toEqual(events);
          expect(JSON.parse(range[1]!.storedText.data)).toEqual(events[1]!.data);
          expect(reader.readRange(events[2]!.position.commit, events[2]!.position.commit + 1000n)
            .filter((event) => event.streamName === stream)).toEqual([]);
        } finally {
          reader.close();
        }
      });
    });

    describe('subscribeToAll', () => {
      it('delivers the events after a position, then live appends, in order, one at a time; close() stops it', async () => {
        const streams = [uniqueStream('sub'), uniqueStream('sub'), uniqueStream('sub')];
        const existing = await append(streams[0]!, newEvents(3, 'existing'), 'no_stream');
        const from = existing.events[0]!.position;
        const delivered: RecordedEvent[] = [];
        const allPositions: LogPosition[] = [];
        let running = 0;
        let maxRunning = 0;
        const subscription = store.subscribeToAll({
          after: from,
          onEvent: async (event) => {
            running += 1;
            maxRunning = Math.max(maxRunning, running);
            allPositions.push(event.position);
            await sleep(2);
            if (streams.includes(event.streamName)) delivered.push(event);
            running -= 1;
          },
        });
        await waitFor(() => delivered.length >= 2, 'the existing events');
        const live = await append(streams[1]!, newEvents(2, 'live'), 'no_stream');
        const more = await append(streams[0]!, newEvents(1, 'more'), 2);
        await waitFor(() => delivered.length >= 5, 'the live events');
        expect(delivered.map((event) => event.eventId)).toEqual(
          [...existing.events.slice(1), ...live.events, ...more.events].map((event) => event.eventId),
        );
        expect(delivered[0]).toEqual(existing.events[1]);
        expect(maxRunning).toBe(1);
        for (const position of allPositions) expect(comparePositions(position, from)).toBeGreaterThan(0);
        expectIncreasing(allPositions);

        await subscription.close();
        const countAtClose = allPositions.length;
        await append(streams[2]!, newEvents(2, 'after-close'), 'no_stream');
        await sleep(600);
        expect(allPositions).toHaveLength(countAtClose);
        expect(delivered.some((event) => event.streamName === streams[2])).toBe(false);
      });

      it('close() waits for the handler in flight and may be called from inside a handler', async () => {
        const stream = uniqueStream('sub');
        const { events } = await append(stream, newEvents(3), 'no_stream');
        const before = events[0]!.position;
        let finished = 0;
        let subscription: Subscription | undefined;
        const seen: string[] = [];
        subscription = store.subscribeToAll({
          after: before,
          onEvent: async (event) => {
            if (event.streamName !== stream) return;
            seen.push(event.eventId);
            await subscription!.close();
            await sleep(50);
            finished += 1;
          },
        });
        await waitFor(() => seen.length === 1, 'the first event');
        await subscription.close();
        expect(finished).toBe(1);
        await sleep(300);
        expect(seen).toEqual([events[1]!.eventId]);
      });

      it('stops and calls onError when a handler throws', async () => {
        const stream = uniqueStream('sub');
        const { events } = await append(stream, newEvents(2), 'no_stream');
        const errors: Error[] = [];
        let calls = 0;
        const subscription = store.subscribeToAll({
          after: events[0]!.position,
          onEvent: (event) => {
            if (event.streamName !== stream) return;
            calls += 1;
            throw new Error('handler failed');
          },
          onError: (error) => errors.push(error),
        });
        await waitFor(() => errors.length === 1, 'onError');
        expect(errors[0]!.message).toBe('handler failed');
        await append(stream, newEvents(1), 1);
        await sleep(300);
        expect(calls).toBe(1);
        await subscription.close();
      });
    });
  });
}
