/**
 * Test support (not exported from the library): builds a log with the domain's own decider,
 * so the events have exactly the stored shapes.
 */
import type { FactInput } from '../facts/fact-catalogue.js';
import {
  decide, evolve, initialState, type CorroborationInput, type NoticeCommand, type NoticeInput, type NoticeState,
} from '../notice/notice-decider.js';
import type { NoticeEvent } from '../notice/notice-events.js';
import { buildFactHistories, type FactHistory, type LoggedEvent } from './recorded-fact.js';

export class TestLog {
  readonly events: LoggedEvent[] = [];
  private readonly states = new Map<string, NoticeState>();

  private run(noticeId: string, command: NoticeCommand, recordedAt: string): NoticeEvent[] {
    let state = this.states.get(noticeId) ?? initialState();
    const events = decide(command, state);
    for (const event of events) {
      state = evolve(state, event);
      this.events.push({ position: this.events.length + 1, recordedAt, type: event.type, data: event.data });
    }
    this.states.set(noticeId, state);
    return events;
  }

  publish(noticeId: string, notice: NoticeInput, recordedAt: string): this {
    this.run(noticeId, { type: 'PublishNotice', noticeId, now: recordedAt, notice }, recordedAt);
    return this;
  }

  correct(factId: string, corrected: FactInput, reason: string, recordedAt: string): this {
    const noticeId = factId.slice(0, factId.lastIndexOf(':'));
    this.run(noticeId, { type: 'CorrectFact', noticeId, factId, correctionId: `corr-${this.events.length + 1}`, reason, corrected },
      recordedAt);
    return this;
  }

  corroborate(factId: string, corroboration: CorroborationInput, recordedAt: string): this {
    const noticeId = factId.slice(0, factId.lastIndexOf(':'));
    this.run(noticeId, { type: 'CorroborateFact', noticeId, factId, corroborationId: `corr-${this.events.length + 1}`, now: recordedAt,
      corroboration }, recordedAt);
    return this;
  }

  retract(factId: string, reason: string, recordedAt: string): this {
    const noticeId = factId.slice(0, factId.lastIndexOf(':'));
    this.run(noticeId, { type: 'RetractFact', noticeId, factId, retractionId: `retr-${this.events.length + 1}`, reason }, recordedAt);
    return this;
  }

  histories(): FactHistory[] {
    return buildFactHistories(this.events);
  }
}

/** A notice with one source, in the form the seeds use. */
export const notice = (jurisdiction: string, published: string, quote: string, effects: FactInput[]): NoticeInput => ({
  authority: `${jurisdiction} Local Financial Supervision Administration`,
  jurisdiction,
  title: `Notice of ${jurisdiction}`,
  published,
  source: { document: `${jurisdiction}-${published}.txt`, publisher: `${jurisdiction} LFSA`, url: null, quote },
  language: 'en',
  effects,
});

export const RECORDED = {
  first: '2020-07-01T02:00:00.000Z',
  late: '2020-07-20T02:00:00.000Z',
  correction: '2020-08-01T02:00:00.000Z',
  retraction: '2020-09-01T02:00:00.000Z',
} as const;

const OL = 'online-lending';

/**
 * A small rectification log modelled on the seed documents. Fact ids:
 * nx:1-3 Ningxia batches 10/9/9 (2020-05-29/30/31), nx:4 name restriction;
 * nx-ban:1 Ningxia prohibits online lending, effective 2019-01-01/2020-06-30, published 2020-05-31/2020-06-30;
 * hb:1 Hubei 147 closed in total as of 2020-05-29 (a running total); gz:1 Guangzhou 1 banned in 2020-06 (month);
 * sz:1 Shenzhen 5 revoked 2020-04-10 (retracted later); cn:1 343 operating 2019-12-31,
 * cn:2 139 operating 2020-03-31, cn:3 -86 percent-change; wd:1 Weidai exit announced 2020-05-31,
 * effective 2020-05-31/2020-06-30; nx-late:1 Ningxia 12 closed 2020-06-20, published 2020-07-10.
 */
