import { createHash } from 'node:crypto';
import { canonicalJson } from '../../event-store/src/index.js';

/** Who asks for a command, and how a retry of theirs is recognised. */
export interface CommandCaller {
  /** the API key's name, "local" for the keyless loopback default, "seed" for seeds */
  readonly actor: string;
  readonly idempotencyKey?: string;
  /** If-Match: the notice stream revision the caller saw */
  readonly expectedRevision?: number | 'stream_exists';
  readonly correlationId?: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The hash a request is recorded under (metadata.requestHash): of its RFC 8785 canonical JSON, so
 * that a retry with its members in another order is the same request.
 */
export const requestHashOf = (request: unknown): string => sha256(canonicalJson(request, 'the request'));

/** The hash releases before the canonical one recorded (JSON.stringify, member order as sent): their retries still replay. */
export const legacyRequestHashOf = (request: unknown): string => sha256(JSON.stringify(request));
