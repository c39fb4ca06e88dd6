/**
 * What each operation answers, beside what the decorators of its controller say (its path,
 * parameters and request body): the success status with its schema (a type of
 * contract-types.ts) and headers, and every problem status it can answer. The contract test
 * calls every route and checks each answer against the document built from this table.
 */
export type HeaderName = 'ETag' | 'Location' | 'Read-Model-Position' | 'Idempotent-Replayed' | 'Link' | 'Retry-After';

export interface RouteContract {
  readonly status: 200 | 201 | 202 | 204;
  /** component name of the JSON answer (none: no body) */
  readonly schema?: string;
  /** a body in another media type than JSON */
  readonly media?: Readonly<Record<string, { readonly schema: Readonly<Record<string, unknown>> }>>;
  readonly headers?: readonly HeaderName[];
  /** problem+json statuses besides those every route has (400, 429) and those of its roles (401, 403) */
  readonly problems?: readonly number[];
  /** answers of questions the answer cache keeps: ETag, and 304 to If-None-Match */
  readonly cached?: true;
  /** another status with a JSON answer of its own (not a problem) */
  readonly also?: Readonly<Record<number, { readonly description: string; readonly schema: string }>>;
}

/** the point-in-time reads: read-your-writes (503 when the projector does not catch up in time, or the read queue is full) */
const READ = { headers: ['Read-Model-Position', 'Link'], problems: [503], cached: true } as const;
/** the answers with a CSV form (Accept: text/csv or format=csv; apps/api/src/csv) */
const CSV = { media: { 'text/csv': { schema: { type: 'string', description: 'RFC 4180 with a header row, UTF-8: one row per item of the answer\'s list (a fact, a ban, a place, a point)' } } } } as const;
/** writes on a notice: If-Match (its revision) is a precondition, 412 when stale */
const NOTICE_WRITE = { status: 201, schema: 'NoticeWriteAnswer', headers: ['ETag', 'Location', 'Idempotent-Replayed'], problems: [404, 409, 412, 413, 415, 422] } as const;

export const ROUTES: Readonly<Record<string, RouteContract>> = {
  'GET /v1/state': { status: 200, schema: 'NationalStateAnswer', ...READ, ...CSV },
  'GET /v1/jurisdictions/{code}/state': { status: 200, schema: 'JurisdictionStateAnswer', ...READ, ...CSV },
  'GET /v1/bans': { status: 200, schema: 'BansRoot', ...READ, ...CSV },
  'GET /v1/diff': { status: 200, schema: 'DiffRoot', ...READ },
  'GET /v1/jurisdictions/{code}/timeline': { status: 200, schema: 'JurisdictionTimelineRoot', ...READ, ...CSV },
  'GET /v1/jurisdictions/{code}/series': { status: 200, schema: 'SeriesRoot', headers: ['Read-Model-Position'], problems: [503], ...CSV },
  'GET /v1/institutions': { status: 200, schema: 'InstitutionSearchAnswer', ...READ },
  'GET /v1/institutions/{id}/state': { status: 200, schema: 'InstitutionStateAnswer', ...READ, problems: [404, 503] },
  'GET /v1/institutions/{id}/timeline': { status: 200, schema: 'InstitutionTimelineRoot', ...READ, problems: [404, 503], ...CSV },
  'GET /v1/jurisdictions': { status: 200, schema: 'JurisdictionList' },
  'GET /v1/jurisdictions/{code}': { status: 200, schema: 'JurisdictionAnswer' },
  'GET /v1/events': { status: 200, schema: 'EventsPage', headers: ['Link'] },
  'GET /v1/event-types': { status: 200, schema: 'EventTypeCatalogue' },
  'GET /v1/notices/{noticeId}': { status: 200, schema: 'NoticeAnswer', headers: ['ETag'], problems: [404] },
  'POST /v1/notices': { ...NOTICE_WRITE, problems: [409, 412, 413, 415, 422] },
  'POST /v1/notices/{noticeId}/corrections': NOTICE_WRITE,
  'POST /v1/notices/{noticeId}/corroborations': NOTICE_WRITE,
  'POST /v1/notices/{noticeId}/retractions': NOTICE_WRITE,
  'GET /v1/documents': { status: 200, schema: 'DocumentsPage', headers: ['Link'] },
  'GET /v1/documents/{document}': { status: 200, schema: 'DocumentAnswer', problems: [404] },
  'POST /v1/documents': { status: 201, schema: 'DocumentWriteAnswer', headers: ['Location', 'Idempotent-Replayed'], problems: [409, 413, 415, 422] },
  'GET /v1/audit/verify': { status: 200, schema: 'VerifyAnswer' },
  'GET /v1/audit/digest': { status: 200, schema: 'DigestAnswer' },
  'GET /v1/events.ndjson': {
    status: 200,
    media: { 'application/x-ndjson': { schema: { type: 'string', description: 'one JSON object per line: position, eventId, stream, revision, type, data, metadata (hash, prevHash), recordedAt' } } },
  },
  'GET /health': { status: 200, schema: 'HealthAnswer', also: { 503: { description: 'not ready: the reasons', schema: 'HealthAnswer' } } },
  'GET /health/live': { status: 200, schema: 'LivenessAnswer' },
  'POST /v1/subscriptions': { status: 201, schema: 'SubscriptionWithSecret', headers: ['Idempotent-Replayed'], problems: [413, 415, 422] },
  'GET /v1/subscriptions': { status: 200, schema: 'SubscriptionList', headers: ['Link'] },
  'GET /v1/subscriptions/{id}': { status: 200, schema: 'Subscription', problems: [404] },
  'PATCH /v1/subscriptions/{id}': { status: 200, schema: 'Subscription', problems: [404, 413, 415, 422] },
  'DELETE /v1/subscriptions/{id}': { status: 204, problems: [404] },
  'POST /v1/subscriptions/{id}/rotate-secret': { status: 200, schema: 'SubscriptionWithSecret', problems: [404] },
  'POST /v1/subscriptions/{id}/test': { status: 200, schema: 'TestDeliveryAnswer', problems: [404] },
  'GET /v1/subscriptions/{id}/deliveries': { status: 200, schema: 'DeliveriesPage', headers: ['Link'], problems: [404] },
  'POST /v1/subscriptions/{id}/deliveries/{deliveryId}/retry': { status: 202, schema: 'RetryAnswer', problems: [404] },
  'POST /v1/subscriptions/{id}/replay': { status: 202, schema: 'ReplayAnswer', problems: [404, 413, 415] },
  'GET /problems/{code}': {
    status: 200,
    media: { 'text/markdown': { schema: { type: 'string', description: 'the problem type: its title, when it happens, what to do' } } },
    problems: [404],
  },
};
