import { describe, expect, it } from '@jest/globals';
import canonicalizeModule from 'canonicalize';
import { canonicalEnvelope, splitStoredMetadata, storedMetadataText } from './canonical-event-text.js';
import { chainEvents, checkStoredRow, checkStoredText, eventHash, GENESIS_HASH } from './event-hash.js';

type Canonicalize = (input: unknown) => string | undefined;
const canonicalize: Canonicalize =
  (canonicalizeModule as unknown as { default?: Canonicalize }).default ?? (canonicalizeModule as unknown as Canonicalize);

/** Data that trips naive serialisers: RFC 8785 number forms, escapes, unicode key order, nesting. */
const TRICKY_DATA: readonly unknown[] = [
  { numbers: [1e21, 1e-7, 0.1, -0, 5e-324, 1.7976931348623157e308, 9007199254740991, -1.5, 100, 123456789012345680000] },
  { escapes: '"quoted" \\ back / slash \n\r\t\b\f \u0000 \u001f \u007f \u2028 \u2029 </script>' },
  { unicode: '微贷网 Weidai 🙂 é (e\u0301) \ud800 lone', '🙂': 1, '\uffff': 2, é: 3, e: 4, E: 5, '': 6, '10': 7, '9': 8 },
  { z: { y: { x: [{ b: 1, a: 2 }, [], {}, null, true, false] } }, a: [[[]]], m: { nested: { deeper: { deepest: 'x' } } } },
  { omitted: undefined, kept: null, list: [undefined, 1] },
  'a bare string', 42, null, true, [], {},
];

const TRICKY_METADATA: readonly Record<string, unknown>[] = [
  {},
  { actor: 'seed', causationId: 'c-1', correlationId: undefined, requestHash: 'ab'.repeat(32) },
  { zeta: 1, alpha: { b: [1, 2], a: '\u00e9' }, 'prevHashes': 'not a link', hashes: ['x'] },
  // links a caller sends are replaced at append
  { actor: 'x', hash: 'forged', prevHash: 'forged' },
];

const eventOf = (data: unknown, metadata: Record<string, unknown>, i: number) => ({
  eventId: `0000000${i}-ABCD-4000-8000-00000000000F`, type: `Type "${i}" ✓`, data, metadata,
});

