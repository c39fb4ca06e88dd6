import {
  decodeDocumentEvent, decodeEvent, decodeNoticeEvent, decodeOwnEvent, STORED_EVENT_TYPES, UndecodableEventError, type DomainEventType,
} from './decode.js';

// every type readers switch on, checked by the compiler against the DomainEvent union
const EVERY_TYPE: Record<DomainEventType, true> = {
  'NoticePublished.v1': true, 'FactCorrected.v1': true, 'FactCorroborated.v1': true, 'FactRetracted.v1': true,
  'DocumentRegistered.v1': true, 'BusinessLineProhibited.v1': true, 'InstitutionsBanned.v1': true, 'InstitutionsClosed.v1': true,
  'InstitutionsRevoked.v1': true, 'InstitutionExitAnnounced.v1': true, 'StatisticReported.v1': true,
  'NameRestrictionImposed.v1': true, 'PartnershipHalted.v1': true,
};

const stored = (type: string, data: unknown = { noticeId: 'n-1' }) => ({ position: 7, recordedAt: '2026-01-01T00:00:00.000Z', type, data });

describe('decoding stored events', () => {
  it('reads every type and version of the catalogue, and the catalogue is every type readers handle', () => {
    expect([...STORED_EVENT_TYPES].sort()).toStrictEqual(Object.keys(EVERY_TYPE).sort());
  });

  it.each(STORED_EVENT_TYPES)('given a stored %s event, when decoded, then its type, data and envelope are kept', (type) => {
    const event = stored(type, { noticeId: 'n-1', factId: 'n-1:1' });
    const decoded = decodeEvent(event);
    expect(decoded).toStrictEqual(event);
    expect(decoded.position).toBe(7);
  });

  it('given a decoded event, when its type is checked, then its data is typed without a cast', () => {
    const decoded = decodeEvent(stored('FactRetracted.v1', { noticeId: 'n-1', factId: 'n-1:1', retractionId: 'r', reason: 'wrong' }));
    expect(decoded.type === 'FactRetracted.v1' ? decoded.data.reason : null).toBe('wrong');
  });

  it('given an event of a kind that is not ours, when decoded, then it is "not ours" (null), or refused where only ours may be', () => {
    expect(decodeOwnEvent(stored('SomethingElse.v1'))).toBeNull();
    expect(decodeOwnEvent(stored('t'))).toBeNull();
    expect(decodeOwnEvent(stored('constructor.v1'))).toBeNull();
    expect(() => decodeEvent(stored('SomethingElse.v1'))).toThrow(UndecodableEventError);
    expect(() => decodeEvent(stored('SomethingElse.v1'))).toThrow('cannot decode a stored "SomethingElse.v1" event: its type is not in the catalogue');
  });

  it.each(['InstitutionsBanned.v2', 'NoticePublished', 'FactCorrected.v0', 'DocumentRegistered.toString'])(
    'given our kind at an unknown version (%s), when decoded, then it is refused, never skipped', (type) => {
      expect(() => decodeOwnEvent(stored(type))).toThrow(UndecodableEventError);
      expect(() => decodeEvent(stored(type))).toThrow(/version .* is unknown \(known: v1\)/);
    });

  it.each([null, 'text', 3, ['a']])('given our type with data %p, when decoded, then it is refused', (data) => {
    expect(() => decodeOwnEvent(stored('NoticePublished.v1', data))).toThrow('its data is not a JSON object');
  });
});

describe('decoding the events of one stream', () => {
  it('given a notice stream, when its events are decoded, then a document event is refused', () => {
    expect(decodeNoticeEvent(stored('FactRetracted.v1')).type).toBe('FactRetracted.v1');
    expect(() => decodeNoticeEvent(stored('DocumentRegistered.v1'))).toThrow('a notice stream holds no document event');
  });

  it('given a document stream, when its events are decoded, then any other event is refused', () => {
    expect(decodeDocumentEvent(stored('DocumentRegistered.v1')).type).toBe('DocumentRegistered.v1');
    expect(() => decodeDocumentEvent(stored('NoticePublished.v1'))).toThrow('a document stream holds only DocumentRegistered events');
  });
});
