import { comparePositions, formatPosition, parsePosition, positionToJson, type LogPosition } from '../../event-store/src/index.js';
import { checkStoredText, eventHash, GENESIS_HASH } from '../../event-store/src/index.js';
import { MerkleAccumulator } from './merkle.js';
import { eventsOf, type AuditedEvent, type AuditedLog } from './verify-log.js';

/**
 * A digest of the log up to a position: the RFC 6962 Merkle root over one leaf per event in
 * position order, leaf = "<position> <hash of the event's content as stored now>". Saved by an
 * auditor, it proves later that nothing up to that position was altered, removed, inserted or
 * moved (appends after the position do not change it). It cannot see forged appends after it.
 */
export const DIGEST_ALGORITHM = 'rfc6962-merkle-sha256(position event-hash)';

export interface LogDigest {
  readonly algorithm: string;
  /** the cut: events at or before it; null for an empty log */
  readonly position: number | string | null;
  /** @asType integer */
  readonly eventCount: number;
  readonly root: string;
}

/** The leaf of one event: its position and the hash its content has now (not the hash it claims). */
export const digestLeaf = (event: AuditedEvent): string => {
  // stored text that hashes to the hash it carries: that hash is the content's hash (no parsing)
  const checked = event.storedText ? checkStoredText(event, event.storedText) : null;
  if (checked?.matches) return `${formatPosition(event.position)} ${checked.hash}`;
  const prevHash = typeof event.metadata.prevHash === 'string' ? event.metadata.prevHash : GENESIS_HASH;
  return `${formatPosition(event.position)} ${eventHash(event, prevHash)}`;
};

/** Digest of the events at or before `upTo` (null: all of them), read in position order. */
export async function digestLog(
  log: AuditedLog, upTo: LogPosition | null, onEvent?: (event: AuditedEvent) => void,
): Promise<LogDigest> {
  const tree = new MerkleAccumulator();
  let last: LogPosition | null = null;
  walk: for await (const item of log) {
    for (const event of eventsOf(item)) {
      if (upTo && comparePositions(event.position, upTo) > 0) break walk;
      tree.add(digestLeaf(event));
      last = event.position;
      onEvent?.(event);
    }
  }
  const position = upTo ?? last;
  return { algorithm: DIGEST_ALGORITHM, position: position ? positionToJson(position) : null, eventCount: tree.size, root: tree.root() };
}

export class InvalidDigestError extends Error {}

/** A saved digest: the JSON the API returned (or its position and root). */
export function parseSavedDigest(text: string): { position: LogPosition | null; root: string; eventCount?: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidDigestError('the digest must be the JSON that GET /v1/audit/digest returned');
  }
  const { position, root, eventCount } = (parsed ?? {}) as Partial<LogDigest>;
  if (typeof root !== 'string' || !/^[0-9a-f]{64}$/.test(root)) throw new InvalidDigestError('the digest has no root (64 hex digits)');
  const cut = position === null || position === undefined ? null : parsePosition(String(position));
  if (position !== null && cut === null) throw new InvalidDigestError(`the digest's position ${String(position)} is not a log position`);
  return { position: cut, root, ...(typeof eventCount === 'number' ? { eventCount } : {}) };
}

export interface DigestCheck {
  readonly ok: boolean;
  readonly saved: { readonly position: number | string | null; readonly eventCount?: number; readonly root: string };
  readonly now: LogDigest;
  readonly message: string;
}

export function checkDigest(saved: ReturnType<typeof parseSavedDigest>, now: LogDigest): DigestCheck {
  const shown = { ...saved, position: saved.position ? positionToJson(saved.position) : null };
  const where = shown.position === null ? 'the empty log' : `position ${shown.position}`;
  if (saved.eventCount !== undefined && saved.eventCount !== now.eventCount) {
    return { ok: false, saved: shown, now, message: `the log up to ${where} held ${saved.eventCount} events, it now holds ${now.eventCount}` };
  }
  if (saved.root !== now.root) return { ok: false, saved: shown, now, message: `the log up to ${where} has changed: its root is now ${now.root}` };
  return { ok: true, saved: shown, now, message: `the log up to ${where} is unchanged (${now.eventCount} events)` };
}
