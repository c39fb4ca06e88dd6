import { ConsoleLogger, Logger } from '@nestjs/common';
import type { AppConfig } from './app-config.js';

/** The process logger: structured JSON lines for machines, coloured text on a terminal. */
export function createLogger(config: Pick<AppConfig, 'logFormat'>): ConsoleLogger {
  const logger = new ConsoleLogger({ json: config.logFormat === 'json', logLevels: ['log', 'warn', 'error'] });
  Logger.overrideLogger(logger);
  return logger;
}
