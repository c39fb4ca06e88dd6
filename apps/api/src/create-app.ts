import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { HttpException, HttpStatus, type LoggerService, type LogLevel } from '@nestjs/common';
import rateLimit from '@fastify/rate-limit';
import type { EventStore } from '../../../libs/event-store/src/index.js';
import type { ReadModelStore } from '../../../libs/read-model/src/index.js';
import { LogConsumer } from '../../../libs/consumers/src/index.js';
import { AppModule } from './app.module.js';
import { contractDocument } from './openapi/openapi-document.js';
import { operationRoles } from './openapi/operation-roles.js';
import { TimelineMetrics } from './metrics/metrics.js';
import { findKey, type AppConfig, type PinoLogger } from '../../../libs/config/src/index.js';
import { fastifyServerOptions } from './config/http-server-options.js';
import { addOperatorHeaders, operatorServerOptions } from './config/operator-plugins.js';
import { ProblemDetailsFilter, sendProblem, toProblem } from './problems/problem-details.filter.js';
import { problem, withFields } from './problems/problem-details.js';
import { jsonBodyParser, repeatedQueryParameters } from './request-input.js';
import { addCacheControl } from './http/cache-control.js';
import { registerCompression } from './http/compression.js';

/** A 429 of the rate limit on anonymous requests: problem+json `rate-limited`, titled "Too Many Requests". */
class TooManyRequestsException extends HttpException {
  constructor(detail: string) {
    super({ code: 'rate-limited', message: detail }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** Paths never limited: probes and scrapes. */
const NOT_RATE_LIMITED = /^\/(health|metrics)(\/|\?|$)/;

export interface CreateAppOptions {
  readonly logger?: LoggerService | LogLevel[] | false;
  /** Fastify's logger (request lines); none: no request log */
  readonly log?: PinoLogger;
}

/** The HTTP application, shared by `npm start` and the e2e tests. */
export async function createApp(
  config: AppConfig, store: EventStore, readModel: ReadModelStore, options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: config.maxBodyBytes, trustProxy: false, ...fastifyServerOptions(config.http), ...operatorServerOptions(options.log) });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, store, readModel), adapter, {
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  app.useGlobalFilters(new ProblemDetailsFilter());
  const fastify = app.getHttpAdapter().getInstance();
  // X-Request-Id and WWW-Authenticate on every answer (config/operator-plugins.ts)
  addOperatorHeaders(fastify);
  // brotli / gzip from 1 KiB and Cache-Control on every response (http/)
  await registerCompression(fastify);
  addCacheControl(fastify);
  const metrics = app.get(TimelineMetrics);
  fastify.addHook('onResponse', async (request, reply) => {
    // the route pattern, not the URL, so that /v1/notices/{id} is one series
    const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
    metrics.requestDuration.observe(labels, reply.elapsedTime / 1000);
    metrics.requests.inc(labels);
  });
  // writes take JSON only; anything else is refused before it is parsed
  fastify.addHook('onRequest', async (request, reply) => {
    const type = request.headers['content-type'];
    if (['POST', 'PUT', 'PATCH'].includes(request.method) && type !== undefined && !/^application\/(.+\+)?json\b/i.test(type)) {
      sendProblem(reply, request, problem(415, 'unsupported-media-type', 'Unsupported media type',
        `send the body as application/json, not ${type}`, { errors: withFields([{ field: 'content-type', message: 'must be application/json' }]) }));
      return reply;
    }
  });
  // JSON bodies: UTF-8 only, bounded depth, then Fastify's own parser (request-input.ts)
  app.useBodyParser('application/json', { bodyLimit: config.maxBodyBytes }, jsonBodyParser(fastify));
  // every query parameter is one value: `?q=a&q=b` is a 400 naming q
  fastify.addHook('onRequest', async (request, reply) => {
    const repeated = repeatedQueryParameters(request.query);
    if (repeated) {
      sendProblem(reply, request, toProblem(repeated));
      return reply;
    }
  });

  // ANONYMOUS_READ_RATE_LIMIT: requests per minute per client IP without a valid API key (a key of
  // any role is not limited, nor are /health and /metrics); beyond it a 429 problem+json `rate-limited`
  // with Retry-After and the RateLimit-* headers. Registered before the routes, which it then wraps.
  if (config.anonymousReadRateLimit > 0) {
    const limit = config.anonymousReadRateLimit;
    await fastify.register(rateLimit, {
      global: true,
      max: limit,
      timeWindow: 60_000,
      hook: 'onRequest',
      enableDraftSpec: true,
      allowList: (request) => {
        if (NOT_RATE_LIMITED.test(request.url)) return true;
        const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
        return bearer !== null && config.apiKeys.length > 0 && findKey(config.apiKeys, bearer[1] as string) !== undefined;
      },
      // thrown by the plugin, then answered by ProblemDetailsFilter (Nest's Fastify error handler);
      // the Retry-After and RateLimit-* headers the plugin set are kept
      errorResponseBuilder: (_request, context) => new TooManyRequestsException(
        `more than ${limit} requests per minute from this address without an API key; retry in ${context.after} (a valid bearer API key is not limited)`),
    });
  }

  const openApi = new DocumentBuilder()
    .setTitle('Regulatory Timeline')
    .setDescription('Every regulatory notice, ban batch, closure and announcement as an immutable event, with its sources.')
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'an API key (API_KEYS): role editor writes, auditor audits, subscriber manages webhooks' }, 'bearer')
    .build();
  // the 3.1 document: paths and request bodies from the decorators, answers from the types (apps/api/src/openapi)
  const contract = () => contractDocument(SwaggerModule.createDocument(app, openApi), operationRoles(app)) as unknown as OpenAPIObject;
  SwaggerModule.setup('docs', app, contract, { jsonDocumentUrl: 'docs/openapi.json' });
  await app.init();
  // the embedded projector catches up before the server answers, then follows the log
  if (config.embeddedProjector) await app.get(LogConsumer).start();
  return app;
}