describe('the canonical text the SQLite store keeps', () => {
  it('gives, by templating, the very bytes the canonicalize package gives for the whole envelope', () => {
    let i = 0;
    for (const data of TRICKY_DATA) {
      for (const metadata of TRICKY_METADATA) {
        const stream = `notice-"${i}"-ü`;
        const prevHash = i % 2 === 0 ? GENESIS_HASH : 'f'.repeat(64);
        const [written] = chainEvents(stream, i, prevHash, [eventOf(data, metadata, i)]);
        const parts = splitStoredMetadata(written!.stored.metadata);
        expect(parts).not.toBeNull();
        const fields = { streamName: stream, revision: i, eventId: written!.eventId, type: written!.type };
        const fast = canonicalEnvelope(fields, written!.stored.data, parts!.metadataText, parts!.prevHash);
        const { hash: _h, prevHash: _p, ...rest } = JSON.parse(JSON.stringify(metadata)) as Record<string, unknown>;
        const definition = canonicalize({
          stream, revision: i, eventId: written!.eventId.toLowerCase(), type: written!.type,
          data: JSON.parse(JSON.stringify(data ?? null)), metadata: rest, prevHash,
        });
        expect(fast).toBe(definition);
        expect(parts).toEqual({ metadataText: canonicalize(rest), prevHash, hash: written!.metadata.hash });
        // the audit's fast path, on the text and on its UTF-8 bytes as the store reads them
        expect(checkStoredText(fields, written!.stored)?.matches).toBe(true);
        expect(checkStoredText(fields, { ...written!.stored, dataBytes: Buffer.from(written!.stored.data, 'utf8') })?.matches).toBe(true);
        // and on a raw row of a range, as the audit's checker reads it
        const row = [i + 1, written!.eventId, stream, i, written!.type, Buffer.from(written!.stored.data, 'utf8'), written!.stored.metadata] as const;
        expect(checkStoredRow(row)).toEqual(checkStoredText(fields, written!.stored));
        i += 1;
      }
    }
  });

  it('reads back as the data and metadata appended, the links last, and checks without parsing', () => {
    const [written] = chainEvents('s', 0, GENESIS_HASH, [eventOf(TRICKY_DATA[3], TRICKY_METADATA[1]!, 1)]);
    expect(JSON.parse(written!.stored.data)).toEqual(written!.data);
    const metadata = JSON.parse(written!.stored.metadata) as Record<string, unknown>;
    expect(metadata).toEqual(written!.metadata);
    expect(Object.keys(metadata).slice(-2)).toEqual(['prevHash', 'hash']);
    const fields = { streamName: 's', revision: 0, eventId: written!.eventId, type: written!.type };
    expect(checkStoredText(fields, written!.stored)).toEqual({ hash: written!.metadata.hash, prevHash: GENESIS_HASH, matches: true });
  });

  it('does not match text stored before canonical storage (the full path still verifies it) nor edited text', () => {
    const [written] = chainEvents('s', 0, GENESIS_HASH, [eventOf({ b: 1, a: [0.1] }, { actor: 'seed', causationId: 'c' }, 1)]);
    const fields = { streamName: 's', revision: 0, eventId: written!.eventId, type: written!.type };
    const { hash, prevHash } = written!.metadata;
    // how rows were written before: JSON.stringify in insertion order
    const older = { data: JSON.stringify({ b: 1, a: [0.1] }), metadata: JSON.stringify({ causationId: 'c', actor: 'seed', prevHash, hash }) };
    expect(checkStoredText(fields, older)).toEqual({ hash, prevHash, matches: false });
    expect(eventHash({ ...fields, data: JSON.parse(older.data), metadata: JSON.parse(older.metadata) }, prevHash)).toBe(hash);
    expect(checkStoredText(fields, { ...written!.stored, data: '{"a":[0.1],"b":2}' })?.matches).toBe(false);
    const editedBytes = Buffer.from(written!.stored.data, 'utf8').map((byte) => (byte === 0x31 ? 0x32 : byte));
    expect(checkStoredText(fields, { ...written!.stored, dataBytes: editedBytes })?.matches).toBe(false);
    expect(checkStoredText({ ...fields, revision: 1 }, written!.stored)?.matches).toBe(false);
    expect(checkStoredText(fields, { ...written!.stored, metadata: '{"actor":"seed"}' })).toBeNull();
  });

  it('refuses a split that moves bytes between data and metadata, though the envelope is the same', () => {
    // metadata holding the join `,"eventId":"<id>","metadata":` lets a forger move its head into the data text
    const eventId = '00000001-0000-4000-8000-000000000000';
    const [written] = chainEvents('s', 0, GENESIS_HASH, [
      { eventId, type: 't', data: { d: 1 }, metadata: { a: 1, eventId, metadata: { m: 2 } } },
    ]);
    const fields = { streamName: 's', revision: 0, eventId, type: 't' };
    const parts = splitStoredMetadata(written!.stored.metadata)!;
    const join = `,"eventId":"${eventId}","metadata":`;
    const cut = parts.metadataText.indexOf(join);
    expect(cut).toBeGreaterThan(0);
    const data = `${written!.stored.data}${join}${parts.metadataText.slice(0, cut)}`;
    const metadataText = parts.metadataText.slice(cut + join.length);
    expect(canonicalEnvelope(fields, data, metadataText, GENESIS_HASH)).toBe(canonicalEnvelope(fields, written!.stored.data, parts.metadataText, GENESIS_HASH));
    const forged = { data, metadata: storedMetadataText(metadataText, GENESIS_HASH, parts.hash) };
    expect(checkStoredText(fields, forged)?.matches).toBe(false);
    expect(checkStoredText(fields, { ...forged, dataBytes: Buffer.from(data, 'utf8') })?.matches).toBe(false);
    expect(checkStoredText(fields, written!.stored)?.matches).toBe(false); // ambiguous even untouched: the full path decides
  });
});
