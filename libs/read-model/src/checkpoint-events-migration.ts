import type { Kysely, Migration } from 'kysely';

/**
 * Migration 0011: a checkpoint names the event it stands on (its id and its hash in the log's
 * chain), so that a start finds out whether the log is still the one the read model was built
 * from (a restored backup, an emptied or replaced log). Null for checkpoints written before:
 * those are only checked against the log's head until the projector moves them.
 */
export const checkpointEventsMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('checkpoints').addColumn('event_id', 'text').execute();
    await db.schema.alterTable('checkpoints').addColumn('event_hash', 'text').execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('checkpoints').dropColumn('event_hash').execute();
    await db.schema.alterTable('checkpoints').dropColumn('event_id').execute();
  },
};
