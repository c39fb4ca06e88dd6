export { APP_CONFIG, loadConfig, type AppConfig, type RateLimits } from './app-config.js';
export { ConfigError, DEFAULT_READ_MODEL_CACHE_MB, ENVIRONMENT } from './environment.js';
export { createLogger, type PinoLogger, type ProcessLogger } from './logger.js';
export type { HttpServerLimits } from './http-server-limits.js';
export { findKey, isLoopback, parseApiKeys, ROLES, type ApiKey, type Principal, type Role } from './api-keys.js';
export { DEFAULT_RETRY_SCHEDULE, loadWebhookConfig, parseRetrySchedule, type WebhookConfig } from './webhook-config.js';
export { serviceVersion } from './service-version.js';
