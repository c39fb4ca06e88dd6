import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// canonicalize is CommonJS typed as an ES default export: under Node ESM the default import is the function itself
type Canonicalize = (input: unknown) => string | undefined;
const canonicalize: Canonicalize =
  (canonicalizeModule as unknown as { default?: Canonicalize }).default ?? (canonicalizeModule as unknown as Canonicalize);

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

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The metadata as the caller gave it: the chain's own fields are never part of what is hashed. */
export function metadataWithoutLinks(metadata: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { hash: _hash, prevHash: _prevHash, ...rest } = metadata;
  return rest;
}

/** The hash of an event's content linked to `prevHash`. Expects JSON values as the store returns them. */
export function eventHash(event: HashableEvent, prevHash: string): string {
  const text = canonicalize({
    stream: event.streamName,
    revision: event.revision,
    eventId: event.eventId.toLowerCase(),
    type: event.type,
    data: event.data ?? null,
    metadata: metadataWithoutLinks(event.metadata),
    prevHash,
  });
  if (text === undefined) throw new TypeError(`event ${event.eventId} cannot be canonicalized`);
  return sha256(text);
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

/**
 * The events about to be appended at `firstRevision`, their data and metadata normalised to JSON
 * (as they will be read back) and their metadata carrying hash and prevHash.
 */
export function chainEvents<E extends EventToChain>(
  streamName: string, firstRevision: number, prevHash: string, events: readonly E[],
): (E & { data: unknown; metadata: Record<string, unknown> & ChainLinks })[] {
  let previous = prevHash;
  return events.map((event, i) => {
    const data = JSON.parse(JSON.stringify(event.data ?? null)) as unknown;
    const metadata = JSON.parse(JSON.stringify(metadataWithoutLinks(event.metadata ?? {}))) as Record<string, unknown>;
    const hash = eventHash({ streamName, revision: firstRevision + i, eventId: event.eventId, type: event.type, data, metadata }, previous);
    const chained = { ...event, data, metadata: { ...metadata, prevHash: previous, hash } };
    previous = hash;
    return chained;
  });
}
