/** WebhookConfig (libs/webhooks/src/config.ts), read from the environment when the module is built. */
export const WEBHOOK_CONFIG = Symbol('WEBHOOK_CONFIG');
