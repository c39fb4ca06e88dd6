import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bansInForce, jurisdictionStateAt, parseTimeQuery, type SourceCitation } from '../../libs/domain/src/index.js';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { KyselyDocumentReader } from '../../libs/read-model/src/document-reader.js';
import { openReadModel, type OpenedReadModel } from '../../libs/read-model/src/open-read-model.js';
import { LogConsumer } from '../../libs/consumers/src/index.js';
import { readModelConsumer } from '../../libs/read-model/src/read-model-projection.js';
import { ReadModelStore } from '../../libs/read-model/src/read-model-store.js';
import { KyselyTimelineReader } from '../../libs/read-model/src/timeline-reader.js';
import { QuotePositions } from '../../apps/api/src/documents/quote-positions.js';
import { allSeeds, loadSeeds, seedCorroborations } from '../../seeds/index.js';
import { seedDocuments } from '../../seeds/source-documents.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';

const NAME = 'read-model';
const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Every citation-shaped object of an answer. */
function citations(value: unknown, found: SourceCitation[] = []): SourceCitation[] {
  if (Array.isArray(value)) value.forEach((item) => citations(item, found));
  else if (value !== null && typeof value === 'object') {
    if (typeof (value as SourceCitation).quote === 'string' && typeof (value as SourceCitation).document === 'string') found.push(value as SourceCitation);
    Object.values(value).forEach((inner) => citations(inner, found));
  }
  return found;
}

/**
 * The documents table (migration 0013) on SQLite and PostgreSQL: projected from the seeds'
 * DocumentRegistered events, identical after a rebuild, and the quote positions every answer's
 * citations get from it.
 */
describe.each(['sqlite', 'postgres'] as const)('registered documents in the read models on %s', (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'documents-'));
  const texts = new Map(seedDocuments().map((document) => [document.document, document.text]));
  let events: SqliteEventStore;
  let readModel: OpenedReadModel;
  let database: TestDatabase | undefined;
  let projector: LogConsumer;
  let documents: KyselyDocumentReader;

  beforeAll(async () => {
    events = await SqliteEventStore.open(join(dir, 'events.sqlite'));
    await loadSeeds(events, allSeeds, undefined, seedCorroborations);
    database = dialect === 'postgres' ? await createTestDatabase() : undefined;
    readModel = await openReadModel({ databaseUrl: database?.url, sqlitePath: join(dir, 'read-model.sqlite') });
    projector = readModelConsumer(events, new ReadModelStore(readModel.db), { name: NAME });
    await projector.catchUp();
    documents = new KyselyDocumentReader(readModel.db);
  });
  afterAll(async () => {
    await readModel.close();
    await events.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds the six seed documents, each with the SHA-256 of its text, in registration order before every notice', async () => {
    const listed = await documents.list(null, 100);
    expect(listed.map((row) => row.document)).toStrictEqual([...texts.keys()]);
    for (const row of listed) {
      expect(row.sha256).toBe(sha256(texts.get(row.document) as string));
      expect(await documents.textOf(row.sha256)).toBe(texts.get(row.document));
    }
    expect(listed.map((row) => Number(row.position))).toStrictEqual([1, 2, 3, 4, 5, 6]);
    expect(await documents.list(listed[3]!.position, 100)).toStrictEqual(listed.slice(4));
    expect([...(await documents.hashes(['research/timeline-facts.md', 'example.txt'])).keys()]).toStrictEqual(['research/timeline-facts.md']);
  });

  it('is the same after a rebuild', async () => {
    const before = await readModel.db.selectFrom('documents').selectAll().orderBy('document').execute();
    await projector.rebuild();
    expect(await readModel.db.selectFrom('documents').selectAll().orderBy('document').execute()).toStrictEqual(before);
  });

  it('places every seed quote of the answers in its document: quoteAt slices the registered text to the quote', async () => {
    const reader = new KyselyTimelineReader(readModel.db, NAME);
    const positions = new QuotePositions(documents);
    const query = parseTimeQuery({ asOf: '2025-12-31' }, { now: DateTime.utc(), zone: 'Asia/Shanghai' });
    const histories = await reader.factHistories({ jurisdictions: null, startedBy: null, recordedAt: null });
    const answer = await positions.annotate({
      bans: bansInForce(histories, query, undefined, undefined, { offset: 0, limit: 1000 }),
      hubei: jurisdictionStateAt(histories, 'CN-HB', query),
    });
    const cited = citations(answer);
    expect(cited.length).toBeGreaterThan(40);
    for (const citation of cited) {
      const text = texts.get(citation.document) as string;
      expect([citation.document, citation.documentSha256]).toStrictEqual([citation.document, sha256(text)]);
      expect(citation.quoteAt).not.toBeNull();
      expect(collapse(text.slice(citation.quoteAt!.start, citation.quoteAt!.end))).toBe(collapse(citation.quote));
    }
  });
});
