import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { verifyStore, type ParallelVerifyOptions, type VerifyReport } from '../../libs/audit/src/index.js';
import canonicalizeModule from 'canonicalize';
import { rewriteRowsNonCanonical, seededLogFiles, streamWith } from './tampered-log.js';

type Canonicalize = (input: unknown) => string | undefined;
const canonicalize: Canonicalize =
  (canonicalizeModule as unknown as { default?: Canonicalize }).default ?? (canonicalizeModule as unknown as Canonicalize);

/**
 * The compiled checker thread (npm test and npm run test:int build first): the parallel verify of
 * a long log, run here on the small seed log with ranges of one and of two positions. The two
 * threads claim ranges as they go, so which checks a break varies: the checker alone checks every
 * range in the last way, so that every kind of break is found in its ranges too.
 */
const workerFile = fileURLToPath(new URL('../../dist/libs/event-store/src/range-checker/range-check-worker.js', import.meta.url));
const ways: Array<[string, ParallelVerifyOptions | undefined]> = [
  ['one thread', undefined],
  ['with a checker thread, ranges of 1', { fromEvents: 0, rangeSize: 1, workerFile }],
  ['with a checker thread, ranges of 2', { fromEvents: 0, rangeSize: 2, workerFile }],
  ['with the checker thread checking every range', { fromEvents: 0, rangeSize: 3, workerFile, checksHere: false }],
];

it('verifies an in-memory log on one thread even when asked for a checker thread (it has no file to open)', async () => {
  const store = await SqliteEventStore.open(':memory:');
  try {
    await store.append('notice-1', [{ eventId: randomUUID(), type: 'AuditTested', data: { n: 1 }, metadata: {} }], { expectedRevision: 'no_stream' });
    expect(await verifyStore(store, undefined, { parallel: { fromEvents: 0, rangeSize: 1, workerFile } })).toMatchObject({ ok: true, eventCount: 1 });
  } finally {
    await store.close();
  }
});

