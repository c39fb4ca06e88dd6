import { FACT_KINDS } from '../facts/fact-catalogue.js';
import type { DocumentEvent } from '../documents/document-events.js';
import type { NoticeEvent } from '../notice/notice-events.js';

/** Every event this service records, at the version readers handle: the union they switch on. */
export type DomainEvent = NoticeEvent | DocumentEvent;
export type DomainEventType = DomainEvent['type'];
export type DomainEventData<T extends DomainEventType> = Extract<DomainEvent, { type: T }>['data'];

/** What any store gives back: a type string and parsed JSON (plus whatever envelope the store adds). */
export interface StoredEventLike {
  readonly type: string;
  readonly data: unknown;
}

/** A stored event with its type and data typed; its envelope (position, ids, metadata) kept as it was. */
export type Decoded<E extends StoredEventLike> = DomainEvent extends infer D
  ? D extends DomainEvent ? Omit<E, 'type' | 'data'> & D : never
  : never;

type Kind = DomainEventType extends `${infer K}.v1` ? K : never;
type Current<K extends Kind> = Extract<DomainEventType, `${K}.${string}`>;
/** From the data of one stored version to the data readers handle (the current version). */
type Upcaster<K extends Kind> = (data: object) => DomainEventData<Current<K>>;

/**
 * The catalogue of stored versions, per kind. v1 is the current shape of every kind, so reading
 * it is typing it: the decider is the only writer and the audit's hash chain detects any later
 * alteration, so fields are not checked one by one here. A breaking change adds `v2` as current
 * and turns `v1` into an upcaster to it: readers only ever see the current shape.
 */
const current = (data: object): never => data as never;
const STORED_VERSIONS: { readonly [K in Kind]: { readonly current: string; readonly read: Readonly<Record<string, Upcaster<K>>> } } = {
  NoticePublished: { current: 'v1', read: { v1: current } },
  FactCorrected: { current: 'v1', read: { v1: current } },
  FactCorroborated: { current: 'v1', read: { v1: current } },
  FactRetracted: { current: 'v1', read: { v1: current } },
  DocumentRegistered: { current: 'v1', read: { v1: current } },
  ...(Object.fromEntries(FACT_KINDS.map((kind) => [kind, { current: 'v1', read: { v1: current } }])) as unknown as {
    [K in (typeof FACT_KINDS)[number]]: { current: string; read: Record<string, Upcaster<K>> };
  }),
};

/** Every stored `type` the decoder reads (each kind at each version), for tests and documentation. */
export const STORED_EVENT_TYPES: readonly string[] = Object.entries(STORED_VERSIONS)
  .flatMap(([kind, { read }]) => Object.keys(read).map((version) => `${kind}.${version}`));

/** A stored event this service cannot read: a version it does not know of one of its kinds, or data that is not a JSON object. */
export class UndecodableEventError extends Error {
  constructor(readonly type: string, reason: string) {
    super(`cannot decode a stored ${JSON.stringify(type)} event: ${reason}`);
    this.name = 'UndecodableEventError';
  }
}

/** "InstitutionsBanned.v1" -> ["InstitutionsBanned", "v1"]; a type without a version has none */
const splitType = (type: string): [string, string | null] => {
  const dot = type.lastIndexOf('.');
  return dot < 0 ? [type, null] : [type.slice(0, dot), type.slice(dot + 1)];
};

const isKind = (kind: string): kind is Kind => Object.hasOwn(STORED_VERSIONS, kind);

/**
 * The one way to read a stored event's data: type + version -> the typed data of the current
 * version. Returns null for an event that is not ours: a type whose kind is not in the catalogue
 * (a shared log holds other writers' events; tests append their own). Throws UndecodableEventError
 * for a kind of ours at a version this code does not know (a newer writer: skipping it would lose
 * facts silently) or data that is not an object.
 */
export function decodeOwnEvent<E extends StoredEventLike>(event: E): Decoded<E> | null {
  const [kind, version] = splitType(event.type);
  if (!isKind(kind)) return null;
  const entry = STORED_VERSIONS[kind] as { current: string; read: Record<string, Upcaster<Kind>> };
  const read = version === null ? undefined : Object.hasOwn(entry.read, version) ? entry.read[version] : undefined;
  if (!read) throw new UndecodableEventError(event.type, `version ${version ?? '(none)'} of ${kind} is unknown (known: ${Object.keys(entry.read).join(', ')})`);
  if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) {
    throw new UndecodableEventError(event.type, 'its data is not a JSON object');
  }
  const data = read(event.data);
  const type = `${kind}.${entry.current}`;
  // the current version reads as it is stored: no copy per event on the hot paths (replay, projection)
  return (data === event.data && type === event.type ? event : { ...event, type, data }) as unknown as Decoded<E>;
}

/** As decodeOwnEvent, for readers that only ever hold our events (a notice or document stream): anything else is refused. */
export function decodeEvent<E extends StoredEventLike>(event: E): Decoded<E> {
  const decoded = decodeOwnEvent(event);
  if (decoded === null) throw new UndecodableEventError(event.type, 'its type is not in the catalogue');
  return decoded;
}

/** A notice stream's event, for the notice decider's fold: a document's event there is refused. */
export function decodeNoticeEvent<E extends StoredEventLike>(event: E): Exclude<Decoded<E>, { type: 'DocumentRegistered.v1' }> {
  const decoded = decodeEvent(event);
  if (decoded.type === 'DocumentRegistered.v1') throw new UndecodableEventError(event.type, 'a notice stream holds no document event');
  return decoded as Exclude<Decoded<E>, { type: 'DocumentRegistered.v1' }>;
}

/** A document stream's event, for the document decider's fold: any other event there is refused. */
export function decodeDocumentEvent<E extends StoredEventLike>(event: E): Extract<Decoded<E>, { type: 'DocumentRegistered.v1' }> {
  const decoded = decodeEvent(event);
  if (decoded.type !== 'DocumentRegistered.v1') throw new UndecodableEventError(event.type, 'a document stream holds only DocumentRegistered events');
  return decoded as Extract<Decoded<E>, { type: 'DocumentRegistered.v1' }>;
}
