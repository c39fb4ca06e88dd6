// Webhook settings are configuration: they live in libs/config. This name stays until apps/projector and
// apps/api/src/subscriptions import them from libs/config (issue 16, consumers).
export { loadWebhookConfig, type WebhookConfig } from '../../config/src/index.js';
