import { sql, type Insertable, type Transaction } from 'kysely';
import type { CorroborationRow, FactVersion, InstitutionUpsert, NoticeUpsert, ReadModelChange } from './projections.js';
import { positionParam, type FactsTable, type ReadModelDatabase } from './schema.js';

type Tx = Transaction<ReadModelDatabase>;

/** rows per multi-row INSERT: far below the bound-parameter limits (SQLite 32766, PostgreSQL 65535) */
export const ROWS_PER_INSERT = 100;

/** A fact version waiting for the bulk insert; a supersede or retraction later in the batch edits it here. */
interface StagedFact {
  readonly factId: string;
  readonly recorded: bigint;
  superseded: bigint | null;
  /** the row as it will be inserted (superseded_position kept in step with `superseded`) */
  readonly row: Insertable<FactsTable>;
}

interface InstitutionState {
  readonly name: string;
  readonly aliases: string[];
  readonly jurisdiction: string;
}

// Object.assign, not a spread followed by a key of its own (superseded_position): slow on V8 11 (libs/domain recorded-fact.ts)
const factRow = (version: FactVersion): Insertable<FactsTable> => Object.assign({}, version, {
  recorded_position: positionParam(version.recorded_position),
  superseded_position: null,
  retracted: version.retracted ? 1 : 0,
});

/**
 * Writes the changes of one batch with few statements, with the effect of applying them one by
 * one in order (each change stays idempotent, so replaying a batch changes nothing):
 * - fact versions, party links and notices are staged and written by multi-row inserts at flush();
 * - institution upserts are merged in memory, from the rows stored before the batch, and each
 *   institution is then written once;
 * - a supersede or retraction runs at once on the rows stored before the batch (and what earlier
 *   supersedes and retractions of the batch did there), and the same edit is made to the fact's
 *   versions staged before it, so a correction in the same batch as its original still supersedes it.
 */
export class BulkChangeWriter {
  private readonly facts: StagedFact[] = [];
  private readonly factsById = new Map<string, StagedFact[]>();
  /** by notice id: the last upsert of a notice wins */
  private readonly notices = new Map<string, NoticeUpsert>();
  private readonly links = new Map<string, { fact_id: string; institution_id: string }>();
  private readonly institutions: InstitutionUpsert[] = [];
  private readonly corroborations: CorroborationRow[] = [];

  constructor(private readonly trx: Tx) {}

  /** Stages `change`, or applies it at once when its effect depends on the rows already stored. */
  async add(change: ReadModelChange): Promise<void> {
    switch (change.type) {
      case 'insertFactVersion':
        this.stageFact(change.version.fact_id, change.version.recorded_position, factRow(change.version));
        return;
      case 'supersedeFact':
        await supersede(this.trx, change.factId, change.position);
        this.supersedeStaged(change.factId, change.position);
        return;
      case 'retractFact':
        await retract(this.trx, change);
        this.retractStaged(change);
        return;
      case 'upsertNotice':
        this.notices.set(change.notice.notice_id, change.notice);
        return;
      case 'upsertInstitution':
        this.institutions.push(change.institution);
        return;
      case 'insertCorroboration':
        this.corroborations.push(change.corroboration);
        return;
      case 'registerDocument':
        await this.trx.insertInto('documents').values({ ...change.document, recorded_position: positionParam(change.document.recorded_position) })
          .onConflict((oc) => oc.column('document').doNothing()).execute();
        return;
      case 'linkParty':
        this.links.set(`${change.factId}\u0000${change.institutionId}`, { fact_id: change.factId, institution_id: change.institutionId });
        return;
      default:
        throw new Error(`no writer for read-model change ${(change satisfies never as ReadModelChange).type}`);
    }
  }

  /** Writes what is staged. The writer is empty afterwards. */
  async flush(): Promise<void> {
    await insertChunks(this.facts.map((fact) => fact.row),
      (rows) => this.trx.insertInto('facts').values(rows)
        .onConflict((oc) => oc.columns(['fact_id', 'recorded_position']).doNothing()).execute());
    await insertChunks([...this.notices.values()].map((notice) => ({ ...notice, recorded_position: positionParam(notice.recorded_position) })),
      (rows) => this.trx.insertInto('notices').values(rows)
        .onConflict((oc) => oc.column('notice_id').doUpdateSet((eb) => ({
          jurisdiction: eb.ref('excluded.jurisdiction'),
          authority: eb.ref('excluded.authority'),
          title: eb.ref('excluded.title'),
          published_text: eb.ref('excluded.published_text'),
          published_precision: eb.ref('excluded.published_precision'),
          published_from: eb.ref('excluded.published_from'),
          published_to: eb.ref('excluded.published_to'),
          language: eb.ref('excluded.language'),
          source: eb.ref('excluded.source'),
          fact_ids: eb.ref('excluded.fact_ids'),
          recorded_position: eb.ref('excluded.recorded_position'),
          recorded_at: eb.ref('excluded.recorded_at'),
        }))).execute());
    await this.writeInstitutions();
    await insertChunks([...this.links.values()],
      (rows) => this.trx.insertInto('fact_parties').values(rows)
        .onConflict((oc) => oc.columns(['fact_id', 'institution_id']).doNothing()).execute());
    await insertChunks(this.corroborations.map((row) => ({ ...row, recorded_position: positionParam(row.recorded_position) })),
      (rows) => this.trx.insertInto('fact_corroborations').values(rows)
        .onConflict((oc) => oc.columns(['fact_id', 'recorded_position']).doNothing()).execute());
    this.corroborations.length = 0;
    this.facts.length = 0;
    this.factsById.clear();
    this.notices.clear();
    this.links.clear();
    this.institutions.length = 0;
  }

