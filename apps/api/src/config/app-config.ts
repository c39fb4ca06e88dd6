// Configuration lives in libs/config. This path stays only for the modules not yet switched to it
// (apps/projector, apps/api/src/timeline and apps/api/src/audit, owned by others in issue 16).
export { APP_CONFIG, createLogger, loadConfig, type AppConfig } from '../../../../libs/config/src/index.js';
