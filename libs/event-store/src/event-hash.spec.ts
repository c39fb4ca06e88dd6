import { describe, expect, it } from '@jest/globals';
import { chainEvents, eventHash, GENESIS_HASH } from './event-hash.js';

const notice = (i: number) => ({
  eventId: `0000000${i}-AAAA-4000-8000-000000000000`,
  type: 'InstitutionsBanned.v1',
  data: { noticeId: 'n-1', count: 3 + i, names: ['微贷网', 'Weidai'], effective: { latest: '2020-06-30', earliest: null }, note: undefined },
  metadata: { actor: 'seed', causationId: `c-${i}` },
});

describe('the hash chain both adapters write', () => {
  it('links a stream: the first event to genesis, each next one to the hash before it', () => {
    const [first, second] = chainEvents('notice-1', 0, GENESIS_HASH, [notice(1), notice(2)]);
    expect(first!.metadata.prevHash).toBe(GENESIS_HASH);
    expect(second!.metadata.prevHash).toBe(first!.metadata.hash);
    expect(first!.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first!.metadata).toMatchObject({ actor: 'seed', causationId: 'c-1' });
  });

  it('gives the same hash for the same event as either store reads it back (key order, id case, undefined fields)', () => {
    const [written] = chainEvents('notice-1', 0, GENESIS_HASH, [notice(1)]);
    // EventStoreDB returns ids in lower case and JSON with its own key order; SQLite returns what it stored
    const readBack = {
      streamName: 'notice-1', revision: 0, eventId: notice(1).eventId.toLowerCase(), type: 'InstitutionsBanned.v1',
      data: JSON.parse('{"names":["微贷网","Weidai"],"effective":{"earliest":null,"latest":"2020-06-30"},"count":4,"noticeId":"n-1"}'),
      metadata: { hash: written!.metadata.hash, causationId: 'c-1', prevHash: GENESIS_HASH, actor: 'seed' },
    };
    expect(eventHash(readBack, GENESIS_HASH)).toBe(written!.metadata.hash);
  });

  it('returns each event as the SQLite store reads it back: data and metadata parsed from the stored texts, members in that order', () => {
    const [written] = chainEvents('notice-1', 0, GENESIS_HASH, [notice(1)]);
    // toEqual ignores the members' order; the texts do not (an answer serialized from the returned event is the one read later)
    expect(JSON.stringify(written!.data)).toBe(written!.stored.data);
    expect(JSON.stringify(written!.metadata)).toBe(written!.stored.metadata);
    expect(Object.keys(written!.data as object)).toEqual(['count', 'effective', 'names', 'noticeId']);
  });

  it('is pinned: the hash of a known event never changes between releases (saved digests depend on it)', () => {
    const [written] = chainEvents('notice-1', 0, GENESIS_HASH, [notice(1)]);
    expect(written!.metadata.hash).toBe(PINNED);
  });

  it('changes with the content, the revision, the stream and the link', () => {
    const base = { streamName: 's', revision: 0, eventId: 'e', type: 't', data: { a: 1 }, metadata: {} };
    const hash = eventHash(base, GENESIS_HASH);
    expect(eventHash({ ...base, data: { a: 2 } }, GENESIS_HASH)).not.toBe(hash);
    expect(eventHash({ ...base, revision: 1 }, GENESIS_HASH)).not.toBe(hash);
    expect(eventHash({ ...base, streamName: 't' }, GENESIS_HASH)).not.toBe(hash);
    expect(eventHash(base, 'f'.repeat(64))).not.toBe(hash);
    // a caller cannot choose its own links: they are replaced at append
    const [forged] = chainEvents('s', 0, GENESIS_HASH, [{ ...base, metadata: { hash: 'x', prevHash: 'y' } }]);
    expect(forged!.metadata.hash).toBe(hash);
  });
});

const PINNED = '4bf8412dd7f91bef02640936fde1f160acd224b19160f0f07ffa8455c65ad494';
