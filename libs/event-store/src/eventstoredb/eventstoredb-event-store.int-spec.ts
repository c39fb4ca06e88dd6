import { describe, it } from '@jest/globals';
import { describeEventStoreContract } from '../../../../test/contract/event-store.contract.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

// Not run on the development machines (no container engine, no EventStoreDB): it needs a server.
const connectionString = process.env['EVENTSTORE_CONNECTION_STRING']?.trim();

if (connectionString) {
  describeEventStoreContract(`EventStoreDB (${connectionString.replace(/\/\/[^@/]*@/, '//***@')})`, async () =>
    EventStoreDbEventStore.fromConnectionString(connectionString),
  );
} else {
  describe('EventStoreDbEventStore', () => {
    it.skip('EventStoreDB contract not run: set EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false)', () => undefined);
  });
}
