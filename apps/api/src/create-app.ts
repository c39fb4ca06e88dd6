import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { LoggerService, LogLevel } from '@nestjs/common';
import type { EventStore } from '../../../libs/event-store/src/index.js';
import { isPostgres, type ReadModelStore } from '../../../libs/read-model/src/index.js';
import { Logger } from '@nestjs/common';
import { EMBEDDED_PROJECTOR, type EmbeddedProjector } from './projector/embedded-projector.js';
import { AppModule } from './app.module.js';
import { contractDocument } from './openapi/openapi-document.js';
import { operationRoles } from './openapi/operation-roles.js';
import { TimelineMetrics } from './metrics/metrics.js';
import type { AppConfig, PinoLogger } from '../../../libs/config/src/index.js';
import { fastifyServerOptions } from './config/http-server-options.js';
import { addOperatorHeaders, registerCors } from './config/operator-plugins.js';
import { registerRateLimits } from './config/rate-limits.js';
import { operatorServerOptions } from './config/request-log.js';
import { ProblemDetailsFilter, sendProblem, toProblem } from './problems/problem-details.filter.js';
import { problem, withFields } from './problems/problem-details.js';
import { jsonBodyParser, repeatedQueryParameters } from './request-input.js';
import { addCacheControl } from './http/cache-control.js';
import { registerCompression } from './http/compression.js';
import { serializeAnswersBySchema } from './openapi/answer-serialization.js';

export interface CreateAppOptions {
  readonly logger?: LoggerService | LogLevel[] | false;
  /** Fastify's logger (request lines); none: no request log */
  readonly log?: PinoLogger;
  /** false: JSON answers written by JSON.stringify, as before the schemas wrote them (the test that compares both) */
  readonly serializeBySchema?: boolean;
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
  // JSON answers written from the schemas the OpenAPI document names (routes.ts), not JSON.stringify
  if (options.serializeBySchema !== false) serializeAnswersBySchema(fastify);
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

  // CORS_ORIGINS, then the rate limits (config/), registered before the routes; counted in PostgreSQL when the read models are there
  await registerCors(fastify, config.corsOrigins);
  await registerRateLimits(fastify, config, { shared: isPostgres(readModel.db) ? readModel.db : undefined });

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
  if (config.embeddedProjector) {
    const projector = app.get<EmbeddedProjector>(EMBEDDED_PROJECTOR);
    new Logger('Projector').log(`projector catching up with the log, ${projector.where}`);
    try {
      await projector.start();
    } catch (error) {
      await app.close();
      throw error;
    }
  }
  return app;
}
