import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { operationOf, responseSchemasOf, serializationForm, serializeAnswersBySchema } from './answer-serialization.js';
import { CONTRACT_SCHEMAS } from './generated/contract-schemas.js';
import { ROUTES } from './routes.js';

/**
 * Issue 18 item 1: schemas "used for validation, OpenAPI 3.1 and serialization". A real Fastify
 * server on a port with the routes' schemas from routes.ts: what a schema does not name is not written (so
 * the serializer is the schema's), and bodies that are not JSON go as they are.
 * (test/e2e/answer-serialization.e2e-spec.ts shows the live answers lose nothing by it.)
 */
describe('answers serialized from the schemas routes.ts names', () => {
  let fastify: FastifyInstance;
  const hubei = {
    code: 'CN-HB', name: 'Hubei', nameZh: '湖北省', level: 'province', parent: 'CN', gbCode: '420000', kind: 'province',
    zone: 'Asia/Shanghai', children: ['CN-420100'],
  };

  beforeAll(async () => {
    fastify = Fastify();
    serializeAnswersBySchema(fastify);
    fastify.get('/v1/jurisdictions/:code', async () => ({ ...hubei, internal: 'not in JurisdictionAnswer' }));
    fastify.get('/v1/events.ndjson', async (_request, reply) => reply.type('application/x-ndjson').send('{"position":1}\n'));
    fastify.get('/v1/notices/:noticeId', async (_request, reply) => reply.status(409).type('application/problem+json')
      .send({ type: '/problems/revision-conflict', title: 'The notice changed since you read it', status: 409, detail: 'stale', currentRevision: 3 }));
    fastify.get('/not-in-the-contract', async () => ({ anything: 1 }));
    await fastify.listen({ port: 0, host: '127.0.0.1' });
  });
  /** a GET over HTTP: status and body text */
  const get = async (url: string) => {
    const address = fastify.server.address();
    const response = await fetch(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${url}`);
    return { statusCode: response.status, body: await response.text() };
  };
  afterAll(async () => {
    await fastify.close();
  });

  it('writes a JSON answer from its schema: a property the schema lacks is not written', async () => {
    const response = await get('/v1/jurisdictions/CN-HB');
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual(hubei);
  });

  it('writes problems from the Problem schema, with their extension members', async () => {
    const response = await get('/v1/notices/n1');
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body)).toEqual(expect.objectContaining({ status: 409, currentRevision: 3 }));
  });

  it('sends text answers (NDJSON) as they are, and leaves routes outside the contract alone', async () => {
    expect((await get('/v1/events.ndjson')).body).toBe('{"position":1}\n');
    expect(JSON.parse((await get('/not-in-the-contract')).body)).toEqual({ anything: 1 });
  });

  it('writes nullable unions and open objects without validating them, accepting the same values', () => {
    const nullableCounts = { anyOf: [{ $ref: '#/components/schemas/Counts' }, { type: 'null' }], description: 'the counts' };
    expect(serializationForm(nullableCounts)).toEqual({ description: 'the counts', if: { type: 'null' }, then: { type: 'null' }, else: { $ref: '#/components/schemas/Counts' } });
    expect(serializationForm({ type: 'object', additionalProperties: {}, description: 'data' })).toEqual({ description: 'data' });
    const problem = { type: 'object', properties: { status: { type: 'integer' } }, required: ['status'], additionalProperties: {} };
    expect(serializationForm(problem)).toEqual(problem);
    expect(serializationForm({ anyOf: [{ type: 'integer' }, { type: 'string' }] })).toEqual({ anyOf: [{ type: 'integer' }, { type: 'string' }] });
  });

  it('has no object schema the generator left half-known (the serializer would drop what it does not name)', () => {
    // an object whose type the generator could not fully read (e.g. `ReturnType<typeof f>` in an intersection)
    // comes out with some properties and no additionalProperties: closed objects say false, open ones name a schema
    const loose: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const schema = node as Record<string, unknown>;
      if (schema.type === 'object' && schema.properties && schema.additionalProperties === undefined) loose.push(where);
      for (const [key, value] of Object.entries(schema)) visit(value, `${where}.${key}`);
    };
    for (const [name, schema] of Object.entries(CONTRACT_SCHEMAS)) visit(schema, name);
    expect(loose).toEqual([]);
  });

  it('names a schema for each JSON status routes.ts documents, and none for bodies that are not JSON', () => {
    expect(operationOf('GET', '/v1/subscriptions/:id/deliveries/:deliveryId/retry')).toBe('GET /v1/subscriptions/{id}/deliveries/{deliveryId}/retry');
    const refs = (operation: string) => Object.fromEntries(Object.entries(responseSchemasOf(ROUTES[operation]!))
      .map(([status, schema]) => [status, (schema as { $ref: string }).$ref.replace(/^.*\//, '')]));
    expect(refs('GET /health')).toEqual({ '200': 'HealthAnswer', '503': 'HealthAnswer', '4xx': 'Problem', '5xx': 'Problem' });
    expect(refs('DELETE /v1/subscriptions/{id}')).toEqual({ '4xx': 'Problem', '5xx': 'Problem' });
    expect(refs('GET /v1/events.ndjson')).toEqual({ '4xx': 'Problem', '5xx': 'Problem' });
  });
});
