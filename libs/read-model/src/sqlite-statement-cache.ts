import type BetterSqlite3 from 'better-sqlite3';
import {
  SqliteDialect, SqliteQueryCompiler, type LimitNode, type OffsetNode, type QueryCompiler, type SqliteDatabase,
} from 'kysely';

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

/**
 * SQLite marks a statement whose `LIMIT ?` or `OFFSET ?` is a bound parameter as depending on the
 * parameter's value, and prepares it again on every run after a new binding: the kept statement
 * above was parsed and planned anew each time (a one-row queue-head lookup went from ~3 us to
 * ~25 us). Wrapped in a cast, the value is an expression the planner does not look into: the
 * statement is planned once, and the SQL text stays the same for every limit.
 */
class KeptPlanSqliteQueryCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    this.append('limit cast(');
    this.visitNode(node.limit);
    this.append(' as integer)');
  }

  protected override visitOffset(node: OffsetNode): void {
    this.append('offset cast(');
    this.visitNode(node.offset);
    this.append(' as integer)');
  }
}

/** Kysely's SQLite dialect over a connection that keeps its prepared statements (and their plans). */
export class KeptStatementsSqliteDialect extends SqliteDialect {
  constructor(database: BetterSqlite3.Database, capacity = STATEMENT_CACHE_SIZE) {
    super({ database: reusePreparedStatements(database, capacity) });
  }

  override createQueryCompiler(): QueryCompiler {
    return new KeptPlanSqliteQueryCompiler();
  }
}
