import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  describeEventStoreContract,
  expectIncreasing,
  newEvents,
  rejectionOf,
  sleep,
  uniqueStream,
  waitFor,
} from '../../../../test/contract/event-store.contract.js';
import { DuplicateEventIdError, positionOf, WrongExpectedRevisionError, type RecordedEvent } from '../event-store.js';
import { openEventStore } from '../open-event-store.js';
import { SqliteEventStore } from './sqlite-event-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sqlite-event-store-'));
let files = 0;
const freshFile = (): string => join(dir, `store-${++files}.sqlite`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEventStoreContract('SQLite file', () => SqliteEventStore.open(freshFile()));
describeEventStoreContract('SQLite :memory:', () => SqliteEventStore.open(':memory:'));

describe('SqliteEventStore', () => {
  it('puts a file store in WAL mode', async () => {
    const file = freshFile();
    const store = await SqliteEventStore.open(file);
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('starts empty: no head position, nothing to read', async () => {
    const store = await SqliteEventStore.open(freshFile());
    expect(await store.headPosition()).toBeNull();
    const read: RecordedEvent[] = [];
    for await (const event of store.readAll()) read.push(event);
    expect(read).toEqual([]);
    await store.close();
  });

  it('numbers positions from 1 and reports the last one as the head', async () => {
    const store = await SqliteEventStore.open(':memory:');
    await store.append('a', newEvents(2), { expectedRevision: 'no_stream' });
    const result = await store.append('b', newEvents(1), { expectedRevision: 'no_stream' });
    expect(result.position).toEqual(positionOf(3));
    expect(await store.headPosition()).toEqual(positionOf(3));
    await store.close();
  });

  it('rejects an event id already recorded in another stream, writing nothing', async () => {
    const store = await SqliteEventStore.open(':memory:');
    const [event] = newEvents(1);
    await store.append('one', [event!], { expectedRevision: 'no_stream' });
    expect(await rejectionOf(store.append('two', [event!], { expectedRevision: 'no_stream' }))).toBeInstanceOf(DuplicateEventIdError);
    expect(await rejectionOf(store.append('two', [...newEvents(1), event!], { expectedRevision: 'any' }))).toBeInstanceOf(
      DuplicateEventIdError,
    );
    expect(await store.readStream('two')).toEqual([]);
    await store.close();
  });

  it('rejects an append repeating an event id within itself, and an empty append', async () => {
    const store = await SqliteEventStore.open(':memory:');
    const [event] = newEvents(1);
    expect(await rejectionOf(store.append('s', [event!, event!], { expectedRevision: 'any' }))).toBeInstanceOf(DuplicateEventIdError);
    expect(await rejectionOf(store.append('s', [], { expectedRevision: 'any' }))).toBeInstanceOf(RangeError);
    expect(await store.headPosition()).toBeNull();
    await store.close();
  });

  it('pages readAll through more events than a page', async () => {
    const store = new SqliteEventStore(':memory:', { pageSize: 7 });
    for (let i = 0; i < 10; i++) await store.append(`s-${i}`, newEvents(5), { expectedRevision: 'no_stream' });
    const all: RecordedEvent[] = [];
    for await (const event of store.readAll()) all.push(event);
    expect(all.map((event) => Number(event.position.commit))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const limited: RecordedEvent[] = [];
    for await (const event of store.readAll({ after: positionOf(3), limit: 20 })) limited.push(event);
    expect(limited.map((event) => Number(event.position.commit))).toEqual(Array.from({ length: 20 }, (_, i) => i + 4));
    await store.close();
  });

  it('keeps the data across close and reopen', async () => {
    const file = freshFile();
    const stream = uniqueStream();
    const first = await SqliteEventStore.open(file);
    const { events } = await first.append(stream, newEvents(3), { expectedRevision: 'no_stream' });
    await first.close();
    const second = await SqliteEventStore.open(file);
    expect(await second.readStream(stream)).toEqual(events);
    const next = await second.append(stream, newEvents(1), { expectedRevision: 2 });
    expect(next.position).toEqual(positionOf(4));
    await second.close();
  });

  it('a subscription on a second instance sees appends made through the first (polling)', async () => {
    const file = freshFile();
    const writer = await SqliteEventStore.open(file);
    const reader = new SqliteEventStore(file, { pollIntervalMs: 50 });
    const seen: RecordedEvent[] = [];
    const subscription = reader.subscribeToAll({ onEvent: (event) => void seen.push(event) });
    const appended: RecordedEvent[] = [];
    for (let i = 0; i < 5; i++) {
      appended.push(...(await writer.append(uniqueStream(), newEvents(2), { expectedRevision: 'no_stream' })).events);
      await sleep(i * 20);
    }
    await waitFor(() => seen.length === appended.length, 'the other instance\'s appends');
    expect(seen).toEqual(appended);
    expectIncreasing(seen.map((event) => event.position));
    await subscription.close();
    await reader.close();
    await writer.close();
  });

  it('close() of the store stops its subscriptions', async () => {
    const store = await SqliteEventStore.open(':memory:');
    let calls = 0;
    store.subscribeToAll({ onEvent: () => void (calls += 1) });
    await store.append('s', newEvents(2), { expectedRevision: 'no_stream' });
    await waitFor(() => calls === 2, 'delivery');
    await store.close();
    await expect(store.append('s', newEvents(1), { expectedRevision: 'any' })).rejects.toThrow(/closed/);
  });

  it('openEventStore creates the directory of the SQLite file', async () => {
    const file = join(dir, 'nested', 'deeper', 'events.sqlite');
    const store = await openEventStore({ sqlitePath: file });
    expect(store).toBeInstanceOf(SqliteEventStore);
    await store.append('s', newEvents(1), { expectedRevision: 'no_stream' });
    await store.close();
  });

  describe('appendMany: several streams in one transaction', () => {
    it('appends each stream with its expected revision and reports each as append() does', async () => {
      const store = await SqliteEventStore.open(freshFile());
      const [a, b] = [uniqueStream(), uniqueStream()];
      await store.append(b, newEvents(1), { expectedRevision: 'no_stream' });
      const results = await store.appendMany([
        { streamName: a, events: newEvents(2), expectedRevision: 'no_stream' },
        { streamName: b, events: newEvents(1), expectedRevision: 0 },
        // a later append to the same stream sees the earlier one of the group
        { streamName: a, events: newEvents(1), expectedRevision: 1 },
      ]);
      expect(results.map((result) => [result.nextRevision, result.idempotent])).toEqual([[1, false], [1, false], [2, false]]);
      expectIncreasing(results.map((result) => result.position));
      const streamA = await store.readStream(a);
      expect(streamA).toEqual([...results[0]!.events, ...results[2]!.events]);
      expect(streamA[2]!.metadata.prevHash).toBe(streamA[1]!.metadata.hash);
      expect((await store.readStream(b)).map((event) => event.revision)).toEqual([0, 1]);
      await store.close();
    });

    it('writes nothing when one of the appends is refused (expected revision, reused event id)', async () => {
      const store = await SqliteEventStore.open(freshFile());
      const taken = newEvents(1);
      await store.append('taken', taken, { expectedRevision: 'no_stream' });
      const head = await store.headPosition();
      const ok = { streamName: uniqueStream(), events: newEvents(2), expectedRevision: 'no_stream' as const };
      const conflict = await rejectionOf(store.appendMany([ok, { streamName: 'taken', events: newEvents(1), expectedRevision: 5 }]));
      expect(conflict).toBeInstanceOf(WrongExpectedRevisionError);
      const duplicate = await rejectionOf(store.appendMany([ok, { streamName: uniqueStream(), events: taken, expectedRevision: 'any' }]));
      expect(duplicate).toBeInstanceOf(DuplicateEventIdError);
      expect(await rejectionOf(store.appendMany([ok, { streamName: 'x', events: [], expectedRevision: 'any' }]))).toBeInstanceOf(RangeError);
      expect(await store.readStream(ok.streamName)).toEqual([]);
      expect(await store.headPosition()).toEqual(head);
      await store.close();
    });

    it('is idempotent by event id, group by group: a repeated group returns the original results', async () => {
      const store = await SqliteEventStore.open(freshFile());
      const group = [
        { streamName: uniqueStream(), events: newEvents(2), expectedRevision: 'no_stream' as const },
        { streamName: uniqueStream(), events: newEvents(1), expectedRevision: 'no_stream' as const },
      ];
      const first = await store.appendMany(group);
      const again = await store.appendMany(group);
      expect(again.map((result) => result.idempotent)).toEqual([true, true]);
      expect(again.map((result) => result.events)).toEqual(first.map((result) => result.events));
      expect(await store.appendMany([])).toEqual([]);
      await store.close();
    });

    it('is durable as one commit: a second connection sees all of the group or none of it', async () => {
      const file = freshFile();
      const store = await SqliteEventStore.open(file);
      const streams = [uniqueStream(), uniqueStream(), uniqueStream()];
      await store.appendMany(streams.map((streamName) => ({ streamName, events: newEvents(2), expectedRevision: 'no_stream' as const })));
      const other = new Database(file, { readonly: true });
      const count = other.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number };
      other.close();
      expect(count.n).toBe(6);
      await store.close();
    });
  });

  it('stores data and metadata as canonical text, the links last, and reads them back with their stored text', async () => {
    const store = await SqliteEventStore.open(':memory:');
    const stream = uniqueStream();
    const { events } = await store.append(
      stream,
      [{ eventId: 'E-1', type: 't', data: { b: [1, { d: 1, c: 2 }], a: '微' }, metadata: { z: 1, actor: 'a' } }],
      { expectedRevision: 'no_stream' },
    );
    const read = [];
    for await (const page of store.readAllPagesWithText()) read.push(...page);
    const { data, metadata, dataBytes } = read[0]!.storedText;
    expect({ data, metadata }).toEqual({
      data: '{"a":"微","b":[1,{"c":2,"d":1}]}',
      metadata: `{"actor":"a","z":1,"prevHash":"${'0'.repeat(64)}","hash":"${String(events[0]!.metadata.hash)}"}`,
    });
    // the audit's copy: the very UTF-8 bytes stored
    expect(Buffer.from(dataBytes!).equals(Buffer.from(data, 'utf8'))).toBe(true);
    expect({ ...read[0]!, data: read[0]!.data, metadata: read[0]!.metadata }).toMatchObject(events[0]!);
    await store.close();
  });
});
