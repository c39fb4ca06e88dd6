import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import { isPostgres } from './schema.js';

/** A value to be given at each run, by name: `slot('id')` where the builder wants a value. */
export type Slot<Name extends string> = (name: Name) => never;

interface Kept {
  readonly compiled: CompiledQuery;
  /** each parameter: the name of the value it takes at a run, or the constant the builder gave */
  readonly parameters: ReadonlyArray<{ readonly name: string; readonly row: number } | { readonly value: unknown }>;
}

const MARK = '\u0000slot:';

/**
 * A statement built by Kysely once per dialect and shape and run again with new values. Building
 * and compiling a query cost more than SQLite running it (the sender's profile: a quarter of its
 * SQL time was Kysely's builders and compiler, for the same few statements thousands of times). The
 * builder marks each value with `slot(name)`; the compiled SQL is kept and only its parameters
 * change, in the places the marks landed. `shape` names what else varies the SQL (a row count).
 */
export function keptStatement<Name extends string, Row>(build: (db: Kysely<any>, slot: Slot<Name>, shape: number) => Compilable<Row>) {
  const kept = new Map<string, Kept>();
  return async (db: Kysely<any>, values: Readonly<Record<Name, unknown>> | ReadonlyArray<Readonly<Record<Name, unknown>>>, shape = 0): Promise<QueryResult<Row>> => {
    const key = `${isPostgres(db) ? 'pg' : 'sqlite'}:${shape}`;
    let statement = kept.get(key);
    if (!statement) {
      // a row's slots are numbered in the order the builder asks for them: row i's `id` is `id#i`
      const asked = new Map<string, number>();
      const slot = ((name: string) => {
        const index = asked.get(name) ?? 0;
        asked.set(name, index + 1);
        return `${MARK}${name}#${index}`;
      }) as unknown as Slot<Name>;
      const compiled = build(db, slot, shape).compile();
      const parameters = compiled.parameters.map((value) => {
        if (typeof value !== 'string' || !value.startsWith(MARK)) return { value };
        const [name, row] = value.slice(MARK.length).split('#');
        return { name: name!, row: Number(row) };
      });
      statement = { compiled, parameters };
      kept.set(key, statement);
    }
    const rows = Array.isArray(values) ? values : [values];
    const parameters = statement.parameters.map((parameter) =>
      ('value' in parameter ? parameter.value : (rows[parameter.row] as Record<string, unknown>)[parameter.name]));
    return db.executeQuery<Row>({ ...statement.compiled, parameters } as CompiledQuery<Row>);
  };
}
