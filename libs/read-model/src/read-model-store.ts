import { sql, type Kysely, type Transaction } from 'kysely';
import { comparePositions, type LogPosition } from '../../event-store/src/event-store.js';
import type { InstitutionUpsert, ReadModelChange } from './projections.js';
import { isPostgres, positionParam, READ_MODEL_TABLES, type ReadModelDatabase } from './schema.js';
import { migrateReadModel } from './migrations.js';

type Tx = Transaction<ReadModelDatabase>;

export interface ReadModelStoreHooks {
  /** called inside the transaction after each change is applied; throwing aborts the whole batch (tests) */
  afterChange?(change: ReadModelChange, index: number): void;
}


const FACT_COLUMNS = [
  'fact_id', 'notice_id', 'kind', 'jurisdiction', 'effective_text', 'effective_precision', 'effective_from',
  'effective_to', 'published_from', 'published_to', 'recorded_position', 'recorded_at', 'superseded_position',
  'retracted', 'data', 'source', 'change_id', 'change_reason', 'actor',
] as const;

/**
 * Applies read-model changes through Kysely (SQLite or PostgreSQL). Each batch of changes and the
 * projector's checkpoint commit in one transaction: after a crash either both are there or neither.
 */
export class ReadModelStore {
  constructor(readonly db: Kysely<ReadModelDatabase>, private readonly hooks: ReadModelStoreHooks = {}) {}

  /** Creates or upgrades the schema. */
  async migrate(): Promise<void> {
    await migrateReadModel(this.db);
  }

  /** The checkpoint of projector `name`: the position of the last event applied, null when none. */
  checkpoint(name: string): Promise<LogPosition | null> {
    return readCheckpoint(this.db, name);
  }

  /**
   * Applies `changes` and moves the checkpoint to `position` in one transaction. A batch at or
   * before the stored checkpoint was already applied: nothing is done and false is returned.
   */
  async apply(name: string, position: LogPosition, changes: readonly ReadModelChange[]): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      // PostgreSQL read models are shared by machines: a second applier of the same projector waits
      // here for the first to commit, then sees its checkpoint (SQLite has one writer at a time anyway)
      if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(hashtextextended(${`read-model:${name}`}, 0))`.execute(trx);
      const current = await readCheckpoint(trx, name);
      if (current && comparePositions(position, current) <= 0) return false;
      for (const [index, change] of changes.entries()) {
        await applyChange(trx, change);
        this.hooks.afterChange?.(change, index);
      }
      const values = { commit: String(position.commit), prepare: String(position.prepare) };
      await trx.insertInto('checkpoints').values({ name, ...values })
        .onConflict((oc) => oc.column('name').doUpdateSet(values)).execute();
      return true;
    });
  }

  /** Empties the read-model tables and the checkpoint of `name`, in one transaction (for a rebuild). */
  async truncate(name: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const table of READ_MODEL_TABLES) await trx.deleteFrom(table).execute();
      await trx.deleteFrom('checkpoints').where('name', '=', name).execute();
    });
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}


async function readCheckpoint(db: Kysely<ReadModelDatabase>, name: string): Promise<LogPosition | null> {
  const row = await db.selectFrom('checkpoints').select(['commit', 'prepare']).where('name', '=', name).executeTakeFirst();
  return row ? { commit: BigInt(row.commit), prepare: BigInt(row.prepare) } : null;
}

async function applyChange(trx: Tx, change: ReadModelChange): Promise<void> {
  switch (change.type) {
    case 'insertFactVersion': {
      const { version } = change;
      await trx.insertInto('facts')
        .values({
          ...version,
          recorded_position: positionParam(version.recorded_position),
          superseded_position: null,
          retracted: version.retracted ? 1 : 0,
        })
        .onConflict((oc) => oc.columns(['fact_id', 'recorded_position']).doNothing())
        .execute();
      return;
    }
    case 'supersedeFact':
      await supersede(trx, change.factId, change.position);
      return;
    case 'retractFact': {
      const position = positionParam(change.position);
      // the retracted version: a copy of the current one, recorded at the retraction's position
      await trx.insertInto('facts')
        .columns(FACT_COLUMNS)
        .expression((eb) =>
          eb.selectFrom('facts')
            .select([
              'fact_id', 'notice_id', 'kind', 'jurisdiction', 'effective_text', 'effective_precision', 'effective_from',
              'effective_to', 'published_from', 'published_to',
              sql<number>`cast(${position} as bigint)`.as('recorded_position'),
              sql<string>`cast(${change.recordedAt} as text)`.as('recorded_at'),
              sql<null>`cast(null as bigint)`.as('superseded_position'),
              sql<number>`1`.as('retracted'),
              'data', 'source',
              sql<string>`cast(${change.retractionId} as text)`.as('change_id'),
              sql<string>`cast(${change.reason} as text)`.as('change_reason'),
              sql<string | null>`cast(${change.actor} as text)`.as('actor'),
            ])
            .where('fact_id', '=', change.factId)
            .where('superseded_position', 'is', null)
            .where('recorded_position', '<', position),
        )
        .onConflict((oc) => oc.columns(['fact_id', 'recorded_position']).doNothing())
        .execute();
      await supersede(trx, change.factId, change.position);
      return;
    }
    case 'upsertNotice': {
      const { notice } = change;
      const values = { ...notice, recorded_position: positionParam(notice.recorded_position) };
      const { notice_id: _id, ...updates } = values;
      await trx.insertInto('notices').values(values)
        .onConflict((oc) => oc.column('notice_id').doUpdateSet(updates)).execute();
      return;
    }
    case 'upsertInstitution':
      await upsertInstitution(trx, change.institution);
      return;
    case 'linkParty':
      await trx.insertInto('fact_parties').values({ fact_id: change.factId, institution_id: change.institutionId })
        .onConflict((oc) => oc.columns(['fact_id', 'institution_id']).doNothing()).execute();
      return;
  }
}

/** Ends the current version recorded before `position` (a no-op when that is already done). */
async function supersede(trx: Tx, factId: string, position: bigint): Promise<void> {
  const at = positionParam(position);
  await trx.updateTable('facts')
    .set({ superseded_position: at })
    .where('fact_id', '=', factId)
    .where('superseded_position', 'is', null)
    .where('recorded_position', '<', at)
    .execute();
}

async function upsertInstitution(trx: Tx, institution: InstitutionUpsert): Promise<void> {
  const existing = await trx.selectFrom('institutions').selectAll()
    .where('institution_id', '=', institution.institution_id).executeTakeFirst();
  if (!existing) {
    await trx.insertInto('institutions')
      .values({ ...institution, aliases: JSON.stringify([...institution.aliases]) }).execute();
    return;
  }
  const aliases = JSON.parse(existing.aliases) as string[];
  const merged = [...aliases];
  for (const alias of [institution.name, ...institution.aliases]) {
    if (alias !== existing.name && !merged.includes(alias)) merged.push(alias);
  }
  if (merged.length === aliases.length) return;
  await trx.updateTable('institutions').set({ aliases: JSON.stringify(merged) })
    .where('institution_id', '=', institution.institution_id).execute();
}
