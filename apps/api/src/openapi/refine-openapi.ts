import type { OpenAPIObject } from '@nestjs/swagger';
import { FACT_DTOS } from '../../../../libs/application/src/index.js';
import { OPENAPI_EXAMPLES } from './openapi-examples.js';
import { schemaFromExample } from './schema-from-example.js';

type Operation = {
  security?: unknown[];
  responses: Record<string, { description: string; content?: Record<string, unknown> }>;
};

const PROBLEM = {
  description: 'RFC 9457 problem details naming each offending field',
  content: {
    'application/problem+json': {
      schema: { $ref: '#/components/schemas/Problem' },
      example: {
        type: '/problems/invalid-request', title: 'The request is not valid', status: 400, instance: '/v1/bans?asOf=2020-13',
        detail: 'asOf: "2020-13" is not a date', errors: [{ field: 'asOf', pointer: '/asOf', message: 'asOf: "2020-13" is not a date' }],
      },
    },
  },
};

const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, pointer: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

/** Example answers on the seed data, keyed "GET /v1/bans" (regenerate: npm run openapi:examples). */
const EXAMPLES = OPENAPI_EXAMPLES;

/**
 * Completes what the decorators leave out: one discriminated schema per fact kind, problem
 * responses, explicit security on public reads, and response schemas with examples taken
 * from real answers on the seed data.
 */
export function refineOpenApi(document: OpenAPIObject): OpenAPIObject {
  document.servers = [{ url: '/', description: 'this server' }];
  document.info.license = { name: 'UNLICENSED' };
  const schemas = (document.components ??= {}).schemas ??= {};
  schemas.Problem = PROBLEM_SCHEMA;
  for (const [kind, dto] of Object.entries(FACT_DTOS)) {
    const schema = schemas[dto.name] as { properties?: Record<string, Record<string, unknown>> } | undefined;
    if (schema?.properties?.type) schema.properties.type = { type: 'string', enum: [kind] };
  }
  const discriminator = {
    propertyName: 'type',
    mapping: Object.fromEntries(Object.entries(FACT_DTOS).map(([kind, dto]) => [kind, `#/components/schemas/${dto.name}`])),
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item as Record<string, Operation>)) {
      if (typeof value !== 'object' || !value.responses) continue;
      value.security ??= [];
      if (!Object.keys(value.responses).some((status) => status.startsWith('4'))) value.responses['400'] = PROBLEM;
      const example = EXAMPLES[`${method.toUpperCase()} ${path}`];
      const success = Object.keys(value.responses).find((status) => status.startsWith('2')) ?? '200';
      const documented = (value.responses[success]?.content?.['application/json'] as { schema?: unknown; example?: unknown } | undefined);
      if (example !== undefined && documented?.schema) {
        documented.example = example;
      } else if (example !== undefined) {
        value.responses[success] = {
          description: value.responses[success]?.description || 'the answer',
          content: { 'application/json': { schema: schemaFromExample(example), example } },
        };
      }
    }
  }
  addDiscriminators(document as unknown as Record<string, unknown>, discriminator);
  return document;
}

/** Every `oneOf` over the fact DTOs gets the `type` discriminator. */
function addDiscriminators(node: unknown, discriminator: object): void {
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (Array.isArray(record.oneOf) && record.oneOf.every((entry) => String((entry as { $ref?: string }).$ref ?? '').endsWith('Dto'))) {
    record.discriminator = discriminator;
  }
  for (const value of Object.values(record)) addDiscriminators(value, discriminator);
}
