import { Logger, type LoggerService } from '@nestjs/common';
import { pino, type Logger as PinoLogger, type DestinationStream, type Level } from 'pino';
import { PinoPretty } from 'pino-pretty';
import type { AppConfig } from './app-config.js';

export type { PinoLogger };

/** The process's one logger: pino (Fastify's own, request lines included), and Nest's log calls written through it. */
export interface ProcessLogger {
  readonly log: PinoLogger;
  readonly nest: LoggerService;
}

/**
 * What Nest says while it boots (a line per module and per route, 48 lines): kept at debug, so
 * that an operator sees the few start-up lines main.ts writes (LOG_LEVEL=debug shows them again).
 */
const FRAMEWORK_BOOT = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Nest's LoggerService over pino: `log` is info, `verbose` trace; the Nest context becomes the `context` field. */
class NestOverPino implements LoggerService {
  constructor(private readonly pino: PinoLogger) {}

  private write(level: Level, message: unknown, params: unknown[]): void {
    const context = params.length > 0 && typeof params.at(-1) === 'string' ? (params.pop() as string) : undefined;
    const quiet = level === 'info' && context !== undefined && FRAMEWORK_BOOT.has(context);
    const fields: Record<string, unknown> = context ? { context } : {};
    // Nest's error(message, stack, context): the stack of a thrown error, kept as a field
    const stack = params.find((param) => typeof param === 'string' && /\n\s+at /.test(param));
    if (stack) fields.stack = stack;
    if (message instanceof Error) this.pino[level]({ ...fields, err: message }, message.message);
    else this.pino[quiet ? 'debug' : level](fields, typeof message === 'string' ? message : JSON.stringify(message));
  }

  log(message: unknown, ...params: unknown[]) { this.write('info', message, params); }
  warn(message: unknown, ...params: unknown[]) { this.write('warn', message, params); }
  error(message: unknown, ...params: unknown[]) { this.write('error', message, params); }
  fatal(message: unknown, ...params: unknown[]) { this.write('fatal', message, params); }
  debug(message: unknown, ...params: unknown[]) { this.write('debug', message, params); }
  verbose(message: unknown, ...params: unknown[]) { this.write('trace', message, params); }
}

/**
 * The destination of LOG_FORMAT: JSON lines on stdout (the default when stdout is not a
 * terminal), or pino-pretty's one line per entry (`text`, the default on a terminal), coloured
 * when stdout is a terminal.
 */
function destination(format: AppConfig['logFormat']): DestinationStream {
  if (format === 'json') return pino.destination({ dest: 1, sync: true });
  return PinoPretty({
    colorize: process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    // a request line says its method, URL, status and time in its message
    ignore: 'pid,hostname,context,requestId,method,url,status,ms',
    messageFormat: '{if context}[{context}] {end}{if requestId}{requestId} {end}{msg}',
    singleLine: true,
    sync: true,
  });
}

/** The process logger (LOG_LEVEL, LOG_FORMAT), also Nest's for every `new Logger(context)`. */
export function createLogger(config: Pick<AppConfig, 'logFormat' | 'logLevel'>): ProcessLogger {
  const log = pino({ level: config.logLevel, base: { pid: process.pid } }, destination(config.logFormat));
  const nest = new NestOverPino(log);
  Logger.overrideLogger(nest);
  return { log, nest };
}
