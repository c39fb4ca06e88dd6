import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import type { NoticeInput } from '../../../domain/src/index.js';
import type { EventStore } from '../../../event-store/src/index.js';
import { SqliteEventStore } from '../../../event-store/src/index.js';
import { legacyRequestHashOf, requestHashOf } from '../command-caller.js';
import { NoticeCommands } from './notice-commands.js';

const clock = () => DateTime.fromISO('2024-06-01T00:00:00Z');
const caller = { actor: 'newsroom', idempotencyKey: 'zj-1' };
const notice: NoticeInput = {
  authority: 'Example LFSA', jurisdiction: 'CN-ZJ', title: 'Example notice', published: '2021-03-02',
  source: { document: 'a.txt', publisher: 'Example News', quote: 'banned 3' },
  effects: [{ type: 'InstitutionsBanned', jurisdiction: 'CN-ZJ', effective: '2021-03', count: 3 }],
};
const reordered = Object.fromEntries(Object.entries(notice).reverse()) as unknown as NoticeInput;

/** The store as a release before the canonical request hash wrote to it: requestHash = sha256(JSON.stringify(request)). */
function asEarlierRelease(store: EventStore): EventStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'append') return Reflect.get(target, property, receiver);
      return (stream: string, events: Parameters<EventStore['append']>[1], options: Parameters<EventStore['append']>[2]) =>
        target.append(stream, events.map((event) => ({ ...event, metadata: { ...event.metadata, requestHash: legacyRequestHashOf(notice) } })), options);
    },
  });
}

describe('the request hash behind Idempotency-Key', () => {
  it('is the same for a request with its members in another order', () => {
    expect(requestHashOf(reordered)).toBe(requestHashOf(notice));
    expect(legacyRequestHashOf(reordered)).not.toBe(legacyRequestHashOf(notice));
  });

  it('replays a retry with its members in another order', async () => {
    const store = await SqliteEventStore.open(':memory:');
    const commands = new NoticeCommands(store, clock);
    const first = await commands.publish(notice, caller);
    const retry = await commands.publish(reordered, caller);
    expect(retry).toMatchObject({ replayed: true, noticeId: first.noticeId, position: first.position });
    await expect(commands.publish({ ...notice, title: 'another' }, caller)).rejects.toMatchObject({ code: 'idempotency-key-reused' });
    await store.close();
  });

  it('replays the retry of a request an earlier release recorded under its JSON.stringify hash', async () => {
    const store = await SqliteEventStore.open(':memory:');
    const first = await new NoticeCommands(asEarlierRelease(store), clock).publish(notice, caller);
    expect((await store.readStream(`notice-${first.noticeId}`))[0]?.metadata.requestHash).toBe(legacyRequestHashOf(notice));
    const retry = await new NoticeCommands(store, clock).publish(notice, caller);
    expect(retry).toMatchObject({ replayed: true, noticeId: first.noticeId });
    await store.close();
  });
});
