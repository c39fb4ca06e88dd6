import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { allSeeds, loadSeeds, seedCorroborations } from '../../seeds/index.js';

export interface EventRowView {
  readonly position: number;
  readonly stream_name: string;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** The seeded log in a SQLite file, copied afresh for each tampering (the store closed: no WAL left). */
export async function seededLogFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'audit-'));
  const template = join(dir, 'seeded.sqlite');
  const store = await SqliteEventStore.open(template);
  await loadSeeds(store, allSeeds, undefined, seedCorroborations);
  await store.close();
  let copies = 0;
  return {
    dir,
    /** a fresh copy of the seeded file */
    copy(): string {
      const file = join(dir, `copy-${++copies}.sqlite`);
      copyFileSync(template, file);
      return file;
    },
    /** edits the file behind the store's back, as an attacker with the file would */
    tamper<T>(file: string, edit: (db: Database.Database) => T): T {
      const db = new Database(file);
      try {
        return edit(db);
      } finally {
        db.close();
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A stream with at least `length` events, and its rows in revision order. */
export function streamWith(db: Database.Database, length: number): EventRowView[] {
  const { stream_name } = db.prepare(
    'SELECT stream_name FROM events GROUP BY stream_name HAVING COUNT(*) >= ? ORDER BY MIN(position) LIMIT 1',
  ).get(length) as { stream_name: string };
  return db.prepare('SELECT * FROM events WHERE stream_name = ? ORDER BY revision').all(stream_name) as EventRowView[];
}

/** JSON text with every object's keys in reverse order: what rows looked like before canonical storage (insertion order). */
export const reorderedJson = (text: string): string =>
  JSON.stringify(JSON.parse(text), (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).reverse())
      : value);

/** Rewrites every row's data and metadata as non-canonical text of the same JSON (links kept last). */
export function rewriteRowsNonCanonical(db: Database.Database): number {
  const rows = db.prepare('SELECT position, data, metadata FROM events').all() as Pick<EventRowView, 'position' | 'data' | 'metadata'>[];
  const update = db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?');
  db.transaction(() => {
    for (const row of rows) {
      const { hash, prevHash, ...rest } = JSON.parse(row.metadata) as Record<string, unknown>;
      const metadata = JSON.stringify({ ...JSON.parse(reorderedJson(JSON.stringify(rest))), prevHash, hash });
      update.run(reorderedJson(row.data), metadata, row.position);
    }
  })();
  return rows.length;
}