  private stageFact(factId: string, recorded: bigint, row: Insertable<FactsTable>): void {
    const staged: StagedFact = { factId, recorded, superseded: null, row };
    this.facts.push(staged);
    const versions = this.factsById.get(factId);
    if (versions) versions.push(staged);
    else this.factsById.set(factId, [staged]);
  }

  /** The staged versions a supersede at `position` would find stored: current, recorded before it. */
  private currentStaged(factId: string, position: bigint): StagedFact[] {
    return (this.factsById.get(factId) ?? []).filter((fact) => fact.superseded === null && fact.recorded < position);
  }

  private supersedeStaged(factId: string, position: bigint): void {
    for (const fact of this.currentStaged(factId, position)) {
      fact.superseded = position;
      fact.row.superseded_position = positionParam(position);
    }
  }

  private retractStaged(change: Extract<ReadModelChange, { type: 'retractFact' }>): void {
    const current = this.currentStaged(change.factId, change.position);
    const taken = (this.factsById.get(change.factId) ?? []).some((fact) => fact.recorded === change.position);
    if (current.length > 0 && !taken) {
      this.stageFact(change.factId, change.position, {
        ...current[0]!.row,
        recorded_position: positionParam(change.position),
        recorded_at: change.recordedAt,
        superseded_position: null,
        retracted: 1,
        change_id: change.retractionId,
        change_reason: change.reason,
        actor: change.actor,
      });
    }
    this.supersedeStaged(change.factId, change.position);
  }

  /** Folds the batch's institution upserts, in order, into the stored rows; writes each changed one once. */
  private async writeInstitutions(): Promise<void> {
    if (this.institutions.length === 0) return;
    const ids = [...new Set(this.institutions.map((institution) => institution.institution_id))];
    const stored = new Map<string, InstitutionState>();
    for (let i = 0; i < ids.length; i += ROWS_PER_INSERT) {
      const rows = await this.trx.selectFrom('institutions').selectAll()
        .where('institution_id', 'in', ids.slice(i, i + ROWS_PER_INSERT)).execute();
      for (const row of rows) {
        stored.set(row.institution_id, { name: row.name, aliases: JSON.parse(row.aliases) as string[], jurisdiction: row.jurisdiction });
      }
    }
    const changed = new Map<string, InstitutionState>();
    for (const institution of this.institutions) {
      const id = institution.institution_id;
      const existing = changed.get(id) ?? stored.get(id);
      if (!existing) {
        changed.set(id, { name: institution.name, aliases: [...institution.aliases], jurisdiction: institution.jurisdiction });
        continue;
      }
      const merged = [...existing.aliases];
      for (const alias of [institution.name, ...institution.aliases]) {
        if (alias !== existing.name && !merged.includes(alias)) merged.push(alias);
      }
      if (merged.length > existing.aliases.length) changed.set(id, { ...existing, aliases: merged });
    }
    await insertChunks([...changed].map(([id, state]) => ({
      institution_id: id, name: state.name, aliases: JSON.stringify(state.aliases), jurisdiction: state.jurisdiction,
    })), (rows) => this.trx.insertInto('institutions').values(rows)
      .onConflict((oc) => oc.column('institution_id').doUpdateSet((eb) => ({ aliases: eb.ref('excluded.aliases') }))).execute());
  }
}

async function insertChunks<Row>(rows: readonly Row[], insert: (chunk: Row[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await insert(rows.slice(i, i + ROWS_PER_INSERT));
}

/** Ends the stored current version recorded before `position` (a no-op when that is already done). */
async function supersede(trx: Tx, factId: string, position: bigint): Promise<void> {
  const at = positionParam(position);
  await trx.updateTable('facts')
    .set({ superseded_position: at })
    .where('fact_id', '=', factId)
    .where('superseded_position', 'is', null)
    .where('recorded_position', '<', at)
    .execute();
}

/** The retracted version: a copy of the stored current one, recorded at the retraction's position; then supersedes that one. */
async function retract(trx: Tx, change: Extract<ReadModelChange, { type: 'retractFact' }>): Promise<void> {
  const position = positionParam(change.position);
  await trx.insertInto('facts')
    .columns([
      'fact_id', 'notice_id', 'kind', 'jurisdiction', 'effective_text', 'effective_precision', 'effective_from',
      'effective_to', 'published_from', 'published_to', 'recorded_position', 'recorded_at', 'superseded_position',
      'retracted', 'data', 'source', 'change_id', 'change_reason', 'actor', 'figure_group', 'announced_from',
    ])
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
          'figure_group', 'announced_from',
        ])
        .where('fact_id', '=', change.factId)
        .where('superseded_position', 'is', null)
        .where('recorded_position', '<', position),
    )
    .onConflict((oc) => oc.columns(['fact_id', 'recorded_position']).doNothing())
    .execute();
  await supersede(trx, change.factId, change.position);
}
