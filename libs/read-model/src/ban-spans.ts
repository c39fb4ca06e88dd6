import { sql, type Insertable, type Kysely, type Migration } from 'kysely';
import { BAN_KINDS, isBanPiece, jurisdictions, type FactSpanRow, type JurisdictionRegistry } from '../../domain/src/index.js';
import { isPostgres, positionParam, type BanSpansTable } from './schema.js';

/**
 * A page of a place's bans (the place with those inside it) read from one index range in answer
 * order, stopping at the page: the ban spans are stored once per place they lie within (their own
 * jurisdiction and each ancestor's, from the registry's lineage, whatever the country's levels).
 * Only the bans (isBanPiece: not the exits while only announced): a copy of every span would
 * double the spans' index for the other questions' sake.
 */
export function banSpanRowsOf(spans: readonly FactSpanRow[], registry: JurisdictionRegistry = jurisdictions): Array<Insertable<BanSpansTable>> {
  return spans.filter(isBanPiece).flatMap((span) => registry.lineage(span.jurisdiction).map((place) => ({
    within: place.code, jurisdiction: span.jurisdiction, fact_id: span.factId, from_key: span.from, to_key: span.to,
    effective_latest: span.effectiveLatest, effective_earliest: span.effectiveEarliest, first_position: positionParam(BigInt(span.firstPosition)),
  })));
}

/**
 * Migration 0018: ban_spans (above). A page of a province's bans was chosen by sorting every ban
 * span of its places holding the key (5.6 ms at 1M events, 0.9 at 100k); now the index is read in
 * answer order from the place until the page is full, the keys checked in the index. The rows are
 * copied from the spans already projected (no place need be computed again).
 */
export const banSpansMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('ban_spans')
      .addColumn('within', 'text', (c) => c.notNull())
      .addColumn('jurisdiction', 'text', (c) => c.notNull())
      .addColumn('fact_id', 'text', (c) => c.notNull())
      .addColumn('from_key', 'bigint', (c) => c.notNull())
      .addColumn('to_key', 'bigint', (c) => c.notNull())
      .addColumn('effective_latest', 'text', (c) => c.notNull())
      .addColumn('effective_earliest', 'text', (c) => c.notNull())
      .addColumn('first_position', 'bigint', (c) => c.notNull())
      .execute();
    // the page: answer order, then the keys, so that the pieces not holding are skipped in the index
    await db.schema.createIndex('ban_spans_page').on('ban_spans')
      .columns(['within', 'effective_latest', 'effective_earliest', 'first_position', 'fact_id', 'from_key', 'to_key']).execute();
    // a place's projection replaces its own rows
    await db.schema.createIndex('ban_spans_place').on('ban_spans').columns(['jurisdiction', 'fact_id', 'from_key']).execute();
    for (const place of jurisdictions.all) {
      const inside = jurisdictions.all.filter((record) => jurisdictions.isWithin(record.code, place.code)).map((record) => record.code);
      await sql`insert into ban_spans (within, jurisdiction, fact_id, from_key, to_key, effective_latest, effective_earliest, first_position)
        select ${place.code}, jurisdiction, fact_id, from_key, to_key, effective_latest, effective_earliest, first_position from fact_spans
        where jurisdiction in (${sql.join(inside)}) and kind in (${sql.join([...BAN_KINDS])})`.execute(db);
    }
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('ban_spans').execute();
  },
};

/**
 * Migration 0019: ban_spans without the exits only announced (isBanPiece), which hold and are no
 * ban: a page of bans was read wider by as many (37 of 137 rows for Guangdong in 2022 at 1M
 * events) to skip them; now it is read exactly, and the nation's from the same index.
 */
export const bansOnlyMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const announced = isPostgres(db) ? sql`cast(f.body as json)->>'a' = '1'` : sql`json_extract(f.body, '$.a') = 1`;
    await sql`delete from ban_spans where exists (select 1 from fact_spans as f
      where f.fact_id = ban_spans.fact_id and f.from_key = ban_spans.from_key and f.kind = 'InstitutionExitAnnounced' and ${announced})`.execute(db);
  },
  async down(): Promise<void> {
    // the rows of exits announced come back when their places are projected again by 0018's code
  },
};
