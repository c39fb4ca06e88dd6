import type { ApiResponseOptions } from '@nestjs/swagger';

/** OpenAPI answers of the subscription routes: a schema and a realistic example each. */
const subscription = {
  id: '6f1c2b1e-8f0a-4c4e-9a57-2b8f6f0e1d11',
  owner: 'compliance',
  url: 'https://compliance.example.org/hooks/timeline',
  description: 'compliance system',
  eventTypes: ['InstitutionsBanned.v1'],
  jurisdictions: ['CN-GD'],
  status: 'active',
  maxInFlight: 1,
  disabledReason: null,
  failingSince: null,
  previousSecretExpiresAt: null,
  createdAt: '2026-01-05T08:00:00.000Z',
  updatedAt: '2026-01-05T08:00:00.000Z',
};

const delivery = {
  id: '0b7e5f7a-3c55-4a43-8d1f-6a3c1e9b2f40',
  webhookId: 'msg_5d7c9a4e-2f61-4b8e-9c3a-7e1f0d2b6a58',
  eventId: '5d7c9a4e-2f61-4b8e-9c3a-7e1f0d2b6a58',
  eventType: 'InstitutionsBanned.v1',
  position: 412,
  origin: 'live',
  status: 'delivered',
  attemptCount: 2,
  nextAttemptAt: null,
  deliveredAt: '2026-01-05T08:00:05.310Z',
  lastError: null,
  createdAt: '2026-01-05T08:00:00.120Z',
  attempts: [
    { at: '2026-01-05T08:00:00.130Z', statusCode: 503, latencyMs: 41, error: 'HTTP 503: busy', nextRetryAt: '2026-01-05T08:00:05.290Z' },
    { at: '2026-01-05T08:00:05.300Z', statusCode: 200, latencyMs: 12, error: null, nextRetryAt: null },
  ],
};

export const SUBSCRIPTION_RESPONSE: ApiResponseOptions = {
  description: 'the subscription (its secret is shown only on create and rotate)',
  schema: { type: 'object' },
  example: subscription,
};

export const SUBSCRIPTION_LIST_RESPONSE: ApiResponseOptions = {
  description: 'every subscription',
  schema: { type: 'object', properties: { subscriptions: { type: 'array', items: { type: 'object' } } } },
  example: { subscriptions: [subscription] },
};

export const DELIVERIES_RESPONSE: ApiResponseOptions = {
  description: 'deliveries, newest first, with their attempts; `next` is the cursor of the next page',
  schema: { type: 'object', properties: { deliveries: { type: 'array', items: { type: 'object' } }, next: { type: 'string', nullable: true } } },
  example: { deliveries: [delivery], next: null },
};

export const CREATED_SUBSCRIPTION_RESPONSE: ApiResponseOptions = {
  description: 'the subscription with its signing secret (shown this once)',
  schema: { type: 'object' },
  example: { ...subscription, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
};