export function rectificationLog(): TestLog {
  return new TestLog()
    .publish('nx', notice('CN-NX', '2020-06-01', 'decided to ban 28 online lending institutions in three batches', [
      { type: 'InstitutionsBanned', jurisdiction: 'CN-NX', effective: '2020-05-29', count: 10, batch: { number: 1, of: 3 }, businessLine: OL },
      { type: 'InstitutionsBanned', jurisdiction: 'CN-NX', effective: '2020-05-30', count: 9, batch: { number: 2, of: 3 }, businessLine: OL },
      { type: 'InstitutionsBanned', jurisdiction: 'CN-NX', effective: '2020-05-31', count: 9, batch: { number: 3, of: 3 }, businessLine: OL },
      { type: 'NameRestrictionImposed', jurisdiction: 'CN-NX', effective: '2020-05-31', forbiddenWords: ['P2P', 'online loan'],
        appliesTo: 'the 28 banned institutions' },
    ]), RECORDED.first)
    .publish('nx-ban', notice('CN-NX', '2020-05-31/2020-06-30', 'all online lending businesses are prohibited', [
      { type: 'BusinessLineProhibited', jurisdiction: 'CN-NX', effective: '2019-01-01/2020-06-30', businessLine: OL },
    ]), RECORDED.first)
    .publish('hb', notice('CN-HB', '2020-05-29', '147 corporate online lending institutions have all closed down', [
      { type: 'InstitutionsClosed', jurisdiction: 'CN-HB', effective: '2020-05-29', count: 147, businessLine: OL, cumulative: true },
    ]), RECORDED.first)
    .publish('gz', notice('CN-440100', '2020-07-01', 'the last platform was banned in June', [
      { type: 'InstitutionsBanned', jurisdiction: 'CN-440100', effective: '2020-06', count: 1, businessLine: OL },
    ]), RECORDED.first)
    .publish('sz', notice('CN-440300', '2020-04-15', 'revoked the filings of 5 online lending institutions', [
      { type: 'InstitutionsRevoked', jurisdiction: 'CN-440300', effective: '2020-04-10', count: 5, businessLine: OL },
    ]), RECORDED.first)
    .publish('cn', notice('CN', '2020-04-24', '139 institutions actually operating, down 86%', [
      { type: 'StatisticReported', jurisdiction: 'CN', effective: '2019-12-31', metric: 'operating-institutions', value: 343,
        unit: 'institutions', qualifier: 'exact', businessLine: OL },
      { type: 'StatisticReported', jurisdiction: 'CN', effective: '2020-03-31', metric: 'operating-institutions', value: 139,
        unit: 'institutions', qualifier: 'exact', businessLine: OL },
      { type: 'StatisticReported', jurisdiction: 'CN', effective: '2020-03-31', metric: 'operating-institutions', value: -86,
        unit: 'percent-change', baseline: '2019-01', businessLine: OL },
    ]), RECORDED.first)
    .publish('wd', notice('CN-330100', '2020-05-31', 'will quit the online loan industry before June 30, 2020', [
      { type: 'InstitutionExitAnnounced', jurisdiction: 'CN-330100', announced: '2020-05-31', effective: '2020-05-31/2020-06-30',
        institution: { name: 'Weidai', aliases: ['微贷网'] }, businessLine: OL },
    ]), RECORDED.first)
    .publish('nx-late', notice('CN-NX', '2020-07-10', '12 institutions closed by June 20', [
      { type: 'InstitutionsClosed', jurisdiction: 'CN-NX', effective: '2020-06-20', count: 12, businessLine: OL },
    ]), RECORDED.late)
    .correct('nx:3', { type: 'InstitutionsBanned', jurisdiction: 'CN-NX', effective: '2020-05-31', count: 8,
      batch: { number: 3, of: 3 }, businessLine: OL }, 'the third notice lists 8 institutions, not 9', RECORDED.correction)
    .retract('sz:1', 'the notice revoked filings of Shenzhen lenders outside online lending', RECORDED.retraction);
}
