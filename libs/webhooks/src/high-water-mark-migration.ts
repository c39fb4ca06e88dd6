import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Migration 0014: the queue's high-water mark. Each delivery used to be written three times (queued,
 * claimed as sending, delivered). Now a subscription holds the last `seq` done in order
 * (delivered_seq) and a lease (lease_until, leased_by: which sender sends it); a delivery's row is
 * written when it is queued and again only when an attempt fails (retrying, failed) or for a
 * manual retry; a first-try success is its attempt row and the moved mark.
 */
export const highWaterMarkMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    // one column per statement: SQLite's ALTER TABLE adds one at a time
    await db.schema.alterTable('webhook_subscriptions').addColumn('delivered_seq', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('webhook_subscriptions').addColumn('lease_until', 'text').execute();
    await db.schema.alterTable('webhook_subscriptions').addColumn('leased_by', 'text').execute();
    // claims in flight end (their sender is from before the upgrade); a row attempted before waits as retrying
    await sql`update webhook_deliveries set status = case when attempts > 0 then 'retrying' else 'pending' end, lease_until = null
      where manual = 0 and (status = 'sending' or (status = 'pending' and attempts > 0))`.execute(db);
    await sql`update webhook_deliveries set status = 'pending', lease_until = null where manual = 1 and status = 'sending'`.execute(db);
    // the mark: just below each subscription's oldest unfinished delivery, else its newest one
    await sql`update webhook_subscriptions set delivered_seq = coalesce(
      (select min(d.seq) - 1 from webhook_deliveries d where d.subscription_id = webhook_subscriptions.id and d.manual = 0 and d.status in ('pending', 'retrying')),
      (select max(d.seq) from webhook_deliveries d where d.subscription_id = webhook_subscriptions.id), 0)`.execute(db);
  },
  async down(db: Kysely<any>): Promise<void> {
    // what only the attempt log said is written into the rows again
    await sql`update webhook_deliveries set status = 'delivered', delivered_at = (select max(a.attempted_at) from webhook_attempts a
      where a.delivery_id = webhook_deliveries.id and a.status_code between 200 and 299)
      where status in ('pending', 'retrying') and manual = 0 and exists (select 1 from webhook_attempts a
      where a.delivery_id = webhook_deliveries.id and a.status_code between 200 and 299)`.execute(db);
    await sql`update webhook_deliveries set status = 'pending' where status = 'retrying'`.execute(db);
    for (const column of ['leased_by', 'lease_until', 'delivered_seq']) {
      await db.schema.alterTable('webhook_subscriptions').dropColumn(column).execute();
    }
  },
};
