import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { PinoLogger } from '../../../../libs/config/src/index.js';

/**
 * An X-Request-Id a client may send (a UUID, a trace id, a short token): 1 to 128 letters, digits
 * and `. _ : @ + = -`. Anything else (too long, spaces, quotes, control characters) is not
 * echoed into the log, the stored events nor the response: a fresh UUID replaces it.
 */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:@+=-]{1,128}$/;

/** Fastify's `genReqId`: the client's X-Request-Id when it is acceptable, a random UUID otherwise. */
export function requestIdOf(request: IncomingMessage): string {
  const sent = request.headers['x-request-id'];
  return typeof sent === 'string' && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID();
}

/** Probes and scrapes (a load balancer's every few seconds) are logged at debug when they succeed. */
const PROBES = /^\/(health|metrics)(\/|\?|$)/;

function requestLine(request: FastifyRequest, reply: FastifyReply, error?: Error | null): void {
  const ms = Number.isFinite(reply.elapsedTime) ? Math.round(reply.elapsedTime * 10) / 10 : 0;
  const fields = { method: request.method, url: request.url, status: reply.statusCode, ms };
  const line = `${request.method} ${request.url} ${reply.statusCode} ${ms} ms`;
  if (error || reply.statusCode >= 500) reply.log.error(error ? { ...fields, err: error } : fields, line);
  else if (reply.statusCode < 300 && PROBES.test(request.url)) reply.log.debug(fields, line);
  else reply.log.info(fields, line);
}

/**
 * Fastify's `frameworkErrors` with the request id and request line every other answer has
 * (Fastify calls it before any hook: a URL it cannot decode, a parameter too long).
 */
export function withRequestId<E>(handler: (error: E, request: FastifyRequest, reply: FastifyReply) => void) {
  return (error: E, request: FastifyRequest, reply: FastifyReply): void => {
    void reply.header('x-request-id', request.id);
    reply.raw.once('finish', () => requestLine(request, reply));
    handler(error, request, reply);
  };
}

/**
 * Fastify's request log, one line per request once it is answered (Fastify's default writes two,
 * "incoming request" and "request completed"): method, URL, status and milliseconds, with the
 * request id; error level for a 5xx.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    requestLine(request, reply, error);
  }

  /** 4xx answers are said by the request line; a 5xx's error is logged with it */
  override defaultErrorLog(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    if (reply.statusCode >= 500) reply.log.error({ err: error }, error.message);
  }
}

/**
 * The Fastify server options of the operator's concerns: pino as Fastify's logger (none: no log,
 * the in-process tests), one line per request, and request ids from X-Request-Id.
 */
export function operatorServerOptions(log: PinoLogger | undefined) {
  return {
    ...(log ? { loggerInstance: log } : { logger: false }),
    logController: new OneLinePerRequest({ requestIdLogLabel: 'requestId' }),
    requestIdHeader: false as const,
    genReqId: requestIdOf,
  };
}
