import type { FastifyInstance, RouteOptions } from 'fastify';
import fastJsonStringify from 'fast-json-stringify';
import { CONTRACT_SCHEMAS } from './generated/contract-schemas.js';
import type { JsonSchema } from './json-schema.js';
import { ROUTES, type RouteContract } from './routes.js';

/**
 * The `$id` under which the generated schemas are shared with Fastify (fastify.addSchema): one
 * schema holding them at the same place as the OpenAPI document (`components.schemas`), so their
 * own `$ref`s (`#/components/schemas/Name`) resolve inside it unchanged.
 */
export const CONTRACT_SCHEMA_ID = 'regtl-contract';

const schemaRef = (name: string) => ({ $ref: `${CONTRACT_SCHEMA_ID}#/components/schemas/${name}` });

const isNull = (schema: unknown): boolean => typeof schema === 'object' && schema !== null
  && (schema as JsonSchema).type === 'null' && Object.keys(schema).length === 1;

/**
 * The generated schemas in the forms fast-json-stringify writes without validating, each accepting
 * the same values: a nullable union (`anyOf: [X, {type: null}]`, which it would decide by
 * validating the value against X with ajv, a whole fact at a time) tests null first
 * (`if/then/else`); an open object with no named property (`Record<string, unknown>`: an event's
 * data) is written by JSON.stringify in one call instead of one call per property. Nothing else
 * changes: the document shows the schemas as generated.
 */
export function serializationForm(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(serializationForm);
  if (typeof node !== 'object' || node === null) return node;
  const schema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, serializationForm(value)])) as Record<string, unknown>;
  const { anyOf, type, additionalProperties, ...rest } = schema;
  if (Array.isArray(anyOf) && anyOf.length === 2 && anyOf.some(isNull) && !anyOf.every(isNull)) {
    return { ...rest, ...(type === undefined ? {} : { type }), ...(additionalProperties === undefined ? {} : { additionalProperties }),
      if: { type: 'null' }, then: { type: 'null' }, else: anyOf.find((branch) => !isNull(branch)) };
  }
  const open = type === 'object' && typeof additionalProperties === 'object' && additionalProperties !== null && Object.keys(additionalProperties).length === 0;
  if (open && anyOf === undefined && !['properties', 'patternProperties', 'required', 'propertyNames'].some((key) => key in rest)) return rest;
  return schema;
}

/** Nest's route URL (`/v1/jurisdictions/:code/state`) as the OpenAPI path of routes.ts (`/v1/jurisdictions/{code}/state`). */
export const operationOf = (method: string, url: string): string => `${method} ${url.replace(/:(\w+)/g, '{$1}')}`;

/**
 * The response schemas Fastify serializes a route's JSON answers with, by status: the schema
 * routes.ts names for its success status (and for its other JSON statuses, the `also` of /health),
 * and the problem schema for every 4xx and 5xx. Routes without a JSON answer (204, CSV, NDJSON,
 * Markdown) have none for their success: their bodies are text or streams, which Fastify sends as
 * they are.
 */
export function responseSchemasOf(route: RouteContract): Record<string, unknown> {
  const response: Record<string, unknown> = { '4xx': schemaRef('Problem'), '5xx': schemaRef('Problem') };
  if (route.schema) response[String(route.status)] = schemaRef(route.schema);
  for (const [status, also] of Object.entries(route.also ?? {})) response[status] = schemaRef(also.schema);
  return response;
}

/**
 * Every JSON answer is written by Fastify's serializer (fast-json-stringify) from the schema the
 * OpenAPI document names for it: routes.ts drives both. Registered before the routes: as Nest
 * registers each one, its `schema.response` is filled from its entry in routes.ts (a route with no
 * entry keeps JSON.stringify; the contract test names it). Answers the answer cache keeps are
 * written by the same serializer (`reply.serialize`, ReadModelPositionInterceptor).
 */
export function serializeAnswersBySchema(fastify: FastifyInstance): void {
  fastify.addSchema(sharedSchemas());
  fastify.addHook('onRoute', (options: RouteOptions) => {
    const methods = Array.isArray(options.method) ? options.method : [options.method];
    const route = methods.length === 1 ? ROUTES[operationOf(String(methods[0]), options.url)] : undefined;
    if (!route) return;
    options.schema = { ...options.schema, response: { ...responseSchemasOf(route), ...(options.schema?.response as object | undefined) } };
  });
}

/** The generated schemas as one shared schema (what fastify.addSchema is given: a fresh one for each server). */
const sharedSchemas = () => ({ $id: CONTRACT_SCHEMA_ID, components: { schemas: serializationForm(CONTRACT_SCHEMAS) } });

/** The shared schemas answerSerializer compiles against, made once per thread (each kind's serializer reads them). */
let serializerSchemas: Record<string, fastJsonStringify.Schema> | null = null;

/**
 * The serializer of an operation's success answer as Fastify compiles it (fast-json-stringify, the
 * same schema and shared schemas, no options), for a thread that writes answers without Fastify:
 * the answer workers (answer-worker.ts). The e2e tests hold its bytes equal to the API thread's.
 */
export function answerSerializer(operation: string): (answer: unknown) => string {
  const schema = ROUTES[operation]?.schema;
  if (!schema) throw new Error(`${operation} has no JSON answer in routes.ts`);
  // the shared schema is a container of components, not a schema fast-json-stringify's types describe
  serializerSchemas ??= { [CONTRACT_SCHEMA_ID]: sharedSchemas() } as unknown as Record<string, fastJsonStringify.Schema>;
  return fastJsonStringify(schemaRef(schema), { schema: serializerSchemas });
}
