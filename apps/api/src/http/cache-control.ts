import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** An answer that never changes: a year, and no revalidation (RFC 8246). */
export const PINNED = 'public, max-age=31536000, immutable';
/** The latest answer: caches may keep it but ask again each time (a 304 by its ETag when unchanged). */
export const LATEST = 'public, no-cache';
/** Writes, problems and anything else that must not be reused. */
export const NOT_STORED = 'no-store';

const RECORDED_POSITION = /^position:(\d{1,15})$/;
/** Routes whose answer depends on `asOf`, which means "now" when it is not given. */
const AS_OF_ROUTES = /\/(state|bans)$/;

/**
 * The Cache-Control of a point-in-time answer given at read-model `position`. Pinned to a log
 * position the log has reached (`recordedAt=position:N`, N <= position) and to its instant (`asOf`
 * given where the question has one), the answer is the same forever: immutable. Anything else is
 * the latest answer: revalidated on each use.
 */
export function answerCacheControl(url: string, query: Readonly<Record<string, unknown>> | undefined, position: bigint | null): string {
  const recordedAt = query?.recordedAt;
  const pinned = typeof recordedAt === 'string' ? RECORDED_POSITION.exec(recordedAt) : null;
  if (!pinned || BigInt(pinned[1] as string) > (position ?? 0n)) return LATEST;
  const path = new URL(url, 'http://answer.invalid').pathname;
  const namesInstant = !AS_OF_ROUTES.test(path) || (typeof query?.asOf === 'string' && query.asOf !== '');
  return namesInstant ? PINNED : LATEST;
}

const READS = new Set(['GET', 'HEAD']);

/**
 * Every response says how it may be cached: writes and problem responses `no-store`; a read that
 * did not say (the answers do, by answerCacheControl; the page's assets are immutable) `no-cache`.
 */
export function addCacheControl(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!READS.has(request.method) || reply.statusCode >= 400) void reply.header('cache-control', NOT_STORED);
    else if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-cache');
    return payload;
  });
}
