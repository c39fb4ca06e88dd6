/**
 * Every problem type the service answers with (RFC 9457 `type`: /problems/{code}), each with
 * the page GET /problems/{code} serves: its title, when it happens, what to do. `problem()`
 * takes only these codes, so a new one cannot be answered without its page.
 */
export interface ProblemType {
  readonly status: number;
  readonly title: string;
  readonly when: string;
  readonly todo: string;
}

const RETRY = 'Retry after the seconds the Retry-After header gives.';

export const PROBLEM_TYPES = {
  'invalid-request': { status: 400, title: 'The request is not valid', when: 'A query parameter, header or body field is missing, malformed or out of range (a date that is not one, an unknown jurisdiction, a limit out of bounds, a field the body may not have). `errors` names each offending field with a JSON pointer and a message.', todo: 'Fix each field `errors` names and send the request again.' },
  'bad-request': { status: 400, title: 'Bad request', when: 'The HTTP layer refused the request for a reason it does not name more precisely.', todo: 'Read `detail`; check the URL, headers and body.' },
  'malformed-request': { status: 400, title: 'Malformed HTTP request', when: 'The request line or headers cannot be parsed as HTTP.', todo: 'Use an HTTP client that sends well-formed requests.' },
  'invalid-url': { status: 400, title: 'Invalid URL', when: 'The URL cannot be decoded (a bad percent-encoding, a byte that is not UTF-8).', todo: 'Percent-encode the path and query as UTF-8 (encodeURIComponent).' },
  'invalid-json': { status: 400, title: 'The body is not valid JSON', when: 'The body is empty or not JSON, not UTF-8, or nested deeper than the service accepts.', todo: 'Send one JSON object, UTF-8 encoded.' },
  'invalid-content-length': { status: 400, title: 'Content-Length does not match the body', when: 'The body is shorter or longer than its Content-Length header says.', todo: 'Let the HTTP client compute Content-Length.' },
  'unauthorized': { status: 401, title: 'Unauthorized', when: 'The operation needs an API key and the request has no valid `Authorization: Bearer <key>` (or, with no API_KEYS configured, it does not come from loopback).', todo: 'Send a valid API key of a role the operation needs (see its `security` in /docs).' },
  'forbidden': { status: 403, title: 'Forbidden', when: 'The API key is valid but its role is not one the operation needs (editor writes, auditor audits, subscriber manages webhooks).', todo: 'Use a key of the role `detail` names.' },
  'not-found': { status: 404, title: 'Not found', when: 'No route answers this method and path.', todo: 'Check the path against /docs.' },
  'notice-not-found': { status: 404, title: 'Notice not found', when: 'No notice has this id.', todo: 'Use the `noticeId` a write answered, or find notices in /v1/events.' },
  'institution-not-found': { status: 404, title: 'Institution not found', when: 'No institution has this id.', todo: 'Find its id with GET /v1/institutions?q=<name>.' },
  'document-not-found': { status: 404, title: 'Document not found', when: 'No document is registered under this id.', todo: 'List the registered documents with GET /v1/documents; URL-encode the id as one path segment.' },
  'subscription-not-found': { status: 404, title: 'Subscription not found', when: 'No subscription has this id, or it is not yours (existence is not revealed).', todo: 'List yours with GET /v1/subscriptions.' },
  'delivery-not-found': { status: 404, title: 'Delivery not found', when: 'The subscription has no delivery with this id.', todo: 'List its deliveries with GET /v1/subscriptions/{id}/deliveries.' },
  'method-not-allowed': { status: 405, title: 'Method not allowed', when: 'The path exists but not with this method.', todo: 'Check the methods of the path in /docs.' },
  'request-timeout': { status: 408, title: 'Request timeout', when: 'The request (headers and body) did not arrive in time.', todo: 'Send the whole request promptly; check the network.' },
  'notice-already-published': { status: 409, title: 'Notice already published', when: 'A notice with this id is already recorded.', todo: 'Read it with GET /v1/notices/{id}; to change it, correct its facts.' },
  'fact-retracted': { status: 409, title: 'Fact was retracted', when: 'The fact was retracted: it cannot be corrected, corroborated or retracted again.', todo: 'Record a new notice if the fact holds after all.' },
  'revision-conflict': { status: 409, title: 'The notice kept changing while your write was applied', when: 'A write without If-Match met other writes to the same notice on each of its attempts (the service decides it again on the notice as changed, a few times, before giving up). `currentRevision` gives the latest.', todo: 'Send it again; to be sure your change still applies, read the notice (GET /v1/notices/{id}) and send its ETag in If-Match.' },
  'document-text-differs': { status: 409, title: 'The document is registered with another text', when: 'A document id names one text: this id is registered with another.', todo: 'Register the new version under a new id.' },
  'length-required': { status: 411, title: 'Length required', when: 'The body has no length (neither Content-Length nor chunked encoding).', todo: 'Send Content-Length.' },
  'precondition-failed': { status: 412, title: 'The notice changed since you read it', when: 'If-Match named a revision of the notice that is no longer its latest (someone changed it since you read it), or was `*` for a notice that does not exist (RFC 9110: a failed precondition). Nothing was written. `currentRevision` gives the latest (-1: no such notice).', todo: 'Read the notice again (GET /v1/notices/{id}), check your change still applies, and send it with the new ETag in If-Match.' },
  'body-too-large': { status: 413, title: 'Request body too large', when: 'The body is larger than MAX_BODY_BYTES.', todo: 'Send less: split a notice\'s effects over several notices.' },
  'uri-too-long': { status: 414, title: 'URI too long', when: 'The URL or one of its parameters is longer than the service accepts.', todo: 'Shorten the URL.' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type', when: 'A write with a body that is not `application/json`.', todo: 'Send the body as JSON with `Content-Type: application/json`.' },
  'invalid-input': { status: 422, title: 'The request breaks a rule of the domain', when: 'The request is well formed but breaks a rule of the timeline (e.g. a date range that ends before it starts); `errors` names the field.', todo: 'Fix the field `errors` names.' },
  'fact-not-found': { status: 422, title: 'Fact not found in this notice', when: 'The `factId` is not a fact of this notice.', todo: 'Read the notice (GET /v1/notices/{id}) for its fact ids.' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key reused for a different request', when: 'The Idempotency-Key was used before with another request body.', todo: 'Use a new key for a new request; resend the same body to get the first result.' },
  'quote-not-in-document': { status: 422, title: 'The quote is not in the registered text of its document', when: 'The source names a registered document whose text does not contain the quote.', todo: 'Quote the document exactly (GET /v1/documents/{id} for its text), or name the right document.' },
  'headers-too-large': { status: 431, title: 'Request headers too large', when: 'The request headers are larger than the server accepts.', todo: 'Send fewer or shorter headers.' },
  'rate-limited': { status: 429, title: 'Too many requests', when: 'More requests in the window (RATE_LIMIT_WINDOW_SECONDS) than the limit that applies: ANONYMOUS_READ_RATE_LIMIT from this address without a valid API key, KEYED_RATE_LIMIT with one. Every counted answer says where you stand: `RateLimit-Policy: "default";q=<quota>;w=<window s>` and `RateLimit: "default";r=<left>;t=<s until the window ends>` (draft-ietf-httpapi-ratelimit-headers).', todo: `${RETRY} Pace your requests by RateLimit's r and t; a valid API key has its own limit (none when KEYED_RATE_LIMIT is 0).` },
  'internal-error': { status: 500, title: 'Internal error', when: 'The service failed; the incident is logged with the request.', todo: 'Retry later; report it if it persists.' },
  'projection-behind': { status: 503, title: 'The read models are behind', when: 'minPosition (or Min-Position) names a log position the read models did not reach within READ_YOUR_WRITES_TIMEOUT_MS.', todo: RETRY },
  'read-capacity': { status: 503, title: 'Too many reads waiting', when: 'More computed reads are waiting for a turn than READ_QUEUE.', todo: RETRY },
  'page-not-built': { status: 503, title: 'The page has not been built', when: 'The timeline page bundle (dist/web) is missing.', todo: 'Run `npm run build` (or `npm run build:web`).' },
} as const satisfies Record<string, ProblemType>;

export type ProblemCode = keyof typeof PROBLEM_TYPES;

export const isProblemCode = (code: unknown): code is ProblemCode => typeof code === 'string' && Object.hasOwn(PROBLEM_TYPES, code);
