import type { Kysely } from 'kysely';
import type { WebhookConfig } from '../../config/src/index.js';
import type { ConsumerLogger, LogProcessor } from '../../consumers/src/index.js';
import { ReadModelProjection, type ReadModelStore } from '../../read-model/src/index.js';
import { WebhookEnqueuer } from './webhook-enqueuer.js';
import type { WebhookDb } from './delivery-queue.js';

/**
 * The log consumer's processors, in order: the read models first (a webhook's subscriber may read
 * them as soon as it is told), then the webhook enqueuer. One list for the embedded projector
 * (apps/api, in its worker thread or its own) and the projector process (apps/projector).
 * webhookLogger: where the sender says what failed (default: the console).
 */
/** Deliveries may be due now (a resume, a replay, a retry by hand): the processors' sender looks at once. */
export function wakeSender(processors: readonly LogProcessor[]): void {
  for (const processor of processors) if (processor instanceof WebhookEnqueuer) processor.sender.wake();
}

export const logProcessors = (readModel: ReadModelStore, webhooks: WebhookConfig, webhookLogger?: ConsumerLogger): LogProcessor[] => [
  new ReadModelProjection(readModel),
  new WebhookEnqueuer(readModel.db as Kysely<unknown> as WebhookDb, webhooks, webhookLogger),
];
