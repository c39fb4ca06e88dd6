import { describe, expect, it } from '@jest/globals';
import { DomainError, type DomainErrorCode } from '../errors.js';
import type {
  BusinessLineProhibitedInput, FactInput, InstitutionExitAnnouncedInput, InstitutionsBannedInput,
  NameRestrictionImposedInput, PartnershipHaltedInput, StatisticReportedInput,
} from '../facts/fact-catalogue.js';
import type { FuzzyDate } from '../time/fuzzy-date.js';
import { decide, evolve, factIdOf, initialState, type NoticeCommand, type NoticeInput } from './notice-decider.js';
import {
  eventTypeOf, isFactEvent, kindOfEventType, noticeStreamName, type FactData, type NoticeEvent,
} from './notice-events.js';

/** given(history).when(command).then(events) or .then(errorCode, field) */
function given(history: readonly NoticeEvent[]) {
  const state = history.reduce(evolve, initialState());
  return {
    when: (command: NoticeCommand) => ({
      then(expected: readonly NoticeEvent[] | DomainErrorCode, field?: string): void {
        if (typeof expected !== 'string') {
          expect(decide(command, state)).toStrictEqual(expected);
          return;
        }
        let thrown: unknown;
        try {
          decide(command, state);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(DomainError);
        const { code, field: actualField } = thrown as DomainError;
        expect({ code, field: actualField }).toStrictEqual({ code: expected, field });
      },
    }),
  };
}

const NOTICE_ID = 'nx-2019-10-18';
const NOW = '2024-06-01T00:00:00.000Z';
const QUOTE = '全区P2P网贷机构已全部退出';
const BATCH_QUOTE = '第一批取缔3家网贷机构';

const prohibited: BusinessLineProhibitedInput = {
  type: 'BusinessLineProhibited', jurisdiction: 'Ningxia', effective: '2019-10', businessLine: 'online-lending',
};
const banned: InstitutionsBannedInput = {
  type: 'InstitutionsBanned', jurisdiction: '640000', effective: ' 2019-10-18 ', count: 3,
  batch: { number: 1, of: 2 }, names: ['Platform A', 'Platform B'], quote: BATCH_QUOTE,
};
const statistic: StatisticReportedInput = {
  type: 'StatisticReported', jurisdiction: '宁夏', effective: '2020-03-31', metric: 'operating-institutions',
  value: 0, unit: 'institutions', qualifier: 'exact', baseline: '2019',
};
const exit: InstitutionExitAnnouncedInput = {
  type: 'InstitutionExitAnnounced', jurisdiction: 'cn-nx', effective: '2019-10-18/2020-06-30', announced: '2019-10-18',
  institution: { name: ' Weidai ', aliases: ['微贷网', ' micro-loan network', 'micro-loan network'] },
};

const notice = (overrides: Partial<NoticeInput> = {}): NoticeInput => ({
  authority: ' Ningxia Local Financial Supervision Administration ',
  jurisdiction: 'Ningxia Hui Autonomous Region',
  title: 'Notice on the exit of online lending institutions',
  published: '2019-10-18',
  source: { document: 'nx-2019-10-18.html', publisher: 'Ningxia LFSA', url: 'https://jrj.nx.gov.cn/n1', quote: QUOTE },
  language: 'zh',
  effects: [prohibited, banned, statistic, exit],
  ...overrides,
});
const withEffects = (...effects: FactInput[]): NoticeInput => notice({ effects });

const publish = (input: NoticeInput = notice(), now: string = NOW): NoticeCommand =>
  ({ type: 'PublishNotice', noticeId: NOTICE_ID, now, notice: input });
const correct = (factId: string, corrected: FactInput, correctionId = 'correction-1'): NoticeCommand =>
  ({ type: 'CorrectFact', noticeId: NOTICE_ID, factId, correctionId, reason: 'the source says four', corrected });
const retract = (factId: string, retractionId = 'retraction-1'): NoticeCommand =>
  ({ type: 'RetractFact', noticeId: NOTICE_ID, factId, retractionId, reason: 'misread the source' });

const day = (iso: string): FuzzyDate => ({ text: iso, precision: 'day', earliest: iso, latest: iso });
const publishedOn = day('2019-10-18');
const noticeSource = { document: 'nx-2019-10-18.html', publisher: 'Ningxia LFSA', url: 'https://jrj.nx.gov.cn/n1', quote: QUOTE };
/** the source as recorded: a source given without a kind is a primary one, citing no other outlet */
const recordedNoticeSource = { ...noticeSource, kind: 'primary' as const, citedOutlet: null };
const factSource = {
  ...recordedNoticeSource, noticeId: NOTICE_ID, title: 'Notice on the exit of online lending institutions',
  authority: 'Ningxia Local Financial Supervision Administration', published: publishedOn,
};

const bannedData: FactData<'InstitutionsBanned'> = {
  kind: 'InstitutionsBanned', noticeId: NOTICE_ID, factId: `${NOTICE_ID}:2`, jurisdiction: 'CN-NX',
  effective: day('2019-10-18'), count: 3, batch: { number: 1, of: 2 }, names: ['Platform A', 'Platform B'],
  source: { ...factSource, quote: BATCH_QUOTE },
};

/** The events of publishing notice(): the expected answer, and the history of later tests. */
const publishedEvents: NoticeEvent[] = [
  {
    type: 'NoticePublished.v1',
    data: {
      noticeId: NOTICE_ID, authority: 'Ningxia Local Financial Supervision Administration', jurisdiction: 'CN-NX',
      title: 'Notice on the exit of online lending institutions', published: publishedOn, source: recordedNoticeSource,
      language: 'zh', factIds: ['nx-2019-10-18:1', 'nx-2019-10-18:2', 'nx-2019-10-18:3', 'nx-2019-10-18:4'],
    },
  },
  {
    type: 'BusinessLineProhibited.v1',
    data: {
      kind: 'BusinessLineProhibited', noticeId: NOTICE_ID, factId: 'nx-2019-10-18:1', jurisdiction: 'CN-NX',
      effective: { text: '2019-10', precision: 'month', earliest: '2019-10-01', latest: '2019-10-31' },
      businessLine: 'online-lending', source: factSource,
    },
  },
  { type: 'InstitutionsBanned.v1', data: bannedData },
  {
    type: 'StatisticReported.v1',
    data: {
      kind: 'StatisticReported', noticeId: NOTICE_ID, factId: 'nx-2019-10-18:3', jurisdiction: 'CN-NX',
      effective: day('2020-03-31'), metric: 'operating-institutions', value: 0, unit: 'institutions',
      qualifier: 'exact', baseline: { text: '2019', precision: 'year', earliest: '2019-01-01', latest: '2019-12-31' },
      source: factSource,
    },
  },
  {
    type: 'InstitutionExitAnnounced.v1',
    data: {
      kind: 'InstitutionExitAnnounced', noticeId: NOTICE_ID, factId: 'nx-2019-10-18:4', jurisdiction: 'CN-NX',
      effective: { text: '2019-10-18/2020-06-30', precision: 'between', earliest: '2019-10-18', latest: '2020-06-30' },
      announced: day('2019-10-18'),
      institution: { id: 'weidai', name: 'Weidai', aliases: ['微贷网', 'micro-loan network'] },
      source: factSource,
    },
  },
];

const BAN_ID = `${NOTICE_ID}:2`;
const correctedBan: InstitutionsBannedInput = { ...banned, count: 4, names: ['Platform A', 'Platform B', 'Platform C'] };
const correctionEvent = (correctionId = 'correction-1', count = 4): NoticeEvent => ({
  type: 'FactCorrected.v1',
  data: {
    noticeId: NOTICE_ID, factId: BAN_ID, correctionId, reason: 'the source says four',
    corrected: { ...bannedData, count, names: ['Platform A', 'Platform B', 'Platform C'] },
  },
});
const retractionEvent = (factId = BAN_ID): NoticeEvent => ({
  type: 'FactRetracted.v1',
  data: { noticeId: NOTICE_ID, factId, retractionId: 'retraction-1', reason: 'misread the source' },
});

describe('PublishNotice', () => {
  it('records NoticePublished then one fact per effect, numbered <noticeId>:1..n, normalised', () => {
    given([]).when(publish()).then(publishedEvents);
  });

  it('records only NoticePublished for a notice without effects', () => {
    const first = publishedEvents[0] as Extract<NoticeEvent, { type: 'NoticePublished.v1' }>;
    given([]).when(publish(withEffects())).then([{ type: 'NoticePublished.v1', data: { ...first.data, factIds: [] } }]);
  });

  it.each([
    ['Ningxia', 'CN-NX'], ['640000', 'CN-NX'], ['宁夏', 'CN-NX'], ['宁夏回族自治区', 'CN-NX'], ['CN-NX', 'CN-NX'],
    ['湖北省', 'CN-HB'], ['湖北', 'CN-HB'], ['Guangzhou', 'CN-440100'], ['440300', 'CN-440300'], ['China', 'CN'],
  ])('stores the jurisdiction %s as %s, on the notice and on its facts', (input, code) => {
    const events = decide(publish(notice({ jurisdiction: input, effects: [{ ...prohibited, jurisdiction: input }] })),
      initialState());
    expect(events.map((event) => [event.type, (event.data as { jurisdiction: string }).jurisdiction])).toStrictEqual([
      ['NoticePublished.v1', code], ['BusinessLineProhibited.v1', code],
    ]);
  });

  it('is deterministic: the same command gives the same events', () => {
    expect(decide(publish(), initialState())).toStrictEqual(decide(publish(), initialState()));
  });

  it('refuses to publish the same notice twice', () => {
    given(publishedEvents).when(publish()).then('notice-already-published', undefined);
  });

  it('refuses a second publication even with different content', () => {
    given(publishedEvents.slice(0, 1)).when(publish(withEffects(prohibited))).then('notice-already-published');
  });

  describe('the published date', () => {
    it('accepts a notice published today in the jurisdiction zone, though still yesterday in UTC', () => {
      // 16:30 UTC on May 31st is 00:30 on June 1st in Asia/Shanghai
      const events = decide(publish(notice({ published: '2024-06-01' }), '2024-05-31T16:30:00Z'), initialState());
      expect((events[0]!.data as { published: FuzzyDate }).published).toStrictEqual(day('2024-06-01'));
    });

    it('refuses a date after today in the jurisdiction zone', () => {
      given([]).when(publish(notice({ published: '2024-06-01' }), '2024-05-31T15:59:59Z')).then('invalid-input', 'published');
      given([]).when(publish(notice({ published: '2024-06-02' }))).then('invalid-input', 'published');
    });

    it('refuses a year or month that has not started yet, accepts the current one', () => {
      given([]).when(publish(notice({ published: '2025' }))).then('invalid-input', 'published');
      given([]).when(publish(notice({ published: '2024-07' }))).then('invalid-input', 'published');
      expect(decide(publish(notice({ published: '2024' })), initialState())).toHaveLength(5);
      expect(decide(publish(notice({ published: '2024-06' })), initialState())).toHaveLength(5);
    });

    it('says why in the message', () => {
      expect(() => decide(publish(notice({ published: '2030-01-01' })), initialState()))
        .toThrow('published: 2030-01-01 is in the future');
    });

    it.each(['2020-13-45', '2021-02-29', 'June 2020', ''])('refuses the impossible date "%s"', (published) => {
      given([]).when(publish(notice({ published }))).then('invalid-input', 'published');
    });
  });

  describe('invalid input names the field', () => {
    it.each<[string, NoticeInput, string]>([
      ['batch n > m', withEffects({ ...banned, batch: { number: 3, of: 2 } }), 'effects[0].batch.number'],
      ['batch n < 1', withEffects({ ...banned, batch: { number: 0, of: 2 } }), 'effects[0].batch.number'],
      ['fractional batch n', withEffects({ ...banned, batch: { number: 1.5, of: 2 } }), 'effects[0].batch.number'],
      ['batch m < 1', withEffects({ ...banned, batch: { number: 1, of: 0 } }), 'effects[0].batch.of'],
      ['negative count', withEffects({ ...banned, count: -1 }), 'effects[0].count'],
      ['fractional count', withEffects({ ...banned, count: 2.5 }), 'effects[0].count'],
      ['more names than the count', withEffects({ ...banned, count: 1 }), 'effects[0].names'],
      ['a blank name', withEffects({ ...banned, names: ['Platform A', ' '] }), 'effects[0].names'],
      ['the index of the offending effect', withEffects(prohibited, { ...banned, count: -3 }), 'effects[1].count'],
      ['closed: negative count', withEffects({ type: 'InstitutionsClosed', jurisdiction: 'CN-HB', effective: '2019',
        count: -147 }), 'effects[0].count'],
      ['revoked: names longer than count', withEffects({ type: 'InstitutionsRevoked', jurisdiction: 'CN-HB',
        effective: '2019', count: 0, names: ['X'] }), 'effects[0].names'],
      ['partners longer than partnerCount', withEffects({ type: 'PartnershipHalted', jurisdiction: 'CN',
        effective: '2025-10', bank: { name: 'Bank A' }, businessLine: 'internet-lending-assistance', partnerCount: 1,
        partners: ['P1', 'P2'] } satisfies PartnershipHaltedInput), 'effects[0].partners'],
      ['a statistic that is not a number', withEffects({ ...statistic, value: Number.NaN }), 'effects[0].value'],
      ['no forbidden words', withEffects({ type: 'NameRestrictionImposed', jurisdiction: 'CN', effective: '2020',
        forbiddenWords: [], appliesTo: 'renamed online lending companies' } satisfies NameRestrictionImposedInput),
      'effects[0].forbiddenWords'],
      ['an unknown fact type', withEffects({ ...prohibited, type: 'InstitutionsFined' } as unknown as FactInput),
        'effects[0].type'],
      ['an unknown fact jurisdiction', withEffects(prohibited, { ...banned, jurisdiction: 'Atlantis' }),
        'effects[1].jurisdiction'],
      ['an unknown notice jurisdiction', notice({ jurisdiction: 'Atlantis' }), 'jurisdiction'],
      ['month 13', withEffects({ ...prohibited, effective: '2020-13-45' }), 'effects[0].effective'],
      ['February 29th of a common year', withEffects({ ...banned, effective: '2021-02-29' }), 'effects[0].effective'],
      ['an impossible announcement date', withEffects({ ...exit, announced: '2020-06-31' }), 'effects[0].announced'],
      ['an effective date without a lower bound (truth rule 1)', withEffects({ ...banned, effective: '../2020-06-30' }), 'effects[0].effective'],
      ['an announcement without a lower bound', withEffects({ ...exit, announced: '../2020-05-31' }), 'effects[0].announced'],
      ['a published date without a lower bound', notice({ published: '../2019-10-18' }), 'published'],
      ['a cited outlet on a primary source (truth rule 6)', notice({ source: { ...noticeSource, citedOutlet: 'Global Times' } }), 'source.citedOutlet'],
      ['an unknown source kind', notice({ source: { ...noticeSource, kind: 'rumour' as never } }), 'source.kind'],
      ['a running total given as a batch', withEffects({ ...banned, cumulative: true }), 'effects[0].cumulative'],
      ['an impossible baseline', withEffects({ ...statistic, baseline: '2019-00' }), 'effects[0].baseline'],
      ['a blank title', notice({ title: '  ' }), 'title'],
      ['a blank authority', notice({ authority: '' }), 'authority'],
      ['a blank source quote', notice({ source: { ...noticeSource, quote: '' } }), 'source.quote'],
      ['a too long publisher', notice({ source: { ...noticeSource, publisher: 'x'.repeat(201) } }), 'source.publisher'],
      ['more than 500 effects', withEffects(...Array.from({ length: 501 }, () => prohibited)), 'effects'],
    ])('%s', (_, input, field) => {
      given([]).when(publish(input)).then('invalid-input', field);
    });

    it('explains the batch and date problems', () => {
      expect(() => decide(publish(withEffects({ ...banned, batch: { number: 3, of: 2 } })), initialState()))
        .toThrow('effects[0].batch.number: batch 3 of 2: n must not exceed m');
      expect(() => decide(publish(withEffects({ ...banned, effective: '2021-02-29' })), initialState()))
        .toThrow('effects[0].effective: "2021-02-29" is not a valid date: day 29 does not exist in 2021-02');
      expect(() => decide(publish(withEffects({ ...prohibited, jurisdiction: 'Atlantis' })), initialState()))
        .toThrow('effects[0].jurisdiction: unknown jurisdiction "Atlantis"');
    });

    it('accepts the edges: batch m of m, as many names as the count, a count of zero', () => {
      const events = decide(publish(withEffects({ ...banned, count: 2, batch: { number: 2, of: 2 } },
        { ...banned, count: 0, names: [], batch: undefined })), initialState());
      expect(events.map((event) => event.type)).toStrictEqual(
        ['NoticePublished.v1', 'InstitutionsBanned.v1', 'InstitutionsBanned.v1']);
    });
  });
});

describe('CorrectFact', () => {
  it('records the corrected fact, keeping the source and the quote of the fact it corrects', () => {
    const { quote: _dropped, ...withoutQuote } = correctedBan;
    given(publishedEvents).when(correct(BAN_ID, withoutQuote)).then([correctionEvent()]);
  });

  it('normalises the corrected content like a published one', () => {
    given(publishedEvents).when(correct(BAN_ID, { ...correctedBan, jurisdiction: '宁夏回族自治区', effective: '2019-10-18' }))
      .then([correctionEvent()]);
  });

  it('refuses a fact the notice does not have', () => {
    given(publishedEvents).when(correct(`${NOTICE_ID}:5`, correctedBan)).then('fact-not-found', 'factId');
  });

  it('refuses a notice that was never published', () => {
    given([]).when(correct(BAN_ID, correctedBan)).then('notice-not-found', undefined);
  });

  it('allows correcting a corrected fact again', () => {
    given([...publishedEvents, correctionEvent()])
      .when(correct(BAN_ID, { ...correctedBan, count: 5 }, 'correction-2'))
      .then([correctionEvent('correction-2', 5)]);
  });

  it('refuses to correct a retracted fact', () => {
    given([...publishedEvents, retractionEvent()]).when(correct(BAN_ID, correctedBan)).then('fact-retracted', 'factId');
  });

  it('checks the corrected content, naming the field under "corrected"', () => {
    given(publishedEvents).when(correct(BAN_ID, { ...correctedBan, batch: { number: 3, of: 2 } }))
      .then('invalid-input', 'corrected.batch.number');
    given(publishedEvents).when(correct(BAN_ID, { ...correctedBan, jurisdiction: 'Atlantis' }))
      .then('invalid-input', 'corrected.jurisdiction');
    given(publishedEvents).when(correct(BAN_ID, { ...correctedBan, effective: '2021-02-29' }))
      .then('invalid-input', 'corrected.effective');
  });

  it('requires a reason', () => {
    given(publishedEvents).when({ ...(correct(BAN_ID, correctedBan) as Extract<NoticeCommand, { type: 'CorrectFact' }>),
      reason: ' ' }).then('invalid-input', 'reason');
  });
});

describe('RetractFact', () => {
  it('records the retraction', () => {
    given(publishedEvents).when(retract(BAN_ID)).then([retractionEvent()]);
  });

  it('allows retracting a corrected fact', () => {
    given([...publishedEvents, correctionEvent()]).when(retract(BAN_ID)).then([retractionEvent()]);
  });

  it('refuses to retract twice', () => {
    given([...publishedEvents, retractionEvent()]).when(retract(BAN_ID, 'retraction-2')).then('fact-retracted', 'factId');
  });

  it('refuses an unknown fact and a missing notice', () => {
    given(publishedEvents).when(retract('other-notice:1')).then('fact-not-found', 'factId');
    given([]).when(retract(BAN_ID)).then('notice-not-found', undefined);
  });

  it('leaves the other facts of the notice correctable', () => {
    given([...publishedEvents, retractionEvent()])
      .when(correct(`${NOTICE_ID}:1`, { ...prohibited, effective: '2019-11' }))
      .then([{
        type: 'FactCorrected.v1',
        data: {
          noticeId: NOTICE_ID, factId: `${NOTICE_ID}:1`, correctionId: 'correction-1', reason: 'the source says four',
          corrected: {
            ...(publishedEvents[1]!.data as FactData<'BusinessLineProhibited'>),
            effective: { text: '2019-11', precision: 'month', earliest: '2019-11-01', latest: '2019-11-30' },
          },
        },
      }]);
  });
});

describe('fact ids named like the properties of every object', () => {
  const NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__'];
  const corroborate = (factId: string): NoticeCommand => ({
    type: 'CorroborateFact', noticeId: NOTICE_ID, factId, corroborationId: 'corroboration-1', now: NOW,
    corroboration: { title: 'wire', authority: 'Example LFSA', published: '2020-01-01', source: { document: 'w.txt', publisher: 'Wire', quote: QUOTE } },
  });

  it.each(NAMES)('%s is not a fact of the notice: retract, correct and corroborate refuse it', (factId) => {
    given(publishedEvents).when(retract(factId)).then('fact-not-found', 'factId');
    given(publishedEvents).when(correct(factId, correctedBan)).then('fact-not-found', 'factId');
    given(publishedEvents).when(corroborate(factId)).then('fact-not-found', 'factId');
  });

  it.each(NAMES)('a retraction or correction of %s already in a log changes nothing', (factId) => {
    const state = publishedEvents.reduce(evolve, initialState());
    expect(evolve(state, retractionEvent(factId))).toBe(state);
    const corrected = { ...correctionEvent(), data: { ...(correctionEvent().data as object), factId } };
    expect(evolve(state, corrected as NoticeEvent)).toBe(state);
  });
});

describe('evolve', () => {
  const fold = (events: readonly NoticeEvent[]) => events.reduce(evolve, initialState());

  it('starts empty', () => {
    expect(initialState()).toStrictEqual({ notice: null, facts: {} });
  });

  it('holds the notice and each fact as published', () => {
    const state = fold(publishedEvents);
    expect(state.notice).toBe(publishedEvents[0]!.data);
    expect(Object.keys(state.facts)).toStrictEqual(['nx-2019-10-18:1', 'nx-2019-10-18:2', 'nx-2019-10-18:3',
      'nx-2019-10-18:4']);
    expect(state.facts[BAN_ID]).toStrictEqual({ current: bannedData, retracted: false, corrections: 0, corroboratedWindows: [] });
  });

  it('holds the corrected content after a correction, and counts corrections', () => {
    const once = fold([...publishedEvents, correctionEvent()]);
    expect(once.facts[BAN_ID]).toStrictEqual({
      current: { ...bannedData, count: 4, names: ['Platform A', 'Platform B', 'Platform C'] },
      retracted: false, corrections: 1, corroboratedWindows: [],
    });
    const twice = fold([...publishedEvents, correctionEvent(), correctionEvent('correction-2', 5)]);
    expect(twice.facts[BAN_ID]?.current).toMatchObject({ count: 5 });
    expect(twice.facts[BAN_ID]?.corrections).toBe(2);
    expect(twice.facts[`${NOTICE_ID}:1`]).toStrictEqual(once.facts[`${NOTICE_ID}:1`]);
  });

  it('marks a retracted fact and keeps its last content', () => {
    const state = fold([...publishedEvents, correctionEvent(), retractionEvent()]);
    expect(state.facts[BAN_ID]).toMatchObject({ retracted: true, corrections: 1, current: { count: 4 } });
  });

  it('ignores corrections and retractions of facts it does not know', () => {
    const state = fold(publishedEvents);
    expect(evolve(state, retractionEvent('elsewhere:1'))).toBe(state);
    const elsewhere = { ...correctionEvent(), data: { ...(correctionEvent().data as object), factId: 'elsewhere:1' } };
    expect(evolve(state, elsewhere as NoticeEvent)).toBe(state);
  });

  it('does not modify the state it is given', () => {
    const state = fold(publishedEvents);
    const before = structuredClone(state);
    evolve(state, correctionEvent());
    evolve(state, retractionEvent());
    expect(state).toStrictEqual(before);
  });
});

describe('event names', () => {
  it('versions types and strips the version', () => {
    expect(eventTypeOf('InstitutionsBanned')).toBe('InstitutionsBanned.v1');
    expect(kindOfEventType('InstitutionsBanned.v1')).toBe('InstitutionsBanned');
    expect(kindOfEventType('FactCorrected.v12')).toBe('FactCorrected');
  });

  it('tells fact events from notice events', () => {
    expect(publishedEvents.map(isFactEvent)).toStrictEqual([false, true, true, true, true]);
    expect(isFactEvent(correctionEvent())).toBe(false);
    expect(isFactEvent(retractionEvent())).toBe(false);
  });

  it('names streams and fact ids from the notice id', () => {
    expect(noticeStreamName('nx-2019-10-18')).toBe('notice-nx-2019-10-18');
    expect(factIdOf('nx-2019-10-18', 0)).toBe('nx-2019-10-18:1');
  });
});
