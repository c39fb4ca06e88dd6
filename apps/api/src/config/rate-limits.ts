import rateLimit from '@fastify/rate-limit';
import { HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { findKey, type ApiKey, type AppConfig } from '../../../../libs/config/src/index.js';
import { migrateRateLimits, SharedRateLimitCounter } from './shared-rate-limit-store.js';

/** A 429 of a rate limit: problem+json `rate-limited`, titled "Too Many Requests". */
class TooManyRequestsException extends HttpException {
  constructor(detail: string) {
    super({ code: 'rate-limited', message: detail }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** Never limited: probes and scrapes, and CORS preflights (the browser's question before a request, which is counted). */
const NOT_RATE_LIMITED = /^\/(health|metrics)(\/|\?|$)/;

/** The one quota policy the answers name (the limit that applies to the caller: anonymous or keyed). */
export const RATE_LIMIT_POLICY = 'default';

/**
 * The RateLimit header fields of draft-ietf-httpapi-ratelimit-headers-11 (structured field lists):
 * `RateLimit-Policy: "default";q=<quota>;w=<window s>` and `RateLimit: "default";r=<remaining>;t=<s left>`.
 */
function setRateLimitFields(reply: FastifyReply, quota: number, windowSeconds: number, remaining: number, secondsLeft: number): void {
  void reply.header('ratelimit-policy', `"${RATE_LIMIT_POLICY}";q=${quota};w=${windowSeconds}`);
  void reply.header('ratelimit', `"${RATE_LIMIT_POLICY}";r=${remaining};t=${secondsLeft}`);
}

/** Where the counts are kept: with PostgreSQL read models (DATABASE_URL), in a table every API process shares. */
export interface RateLimitCounting {
  readonly shared?: Kysely<any>;
}

/**
 * ANONYMOUS_READ_RATE_LIMIT per client IP without a valid API key, KEYED_RATE_LIMIT per API key,
 * in requests per RATE_LIMIT_WINDOW_SECONDS (0: that kind is not limited). Every counted answer
 * carries RateLimit-Policy and RateLimit; beyond the quota, a 429 problem+json `rate-limited`
 * with Retry-After. @fastify/rate-limit counts (fixed windows): in this process's memory, or, given
 * the PostgreSQL read-model database, in its `api_rate_limits` table, so that several API
 * processes share one limit. Registered before the routes; the hook runs before any handler.
 */
export async function registerRateLimits(
  fastify: FastifyInstance, config: Pick<AppConfig, 'rateLimits' | 'apiKeys'>, counting: RateLimitCounting = {},
): Promise<void> {
  const { anonymous, keyed, windowSeconds } = config.rateLimits;
  if (anonymous === 0 && keyed === 0) return;
  const keys = new WeakMap<FastifyRequest, ApiKey | null>();
  const keyOf = (request: FastifyRequest): ApiKey | null => {
    if (!keys.has(request)) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      keys.set(request, bearer && config.apiKeys.length > 0 ? findKey(config.apiKeys, bearer[1] as string) ?? null : null);
    }
    return keys.get(request) ?? null;
  };
  let store;
  if (counting.shared) {
    await migrateRateLimits(counting.shared);
    store = new SharedRateLimitCounter(counting.shared).store();
  }
  await fastify.register(rateLimit, {
    // not the plugin's own hooks and headers: the hook below asks it to count and answers the draft's fields
    global: false,
    timeWindow: windowSeconds * 1000,
    ...(store ? { store } : {}),
    // PostgreSQL failing to count does not refuse the request (the read that follows answers for the database)
    skipOnError: true,
    // an invalid key is no key: counted against the address
    keyGenerator: (request) => {
      const key = keyOf(request);
      return key ? `key:${key.name}` : `ip:${request.ip}`;
    },
    max: (request) => (keyOf(request) ? keyed : anonymous),
    allowList: (request) => NOT_RATE_LIMITED.test(request.url) || request.method === 'OPTIONS' || (keyOf(request) ? keyed : anonymous) === 0,
  });
  const count = fastify.createRateLimit();
  const window = windowSeconds === 60 ? 'minute' : `${windowSeconds} seconds`;
  fastify.addHook('onRequest', async (request, reply) => {
    const counted = await count(request);
    if (counted.isAllowed) return;
    setRateLimitFields(reply, counted.max, windowSeconds, counted.remaining, counted.ttlInSeconds);
    if (!counted.isExceeded) return;
    // thrown, then answered by ProblemDetailsFilter (Nest's Fastify error handler), which keeps these headers
    void reply.header('retry-after', String(counted.ttlInSeconds));
    const after = `${counted.ttlInSeconds} s`;
    throw new TooManyRequestsException(keyOf(request)
      ? `more than ${counted.max} requests per ${window} with this API key; retry in ${after}`
      : `more than ${counted.max} requests per ${window} from this address without an API key; retry in ${after}`
        + (keyed === 0 ? ' (a valid bearer API key is not limited)' : ` (a valid bearer API key may make ${keyed})`));
  });
}
