/**
 * The small log the read-model tests write: Ningxia's notice of 2019-10-18 (a prohibition, a first
 * ban batch, an announced exit) and its second batch, written the way the write side writes them.
 */
import { randomUUID } from 'node:crypto';
import { decide, evolve, initialState, type NoticeCommand, type NoticeInput } from '../../libs/domain/src/notice/notice-decider.js';
import { noticeStreamName, type NoticeEvent } from '../../libs/domain/src/notice/notice-events.js';
import type { LogPosition } from '../../libs/event-store/src/event-store.js';
import type { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';

export const NOW = '2024-06-01T00:00:00.000Z';
export const NX = 'nx-2019-10-18';
export const SECOND = 'nx-2020-11';

export const nxNotice: NoticeInput = {
  authority: 'Ningxia Local Financial Supervision Administration',
  jurisdiction: 'Ningxia',
  title: 'Notice on the exit of online lending institutions',
  published: '2019-10-18',
  source: { document: 'nx-2019-10-18.html', publisher: 'Ningxia LFSA', url: 'https://jrj.nx.gov.cn/n1', quote: '全区P2P网贷机构已全部退出' },
  language: 'zh',
  effects: [
    { type: 'BusinessLineProhibited', jurisdiction: 'Ningxia', effective: '2019-10', businessLine: 'online-lending' },
    { type: 'InstitutionsBanned', jurisdiction: 'Ningxia', effective: '2019-10-18', count: 3, batch: { number: 1, of: 2 },
      names: ['Platform A', 'Platform B'], quote: '第一批取缔3家网贷机构' },
    { type: 'InstitutionExitAnnounced', jurisdiction: 'Ningxia', effective: '2019-10-18/2020-06-30', announced: '2019-10-18',
      institution: { name: 'Weidai', aliases: ['微贷网', 'micro-loan network'] } },
  ],
};

export const secondNotice: NoticeInput = {
  authority: 'Ningxia Local Financial Supervision Administration',
  jurisdiction: 'Ningxia',
  title: 'Second batch',
  published: '2020-11',
  source: { document: 'second.html', publisher: 'Ningxia LFSA', quote: '第二批' },
  effects: [
    { type: 'InstitutionsBanned', jurisdiction: 'Ningxia', effective: '2020-11', count: 5, batch: { number: 2, of: 2 } },
    { type: 'InstitutionExitAnnounced', jurisdiction: 'Ningxia', effective: '2020-12-31', announced: '2020-11',
      institution: { name: 'Weidai', aliases: ['微贷'] } },
  ],
};

/** runs a command the way the write side does: read, fold, decide, append with the expected revision */
export async function run(events: SqliteEventStore, command: NoticeCommand): Promise<LogPosition> {
  const stream = noticeStreamName(command.noticeId);
  const history = await events.readStream(stream);
  const state = history.map((event) => ({ type: event.type, data: event.data }) as NoticeEvent).reduce(evolve, initialState());
  const result = await events.append(
    stream,
    decide(command, state).map((event) => ({ eventId: randomUUID(), type: event.type, data: event.data, metadata: { actor: 'test' } })),
    { expectedRevision: history.length === 0 ? 'no_stream' : history.length - 1 },
  );
  return result.position;
}

export const publish = (events: SqliteEventStore, noticeId: string, notice: NoticeInput) =>
  run(events, { type: 'PublishNotice', noticeId, now: NOW, notice });
