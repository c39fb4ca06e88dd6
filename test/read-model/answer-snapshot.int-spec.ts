/**
 * An answer is read in several statements (the place's segments, the facts its counts name, a page
 * of its statistics...), and the projector commits from another thread or process meanwhile. Read
 * in one snapshot (KyselyTimelineReader.inSnapshot, as the answer workers read), the answer is the
 * read models' as one commit left them: a commit made between its statements does not show in it.
 * On a real SQLite file (a second connection, as an answer worker's) and a real PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jurisdictions, parseTimeQuery, type NoticeInput } from '../../libs/domain/src/index.js';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { AsOfAnswers } from '../../libs/read-model/src/answers/as-of-answers.js';
import { answerInOneSnapshot } from '../../libs/read-model/src/answers/question-text.js';
import { openReadModel, openReadModelForReading, type OpenedReadModel } from '../../libs/read-model/src/open-read-model.js';
import type { ProjectedStateReader } from '../../libs/read-model/src/projection-reader.js';
import { readModelConsumer } from '../../libs/read-model/src/read-model-projection.js';
import { ReadModelStore } from '../../libs/read-model/src/read-model-store.js';
import { KyselyTimelineReader } from '../../libs/read-model/src/timeline-reader.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { NOW, NX, nxNotice, publish } from './ningxia-log.js';

const NAME = 'read-model';

/** A later notice for Ningxia: a third batch and a figure, both changing the state asked below. */
const laterNotice: NoticeInput = {
  ...nxNotice, title: 'Third batch and the count of platforms left', published: '2021-01-15',
  effects: [
    { type: 'InstitutionsBanned', jurisdiction: 'Ningxia', effective: '2021-01-15', count: 4 },
    { type: 'StatisticReported', jurisdiction: 'Ningxia', effective: '2020-12-31', metric: 'operating-institutions', value: 0,
      unit: 'institutions', qualifier: 'exact', businessLine: 'online-lending' },
  ],
};

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

/** The reader, running `between` once right after the first read of the places' segments (the answer's first statement of state). */
function interrupted(reader: KyselyTimelineReader, between: () => Promise<void>): { reader: KyselyTimelineReader; ran: () => boolean } {
  let ran = false;
  const projected = (state: ProjectedStateReader): ProjectedStateReader => new Proxy(state, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (property !== 'segmentsAt' || typeof value !== 'function') return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      return async (...args: Parameters<ProjectedStateReader['segmentsAt']>) => {
        const segments = await target.segmentsAt(...args);
        if (!ran) {
          ran = true;
          await between();
        }
        return segments;
      };
    },
  });
  const wrapped = new Proxy(reader, {
    get(target, property) {
      if (property === 'projectedState') return () => projected(target.projectedState());
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { reader: wrapped, ran: () => ran };
}

describe.each(['sqlite', 'postgres'] as const)('an answer read in one snapshot on %s', (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'answer-snapshot-'));
  let database: TestDatabase | undefined;
  let events: SqliteEventStore;
  let writing: OpenedReadModel;
  let reading: OpenedReadModel;
  let store: ReadModelStore;

  /** the projector's next run: the events after its checkpoint, committed on its own connection */
  async function project(): Promise<void> {
    const after = await store.checkpoint(NAME);
    const unprojected = [];
    for await (const event of events.readAll(after ? { after } : {})) unprojected.push(event);
    await store.applyEvents(NAME, unprojected);
  }

  beforeAll(async () => {
    database = dialect === 'postgres' ? await createTestDatabase() : undefined;
    events = await SqliteEventStore.open(join(dir, 'events.sqlite'));
    await publish(events, NX, nxNotice);
    writing = await openReadModel({ databaseUrl: database?.url, sqlitePath: join(dir, 'read-model.sqlite') });
    store = new ReadModelStore(writing.db);
    await readModelConsumer(events, store, { name: NAME }).catchUp();
    // the answers' own connection (SQLite: a second one, read-only, as an answer worker opens it)
    reading = openReadModelForReading({ databaseUrl: database?.url, sqlitePath: join(dir, 'read-model.sqlite') });
  }, 120_000);
  afterAll(async () => {
    await reading.close();
    await writing.close();
    await events.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not show a commit of the projector made between its statements', async () => {
    const reader = new KyselyTimelineReader(reading.db, NAME);
    const ningxia = jurisdictions.get('CN-NX');
    const time = parseTimeQuery({ asOf: '2021-06-30' }, { now: DateTime.fromISO(NOW), zone: 'Asia/Shanghai' });
    const before = json(await new AsOfAnswers(reader).jurisdictionState(time, ningxia));

    // the projector commits the later notice while the answer is being read (after its segments, before the rest)
    const during = await reader.inSnapshot(async (snapshot) => {
      const { reader: interrupting, ran } = interrupted(snapshot, async () => {
        await publish(events, 'nx-2021-01-15', laterNotice);
        await project();
      });
      const answer = await new AsOfAnswers(interrupting).jurisdictionState(time, ningxia);
      expect(ran()).toBe(true);
      return json(answer);
    });
    const after = json(await new AsOfAnswers(reader).jurisdictionState(time, ningxia));

    // the notice changes the answer once committed ("第三批" of 4 and the figure of 0 platforms) ...
    expect(after).not.toStrictEqual(before);
    expect(JSON.stringify(after)).toContain('"operating-institutions"');
    // ... and the answer read while it was committed is the one before it, whole: not its counts
    // from before the commit and its facts or statistics from after it
    expect(during).toStrictEqual(before);
  });

  it('answers a question in its plain form from one snapshot, as the answer workers do', async () => {
    const reader = new KyselyTimelineReader(reading.db, NAME);
    const question = {
      kind: 'bans', jurisdiction: 'CN-NX', page: { offset: 0, limit: 100 },
      time: { asOf: { iso: '2021-06-30T23:59:59.999+08:00', zone: 'Asia/Shanghai' }, knownAt: null, recordedAt: null, recordedPosition: null },
    } as const;
    const time = parseTimeQuery({ asOf: '2021-06-30' }, { now: DateTime.fromISO(NOW), zone: 'Asia/Shanghai' });
    const expected = json(await new AsOfAnswers(reader).bans(time, jurisdictions.get('CN-NX')));
    expect(json(await answerInOneSnapshot(reader, question, 'report'))).toStrictEqual(expected);
    expect(json(await answerInOneSnapshot(reader, question, 'fold'))).toStrictEqual(expected);
  });
});
