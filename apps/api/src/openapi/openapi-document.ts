import type { OpenAPIObject } from '@nestjs/swagger';
import { FACT_DTOS } from '../../../../libs/application/src/index.js';
import type { Role } from '../../../../libs/config/src/index.js';
import { CONTRACT_SCHEMAS } from './generated/contract-schemas.js';
import { EVENT_TYPES } from './event-types.js';
import type { JsonSchema } from './json-schema.js';
import { HEADERS, PROBLEM_RESPONSES, problemsOf, rateLimited } from './responses.js';
import { ROUTES, type RouteContract } from './routes.js';

type Operation = Record<string, unknown> & { responses?: Record<string, unknown>; parameters?: Array<Record<string, unknown>> };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A parameter the decorators left untyped: text (every parameter arrives as text), `limit` a whole number. */
const typedParameter = (parameter: Record<string, unknown>): Record<string, unknown> => {
  const schema = parameter.schema as Record<string, unknown> | undefined;
  if (schema && Object.keys(schema).length > 0) return parameter;
  return { ...parameter, schema: parameter.name === 'limit' ? { type: 'integer', minimum: 1 } : { type: 'string' } };
};

/** The request headers of the point-in-time reads (ReadModelPositionInterceptor). */
const CACHED_READ_HEADERS = [
  { name: 'If-None-Match', in: 'header', required: false, description: 'the ETag of an answer you hold: 304 while it is still the answer', schema: { type: 'string' } },
  { name: 'Min-Position', in: 'header', required: false, description: 'as the minPosition parameter: wait until the read models include this log position', schema: { type: 'string', pattern: '^[0-9]+$' } },
];

/**
 * The OpenAPI 3.1 document: paths, parameters and request bodies from the controllers'
 * decorators (the request DTOs, class-validator), answers from the types (routes.ts over the
 * schemas generated from contract-types.ts), security from the roles the guard enforces, and
 * the webhooks, one per event type delivered.
 */
export function contractDocument(nest: OpenAPIObject, roles: ReadonlyMap<string, readonly Role[]>): Record<string, unknown> {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const [path, item] of Object.entries(nest.paths)) {
    for (const [method, value] of Object.entries(item as Record<string, Operation>)) {
      if (typeof value !== 'object' || value === null || !('responses' in value)) continue;
      const key = `${method.toUpperCase()} ${path}`;
      // a route without its entry in routes.ts keeps what its decorators say (the contract test names it)
      const route = ROUTES[key];
      const needed = roles.get(key);
      const operation: Operation = { ...value, responses: route ? responsesOf(route, key, needed !== undefined) : value.responses };
      operation.parameters = [...(value.parameters ?? []).map(typedParameter), ...(route?.cached ? CACHED_READ_HEADERS : [])];
      operation.security = needed ? [{ bearer: [...needed] }] : [];
      if (needed) {
        operation.description = [value.description, `Needs an API key with the role ${needed.join(' or ')} `
          + '(without API_KEYS configured: any loopback client).'].filter(Boolean).join('\n\n');
      }
      (paths[path] ??= {})[method] = operation;
    }
  }
  const document: Record<string, unknown> = {
    openapi: '3.1.0',
    info: { ...nest.info, license: { name: 'UNLICENSED', identifier: 'LicenseRef-UNLICENSED' } },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: '/', description: 'this server' }],
    tags: nest.tags,
    paths,
    webhooks: webhooks(),
    components: {
      securitySchemes: nest.components?.securitySchemes,
      headers: HEADERS,
      responses: PROBLEM_RESPONSES,
      schemas: {},
    },
  };
  const requestSchemas = toDialect31(nest.components?.schemas ?? {}) as Record<string, JsonSchema>;
  addDiscriminators(document.paths, requestSchemas);
  (document.components as Record<string, unknown>).schemas = reachedSchemas(document, requestSchemas);
  return document;
}

