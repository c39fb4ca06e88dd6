import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from '@jest/globals';
import { KeptStatementsSqliteDialect, reusePreparedStatements } from './sqlite-statement-cache.js';

describe('reusePreparedStatements', () => {
  let database: Database.Database;
  afterEach(() => {
    if (database.open) database.close();
  });

  it('prepares a SQL text once and hands the same statement back', () => {
    database = new Database(':memory:');
    const cached = reusePreparedStatements(database);
    const first = cached.prepare('select 1 as one');
    expect(cached.prepare('select 1 as one')).toBe(first);
    expect(cached.prepare('select 2 as two')).not.toBe(first);
  });

  it('keeps at most `capacity` statements, dropping the least recently used', () => {
    database = new Database(':memory:');
    const cached = reusePreparedStatements(database, 2);
    const a = cached.prepare('select 1');
    const b = cached.prepare('select 2');
    expect(cached.prepare('select 1')).toBe(a); // now the most recently used
    cached.prepare('select 3'); // drops `select 2`
    expect(cached.prepare('select 1')).toBe(a);
    expect(cached.prepare('select 2')).not.toBe(b);
  });

  it('a statement still iterating is not handed out again: a fresh one runs meanwhile', () => {
    database = new Database(':memory:');
    const cached = reusePreparedStatements(database);
    const streaming = cached.prepare('select value from json_each(?)');
    const rows = streaming.iterate(['[1,2]']);
    expect(rows.next().value).toStrictEqual({ value: 1 });
    const meanwhile = cached.prepare('select value from json_each(?)');
    expect(meanwhile).not.toBe(streaming);
    expect(meanwhile.all(['[3]'])).toStrictEqual([{ value: 3 }]);
    expect([...rows]).toStrictEqual([{ value: 2 }]);
  });

  it('through Kysely, results stay right after the schema changes under a kept statement', async () => {
    database = new Database(':memory:');
    const db = new Kysely<{ t: { a: number; b?: number } }>({ dialect: new SqliteDialect({ database: reusePreparedStatements(database) }) });
    await db.schema.createTable('t').addColumn('a', 'integer').execute();
    await db.insertInto('t').values({ a: 1 }).execute();
    expect(await sql`select * from t`.execute(db).then((r) => r.rows)).toStrictEqual([{ a: 1 }]);
    await db.schema.alterTable('t').addColumn('b', 'integer').execute();
    await db.insertInto('t').values({ a: 2, b: 3 }).execute();
    expect(await sql`select * from t`.execute(db).then((r) => r.rows)).toStrictEqual([{ a: 1, b: null }, { a: 2, b: 3 }]);
    await db.destroy();
    expect(database.open).toBe(false);
  });

  it('limits and offsets are bound through a cast (one plan for every value), and page the rows as asked', async () => {
    database = new Database(':memory:');
    const db = new Kysely<{ t: { a: number } }>({ dialect: new KeptStatementsSqliteDialect(database) });
    await db.schema.createTable('t').addColumn('a', 'integer').execute();
    await db.insertInto('t').values([1, 2, 3, 4, 5].map((a) => ({ a }))).execute();
    const page = (limit: number, offset: number) => db.selectFrom('t').select('a').orderBy('a').limit(limit).offset(offset);
    expect(page(2, 1).compile().sql).toBe('select "a" from "t" order by "a" limit cast(? as integer) offset cast(? as integer)');
    expect((await page(2, 1).execute()).map((row) => row.a)).toEqual([2, 3]);
    expect((await page(3, 3).execute()).map((row) => row.a)).toEqual([4, 5]);
    expect((await page(1, 0).execute()).map((row) => row.a)).toEqual([1]);
    await db.destroy();
  });
});
