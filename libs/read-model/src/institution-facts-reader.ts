import { sql, type Kysely } from 'kysely';
import type { Certainty, FactKind, FactStatus, FuzzyDate, HalfDay } from '../../domain/src/index.js';
import { isPostgres, type ReadModelDatabase } from './schema.js';

/** institutions per statement: far below the bound-parameter limits */
const INSTITUTIONS_PER_QUERY = 200;

/** The kinds whose window and certainty make an institution's status (answers/institution-status.ts); the others only hold. */
export const STATUS_KINDS: readonly FactKind[] = [
  'InstitutionExitAnnounced', 'InstitutionsRevoked', 'InstitutionsClosed', 'InstitutionsBanned', 'PartnershipHalted',
];

/** What an institution's status reads of a fact naming it that holds (FactShown's parts institutionStatus reads). */
export interface InstitutionFactAt {
  readonly institutionId: string;
  readonly factId: string;
  readonly content: { readonly kind: FactKind; readonly effective: FuzzyDate | null };
  readonly status: FactStatus;
  readonly certainty: Certainty;
}

interface Stored {
  institution_id: string;
  fact_id: string;
  kind: string;
  /** JSON [a, p, c.effective] of the body, for the status kinds only */
  parts: string | null;
}

/**
 * The facts naming these institutions that hold at `at` and lie in `places`, per institution in
 * fact id order (the order of its links), with only what a status reads: fact_parties joined to
 * the spans holding the key in SQL, and the bodies of the status kinds' facts only, in part.
 */
export async function institutionFactsAt(
  db: Kysely<ReadModelDatabase>, institutionIds: readonly string[], places: readonly string[], at: HalfDay,
): Promise<InstitutionFactAt[]> {
  const found: InstitutionFactAt[] = [];
  if (places.length === 0) return found;
  const postgres = isPostgres(db);
  const kinds = sql.join([...STATUS_KINDS]);
  const parts = postgres
    ? sql`case when f.kind in (${kinds}) then cast(json_build_array(b.j->'a', b.j->'p', b.j->'c'->'effective') as text) end`
    : sql`case when f.kind in (${kinds}) then json_extract(f.body, '$.a', '$.p', '$.c.effective') end`;
  const body = postgres ? sql`cross join lateral (select cast(f.body as json) as j) as b` : sql``;
  for (let i = 0; i < institutionIds.length; i += INSTITUTIONS_PER_QUERY) {
    const some = institutionIds.slice(i, i + INSTITUTIONS_PER_QUERY);
    const rows = await sql<Stored>`select p.institution_id, f.fact_id, f.kind, ${parts} as parts
      from fact_parties as p join fact_spans as f on f.fact_id = p.fact_id ${body}
      where p.institution_id in (${sql.join(some)}) and f.from_key <= ${at} and f.to_key > ${at}
        and f.jurisdiction in (${sql.join([...places])})
      order by p.institution_id, f.fact_id`.execute(db);
    for (const row of rows.rows) {
      const [announced, possible, effective] = row.parts === null ? [null, null, null]
        : JSON.parse(row.parts) as [number | null, number | null, FuzzyDate | null];
      const certainty: Certainty = possible === 1 ? 'possible' : 'certain';
      found.push({ institutionId: row.institution_id, factId: row.fact_id, content: { kind: row.kind as FactKind, effective },
        status: announced === 1 ? 'exit-announced' : 'in-force', certainty });
    }
  }
  return found;
}
