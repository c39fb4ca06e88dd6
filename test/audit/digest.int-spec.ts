import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { checkDigest, digestStore, parseSavedDigest } from '../../libs/audit/src/index.js';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { rewriteRowsNonCanonical, seededLogFiles } from './tampered-log.js';

describe('a saved digest of the log', () => {
  let files: Awaited<ReturnType<typeof seededLogFiles>>;
  beforeAll(async () => {
    files = await seededLogFiles();
  });
  afterAll(() => files.remove());

  it('still verifies after more appends, and fails once an event before it is altered', async () => {
    const file = files.copy();
    let store = await SqliteEventStore.open(file);
    const saved = JSON.stringify(await digestStore(store, await store.headPosition()));
    await store.append(`notice-${randomUUID()}`, [{ eventId: randomUUID(), type: 'AuditTested', data: { later: true }, metadata: {} }], {
      expectedRevision: 'no_stream',
    });
    const cut = parseSavedDigest(saved);
    expect(checkDigest(cut, await digestStore(store, cut.position))).toMatchObject({ ok: true });
    await store.close();

    files.tamper(file, (db) => db.prepare("UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE position = 3").run());
    store = await SqliteEventStore.open(file);
    const check = checkDigest(cut, await digestStore(store, cut.position));
    await store.close();
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(/has changed/);
  });

  it('is the same whether rows are stored canonical (hashed as stored) or not (canonicalised again)', async () => {
    const file = files.copy();
    let store = await SqliteEventStore.open(file);
    const canonical = await digestStore(store, null);
    await store.close();
    files.tamper(file, rewriteRowsNonCanonical);
    store = await SqliteEventStore.open(file);
    const rewritten = await digestStore(store, null);
    await store.close();
    expect(rewritten).toEqual(canonical);
  });

  it('fails when an event before it was deleted, even the last of its stream', async () => {
    const file = files.copy();
    let store = await SqliteEventStore.open(file);
    const saved = await digestStore(store, await store.headPosition());
    await store.close();
    files.tamper(file, (db) => db.prepare('DELETE FROM events WHERE position = (SELECT MAX(position) FROM events)').run());
    store = await SqliteEventStore.open(file);
    const cut = parseSavedDigest(JSON.stringify(saved));
    const check = checkDigest(cut, await digestStore(store, cut.position));
    await store.close();
    expect(check).toMatchObject({ ok: false, now: { eventCount: saved.eventCount - 1 } });
  });
});
