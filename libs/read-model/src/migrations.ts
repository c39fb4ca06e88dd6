import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import { checkpointEventsMigration } from './checkpoint-events-migration.js';
import { documentsMigration } from './documents-migration.js';
import { factCorroborationsMigration } from './fact-corroborations-migration.js';
import { isPostgres } from './schema.js';
import { subscriptionOwnersMigration } from './subscription-owners-migration.js';

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
  '0003_webhooks': {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('webhook_subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('event_types', 'text', (c) => c.notNull())
        .addColumn('jurisdictions', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('disabled_reason', 'text')
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('previous_secret', 'text')
        .addColumn('previous_secret_expires_at', 'text')
        .addColumn('after_position', 'bigint', (c) => c.notNull())
        .addColumn('failing_since', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // seq gives each subscription's deliveries their log order; the dialects spell autoincrement differently
      const postgres = isPostgres(db);
      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('seq', postgres ? 'bigserial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('subscription_id', 'text', (c) => c.notNull())
        .addColumn('webhook_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('event_position', 'bigint', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text')
        .addColumn('lease_until', 'text')
        .addColumn('manual', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text')
        .addColumn('last_error', 'text')
        .execute();
      // the sender's "oldest unfinished delivery of each subscription" and "what is due" lookups
      await db.schema.createIndex('webhook_deliveries_subscription_status_seq').on('webhook_deliveries')
        .columns(['subscription_id', 'status', 'seq']).execute();
      await db.schema.createIndex('webhook_deliveries_status_due').on('webhook_deliveries')
        .columns(['status', 'next_attempt_at']).execute();
      await db.schema
        .createTable('webhook_attempts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('delivery_id', 'text', (c) => c.notNull())
        .addColumn('attempted_at', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('latency_ms', 'integer', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('next_retry_at', 'text')
        .execute();
      await db.schema.createIndex('webhook_attempts_delivery').on('webhook_attempts').columns(['delivery_id', 'attempted_at']).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      for (const table of ['webhook_attempts', 'webhook_deliveries', 'webhook_subscriptions']) await db.schema.dropTable(table).execute();
    },
  },
  '0005_webhook_manual_retries': {
    // manual retries are found per subscription without scanning its backlog
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createIndex('webhook_deliveries_subscription_manual').on('webhook_deliveries')
        .columns(['subscription_id', 'manual', 'status']).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropIndex('webhook_deliveries_subscription_manual').execute();
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
  '0007_webhook_max_in_flight': {
    // a subscription may allow several deliveries in flight (no ordering promise); 1 keeps log order
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('webhook_subscriptions').addColumn('max_in_flight', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('webhook_subscriptions').dropColumn('max_in_flight').execute();
    },
  },
  '0008_webhook_queue_indexes': {
    // each delivery changes status twice (claimed, then delivered): every index holding the status
    // was rewritten twice per delivery, and a group's commit wrote those pages. What the queue looks
    // up by status now lives in small partial indexes: manual retries (rare), claims in flight (a few)
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.dropIndex('webhook_deliveries_status_due').execute();
      await db.schema.dropIndex('webhook_deliveries_subscription_manual').execute();
      await db.schema.createIndex('webhook_deliveries_manual').on('webhook_deliveries')
        .columns(['subscription_id', 'status']).where(sql.ref('manual'), '=', sql.lit(1)).execute();
      await db.schema.createIndex('webhook_deliveries_sending').on('webhook_deliveries')
        .column('lease_until').where(sql.ref('status'), '=', sql.lit('sending')).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropIndex('webhook_deliveries_sending').execute();
      await db.schema.dropIndex('webhook_deliveries_manual').execute();
      await db.schema.createIndex('webhook_deliveries_subscription_manual').on('webhook_deliveries')
        .columns(['subscription_id', 'manual', 'status']).execute();
      await db.schema.createIndex('webhook_deliveries_status_due').on('webhook_deliveries')
        .columns(['status', 'next_attempt_at']).execute();
    },
  },
  '0009_webhook_payloads': {
    // a delivery's body (about 2 KB) lived in its queue row: each status change rewrote a page per
    // delivery, and an event heard by 32 subscriptions was stored 32 times. Bodies now live once
    // per event and enqueue in their own table, never updated; queue rows are small.
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createTable('webhook_payloads')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('webhook_deliveries').addColumn('payload_id', 'text').execute();
      // the rows queued so far keep their bodies, one each, under their own delivery id
      await sql`insert into webhook_payloads (id, body) select id, payload from webhook_deliveries`.execute(db);
      await sql`update webhook_deliveries set payload_id = id`.execute(db);
      await db.schema.alterTable('webhook_deliveries').dropColumn('payload').execute();
      // a deleted subscription's bodies that no other delivery shares go with it
      await db.schema.createIndex('webhook_deliveries_payload').on('webhook_deliveries').column('payload_id').execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropIndex('webhook_deliveries_payload').execute();
      await db.schema.alterTable('webhook_deliveries').addColumn('payload', 'text').execute();
      await sql`update webhook_deliveries set payload = (select body from webhook_payloads p where p.id = webhook_deliveries.payload_id)`.execute(db);
      await db.schema.alterTable('webhook_deliveries').dropColumn('payload_id').execute();
      await db.schema.dropTable('webhook_payloads').execute();
    },
  },
  '0010_fact_corroborations': factCorroborationsMigration,
  '0011_checkpoint_events': checkpointEventsMigration,
  '0012_subscription_owners': subscriptionOwnersMigration,
  '0013_documents': documentsMigration,
};

export const readModelMigrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...READ_MODEL_MIGRATIONS }),
};

/** Brings the read-model schema to the latest version; throws the first migration error. */
export async function migrateReadModel(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: readModelMigrationProvider });
  // Kysely runs SQLite migrations outside a transaction (its adapter does not claim transactional
  // DDL), so a process killed mid-migration left tables without their migration row and could not
  // start again. SQLite's DDL is transactional: run them all on its one connection in one transaction.
  const sqlite = !isPostgres(db);
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
