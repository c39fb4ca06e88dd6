/**
 * When to try a delivery again. Entry i is the delay (seconds) before attempt i + 1, so the
 * schedule's length is the number of attempts; the first entry is normally 0 (send at once).
 */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = [0, 5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600];

/** "0,5,300" -> [0, 5, 300]; throws naming the variable on anything else. */
export function parseRetrySchedule(text: string | undefined, name = 'WEBHOOK_RETRY_SCHEDULE'): readonly number[] {
  if (text === undefined || text.trim() === '') return DEFAULT_RETRY_SCHEDULE;
  const delays = text.split(',').map((part) => Number(part.trim()));
  if (delays.some((delay) => !Number.isFinite(delay) || delay < 0)) {
    throw new Error(`${name} must be comma-separated seconds (e.g. 0,5,300); got "${text}"`);
  }
  return delays;
}

export interface WebhookConfig {
  /** allow http:// and private, loopback and link-local endpoints (local development and tests only) */
  readonly allowPrivate: boolean;
  /** seconds before each attempt; its length is the number of attempts */
  readonly retrySchedule: readonly number[];
  readonly timeoutMs: number;
  /** a subscription failing continuously this long is disabled */
  readonly disableAfterMs: number;
  /** after a rotation, the old secret also signs for this long */
  readonly secretGraceMs: number;
  /** a larger payload is replaced by a thin one that points to the event */
  readonly maxPayloadBytes: number;
  /** the sender looks for due deliveries at least this often */
  readonly pollMs: number;
}

function number(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number >= ${min}; got "${text}"`);
  return value;
}

/** Webhook settings from the environment (documented in the README); fails fast naming the variable. */
export function loadWebhookConfig(env: NodeJS.ProcessEnv = process.env): WebhookConfig {
  return {
    allowPrivate: env.WEBHOOK_ALLOW_PRIVATE === 'true',
    retrySchedule: parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE),
    timeoutMs: number(env, 'WEBHOOK_TIMEOUT_MS', 15_000, 100),
    disableAfterMs: number(env, 'WEBHOOK_DISABLE_AFTER_SECONDS', 5 * 24 * 3600, 1) * 1000,
    secretGraceMs: number(env, 'WEBHOOK_SECRET_GRACE_SECONDS', 24 * 3600, 0) * 1000,
    maxPayloadBytes: number(env, 'WEBHOOK_MAX_PAYLOAD_BYTES', 256 * 1024, 1024),
    pollMs: number(env, 'WEBHOOK_POLL_MS', 250, 10),
  };
}
