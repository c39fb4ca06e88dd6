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
import { DuplicateEventIdError, positionOf, type RecordedEvent } from '../event-store.js';
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
});
