import type { Kysely } from 'kysely';
import { positionParam, type ReadModelDatabase } from './schema.js';

/** A registered document without its text, as listed. */
export interface DocumentSummary {
  readonly document: string;
  readonly title: string;
  readonly language: string | null;
  readonly kind: string | null;
  readonly sha256: string;
  readonly registeredAt: string;
  /** log position of its DocumentRegistered event */
  readonly position: bigint;
}

/** The read side's questions about registered documents (the `documents` table, migration 0013). */
export class KyselyDocumentReader {
  constructor(private readonly db: Kysely<ReadModelDatabase>) {}

  /** documents registered after `after` (a log position), in registration order */
  async list(after: bigint | null, limit: number): Promise<DocumentSummary[]> {
    let query = this.db.selectFrom('documents')
      .select(['document', 'title', 'language', 'kind', 'sha256', 'recorded_at', 'recorded_position'])
      .orderBy('recorded_position').limit(limit);
    if (after !== null) query = query.where('recorded_position', '>', positionParam(after));
    const rows = await query.execute();
    return rows.map((row) => ({
      document: row.document, title: row.title, language: row.language, kind: row.kind, sha256: row.sha256,
      registeredAt: row.recorded_at, position: BigInt(row.recorded_position),
    }));
  }

  /** the hashes of those of these documents that are registered, by id */
  async hashes(documents: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let i = 0; i < documents.length; i += 500) {
      const rows = await this.db.selectFrom('documents').select(['document', 'sha256'])
        .where('document', 'in', documents.slice(i, i + 500)).execute();
      for (const row of rows) found.set(row.document, row.sha256);
    }
    return found;
  }

  /** a registered text by its hash, or null */
  async textOf(sha256: string): Promise<string | null> {
    const row = await this.db.selectFrom('documents').select('text').where('sha256', '=', sha256).limit(1).executeTakeFirst();
    return row?.text ?? null;
  }
}
