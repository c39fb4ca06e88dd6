import type { AuthenticatedRequest } from '../auth/roles.guard.js';
import { RequestValidationError, type CommandCaller } from '../../../../libs/application/src/index.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** A bad header is an invalid request like a bad field (one problem type, `invalid-request`). */
const badHeader = (header: string, message: string) => new RequestValidationError([{ field: header, message }]);

/** If-Match: "3", 3, W/"3" -> 3; "*" -> the notice must exist. */
export function parseIfMatch(value: string | undefined): number | 'stream_exists' | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '*') return 'stream_exists';
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value.trim());
  if (!match) throw badHeader('If-Match', 'If-Match must be the notice revision, e.g. "3" (see ETag of GET /v1/notices/{id})');
  return Number(match[1]);
}

/** Who is calling, with the Idempotency-Key and If-Match headers. */
export function callerOf(request: AuthenticatedRequest): CommandCaller {
  const key = request.headers['idempotency-key'];
  if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) {
    throw badHeader('Idempotency-Key', 'Idempotency-Key must be 1-255 visible ASCII characters');
  }
  const ifMatch = request.headers['if-match'];
  return {
    actor: request.principal?.actor ?? 'anonymous',
    idempotencyKey: key,
    expectedRevision: parseIfMatch(typeof ifMatch === 'string' ? ifMatch : undefined),
    correlationId: String(request.id),
  };
}
