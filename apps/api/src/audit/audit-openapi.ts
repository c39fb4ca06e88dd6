import { ApiOkResponse } from '@nestjs/swagger';

const position = { type: 'integer', description: 'log position (on EventStoreDB, when commit and prepare differ: the text "commit-prepare")' };
const hex = { type: 'string', pattern: '^[0-9a-f]{64}$' };

/** GET /v1/audit/verify: the seed log, and the shape of a broken answer. */
export const VerifyResponse = ApiOkResponse({
  description: 'ok, or the first broken event and what is wrong with it',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['ok', 'eventCount', 'streamCount', 'unchainedCount', 'headPosition', 'broken'],
        properties: {
          ok: { type: 'boolean' },
          eventCount: { type: 'integer', description: 'events verified before the first broken one (all of them when ok)' },
          streamCount: { type: 'integer' },
          unchainedCount: { type: 'integer', description: 'events recorded before the hash chain existed: counted, not verifiable' },
          headPosition: { ...position, nullable: true },
          broken: {
            type: 'object',
            nullable: true,
            required: ['kind', 'position', 'stream', 'revision', 'eventId', 'message'],
            properties: {
              kind: { type: 'string', enum: ['altered', 'missing', 'inserted', 'reordered'] },
              position, stream: { type: 'string' }, revision: { type: 'integer' }, eventId: { type: 'string' }, message: { type: 'string' },
            },
          },
        },
      },
      example: {
        ok: false, eventCount: 41, streamCount: 12, unchainedCount: 0, headPosition: 41,
        broken: {
          kind: 'altered', position: 42, stream: 'notice-7d9da0c3-ba19-57d8-b33c-0da5adc45986', revision: 2,
          eventId: '323d8779-e8e0-5c8b-b4a0-fa37a6156453', message: 'content hashes to 5f1c0a9b7e2d…, the event says 9ad04c1e88b3…',
        },
      },
    },
  },
});

/** GET /v1/audit/digest */
export const DigestResponse = ApiOkResponse({
  description: 'save it; `npm run audit:verify -- --digest <it>` later proves the log up to its position unchanged',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['algorithm', 'position', 'eventCount', 'root'],
        properties: { algorithm: { type: 'string' }, position: { ...position, nullable: true }, eventCount: { type: 'integer' }, root: hex },
      },
      example: {
        algorithm: 'rfc6962-merkle-sha256(position event-hash)', position: 57, eventCount: 57,
        root: 'c1f0c4b1a3d54e4f0e9a0d8f3b7e6a2c9d1e5f7a8b0c2d4e6f8a0b2c4d6e8f0a',
      },
    },
  },
});
