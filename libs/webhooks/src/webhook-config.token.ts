/** The Nest token of the WebhookConfig (libs/config), read from the environment when a module is built. */
export const WEBHOOK_CONFIG = Symbol('WEBHOOK_CONFIG');
