import type { Kysely, Migration } from 'kysely';

/**
 * Migration 0012: who owns a webhook subscription (the API key name that created it) and the
 * Idempotency-Key it was created with. Subscriptions created before it have no owner (null): the
 * keyless local default manages them, auditors read them, no subscriber key sees them (README,
 * "Who sees a subscription").
 */
export const subscriptionOwnersMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    // one column per statement: SQLite's ALTER TABLE adds one at a time
    await db.schema.alterTable('webhook_subscriptions').addColumn('owner', 'text').execute();
    await db.schema.alterTable('webhook_subscriptions').addColumn('idempotency_key', 'text').execute();
    await db.schema.alterTable('webhook_subscriptions').addColumn('request_hash', 'text').execute();
    // a key names one subscription per owner, across processes (rows without a key are not constrained: nulls differ)
    await db.schema.createIndex('webhook_subscriptions_owner_idempotency_key').unique().on('webhook_subscriptions')
      .columns(['owner', 'idempotency_key']).execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex('webhook_subscriptions_owner_idempotency_key').execute();
    for (const column of ['request_hash', 'idempotency_key', 'owner']) {
      await db.schema.alterTable('webhook_subscriptions').dropColumn(column).execute();
    }
  },
};
