import type { RouteContract } from './routes.js';

/** The response headers of the contract, each documented once. */
export const HEADERS: Record<string, Record<string, unknown>> = {
  'ETag': {
    description: 'the version of the answer: send it in If-None-Match to get 304 while it holds; on a notice, its revision, to send in If-Match',
    schema: { type: 'string' },
  },
  'X-Request-Id': {
    description: 'the request id (the client\'s own X-Request-Id when acceptable, else a UUID): in the server\'s log line and the events\' correlation id',
    required: true,
    schema: { type: 'string', pattern: '^[A-Za-z0-9._:@+=-]{1,128}$' },
  },
  'Cache-Control': {
    description: '`public, max-age=31536000, immutable` for an answer pinned to a reached log position (recordedAt=position:N) and its instant; `public, no-cache` for the latest (revalidate with If-None-Match); `no-store` for writes and problems',
    schema: { type: 'string' },
  },
  'Location': { description: 'the URL of what was written', required: true, schema: { type: 'string' } },
  'Read-Model-Position': {
    description: 'the log position the read models reflected when answering (0: none); wait for a write with minPosition',
    required: true,
    schema: { type: 'string', pattern: '^[0-9]+(-[0-9]+)?$' },
  },
  'Idempotent-Replayed': { description: '`true` when an Idempotency-Key retry returned the first result', schema: { type: 'string', const: 'true' } },
  'Link': { description: 'RFC 8288: the next page (rel="next") while the list goes on', schema: { type: 'string' } },
  'Retry-After': { description: 'seconds to wait before retrying', schema: { type: 'string', pattern: '^[0-9]+$' } },
  'WWW-Authenticate': { description: 'RFC 6750: `Bearer realm=...` (with `error="invalid_token"` when a key was sent)', required: true, schema: { type: 'string' } },
  'RateLimit-Policy': {
    description: 'the quota policy (draft-ietf-httpapi-ratelimit-headers-11): `"default";q=<requests>;w=<window in seconds>`, the limit that applies to the caller '
      + '(ANONYMOUS_READ_RATE_LIMIT without a key, KEYED_RATE_LIMIT with one, per RATE_LIMIT_WINDOW_SECONDS)',
    schema: { type: 'string', pattern: '^"default";q=[0-9]+;w=[0-9]+$' },
  },
  'RateLimit': {
    description: 'the service limit now (draft-ietf-httpapi-ratelimit-headers-11): `"default";r=<requests left>;t=<seconds until the window ends>`',
    schema: { type: 'string', pattern: '^"default";r=[0-9]+;t=[0-9]+$' },
  },
};

const PROBLEMS: Record<number, string> = {
  400: 'the request is not valid: every offending field named (`invalid-request`), or it cannot be read (`invalid-json`, `invalid-url`, ...)',
  401: 'no valid bearer API key (`unauthorized`)',
  403: 'the API key lacks the role the operation needs (`forbidden`)',
  404: 'no such resource (`notice-not-found`, `institution-not-found`, `document-not-found`, `subscription-not-found`, ...)',
  409: 'conflicts with what is recorded (`notice-already-published`, `fact-retracted`, `document-text-differs`, `revision-conflict`: other writes kept changing the notice)',
  412: 'If-Match does not name the notice\'s current revision: it changed since you read it (`precondition-failed`, with `currentRevision`)',
  413: 'the body is larger than MAX_BODY_BYTES (`body-too-large`)',
  415: 'the body is not application/json (`unsupported-media-type`)',
  422: 'breaks a rule of the domain (`invalid-input`, `fact-not-found`, `quote-not-in-document`, `idempotency-key-reused`)',
  429: 'more requests in the window than the rate limit allows (ANONYMOUS_READ_RATE_LIMIT without a key, KEYED_RATE_LIMIT with one) (`rate-limited`): retry after Retry-After',
  503: 'not available now (the read models did not reach minPosition in time, or the read queue is full): retry after Retry-After',
};

/** What any operation may also answer: the HTTP layer's refusals and a failure of the service. */
const OTHER_PROBLEMS = 'the HTTP layer\'s refusals (405 `method-not-allowed`, 408 `request-timeout`, 411, 414 `uri-too-long`, 431 '
  + '`headers-too-large`) and a failure of the service (500 `internal-error`, logged)';

const headerRefs = (...names: string[]) => Object.fromEntries(['X-Request-Id', 'Cache-Control', ...names].map((name) => [name, { $ref: `#/components/headers/${name}` }]));

const problemHeaders = (status: number): Record<string, unknown> =>
  status === 429 ? headerRefs('Retry-After', 'RateLimit-Policy', 'RateLimit')
    : status === 503 ? headerRefs('Retry-After')
      : status === 401 ? headerRefs('WWW-Authenticate') : headerRefs();

/** One RFC 9457 problem+json response per status (`type` resolves to a page at /problems/{code}). */
export const PROBLEM_RESPONSES: Record<string, unknown> = Object.fromEntries([...Object.entries(PROBLEMS), ['Other', OTHER_PROBLEMS]].map(([status, description]) => {
  return [`Problem${status}`, {
    description,
    headers: problemHeaders(Number(status)),
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  }];
}));

/** Paths the rate limits never apply to (create-app.ts). */
const NOT_RATE_LIMITED = /^\/health(\/|$)/;

/** Whether an operation ("GET /v1/bans") is counted by the rate limits (its answers then carry RateLimit-Policy and RateLimit). */
export const rateLimited = (key: string): boolean => !NOT_RATE_LIMITED.test(key.slice(key.indexOf(' ') + 1));

/**
 * The problem statuses of an operation: 400 on every one (a query parameter given twice, a URL
 * that cannot be read), 429 where the anonymous rate limit applies, 401 and 403 where a role is
 * needed, and the route's own.
 */
export function problemsOf(route: RouteContract, key: string, secured: boolean): number[] {
  const statuses = new Set<number>([400, ...(rateLimited(key) ? [429] : []), ...(secured ? [401, 403] : []), ...(route.problems ?? [])]);
  return [...statuses].sort((a, b) => a - b);
}
