import { hash as digest } from 'node:crypto';
import {
  canonicalEnvelope, canonicalJson, ENVELOPE_OPENING, envelopeAfterData, envelopeJoin, joinsUnambiguously, splitStoredMetadata, storedMetadataText,
  type EnvelopeFields,
} from './canonical-event-text.js';
import type { StoredRow } from './event-store.js';

/**
 * The hash chain of the log (issue 5). Each event's metadata carries
 *   prevHash: the hash of the previous event of its stream, GENESIS_HASH for a stream's first event;
 *   hash:     SHA-256 (hex) of the RFC 8785 canonical JSON of
 *             { stream, revision, eventId (lower case), type, data, metadata without hash/prevHash, prevHash }.
 * prevHash is inside the hashed text, so each hash commits to the whole stream before it.
 * The position and recordedAt are not: the store assigns them after the hash is fixed
 * (EventStoreDB on its server); the log digest covers positions instead.
 * Both adapters call chainEvents() at append, so one event hashes the same in either store.
 */
export const HASH_ALGORITHM = 'sha256-rfc8785';
/** prevHash of a stream's first event (a string, so every chained event has the same shape) */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashableEvent {
  readonly streamName: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface ChainLinks {
  readonly hash: string;
  readonly prevHash: string;
}

/** one-shot crypto.hash: no Hash object per event (SHA-256 of the UTF-8 bytes, hex) */
const sha256 = (text: string): string => digest('sha256', text, 'hex');

/** The metadata as the caller gave it: the chain's own fields are never part of what is hashed. */
export function metadataWithoutLinks(metadata: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { hash: _hash, prevHash: _prevHash, ...rest } = metadata;
  return rest;
}

/** The RFC 8785 text an event's hash is taken over (what the hash is defined on). */
export function canonicalEventText(event: HashableEvent, prevHash: string): string {
  return canonicalJson({
    stream: event.streamName,
    revision: event.revision,
    eventId: event.eventId.toLowerCase(),
    type: event.type,
    data: event.data ?? null,
    metadata: metadataWithoutLinks(event.metadata),
    prevHash,
  }, `event ${event.eventId}`);
}

/** The hash of an event's content linked to `prevHash`. Expects JSON values as the store returns them. */
export function eventHash(event: HashableEvent, prevHash: string): string {
  return sha256(canonicalEventText(event, prevHash));
}

/** An event's data and metadata as the SQLite store keeps them (text, not parsed). */
export interface StoredEventText {
  readonly data: string;
  readonly metadata: string;
  /** the data text's UTF-8 bytes as stored, when the store read them so: hashed as they are, never decoded */
  readonly dataBytes?: Uint8Array;
}

/** What the stored text of a chained event says, and whether its content still hashes to its hash. */
export interface StoredTextCheck {
  readonly hash: string;
  readonly prevHash: string;
  /** true: the texts hash to `hash` as stored. false: not by the fast path (written before canonical storage, or altered) */
  readonly matches: boolean;
}

/**
 * The fast check, with no JSON parsing: rows written since the store keeps data and metadata as
 * RFC 8785 text (canonicalised once at append, as the hash needs) give the hashed envelope by
 * templating. null when the metadata text does not end with the links (unchained or edited rows).
 * `matches: false` proves nothing: the caller checks such an event by eventHash() on its parsed content.
 */
export function checkStoredText(fields: EnvelopeFields, text: StoredEventText): StoredTextCheck | null {
  return checkTexts(fields, text.dataBytes ?? text.data, text.metadata);
}

/** checkStoredText of a raw row of a range (the audit's checker): the same check. */
export function checkStoredRow(row: StoredRow): StoredTextCheck | null {
  return checkTexts({ streamName: row[2], revision: row[3], eventId: row[1], type: row[4] }, row[5], row[6]);
}

function checkTexts(fields: EnvelopeFields, data: string | Uint8Array, metadata: string): StoredTextCheck | null {
  const parts = splitStoredMetadata(metadata);
  if (!parts) return null;
  const join = envelopeJoin(fields.eventId);
  const matches = joinsUnambiguously(join, data, parts.metadataText)
    && envelopeDigest(data, envelopeAfterData(join, fields, parts.metadataText, parts.prevHash)) === parts.hash;
  return { hash: parts.hash, prevHash: parts.prevHash, matches };
}

const OPENING_BYTES = Buffer.from(ENVELOPE_OPENING, 'utf8');
/** The envelope being checked, written here to be hashed in one call: no allocation per event (grows to the largest). */
let scratch = Buffer.allocUnsafeSlow(64 * 1024);

/** SHA-256 (hex) of the envelope around the stored data (its text, or its UTF-8 bytes as stored). */
function envelopeDigest(data: string | Uint8Array, afterData: string): string {
  // at most 3 UTF-8 bytes per UTF-16 code unit
  const room = OPENING_BYTES.length + (typeof data === 'string' ? data.length * 3 : data.byteLength) + afterData.length * 3;
  if (scratch.length < room) scratch = Buffer.allocUnsafeSlow(Math.max(room, scratch.length * 2));
  let at = OPENING_BYTES.copy(scratch, 0);
  if (typeof data === 'string') {
    at += scratch.write(data, at, 'utf8');
  } else {
    scratch.set(data, at);
    at += data.byteLength;
  }
  at += scratch.write(afterData, at, 'utf8');
  return digest('sha256', scratch.subarray(0, at), 'hex');
}

/** The prevHash for the event after `previous` (undefined: the stream is new; unchained: genesis again). */
export const nextPrevHash = (previous: { readonly metadata: Readonly<Record<string, unknown>> } | undefined): string => {
  const hash = previous?.metadata.hash;
  return typeof hash === 'string' ? hash : GENESIS_HASH;
};

export interface EventToChain {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export type ChainedEvent<E> = E & {
  data: unknown;
  metadata: Record<string, unknown> & ChainLinks;
  /** data and metadata as the SQLite store keeps them: canonical texts, the links last */
  stored: StoredEventText;
};

/**
 * The events about to be appended at `firstRevision`, their data and metadata normalised to JSON
 * (as they will be read back) and their metadata carrying hash and prevHash. Data and metadata are
 * canonicalised once each; the hashed envelope is templated from those texts.
 */
export function chainEvents<E extends EventToChain>(
  streamName: string, firstRevision: number, prevHash: string, events: readonly E[],
): ChainedEvent<E>[] {
  let previous = prevHash;
  // a command's events usually share one metadata object: canonicalised once for all of them
  let metadataOf: { readonly source: unknown; readonly metadata: Record<string, unknown>; readonly text: string } | null = null;
  return events.map((event, i) => {
    // canonicalised as given (the canonical text is what is stored and hashed), and parsed from that
    // text: data and metadata as they will be read back (members in canonical order)
    const dataText = canonicalJson(event.data ?? null, `event ${event.eventId}`);
    const data = JSON.parse(dataText) as unknown;
    if (metadataOf === null || metadataOf.source !== event.metadata) {
      const text = canonicalJson(metadataWithoutLinks(event.metadata ?? {}), `event ${event.eventId}`);
      metadataOf = { source: event.metadata, metadata: JSON.parse(text) as Record<string, unknown>, text };
    }
    const { metadata, text: metadataText } = metadataOf;
    const fields = { streamName, revision: firstRevision + i, eventId: event.eventId, type: event.type };
    const hash = sha256(canonicalEnvelope(fields, dataText, metadataText, previous));
    const stored = { data: dataText, metadata: storedMetadataText(metadataText, previous, hash) };
    // Object.assign, not a spread followed by keys of its own (a slow path of V8 11: README, Performance)
    const chained = Object.assign({}, event, { data, metadata: Object.assign({}, metadata, { prevHash: previous, hash }), stored });
    previous = hash;
    return chained;
  });
}
