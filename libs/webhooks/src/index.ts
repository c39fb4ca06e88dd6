// The webhooks' public face: subscriptions, the queue's schema and migrations, the enqueuer (a
// processor of the log consumer) and the sender it wakes.
export { checkEndpoint, EndpointRefusedError } from './address-guard.js';
export { MAX_IN_FLIGHT_PER_SUBSCRIPTION } from './claims.js';
export { DeliverySender } from './delivery-sender.js';
export { claimDue, enqueueFromLog, WEBHOOK_CONSUMER, type ClaimedDelivery, type WebhookDb } from './delivery-queue.js';
export { normaliseEventType, normaliseJurisdiction, WEBHOOK_EVENT_TYPES } from './filters.js';
export { WEBHOOK_MIGRATIONS } from './migrations.js';
export type {
  WebhookAttemptRow, WebhookAttemptsTable, WebhookDatabase, WebhookDeliveriesTable, WebhookDeliveryRow, WebhookDeliveryWithBody,
  WebhookPayloadsTable, WebhookSubscriptionRow, WebhookSubscriptionsTable,
} from './schema.js';
export {
  presentDelivery, presentSubscription, SubscriptionStore, type NewSubscription, type OwnerScope, type SubscriptionChanges,
  type SubscriptionStatus,
} from './subscription-store.js';
export { WEBHOOK_CONFIG } from './webhook-config.token.js';
export { WebhookEnqueuer } from './webhook-enqueuer.js';
export { sendTestDelivery, testPayload, WEBHOOK_TEST_EVENT_TYPE, type TestDeliveryResult } from './test-event.js';
export { logProcessors, wakeSender } from './log-processors.js';