it('fails with the checker thread\'s error when the thread dies, and leaves no rejection unhandled', async () => {
  const files = await seededLogFiles();
  const dir = mkdtempSync(join(tmpdir(), 'dying-checker-'));
  const dying = join(dir, 'dying-checker.mjs');
  writeFileSync(dying, "throw new Error('the checker could not start');\n");
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const store = await SqliteEventStore.open(files.copy());
  try {
    await expect(verifyStore(store, undefined, { parallel: { fromEvents: 0, rangeSize: 1, workerFile: dying } }))
      .rejects.toThrow('the checker could not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await store.close();
    files.remove();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Verify names what was done to a SQLite log edited directly, behind the store's back. */
describe.each(ways)('verify on a tampered SQLite file (%s)', (_way, parallel) => {
  let files: Awaited<ReturnType<typeof seededLogFiles>>;
  beforeAll(async () => {
    files = await seededLogFiles();
  });
  afterAll(() => files.remove());

  async function verify(file: string): Promise<VerifyReport> {
    const store = await SqliteEventStore.open(file);
    try {
      return await verifyStore(store, undefined, parallel ? { parallel } : {});
    } finally {
      await store.close();
    }
  }

  it('finds the untouched seed log whole: every event chained and verified', async () => {
    const report = await verify(files.copy());
    expect(report).toMatchObject({ ok: true, unchainedCount: 0, broken: null });
    expect(report.eventCount).toBeGreaterThan(50);
  });

  it('names an event whose data was changed: altered', async () => {
    const file = files.copy();
    const victim = files.tamper(file, (db) => {
      const [, second] = streamWith(db, 2);
      db.prepare("UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE position = ?").run(second!.position);
      return second!;
    });
    expect((await verify(file)).broken).toMatchObject({ kind: 'altered', position: victim.position, revision: victim.revision });
  });

  it('names the gap a deleted row leaves: missing', async () => {
    const file = files.copy();
    const [, deleted, next] = files.tamper(file, (db) => {
      const rows = streamWith(db, 3);
      db.prepare('DELETE FROM events WHERE position = ?').run(rows[1]!.position);
      return rows;
    });
    expect((await verify(file)).broken).toMatchObject({ kind: 'missing', stream: deleted!.stream_name, position: next!.position, revision: 2 });
  });

  it('names two rows whose positions were swapped: reordered', async () => {
    const file = files.copy();
    const [first, second] = files.tamper(file, (db) => {
      const rows = streamWith(db, 2);
      const swap = db.prepare('UPDATE events SET position = ? WHERE position = ?');
      db.transaction(() => {
        swap.run(-1, rows[0]!.position);
        swap.run(rows[0]!.position, rows[1]!.position);
        swap.run(rows[1]!.position, -1);
      })();
      return rows;
    });
    expect((await verify(file)).broken).toMatchObject({ kind: 'reordered', position: first!.position, revision: second!.revision });
  });

  it('names a forged row, with copied hashes or with none: inserted', async () => {
    for (const forgeMetadata of [(copied: string) => copied, () => JSON.stringify({ actor: 'intruder' })]) {
      const file = files.copy();
      const forged = files.tamper(file, (db) => {
        const rows = streamWith(db, 2);
        const last = rows[rows.length - 1]!;
        const info = db.prepare(
          'INSERT INTO events (event_id, stream_name, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(randomUUID(), last.stream_name, last.revision + 1, last.type, last.data, forgeMetadata(rows[0]!.metadata), new Date().toISOString());
        return Number(info.lastInsertRowid);
      });
      expect((await verify(file)).broken).toMatchObject({ kind: 'inserted', position: forged });
    }
  });

  it('counts events that predate the chain as unchained, and chains the next append to genesis', async () => {
    const file = files.copy();
    const stream = files.tamper(file, (db) => {
      const rows = streamWith(db, 2);
      db.prepare("UPDATE events SET metadata = json_remove(metadata, '$.hash', '$.prevHash') WHERE stream_name = ?").run(rows[0]!.stream_name);
      return rows;
    });
    const store = await SqliteEventStore.open(file);
    const appended = await store.append(stream[0]!.stream_name, [{ eventId: randomUUID(), type: 'AuditTested', data: {}, metadata: {} }], {
      expectedRevision: stream.length - 1,
    });
    await store.close();
    expect(appended.events[0]!.metadata.prevHash).toBe('0'.repeat(64));
    expect(await verify(file)).toMatchObject({ ok: true, unchainedCount: stream.length });
  });

  it('stops at the first broken event when there are several', async () => {
    const file = files.copy();
    const first = files.tamper(file, (db) => {
      const rows = db.prepare('SELECT position FROM events ORDER BY position LIMIT 2 OFFSET 10').all() as { position: number }[];
      for (const { position } of rows) db.prepare("UPDATE events SET type = type || 'X' WHERE position = ?").run(position);
      return rows[0]!.position;
    });
    expect((await verify(file)).broken).toMatchObject({ kind: 'altered', position: first });
  });

  it('verifies rows stored before canonical storage (same JSON, other key order) by the full canonicalize path', async () => {
    const file = files.copy();
    const rewritten = files.tamper(file, rewriteRowsNonCanonical);
    const store = await SqliteEventStore.open(file);
    const stored = [];
    for await (const page of store.readAllPagesWithText()) stored.push(...page);
    await store.close();
    // the rewrite really left the canonical form behind
    expect(stored.filter((event) => event.storedText.data !== canonicalize(event.data)).length).toBeGreaterThan(rewritten / 2);
    expect(await verify(file)).toMatchObject({ ok: true, eventCount: rewritten, unchainedCount: 0, broken: null });
  });

  it('names an event whose canonical data was replaced by other canonical data: altered', async () => {
    const file = files.copy();
    const victim = files.tamper(file, (db) => {
      const [, , third] = streamWith(db, 3);
      const data = JSON.parse(third!.data) as Record<string, unknown>;
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(canonicalize({ ...data, tampered: 1 }), third!.position);
      return third!;
    });
    expect((await verify(file)).broken).toMatchObject({
      kind: 'altered', position: victim.position, stream: victim.stream_name, revision: victim.revision, eventId: victim.event_id,
    });
  });

  it('names an event whose metadata text was edited before its links: altered', async () => {
    const file = files.copy();
    const victim = files.tamper(file, (db) => {
      const [first] = streamWith(db, 1);
      db.prepare('UPDATE events SET metadata = replace(metadata, \'"actor":"\', \'"actor":"x\') WHERE position = ?').run(first!.position);
      return first!;
    });
    expect((await verify(file)).broken).toMatchObject({ kind: 'altered', position: victim.position, eventId: victim.event_id });
  });
});
