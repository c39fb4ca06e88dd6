import { describe, expect, it } from '@jest/globals';
import { decide, evolve, initialState, type NoticeInput } from '../../domain/src/notice/notice-decider.js';
import type { NoticeEvent } from '../../domain/src/notice/notice-events.js';
import { positionOf } from '../../event-store/src/event-store.js';
import { project } from './projections.js';
import { UndecodableEventError } from '../../domain/src/index.js';

const NOTICE_ID = 'nx-2019-10-18';
const NOW = '2024-06-01T00:00:00.000Z';
const AT = '2024-06-01T00:00:01.000Z';
const source = { document: 'nx-2019-10-18.html', publisher: 'Ningxia LFSA', url: 'https://jrj.nx.gov.cn/n1', quote: '全区P2P网贷机构已全部退出' };
const notice: NoticeInput = {
  authority: 'Ningxia Local Financial Supervision Administration',
  jurisdiction: 'Ningxia',
  title: 'Notice on the exit of online lending institutions',
  published: '2019-10-18',
  source,
  language: 'zh',
  effects: [
    { type: 'InstitutionsBanned', jurisdiction: 'Ningxia', effective: '2019-10', count: 3, names: ['Platform A'] },
    { type: 'InstitutionExitAnnounced', jurisdiction: 'Ningxia', effective: '2019-10-18/2020-06-30', announced: '2019-10-18',
      institution: { name: 'Weidai', aliases: ['微贷网'] } },
  ],
};

const published = decide({ type: 'PublishNotice', noticeId: NOTICE_ID, now: NOW, notice }, initialState());
const state = published.reduce(evolve, initialState());
/** the event as read back from the log at `position` */
const at = (event: NoticeEvent, position: number) => ({ ...event, position: positionOf(position), recordedAt: AT });

describe('project', () => {
  it('NoticePublished -> upsert the notice', () => {
    expect(project(at(published[0]!, 1))).toStrictEqual([{
      type: 'upsertNotice',
      notice: {
        notice_id: NOTICE_ID, jurisdiction: 'CN-NX', authority: notice.authority, title: notice.title,
        published_text: '2019-10-18', published_precision: 'day', published_from: '2019-10-18', published_to: '2019-10-18',
        language: 'zh', source: JSON.stringify({ ...source, kind: 'primary', citedOutlet: null }), fact_ids: JSON.stringify([`${NOTICE_ID}:1`, `${NOTICE_ID}:2`]),
        recorded_position: 1n, recorded_at: AT,
      },
    }]);
  });

  it('a fact -> insert its first version, as an interval on the effective and published axes', () => {
    const changes = project(at(published[1]!, 2));
    expect(changes.map((change) => change.type)).toStrictEqual(['insertFactVersion', 'upsertInstitution', 'linkParty']);
    expect(changes[2]).toStrictEqual({ type: 'linkParty', factId: `${NOTICE_ID}:1`, institutionId: 'platform-a' });
    const [change] = changes;
    if (change?.type !== 'insertFactVersion') throw new Error(`unexpected ${change?.type}`);
    const { data, source: factSource, ...columns } = change.version;
    expect(columns).toStrictEqual({
      fact_id: `${NOTICE_ID}:1`, notice_id: NOTICE_ID, kind: 'InstitutionsBanned', jurisdiction: 'CN-NX',
      effective_text: '2019-10', effective_precision: 'month', effective_from: '2019-10-01', effective_to: '2019-10-31',
      published_from: '2019-10-18', published_to: '2019-10-18', recorded_position: 2n, recorded_at: AT, retracted: false,
      change_id: null, change_reason: null, actor: null, figure_group: 'counted', announced_from: null,
    });
    expect(JSON.parse(data)).toMatchObject({ kind: 'InstitutionsBanned', count: 3, names: ['Platform A'] });
    expect(JSON.parse(data)).not.toHaveProperty('source');
    expect(JSON.parse(factSource)).toMatchObject({ ...source, noticeId: NOTICE_ID, title: notice.title });
  });

  it('an exit announcement -> the fact, with its window, and its institution', () => {
    const changes = project(at(published[2]!, 3));
    expect(changes.map((change) => change.type)).toStrictEqual(['insertFactVersion', 'upsertInstitution', 'linkParty']);
    expect(changes[0]).toMatchObject({ version: { effective_from: '2019-10-18', effective_to: '2020-06-30', effective_precision: 'between' } });
    expect(changes[1]).toStrictEqual({
      type: 'upsertInstitution',
      institution: { institution_id: 'weidai', name: 'Weidai', aliases: ['微贷网'], jurisdiction: 'CN-NX' },
    });
  });

  it('FactCorrected -> supersede the previous version, then insert the corrected one at the same position', () => {
    const [corrected] = decide({
      type: 'CorrectFact', noticeId: NOTICE_ID, factId: `${NOTICE_ID}:1`, correctionId: 'c1', reason: 'the source says four',
      corrected: { type: 'InstitutionsBanned', jurisdiction: 'Ningxia', effective: '2019-10-18', count: 4 },
    }, state);
    const changes = project(at(corrected!, 9));
    expect(changes[0]).toStrictEqual({ type: 'supersedeFact', factId: `${NOTICE_ID}:1`, position: 9n });
    expect(changes[1]).toMatchObject({
      type: 'insertFactVersion',
      version: { fact_id: `${NOTICE_ID}:1`, recorded_position: 9n, effective_text: '2019-10-18', effective_to: '2019-10-18',
        change_id: 'c1', change_reason: 'the source says four' },
    });
    expect(changes).toHaveLength(2);
  });

  it('FactRetracted -> a retraction at its position', () => {
    const [retracted] = decide(
      { type: 'RetractFact', noticeId: NOTICE_ID, factId: `${NOTICE_ID}:2`, retractionId: 'r1', reason: 'misread' }, state);
    expect(project(at(retracted!, 10))).toStrictEqual([
      { type: 'retractFact', factId: `${NOTICE_ID}:2`, position: 10n, recordedAt: AT, retractionId: 'r1', reason: 'misread', actor: null },
    ]);
  });

  it('another writer\'s events -> no changes; a version of ours it does not know is refused, not skipped (a fact would be lost)', () => {
    expect(project({ type: 'SomethingElse.v1', data: {}, position: positionOf(5), recordedAt: AT })).toStrictEqual([]);
    expect(() => project({ type: 'InstitutionsBanned.v9', data: {}, position: positionOf(5), recordedAt: AT })).toThrow(UndecodableEventError);
  });

  it('is pure: the same event gives the same changes', () => {
    expect(project(at(published[2]!, 3))).toStrictEqual(project(at(published[2]!, 3)));
  });
});
