import { comparePositions, positionToJson, type LogPosition } from '../../event-store/src/index.js';
import {
  checkStoredText, eventHash, GENESIS_HASH, type HashableEvent, type StoredEventText, type StoredTextCheck,
} from '../../event-store/src/index.js';

/** An event of the log as verify reads it: from the store or from an export line. */
export interface AuditedEvent extends HashableEvent {
  readonly position: LogPosition;
  /** data and metadata as stored (SQLite): hashed as they are when canonical, parsed only when not */
  readonly storedText?: StoredEventText;
  /** the stored text already checked (by a checker thread): a match is not hashed again */
  readonly storedTextCheck?: StoredTextCheck;
}

/**
 * - altered:   the content no longer hashes to the stored hash (or the links were edited);
 * - missing:   a revision of the stream is absent (deleted);
 * - inserted:  the event does not link to its predecessor: a forged or transplanted row;
 * - reordered: the log or a stream is out of order (a revision after a later one, positions not increasing).
 */
export type BreakKind = 'altered' | 'missing' | 'inserted' | 'reordered';

export interface BrokenEvent {
  readonly kind: BreakKind;
  readonly position: number | string;
  readonly stream: string;
  /** @asType integer */
  readonly revision: number;
  readonly eventId: string;
  readonly message: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  /** @asType integer */
  readonly eventCount: number;
  /** @asType integer */
  readonly streamCount: number;
  /**
   * events recorded before the chain existed (no hash, no prevHash): counted, not verifiable
   * @asType integer
   */
  readonly unchainedCount: number;
  readonly headPosition: number | string | null;
  readonly broken: BrokenEvent | null;
}

interface StreamHead {
  /** @asType integer */
  readonly revision: number;
  /** null: the stream's last event is unchained */
  readonly hash: string | null;
}

export interface VerifyOptions {
  /** whether the stream holds `revision` anywhere in the log: tells "reordered" from "missing" */
  readonly holdsRevision?: (stream: string, revision: number) => Promise<boolean>;
  readonly onEvent?: (event: AuditedEvent, checked: number) => void;
}

/** The log as the audit walks it, in position order: event by event, or page by page (an array of events). */
export type AuditedLog = AsyncIterable<AuditedEvent | readonly AuditedEvent[]>;

const isPage = (item: AuditedEvent | readonly AuditedEvent[]): item is readonly AuditedEvent[] => Array.isArray(item);
/** The events of one item of an audited log (pages spare an await per event). */
export const eventsOf = (item: AuditedEvent | readonly AuditedEvent[]): readonly AuditedEvent[] => (isPage(item) ? item : [item]);

/**
 * Walks the log in the order given (position order), one event at a time: memory is one head per
 * stream. Stops at the first broken event. A stream may start with unchained (pre-chain) events;
 * once chained, every later event must be chained too.
 */
export async function verifyLog(log: AuditedLog, options: VerifyOptions = {}): Promise<VerifyReport> {
  const heads = new Map<string, StreamHead>();
  let eventCount = 0;
  let unchainedCount = 0;
  let last: LogPosition | null = null;
  const report = (broken: BrokenEvent | null): VerifyReport => ({
    ok: broken === null, eventCount, streamCount: heads.size, unchainedCount,
    headPosition: last ? positionToJson(last) : null, broken,
  });
  for await (const item of log) {
    for (const event of eventsOf(item)) {
      const links = linksOf(event);
      const head = heads.get(event.streamName);
      const checked = checkEvent(event, links, head, last);
      // only a gap in a stream waits (on the store: was the revision moved elsewhere?)
      const broken = typeof checked === 'number' ? await gapAt(event, checked, options) : checked;
      if (broken) return report(broken);
      eventCount += 1;
      last = event.position;
      const hash = typeof links.hash === 'string' ? links.hash : null;
      if (hash === null) unchainedCount += 1;
      heads.set(event.streamName, { revision: event.revision, hash });
      options.onEvent?.(event, eventCount);
    }
  }
  return report(null);
}

/** An event's links, and whether its stored text already proved its content (the fast path). */
interface EventLinks {
  readonly hash: unknown;
  readonly prevHash: unknown;
  readonly storedTextMatches: boolean;
}

/**
 * Fast path: the stored text hashes to the hash it carries, with no parsing. Otherwise (rows
 * written before canonical storage, exports, altered rows) the links of the parsed metadata, and
 * checkEvent hashes the parsed content by the full canonicalize path before calling it altered.
 */
function linksOf(event: AuditedEvent): EventLinks {
  const checked = event.storedTextCheck ?? (event.storedText ? checkStoredText(event, event.storedText) : null);
  if (checked?.matches) return { hash: checked.hash, prevHash: checked.prevHash, storedTextMatches: true };
  return { hash: event.metadata.hash, prevHash: event.metadata.prevHash, storedTextMatches: false };
}

const brokenAt = (event: AuditedEvent, kind: BreakKind, message: string): BrokenEvent => ({
  kind, position: positionToJson(event.position), stream: event.streamName, revision: event.revision, eventId: event.eventId, message,
});

/** The break at `event`, which comes after revision `expected - 1` of its stream though `expected` is not before it. */
async function gapAt(event: AuditedEvent, expected: number, options: VerifyOptions): Promise<BrokenEvent> {
  const moved = options.holdsRevision ? await options.holdsRevision(event.streamName, expected) : false;
  return moved
    ? brokenAt(event, 'reordered', `revision ${event.revision} of ${event.streamName} comes before revision ${expected}, which is later in the log`)
    : brokenAt(event, 'missing', `revision ${expected} of ${event.streamName} is missing: revision ${event.revision} follows revision ${expected - 1}`);
}

/** null: the event is sound; a number: the revision missing before it (gapAt tells which break); else the break. */
function checkEvent(event: AuditedEvent, links: EventLinks, head: StreamHead | undefined, previous: LogPosition | null): BrokenEvent | number | null {
  const broken = (kind: BreakKind, message: string): BrokenEvent => brokenAt(event, kind, message);
  if (previous && comparePositions(event.position, previous) <= 0) {
    return broken('reordered', `position ${positionToJson(event.position)} comes after position ${positionToJson(previous)}`);
  }
  const expected = head ? head.revision + 1 : 0;
  if (event.revision < expected) {
    return broken('reordered', `revision ${event.revision} of ${event.streamName} comes after revision ${expected - 1}`);
  }
  if (event.revision > expected) return expected;
  const { hash, prevHash } = links;
  if (hash === undefined && prevHash === undefined) {
    return head && head.hash !== null
      ? broken('inserted', `an event without hash follows chained revision ${head.revision}: it was not appended through the store`)
      : null;
  }
  if (typeof hash !== 'string' || typeof prevHash !== 'string') return broken('altered', 'hash or prevHash was removed or is not text');
  const linkedTo = head?.hash ?? GENESIS_HASH;
  if (prevHash !== linkedTo) {
    return broken('inserted', `prevHash ${prevHash.slice(0, 12)}… does not link to the previous event of the stream (${linkedTo.slice(0, 12)}…)`);
  }
  if (links.storedTextMatches) return null;
  // not canonical as stored (written before canonical storage, or from an export): the full canonicalize path decides
  const actual = eventHash(event, prevHash);
  if (actual !== hash) return broken('altered', `content hashes to ${actual.slice(0, 12)}…, the event says ${hash.slice(0, 12)}…`);
  return null;
}
