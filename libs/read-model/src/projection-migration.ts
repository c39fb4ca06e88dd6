import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Migration 0015: the projected point-in-time state (issue 17 item 1; libs/domain
 * timeline/projection/contract.ts): the pieces of each fact's life on the asOf axis (fact_spans),
 * each place's own aggregates between half-day keys (place_segments), and the places whose rows
 * are stale (projection_dirty). A database migrated with facts in it has no rows yet: every place
 * with a fact is marked stale, and the projector computes it once it has caught up with the log.
 */
export const projectedStateMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('fact_spans')
      .addColumn('fact_id', 'text', (c) => c.notNull())
      .addColumn('jurisdiction', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('from_key', 'bigint', (c) => c.notNull())
      .addColumn('to_key', 'bigint', (c) => c.notNull())
      .addColumn('effective_latest', 'text', (c) => c.notNull())
      .addColumn('effective_earliest', 'text', (c) => c.notNull())
      .addColumn('first_position', 'bigint', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .execute();
    // the spans of places and kinds holding a key: from_key <= K, then to_key > K read in the index
    await db.schema.createIndex('fact_spans_place_kind_key').on('fact_spans')
      .columns(['jurisdiction', 'kind', 'from_key', 'to_key']).execute();
    // the same for every place (the nation's bans)
    await db.schema.createIndex('fact_spans_kind_key').on('fact_spans').columns(['kind', 'from_key', 'to_key']).execute();
    // a page in effective order, of one place and of the nation
    await db.schema.createIndex('fact_spans_place_effective').on('fact_spans')
      .columns(['jurisdiction', 'effective_latest', 'effective_earliest', 'first_position']).execute();
    await db.schema.createIndex('fact_spans_effective').on('fact_spans')
      .columns(['effective_latest', 'effective_earliest', 'first_position']).execute();
    // an institution's facts, a count's named facts
    await db.schema.createIndex('fact_spans_fact').on('fact_spans').columns(['fact_id', 'from_key']).execute();

    // the segment holding K is the place's first with to_key > K (one seek on the primary key)
    await db.schema
      .createTable('place_segments')
      .addColumn('jurisdiction', 'text', (c) => c.notNull())
      .addColumn('from_key', 'bigint', (c) => c.notNull())
      .addColumn('to_key', 'bigint', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('place_segments_pk', ['jurisdiction', 'to_key'])
      .execute();

    await db.schema.createTable('projection_dirty').addColumn('jurisdiction', 'text', (c) => c.primaryKey()).execute();
    await sql`insert into projection_dirty (jurisdiction) select distinct jurisdiction from facts`.execute(db);
  },
  async down(db: Kysely<any>): Promise<void> {
    for (const table of ['projection_dirty', 'place_segments', 'fact_spans']) await db.schema.dropTable(table).execute();
  },
};

/** what the pieces of a page are chosen and ordered by, after the place, kind and key */
const PAGE_ORDER = ['effective_latest', 'effective_earliest', 'first_position', 'fact_id'];

/**
 * Migration 0016: a page of the pieces holding a key (the nation's bans: a temporary B-tree of
 * whole rows, 0.8 s at 100k events) is chosen from an index alone, then its rows read by fact: the
 * place-and-kind indexes carry the effective order, and the nation's effective-order index carries
 * the kind and the keys (the effective-order indexes without them go).
 */
export const projectedPageIndexesMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    for (const index of ['fact_spans_place_kind_key', 'fact_spans_kind_key', 'fact_spans_place_effective', 'fact_spans_effective']) {
      await db.schema.dropIndex(index).execute();
    }
    await db.schema.createIndex('fact_spans_place_kind_key').on('fact_spans')
      .columns(['jurisdiction', 'kind', 'from_key', 'to_key', ...PAGE_ORDER]).execute();
    await db.schema.createIndex('fact_spans_kind_key').on('fact_spans').columns(['kind', 'from_key', 'to_key', ...PAGE_ORDER]).execute();
    // a page of the nation's pieces read in effective order, the kind and the key checked in the
    // index, until the page is full (0.2 ms where the one above reads and sorts 84k entries at 100k events)
    await db.schema.createIndex('fact_spans_effective_holding').on('fact_spans').columns([...PAGE_ORDER, 'kind', 'from_key', 'to_key']).execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex('fact_spans_effective_holding').execute();
    await db.schema.dropIndex('fact_spans_place_kind_key').execute();
    await db.schema.dropIndex('fact_spans_kind_key').execute();
    await db.schema.createIndex('fact_spans_place_kind_key').on('fact_spans').columns(['jurisdiction', 'kind', 'from_key', 'to_key']).execute();
    await db.schema.createIndex('fact_spans_kind_key').on('fact_spans').columns(['kind', 'from_key', 'to_key']).execute();
    await db.schema.createIndex('fact_spans_place_effective').on('fact_spans')
      .columns(['jurisdiction', 'effective_latest', 'effective_earliest', 'first_position']).execute();
    await db.schema.createIndex('fact_spans_effective').on('fact_spans').columns(['effective_latest', 'effective_earliest', 'first_position']).execute();
  },
};

/**
 * Migration 0017: the facts a count names are read where they lie (libs/domain projection
 * NamedBounds: their effective latest days) rather than by ranking every
 * span of the place and kind that holds the key, which grows with the log: an index by place,
 * kind and effective latest day. Segments projected before carry no bounds (they are still read by
 * ranking): every place is marked stale so that the projector projects it again with them.
 */
export const namedBoundsMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    // the rank's order and the keys in the index: a span is ranked without reading its row
    await db.schema.createIndex('fact_spans_place_kind_latest').on('fact_spans')
      .columns(['jurisdiction', 'kind', 'effective_latest', 'effective_earliest', 'from_key', 'to_key']).execute();
    await sql`insert into projection_dirty (jurisdiction) select distinct s.jurisdiction from place_segments as s
      where not exists (select 1 from projection_dirty as d where d.jurisdiction = s.jurisdiction)`.execute(db);
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex('fact_spans_place_kind_latest').execute();
  },
};

/**
 * Migration 0023: a stale place says from which key its rows are stale (projection_dirty.stale_from):
 * a live run's change to a large place reaches only the days from its first key on, so the answers
 * about earlier days read the place's rows while it is computed, instead of folding its history (at
 * 1M events seconds for a province, tens of seconds for the nation). The places stale now are so
 * throughout (null).
 */
export const staleFromMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('projection_dirty').addColumn('stale_from', 'bigint').execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('projection_dirty').dropColumn('stale_from').execute();
  },
};
