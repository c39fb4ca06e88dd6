import type { HttpServerLimits } from '../../../../libs/config/src/index.js';
import { clientErrorHandler, frameworkErrors } from '../problems/framework-errors.js';
import { withRequestId } from './request-log.js';

/**
 * The Fastify server options these limits make, with the problem+json answers of the errors the
 * framework gives before a route runs. Node checks the header and request deadlines every
 * `connectionsCheckingInterval` (30 s by default, which would let a slow client linger that much
 * longer): a quarter of the header timeout, at most a second.
 */
export function fastifyServerOptions(limits: HttpServerLimits) {
  return {
    connectionTimeout: limits.connectionTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.max(25, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    clientErrorHandler,
    frameworkErrors: withRequestId(frameworkErrors),
  };
}
