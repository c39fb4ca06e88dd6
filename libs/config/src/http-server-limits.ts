import type { Environment, HTTP_VARIABLES } from './environment.js';

/** How long the HTTP server waits for a client (README, Configuration: HTTP_*_TIMEOUT_MS). */
export interface HttpServerLimits {
  /** the request line and headers must arrive within this (Node's headersTimeout) */
  readonly headersTimeoutMs: number;
  /** the whole request, headers and body, must arrive within this (Node's requestTimeout) */
  readonly requestTimeoutMs: number;
  /** an idle keep-alive connection is closed after this */
  readonly keepAliveTimeoutMs: number;
  /** a socket with no traffic either way (a client that stopped reading) is closed after this */
  readonly connectionTimeoutMs: number;
}

/** The limits of the parsed environment (ENVIRONMENT checks that the headers timeout is within the request timeout). */
export function httpServerLimitsOf(env: Pick<Environment, keyof typeof HTTP_VARIABLES>): HttpServerLimits {
  return {
    headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    connectionTimeoutMs: env.HTTP_CONNECTION_TIMEOUT_MS,
  };
}