function responsesOf(route: RouteContract, key: string, secured: boolean): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  const limits = rateLimited(key) ? ['RateLimit-Policy', 'RateLimit'] : [];
  const headers = Object.fromEntries(['X-Request-Id', 'Cache-Control', ...(route.headers ?? []), ...limits].map((name) => [name, { $ref: `#/components/headers/${name}` }]));
  if (route.cached) headers.ETag = { $ref: '#/components/headers/ETag' };
  const content = route.schema || route.media ? { ...(route.schema ? { 'application/json': { schema: ref(route.schema) } } : {}), ...route.media } : undefined;
  const described = route.schema ? (CONTRACT_SCHEMAS[route.schema]?.description as string | undefined) : undefined;
  responses[String(route.status)] = {
    description: route.status === 204 ? 'done: no body' : described ?? 'the answer',
    headers,
    ...(content ? { content } : {}),
  };
  if (route.cached) {
    responses['304'] = { description: 'not modified: If-None-Match named the ETag of this answer', headers: { ETag: headers.ETag, 'X-Request-Id': headers['X-Request-Id'], 'Cache-Control': headers['Cache-Control'] } };
  }
  for (const [status, also] of Object.entries(route.also ?? {})) {
    responses[status] = { description: also.description, headers: { 'X-Request-Id': headers['X-Request-Id'] }, content: { 'application/json': { schema: ref(also.schema) } } };
  }
  for (const status of problemsOf(route, key, secured)) responses[String(status)] = { $ref: `#/components/responses/Problem${status}` };
  responses.default = { $ref: '#/components/responses/ProblemOther' };
  return responses;
}

const SIGNED = 'Signed as Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature with the subscription\'s secret).';

/** A webhook: the body the service POSTs to a subscriber's URL. */
const webhook = (operationId: string, summary: string, description: string, schema: unknown) => ({
  post: {
    operationId, summary, description: `${description} ${SIGNED}`,
    // the service signs what it sends: the receiver checks webhook-signature, there is no credential to send
    security: [],
    requestBody: { required: true, content: { 'application/json': { schema } } },
    responses: { '200': { description: 'any 2xx: delivered; anything else (or no answer in time): retried with backoff' } },
  },
});

/** One webhook per event type delivered, and the test delivery. */
function webhooks(): Record<string, unknown> {
  const events = EVENT_TYPES.filter((entry) => entry.delivered).map((entry) => [entry.name, webhook(
    `deliver${entry.type}V${entry.version}`, entry.description, 'Sent to each subscription whose filters match.', {
      allOf: [ref('WebhookPayload')],
      properties: {
        type: { const: entry.name },
        data: { anyOf: [{ allOf: [ref('WebhookEventData')], properties: { event: entry.schema } }, ref('WebhookTruncatedData')] },
      },
    })] as const);
  const test = webhook('deliverWebhookTest', 'A test delivery, about no fact', 'Sent by POST /v1/subscriptions/{id}/test only; never queued or retried.',
    ref('WebhookTestPayload'));
  return Object.fromEntries([...events, ['webhook.test', test]]);
}

/** The OpenAPI 3.0 of Nest's request DTO schemas in 3.1: `nullable` as a type array. */
function toDialect31(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toDialect31);
  if (node === null || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, toDialect31(value)]));
  if (nullable === true && typeof converted.type === 'string') converted.type = [converted.type, 'null'];
  return converted;
}

/** Every `oneOf` over the fact DTOs gets the `type` discriminator; each fact DTO its `type` as a const. */
function addDiscriminators(node: unknown, requestSchemas: Record<string, JsonSchema>): void {
  for (const [kind, dto] of Object.entries(FACT_DTOS)) {
    const schema = requestSchemas[dto.name] as { properties?: Record<string, unknown> } | undefined;
    if (schema?.properties?.type) schema.properties.type = { type: 'string', const: kind };
  }
  const discriminator = {
    propertyName: 'type',
    mapping: Object.fromEntries(Object.entries(FACT_DTOS).map(([kind, dto]) => [kind, `#/components/schemas/${dto.name}`])),
  };
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (Array.isArray(record.oneOf) && record.oneOf.every((entry) => String((entry as { $ref?: string }).$ref ?? '').endsWith('Dto'))) {
      record.discriminator = discriminator;
    }
    Object.values(record).forEach(visit);
  };
  visit(node);
  Object.values(requestSchemas).forEach(visit);
}

/** The schemas the document refers to, and those they refer to: no unused component. */
function reachedSchemas(document: Record<string, unknown>, requestSchemas: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const all: Record<string, JsonSchema> = { ...CONTRACT_SCHEMAS, ...requestSchemas };
  const reached: Record<string, JsonSchema> = {};
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string' && item.startsWith('#/components/schemas/')) {
        const name = item.slice('#/components/schemas/'.length);
        if (!(name in reached) && all[name]) {
          reached[name] = all[name];
          visit(all[name]);
        }
      } else visit(item);
    }
  };
  visit({ paths: document.paths, webhooks: document.webhooks, responses: PROBLEM_RESPONSES });
  return Object.fromEntries(Object.entries(reached).sort(([a], [b]) => a.localeCompare(b)));
}
