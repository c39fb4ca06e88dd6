import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import { HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findKey, type ApiKey, type AppConfig } from '../../../../libs/config/src/index.js';

/** RFC 6750 §3: the challenge of every 401; `invalid_token` when a bearer token was presented and refused. */
function bearerChallenge(request: FastifyRequest): string {
  const presented = /^Bearer\s+\S/i.test(request.headers.authorization ?? '');
  return presented
    ? 'Bearer realm="regulatory-timeline", error="invalid_token", error_description="the API key is not valid"'
    : 'Bearer realm="regulatory-timeline"';
}

/**
 * Headers every answer carries, problem+json errors included (an onSend hook runs for every
 * reply Fastify sends): X-Request-Id, and WWW-Authenticate on a 401.
 */
export function addOperatorHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    if (reply.statusCode === 401 && !reply.hasHeader('www-authenticate')) void reply.header('www-authenticate', bearerChallenge(request));
  });
}

/**
 * CORS_ORIGINS (off when empty): browsers on these origins (`*`: any) may call the API with a
 * bearer key (no cookies: credentials are not allowed) and read the headers the API answers with.
 */
export async function registerCors(fastify: FastifyInstance, origins: readonly string[]): Promise<void> {
  if (origins.length === 0) return;
  await fastify.register(cors, {
    origin: origins.includes('*') ? '*' : [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'Idempotency-Key', 'X-Request-Id'],
    exposedHeaders: ['ETag', 'Location', 'Link', 'Read-Model-Position', 'Idempotent-Replayed', 'X-Request-Id', 'Retry-After',
      'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'WWW-Authenticate'],
    maxAge: 600,
    hook: 'onRequest',
  });
}

/** A 429 of a rate limit: problem+json `rate-limited`, titled "Too Many Requests". */
class TooManyRequestsException extends HttpException {
  constructor(detail: string) {
    super({ code: 'rate-limited', message: detail }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** Never limited: probes and scrapes, and CORS preflights (the browser's question before a request, which is counted). */
const NOT_RATE_LIMITED = /^\/(health|metrics)(\/|\?|$)/;

/**
 * ANONYMOUS_READ_RATE_LIMIT per client IP without a valid API key, KEYED_RATE_LIMIT per API key,
 * in requests per RATE_LIMIT_WINDOW_SECONDS (0: that kind is not limited); beyond it a 429
 * problem+json `rate-limited` with Retry-After, and RateLimit-Limit / -Remaining / -Reset on every
 * limited answer (@fastify/rate-limit, its draft-spec headers). Counted in this process's memory.
 * Registered before the routes, which it then wraps.
 */
export async function registerRateLimits(fastify: FastifyInstance, config: Pick<AppConfig, 'rateLimits' | 'apiKeys'>): Promise<void> {
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
  const window = windowSeconds === 60 ? 'minute' : `${windowSeconds} seconds`;
  await fastify.register(rateLimit, {
    global: true,
    timeWindow: windowSeconds * 1000,
    hook: 'onRequest',
    enableDraftSpec: true,
    // an invalid key is no key: counted against the address
    keyGenerator: (request) => {
      const key = keyOf(request);
      return key ? `key:${key.name}` : `ip:${request.ip}`;
    },
    max: (request) => (keyOf(request) ? keyed : anonymous),
    allowList: (request) => NOT_RATE_LIMITED.test(request.url) || request.method === 'OPTIONS' || (keyOf(request) ? keyed : anonymous) === 0,
    // thrown by the plugin, then answered by ProblemDetailsFilter (Nest's Fastify error handler);
    // the Retry-After and RateLimit-* headers the plugin set are kept
    errorResponseBuilder: (request, context) => new TooManyRequestsException(keyOf(request)
      ? `more than ${context.max} requests per ${window} with this API key; retry in ${context.after}`
      : `more than ${context.max} requests per ${window} from this address without an API key; retry in ${context.after}`
        + (keyed === 0 ? ' (a valid bearer API key is not limited)' : ` (a valid bearer API key may make ${keyed})`)),
  });
}
