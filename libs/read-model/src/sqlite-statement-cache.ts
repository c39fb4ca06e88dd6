import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** distinct SQL texts kept prepared per connection; the least recently used one is dropped beyond it */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The better-sqlite3 connection as Kysely's SqliteDialect sees it, with prepared statements reused:
 * Kysely's SQLite driver calls `prepare(sql)` for every query it runs, and preparing (parsing and
 * planning the SQL) costs more than running most of them. Statements are kept by SQL text in a
 * bounded least-recently-used map; SQLite re-prepares a kept statement by itself after a schema change.
 */
export function reusePreparedStatements(database: BetterSqlite3.Database, capacity = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql: string) {
      const kept = statements.get(sql);
      if (kept) {
        // a statement still iterating (a stream in progress) cannot run again: use a fresh one
        if (kept.busy) return database.prepare(sql);
        statements.delete(sql); // most recently used last
        statements.set(sql, kept);
        return kept;
      }
      const statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > capacity) statements.delete(statements.keys().next().value!);
      return statement;
    },
    close() {
      statements.clear();
      database.close();
    },
  };
}
