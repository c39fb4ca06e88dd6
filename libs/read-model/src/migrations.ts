import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import { bansOnlyMigration, banSpansMigration } from './ban-spans.js';
import { namedCertaintyMigration, spanIndexPartsMigration, statisticsHeldMigration } from './span-index-parts-migration.js';
import { checkpointEventsMigration } from './checkpoint-events-migration.js';
import { documentsMigration } from './documents-migration.js';
import { factCorroborationsMigration } from './fact-corroborations-migration.js';
import { namedBoundsMigration, projectedPageIndexesMigration, projectedStateMigration, staleFromMigration } from './projection-migration.js';
import { restoreDroppedIndexes } from './rebuild-bulk.js';
import { isPostgres } from './schema.js';

/**
 * Read-model migrations, in code, for SQLite and PostgreSQL alike. Names sort in apply order;
 * never edit a released migration, add the next one.
 */
export const READ_MODEL_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_read_model': {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('facts')
        .addColumn('fact_id', 'text', (c) => c.notNull())
        .addColumn('notice_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('jurisdiction', 'text', (c) => c.notNull())
        .addColumn('effective_text', 'text', (c) => c.notNull())
        .addColumn('effective_precision', 'text', (c) => c.notNull())
        .addColumn('effective_from', 'text')
        .addColumn('effective_to', 'text', (c) => c.notNull())
        .addColumn('published_from', 'text')
        .addColumn('published_to', 'text', (c) => c.notNull())
        .addColumn('recorded_position', 'bigint', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('superseded_position', 'bigint')
        .addColumn('retracted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('facts_pk', ['fact_id', 'recorded_position'])
        .execute();
      // as-of lookups: "what of this kind was in force in this jurisdiction on date D" is a range scan
      await db.schema.createIndex('facts_jurisdiction_kind_effective_to').on('facts')
        .columns(['jurisdiction', 'kind', 'effective_to']).execute();
      await db.schema.createIndex('facts_jurisdiction_effective_from').on('facts')
        .columns(['jurisdiction', 'effective_from']).execute();
      await db.schema.createIndex('facts_notice').on('facts').columns(['notice_id']).execute();
      await db.schema.createIndex('facts_recorded_position').on('facts').columns(['recorded_position']).execute();

      await db.schema
        .createTable('notices')
        .addColumn('notice_id', 'text', (c) => c.primaryKey())
        .addColumn('jurisdiction', 'text', (c) => c.notNull())
        .addColumn('authority', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('published_text', 'text', (c) => c.notNull())
        .addColumn('published_precision', 'text', (c) => c.notNull())
        .addColumn('published_from', 'text')
        .addColumn('published_to', 'text', (c) => c.notNull())
        .addColumn('language', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('fact_ids', 'text', (c) => c.notNull())
        .addColumn('recorded_position', 'bigint', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('notices_jurisdiction_published_to').on('notices')
        .columns(['jurisdiction', 'published_to']).execute();

      await db.schema
        .createTable('institutions')
        .addColumn('institution_id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('aliases', 'text', (c) => c.notNull())
        .addColumn('jurisdiction', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('institutions_name').on('institutions').columns(['name']).execute();

      await db.schema
        .createTable('checkpoints')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('commit', 'text', (c) => c.notNull())
        .addColumn('prepare', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      for (const table of ['checkpoints', 'institutions', 'notices', 'facts']) await db.schema.dropTable(table).execute();
    },
  },
  '0002_changes_and_parties': {
    async up(db: Kysely<any>): Promise<void> {
      // why a version exists: the correction's or retraction's id and reason (null for originals)
      await db.schema.alterTable('facts').addColumn('change_id', 'text').execute();
      await db.schema.alterTable('facts').addColumn('change_reason', 'text').execute();
      // which institutions a fact names: institution state and timeline are lookups by institution
      await db.schema
        .createTable('fact_parties')
        .addColumn('fact_id', 'text', (c) => c.notNull())
        .addColumn('institution_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('fact_parties_pk', ['fact_id', 'institution_id'])
        .execute();
      await db.schema.createIndex('fact_parties_institution').on('fact_parties').columns(['institution_id']).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('fact_parties').execute();
      await db.schema.alterTable('facts').dropColumn('change_reason').execute();
      await db.schema.alterTable('facts').dropColumn('change_id').execute();
    },
  },
  '0004_actors': {
    // who recorded each version (the API key's name): shown beside corrections and retractions
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('facts').addColumn('actor', 'text').execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('facts').dropColumn('actor').execute();
    },
  },
  '0006_windows_of_long_lists': {
    // a jurisdiction's institutions are listed a page at a time, by name; the facts in force on a
    // day are counted and windowed from these indexes alone (every column the filter reads is in them)
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createIndex('institutions_jurisdiction_name').on('institutions').columns(['jurisdiction', 'name']).execute();
      const started = ['effective_to', 'effective_from', 'kind', 'superseded_position', 'retracted', 'fact_id'];
      await db.schema.createIndex('facts_started_in_jurisdiction').on('facts').columns(['jurisdiction', ...started]).execute();
      await db.schema.createIndex('facts_started').on('facts').columns(started).execute();
      // the figures a count reads: the best fact of each group, from the index alone
      await db.schema.alterTable('facts').addColumn('figure_group', 'text').execute();
      await db.schema.alterTable('facts').addColumn('announced_from', 'text').execute();
      await db.schema.createIndex('facts_figures').on('facts').columns([
        'jurisdiction', 'kind', 'figure_group', 'effective_to', 'effective_from', 'recorded_position', 'superseded_position',
        'retracted', 'announced_from', 'fact_id',
      ]).execute();
      // rows projected before have no figure group: project the log again (the projector starts
      // from zero when its checkpoint is gone; the webhook consumer's checkpoint is kept)
      for (const table of ['fact_parties', 'facts', 'institutions', 'notices']) await db.deleteFrom(table).execute();
      await db.deleteFrom('checkpoints').where('name', '<>', 'webhooks').execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropIndex('facts_figures').execute();
      await db.schema.alterTable('facts').dropColumn('announced_from').execute();
      await db.schema.alterTable('facts').dropColumn('figure_group').execute();
      await db.schema.dropIndex('facts_started').execute();
      await db.schema.dropIndex('facts_started_in_jurisdiction').execute();
      await db.schema.dropIndex('institutions_jurisdiction_name').execute();
    },
  },
  '0010_fact_corroborations': factCorroborationsMigration,
  '0011_checkpoint_events': checkpointEventsMigration,
  '0013_documents': documentsMigration,
  '0015_projected_state': projectedStateMigration,
  '0016_projected_page_indexes': projectedPageIndexesMigration,
  '0017_named_bounds': namedBoundsMigration,
  '0018_ban_spans': banSpansMigration,
  '0019_bans_only': bansOnlyMigration,
  '0020_span_index_parts': spanIndexPartsMigration,
  '0021_named_certainty': namedCertaintyMigration,
  '0022_statistics_held': statisticsHeldMigration,
  '0023_stale_from': staleFromMigration,
};

/** Migrations by name: the read models' own, or another owner's sharing their database (the webhook queue's). */
export type MigrationSet = Readonly<Record<string, Migration>>;

/**
 * The schema's migrations: the read models' and `more` (the other
 * owners' sets sharing the database and its migration table, e.g. WEBHOOK_MIGRATIONS), in name
 * order. A set opened later than the others (a read model
 * first opened without the webhook queue) is applied then, after names already applied: the sets
 * touch only their own tables.
 */
export function migrationProvider(...more: readonly MigrationSet[]): MigrationProvider {
  const migrations: Record<string, Migration> = { ...READ_MODEL_MIGRATIONS };
  for (const set of more) {
    for (const [name, migration] of Object.entries(set)) {
      if (name in migrations && migrations[name] !== migration) throw new Error(`two migrations are named ${name}`);
      migrations[name] = migration;
    }
  }
  return { getMigrations: () => Promise.resolve({ ...migrations }) };
}

/** migrationProvider's migrations applied to `db`; throws the first migration error. */
export async function migrateReadModel(db: Kysely<any>, ...more: readonly MigrationSet[]): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: migrationProvider(...more), allowUnorderedMigrations: true });
  // Kysely runs SQLite migrations outside a transaction (its adapter does not claim transactional
  // DDL), so a process killed mid-migration left tables without their migration row and could not
  // start again. SQLite's DDL is transactional: run them all on its one connection in one transaction.
  const sqlite = !isPostgres(db);
  await restoreDroppedIndexes(db); // a rebuild interrupted after it dropped them: before any migration touches them
  if (sqlite) await sql`begin immediate`.execute(db);
  let result: MigrationResultSet;
  try {
    result = await migrator.migrateToLatest();
  } catch (error) {
    if (sqlite) await sql`rollback`.execute(db);
    throw error;
  }
  if (sqlite) await sql`${sql.raw(result.error ? 'rollback' : 'commit')}`.execute(db);
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}
