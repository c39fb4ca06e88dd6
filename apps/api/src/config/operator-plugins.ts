import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';

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
      'RateLimit-Policy', 'RateLimit', 'WWW-Authenticate'],
    maxAge: 600,
    hook: 'onRequest',
  });
}
