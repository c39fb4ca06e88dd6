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

function milliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max} (milliseconds); got "${text}"`);
  return value;
}

/** From the environment; fails fast naming the variable. */
export function loadHttpServerLimits(env: NodeJS.ProcessEnv): HttpServerLimits {
  const hour = 3_600_000;
  const limits = {
    headersTimeoutMs: milliseconds(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 100, hour),
    requestTimeoutMs: milliseconds(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 100, hour),
    keepAliveTimeoutMs: milliseconds(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 72_000, 100, hour),
    connectionTimeoutMs: milliseconds(env, 'HTTP_CONNECTION_TIMEOUT_MS', 120_000, 100, hour),
  };
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new Error(`HTTP_HEADERS_TIMEOUT_MS (${limits.headersTimeoutMs}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs})`);
  }
  return limits;
}
