import type { Kysely, Migration } from 'kysely';

/** Migration 0010: the table of other sources reporting a fact (FactCorroborated), read with the fact's versions. */
export const factCorroborationsMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    // other sources reporting a fact (FactCorroborated): one row each, read with the fact's versions
    await db.schema
      .createTable('fact_corroborations')
      .addColumn('fact_id', 'text', (c) => c.notNull())
      .addColumn('corroboration_id', 'text', (c) => c.notNull())
      .addColumn('recorded_position', 'bigint', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('effective', 'text')
      .addColumn('note', 'text')
      .addPrimaryKeyConstraint('fact_corroborations_pk', ['fact_id', 'recorded_position'])
      .execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('fact_corroborations').execute();
  },
};
