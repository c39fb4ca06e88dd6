import { randomUUID } from 'node:crypto';
import type { WebhookConfig } from '../../config/src/index.js';
import type { WebhookPayload } from './payload.js';
import type { WebhookSubscriptionRow } from './schema.js';
import { WebhookSender } from './sender.js';
import { signDelivery } from './signing.js';
import { signingSecrets } from './subscription-store.js';

/** The event type of a test delivery: about no fact, sent only when asked for, never queued or retried. */
export const WEBHOOK_TEST_EVENT_TYPE = 'webhook.test';

/** What a test delivery's receiver answered: its status (null when none came), how long it took, why it failed. */
export interface TestDeliveryResult {
  readonly webhookId: string;
  readonly type: typeof WEBHOOK_TEST_EVENT_TYPE;
  /** true for a 2xx answer: the endpoint would have accepted a delivery */
  readonly delivered: boolean;
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
}

/**
 * The body of a test delivery: `{type: "webhook.test", timestamp, data: {subscriptionId, test: true}}`,
 * in the shape of every delivery, so a receiver's verification and parsing are exercised as they are.
 */
export function testPayload(subscriptionId: string, at: Date): string {
  return JSON.stringify({ type: WEBHOOK_TEST_EVENT_TYPE, timestamp: at.toISOString(), data: { subscriptionId, test: true } } satisfies WebhookPayload);
}

/**
 * Sends one signed test delivery to the subscription's URL now (whatever its status and filters),
 * with the secrets that sign its deliveries now (both during a rotation), through the same address
 * guard and timeout as every delivery; the receiver's answer is returned, nothing is recorded and
 * a failure is not retried. The webhook-id is its own (`msg_test_<uuid>`): no event has it.
 */
export async function sendTestDelivery(
  subscription: WebhookSubscriptionRow, config: Pick<WebhookConfig, 'timeoutMs' | 'allowPrivate'>, now = new Date(),
): Promise<TestDeliveryResult> {
  const webhookId = `msg_test_${randomUUID()}`;
  const body = testPayload(subscription.id, now);
  const headers = signDelivery(signingSecrets(subscription, now), webhookId, now, body);
  const sender = new WebhookSender({ timeoutMs: config.timeoutMs, allowPrivate: config.allowPrivate });
  try {
    const result = await sender.send(subscription.url, { ...headers }, body);
    const delivered = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    return { webhookId, type: WEBHOOK_TEST_EVENT_TYPE, delivered, statusCode: result.statusCode, latencyMs: result.latencyMs, error: result.error };
  } finally {
    await sender.close();
  }
}
