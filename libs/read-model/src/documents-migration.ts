import type { Kysely, Migration } from 'kysely';

/**
 * Migration 0013: the registered source documents (DocumentRegistered), one row per document id,
 * read by GET /v1/documents and to place each quote of an answer in its document (quoteAt).
 * No DocumentRegistered event existed before it, so a read model past them is not possible; a
 * rebuild fills it like every projected table.
 */
export const documentsMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('documents')
      .addColumn('document', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('language', 'text')
      .addColumn('kind', 'text')
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('recorded_position', 'bigint', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute();
    // the list pages by registration order; a text is fetched by its hash (the quote-position memo is keyed by it)
    await db.schema.createIndex('documents_recorded_position').on('documents').columns(['recorded_position']).execute();
    await db.schema.createIndex('documents_sha256').on('documents').columns(['sha256']).execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('documents').execute();
  },
};
