import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from './schema.js';
import { subscriptionOwnersMigration } from './subscription-owners-migration.js';
import { highWaterMarkMigration } from './high-water-mark-migration.js';

/**
 * The webhook queue's migrations. They share the read models' database and its migration table
 * (kysely_migration) with the read models' own (libs/read-model), under the names they were
 * released with, so an existing database migrates unchanged; the opener runs both sets
 * (openReadModel's `migrations`). Each touches only the webhook tables. Never edit a released
 * migration, add the next one (a number no other set uses).
 */
export const WEBHOOK_MIGRATIONS: Readonly<Record<string, Migration>> = {
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
  '0012_subscription_owners': subscriptionOwnersMigration,
  '0014_webhook_high_water_mark': highWaterMarkMigration,
};
