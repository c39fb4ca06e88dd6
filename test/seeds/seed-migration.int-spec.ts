import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  bansInForce, buildFactHistories, jurisdictionStateAt, nationalStateAt, parseTimeParameter, type FactHistory, type LoggedEvent, type TimeQuery,
} from '../../libs/domain/src/index.js';
import type { EventStore, NewEvent } from '../../libs/event-store/src/event-store.js';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { allSeeds, loadSeeds, seedCorroborations } from '../../seeds/index.js';
import { SEED_DOCUMENTS } from '../../seeds/source-documents.js';

/** The log a data dir seeded by the previous release holds (its seed events, as recorded then). */
interface FixtureEvent { stream: string; eventId: string; type: string; data: unknown; metadata: Record<string, unknown> }
const PREVIOUS: FixtureEvent[] = JSON.parse(readFileSync(new URL('../fixtures/seed-events-2026-11.json', import.meta.url), 'utf8'));

async function logOf(store: EventStore): Promise<LoggedEvent[]> {
  const events: LoggedEvent[] = [];
  for await (const event of store.readAll()) {
    events.push({ position: Number(event.position.commit), recordedAt: event.recordedAt, type: event.type, data: event.data });
  }
  return events;
}

const asOf = (text: string): TimeQuery => ({ asOf: parseTimeParameter('asOf', text, 'Asia/Shanghai'), knownAt: null, recordedAt: null });

/** An answer without what differs between a log that corrected a fact and one that recorded it right: the correction count. */
const withoutCorrectionCounts = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (key, inner: unknown) => (key === 'corrections' ? undefined : inner)));

describe('seeds on a data dir seeded by the previous release', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seed-migration-'));
  let migrated: SqliteEventStore;
  let fresh: SqliteEventStore;
  let migratedLog: LoggedEvent[];
  let freshHistories: FactHistory[];
  let migratedHistories: FactHistory[];

  beforeAll(async () => {
    migrated = await SqliteEventStore.open(join(dir, 'migrated.sqlite'));
    for (const event of PREVIOUS) {
      const written: NewEvent = { eventId: event.eventId, type: event.type, data: event.data, metadata: event.metadata as NewEvent['metadata'] };
      await migrated.append(event.stream, [written], { expectedRevision: 'any' });
    }
    await loadSeeds(migrated, allSeeds, undefined, seedCorroborations);
    fresh = await SqliteEventStore.open(join(dir, 'fresh.sqlite'));
    await loadSeeds(fresh, allSeeds, undefined, seedCorroborations);
    migratedLog = await logOf(migrated);
    migratedHistories = buildFactHistories(migratedLog);
    freshHistories = buildFactHistories(await logOf(fresh));
  }, 60_000);
  afterAll(async () => {
    await migrated.close();
    await fresh.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every event of the previous release as it was, and appends only corrections, retractions, corroborations and new notices', () => {
    expect(migratedLog.slice(0, PREVIOUS.length).map((event) => [event.type, event.data]))
      .toStrictEqual(PREVIOUS.map((event) => [event.type, event.data]));
    const appended = migratedLog.slice(PREVIOUS.length);
    expect(appended.length).toBeGreaterThan(0);
    // on the notices the previous release recorded: only amendments; anything else is a notice of its own (a new seed)
    const previousNotices = new Set(PREVIOUS.map((event) => (event.data as { noticeId: string }).noticeId));
    const onPrevious = appended.filter((event) => previousNotices.has((event.data as { noticeId: string }).noticeId));
    expect(new Set(onPrevious.map((event) => event.type))).toStrictEqual(new Set(['FactCorrected.v1', 'FactRetracted.v1', 'FactCorroborated.v1']));
    // every correction and retraction says why
    for (const event of appended.filter((e) => e.type === 'FactCorrected.v1' || e.type === 'FactRetracted.v1')) {
      expect((event.data as { reason: string }).reason.length).toBeGreaterThan(10);
    }
  });

  it('registers the documents the seeds quote on the older data dir, before it amends anything (docs/provenance.md)', () => {
    const appended = migratedLog.slice(PREVIOUS.length);
    const registered = appended.filter((event) => event.type === 'DocumentRegistered.v1').map((event) => (event.data as { document: string }).document);
    expect(registered).toStrictEqual(SEED_DOCUMENTS.map((document) => document.document));
    expect(appended.slice(0, registered.length).every((event) => event.type === 'DocumentRegistered.v1')).toBe(true);
  });

  it('leaves no date without a lower bound in force: every fact the seeds recorded reads as a window', () => {
    const open = migratedHistories.filter((history) => history.retraction === null && history.versions.at(-1)?.content.effective.earliest === null);
    expect(open.map((history) => history.factId)).toStrictEqual([]);
  });

  it.each(['2016-06-30', '2019-06-30', '2019-12-31', '2020-03-31', '2020-06-30', '2020-12-31', '2025-12-31'])(
    'answers as of %s exactly as a data dir seeded by this release (but for the correction counts)', (day) => {
      const time = asOf(day);
      for (const [migratedAnswer, freshAnswer] of [
        [nationalStateAt(migratedHistories, time), nationalStateAt(freshHistories, time)],
        [bansInForce(migratedHistories, time, undefined, undefined, { offset: 0, limit: 1000 }),
          bansInForce(freshHistories, time, undefined, undefined, { offset: 0, limit: 1000 })],
        ...['CN-HB', 'CN-440100', 'CN-330100', 'CN-SX', 'CN'].map((code) => [jurisdictionStateAt(migratedHistories, code, time),
          jurisdictionStateAt(freshHistories, code, time)]),
      ]) {
        expect(withoutCorrectionCounts(migratedAnswer)).toStrictEqual(withoutCorrectionCounts(freshAnswer));
      }
    });

  it('appends nothing when loaded again', async () => {
    const report = await loadSeeds(migrated, allSeeds, undefined, seedCorroborations);
    expect([report.documents, report.recorded, report.amended, report.events]).toStrictEqual([0, 0, 0, 0]);
    expect((await logOf(migrated)).length).toBe(migratedLog.length);
  });
});
