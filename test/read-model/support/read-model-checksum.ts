import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

/** The read-model tables the crash test compares, all of their columns (the projected state's too). */
export const READ_MODEL_TABLES = [
  'facts', 'notices', 'institutions', 'fact_parties', 'fact_spans', 'place_segments', 'projection_dirty', 'checkpoints',
] as const;

export interface TableChecksum {
  readonly rows: number;
  readonly sha256: string;
}

const jsonValue = (_key: string, value: unknown): unknown =>
  typeof value === 'bigint' ? `${value}n` : Buffer.isBuffer(value) ? `hex:${value.toString('hex')}` : value;

/**
 * SHA-256 of every row of every table (all columns, ordered by primary key), per table.
 * Opened read-write (never written): after a SIGKILL the WAL may need recovery, which a
 * read-only connection cannot always run.
 */
export function readModelChecksums(
  file: string,
  tables: readonly string[] = READ_MODEL_TABLES,
  /** per table, an SQL condition selecting the rows to compare (default: every row) */
  where: Readonly<Record<string, string>> = {},
): Record<string, TableChecksum> {
  const db = new Database(file, { fileMustExist: true });
  try {
    const result: Record<string, TableChecksum> = {};
    for (const table of tables) {
      const columns = db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string; pk: number }>;
      if (columns.length === 0) throw new Error(`${file}: no table ${table}`);
      const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => `"${c.name}"`);
      const order = key.length > 0 ? key : columns.map((c) => `"${c.name}"`);
      const hash = createHash('sha256').update(JSON.stringify(columns.map((c) => c.name)));
      let rows = 0;
      for (const row of db.prepare(`SELECT * FROM "${table}" WHERE ${where[table] ?? '1'} ORDER BY ${order.join(', ')}`).raw().iterate()) {
        hash.update('\n').update(JSON.stringify(row, jsonValue));
        rows += 1;
      }
      result[table] = { rows, sha256: hash.digest('hex') };
    }
    return result;
  } finally {
    db.close();
  }
}

/** The projector's checkpoint (commit position) in a read-model file; 0 when none yet or no file. */
export function readCheckpoint(file: string, name = 'read-model'): number {
  if (!existsSync(file)) return 0;
  const db = new Database(file, { fileMustExist: true, timeout: 5000 });
  try {
    const row = db.prepare('SELECT "commit" FROM checkpoints WHERE name = ?').get(name) as { commit: string } | undefined;
    return row ? Number(row.commit) : 0;
  } catch (error) {
    // killed before its migrations ran (better-sqlite3's errors are not instances of this test realm's Error)
    if (/no such table/.test(String((error as { message?: unknown } | null)?.message))) return 0;
    throw error;
  } finally {
    db.close();
  }
}
