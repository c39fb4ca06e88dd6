import canonicalizeModule from 'canonicalize';

// canonicalize is CommonJS typed as an ES default export: under Node ESM the default import is the function itself
type Canonicalize = (input: unknown) => string | undefined;
const canonicalize: Canonicalize =
  (canonicalizeModule as unknown as { default?: Canonicalize }).default ?? (canonicalizeModule as unknown as Canonicalize);

/** RFC 8785 canonical JSON of a JSON value. */
export function canonicalJson(value: unknown, what: string): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError(`${what} cannot be canonicalized`);
  return text;
}

/** What identifies an event in the hashed envelope, besides its data, metadata and link. */
export interface EnvelopeFields {
  readonly streamName: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
}

/**
 * The RFC 8785 text of the hashed envelope
 *   { data, eventId (lower case), metadata (without links), prevHash, revision, stream, type }
 * built from the canonical texts of data and metadata: the members in RFC 8785 order (UTF-16 code
 * units), strings and numbers printed by JSON.stringify, exactly as the canonicalize package prints
 * them. Equal, byte for byte, to canonicalize() of the whole envelope (event-hash.spec pins it).
 */
export function canonicalEnvelope(fields: EnvelopeFields, dataText: string, metadataText: string, prevHash: string): string {
  return envelopeAround(envelopeJoin(fields.eventId), fields, dataText, metadataText, prevHash);
}

/** The text between data and metadata in the envelope: `,"eventId":"<id, lower case>","metadata":`. */
export const envelopeJoin = (eventId: string): string => `,"eventId":${JSON.stringify(eventId.toLowerCase())},"metadata":`;

/** canonicalEnvelope with its join already made (verify makes it once per event for two uses). */
export function envelopeAround(join: string, fields: EnvelopeFields, dataText: string, metadataText: string, prevHash: string): string {
  return `${ENVELOPE_OPENING}${dataText}${envelopeAfterData(join, fields, metadataText, prevHash)}`;
}

/** The envelope's text before the data: the data is its first member. */
export const ENVELOPE_OPENING = '{"data":';

/** The envelope's text after the data (verify hashes the stored data bytes between the two, never decoding them). */
export function envelopeAfterData(join: string, fields: EnvelopeFields, metadataText: string, prevHash: string): string {
  return `${join}${metadataText},"prevHash":${JSON.stringify(prevHash)},"revision":${JSON.stringify(fields.revision)}`
    + `,"stream":${JSON.stringify(fields.streamName)},"type":${JSON.stringify(fields.type)}}`;
}

/**
 * The metadata text the SQLite store keeps: the canonical text of the caller's metadata with the
 * links appended as its last two members, `{...,"prevHash":"<hex>","hash":"<hex>"}`. It parses to
 * the same object as before (links last); the canonical part is the hashed text as is.
 */
export function storedMetadataText(canonicalMetadata: string, prevHash: string, hash: string): string {
  const links = `"prevHash":${JSON.stringify(prevHash)},"hash":${JSON.stringify(hash)}}`;
  return canonicalMetadata === '{}' ? `{${links}` : `${canonicalMetadata.slice(0, -1)},${links}`;
}

export interface StoredMetadataParts {
  /** the text before the links, closed: the canonical metadata when the row was written canonical */
  readonly metadataText: string;
  readonly prevHash: string;
  readonly hash: string;
}

const PREV_HASH_MEMBER = '"prevHash":"';
const HASH_MEMBER = '","hash":"';
/** `,"prevHash":"<64 hex>","hash":"<64 hex>"}` (or `{` first when there is nothing else) */
const LINKS_SUFFIX_LENGTH = 1 + PREV_HASH_MEMBER.length + 64 + HASH_MEMBER.length + 64 + 2;

/** Splits a stored metadata text into its part before the links and the links; null when it does not end with them. */
export function splitStoredMetadata(text: string): StoredMetadataParts | null {
  const start = text.length - LINKS_SUFFIX_LENGTH;
  if (start < 0) return null;
  // fixed offsets, no scan: this runs once per event of the log
  const opening = text.charCodeAt(start);
  const prevHashAt = start + 1 + PREV_HASH_MEMBER.length;
  const hashAt = prevHashAt + 64 + HASH_MEMBER.length;
  if ((opening !== 0x2c && opening !== 0x7b) || (opening === 0x7b) !== (start === 0)
    || !text.startsWith(PREV_HASH_MEMBER, start + 1) || !text.startsWith(HASH_MEMBER, prevHashAt + 64) || !text.endsWith('"}')) {
    return null;
  }
  // not checked as hex here: an envelope whose hash equals `hash` can only hold the hex written at append
  const prevHash = text.slice(prevHashAt, prevHashAt + 64);
  const hash = text.slice(hashAt, hashAt + 64);
  return { metadataText: start === 0 ? '{}' : `${text.slice(0, start)}}`, prevHash, hash };
}

/**
 * Whether data and metadata texts are placed unambiguously in the envelope: a data text ending
 * early or late would shift the join (envelopeJoin) into one of them. When neither
 * contains it, an envelope equal to the one hashed at append has these very data and metadata texts.
 */
export function joinsUnambiguously(join: string, dataText: string | Uint8Array, metadataText: string): boolean {
  return !(typeof dataText === 'string' ? dataText.includes(join) : bytesInclude(dataText, join)) && !metadataText.includes(join);
}

/** Every join starts so (envelopeJoin); as bytes, made once. */
const JOIN_OPENING = Buffer.from(',"eventId":', 'utf8');

/**
 * Whether stored data bytes hold the join. Most hold no `,"eventId":` at all: one search for those
 * bytes, made once, where searching for the whole join converted it to bytes per event first.
 */
function bytesInclude(data: Uint8Array, join: string): boolean {
  // better-sqlite3 gives a Buffer already: no view made per event
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return bytes.indexOf(JOIN_OPENING) !== -1 && bytes.includes(join);
}
