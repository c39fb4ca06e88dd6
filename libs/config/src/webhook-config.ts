import { z } from 'zod';
import { DEFAULT_RETRY_SCHEDULE, parseEnvironment, WEBHOOK_VARIABLES } from './environment.js';

export { DEFAULT_RETRY_SCHEDULE };

/** "0,5,300" -> [0, 5, 300]; throws naming the variable on anything else. */
export function parseRetrySchedule(text: string | undefined): readonly number[] {
  return parseEnvironment(z.object({ WEBHOOK_RETRY_SCHEDULE: WEBHOOK_VARIABLES.WEBHOOK_RETRY_SCHEDULE }), { WEBHOOK_RETRY_SCHEDULE: text }).WEBHOOK_RETRY_SCHEDULE;
}

/**
 * When to try a delivery again: entry i of `retrySchedule` is the delay (seconds) before attempt
 * i + 1, so its length is the number of attempts; the first entry is normally 0 (send at once).
 */
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

/** Webhook settings from the environment (README, Configuration); throws a ConfigError naming each bad variable. */
export function loadWebhookConfig(env: NodeJS.ProcessEnv = process.env): WebhookConfig {
  const settings = parseEnvironment(z.object(WEBHOOK_VARIABLES), env);
  return {
    allowPrivate: settings.WEBHOOK_ALLOW_PRIVATE,
    retrySchedule: settings.WEBHOOK_RETRY_SCHEDULE,
    timeoutMs: settings.WEBHOOK_TIMEOUT_MS,
    disableAfterMs: settings.WEBHOOK_DISABLE_AFTER_SECONDS * 1000,
    secretGraceMs: settings.WEBHOOK_SECRET_GRACE_SECONDS * 1000,
    maxPayloadBytes: settings.WEBHOOK_MAX_PAYLOAD_BYTES,
    pollMs: settings.WEBHOOK_POLL_MS,
  };
}
