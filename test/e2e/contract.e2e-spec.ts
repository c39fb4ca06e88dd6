import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { exampleNotice, startApp, type HttpResult, type RunningApp } from '../support/app-harness.js';
import { ContractValidator } from '../support/contract-validator.js';
import { PROBLEM_TYPES } from '../../apps/api/src/problems/problem-types.js';
import { ROUTES } from '../../apps/api/src/openapi/routes.js';
import { eventually, Receiver } from '../webhooks/receiver.js';

/**
 * Issue 18, "the contract from the types": every route of the API called on a seeded server,
 * with good and bad requests, and every live answer (status, content type, body, documented
 * headers) checked against the document the server serves (GET /docs/openapi.json) with ajv;
 * the document passes Redocly's recommended rules without a warning.
 */
const KEYS = { editor: 'ed-secret', auditor: 'au-secret', subscriber: 'sub-secret' };
const as = (role: keyof typeof KEYS) => ({ authorization: `Bearer ${KEYS[role]}` });

describe('the OpenAPI 3.1 contract, against live answers', () => {
  let app: RunningApp;
  let contract: ContractValidator;
  const receiver = new Receiver();
  const failures: string[] = [];

  /** One request, checked against the document; the answer for the test to use. */
  const problemTypes = new Set<string>();
  const call = async (method: string, url: string, options: Parameters<RunningApp['request']>[2] = {}, on = app): Promise<HttpResult> => {
    const response = await on.request(method, url, options);
    failures.push(...contract.check(method, url, response));
    if (typeof response.body?.type === 'string' && response.headers.get('content-type')?.startsWith('application/problem+json')) {
      problemTypes.add(response.body.type);
    }
    return response;
  };

  beforeAll(async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
    await receiver.start();
    app = await startApp({
      API_KEYS: `editor:${KEYS.editor}:newsroom,auditor:${KEYS.auditor}:audit,subscriber:${KEYS.subscriber}:compliance`,
      MAX_BODY_BYTES: '65536', WEBHOOK_ALLOW_PRIVATE: 'true',
    }, { seed: true });
    contract = new ContractValidator((await app.request('GET', '/docs/openapi.json')).body);
  });
  beforeEach(() => {
    failures.length = 0;
  });
  afterAll(async () => {
    await app.stop();
    await receiver.stop();
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
  });

  it('is OpenAPI 3.1 and passes the Redocly recommended rules with no warning', async () => {
    expect(contract.document.openapi).toBe('3.1.0');
    const config = await createConfig({ extends: ['recommended'] } as never);
    const problems = await lintFromString({ source: JSON.stringify(contract.document), absoluteRef: 'openapi.json', config } as never);
    expect(problems.map((problem: any) => `${problem.severity} ${problem.ruleId}: ${problem.message} at ${problem.location?.[0]?.pointer}`)).toEqual([]);
  });

  it('describes every route in apps/api/src/openapi/routes.ts, and nothing else', () => {
    expect(contract.operations().filter((operation) => !ROUTES[operation])).toEqual([]);
    expect(Object.keys(ROUTES).filter((operation) => !contract.operations().includes(operation))).toEqual([]);
  });

  it('refuses answers the document does not describe (the check is not vacuous)', () => {
    const probe = new ContractValidator(contract.document);
    const headers = (extra: Record<string, string> = {}) => new Headers({ 'content-type': 'application/json', 'x-request-id': 'r1', 'read-model-position': '3', ...extra });
    const answer = (status: number, body: unknown, extra?: Record<string, string>) => ({ status, headers: headers(extra), body });
    expect(probe.check('GET', '/v1/bans', answer(200, { bans: 'none' }))).toEqual([expect.stringContaining('body')]);
    expect(probe.check('GET', '/v1/bans', answer(418, {}))).toEqual([expect.stringContaining('status not documented')]);
    expect(probe.check('GET', '/v1/bans?asOf=x', { status: 400, headers: new Headers({ 'content-type': 'application/json' }), body: {} }))
      .toEqual(expect.arrayContaining([expect.stringContaining('required header X-Request-Id missing'), expect.stringContaining('content-type application/json')]));
  });

  it('marks what needs a role, and only that, as secured', () => {
    const security = (method: string, path: string) => contract.document.paths[path][method].security;
    expect(security('get', '/v1/audit/verify')).toEqual([{ bearer: ['auditor'] }]);
    expect(security('get', '/v1/events.ndjson')).toEqual([{ bearer: ['auditor'] }]);
    expect(security('post', '/v1/notices')).toEqual([{ bearer: ['editor'] }]);
    expect(security('get', '/v1/subscriptions')).toEqual([{ bearer: ['subscriber', 'auditor'] }]);
    expect(security('delete', '/v1/subscriptions/{id}')).toEqual([{ bearer: ['subscriber'] }]);
    expect(security('get', '/v1/bans')).toEqual([]);
  });

  it('answers the point-in-time reads as documented', async () => {
    await call('GET', '/v1/state?asOf=2020-06');
    await call('GET', '/v1/state?asOf=2020-13');
    await call('GET', '/v1/state?asOf=2020&asOf=2021');
    const state = await call('GET', '/v1/jurisdictions/CN-HB/state?asOf=2020-06&limit=2');
    await call('GET', '/v1/jurisdictions/CN-HB/state?asOf=2020-06&limit=2', { headers: { 'if-none-match': state.headers.get('etag') ?? '' } });
    await call('GET', '/v1/jurisdictions/Atlantis/state');
    await call('GET', '/v1/jurisdictions/CN-GD/state?asOf=2021-01-01');
    await call('GET', '/v1/jurisdictions/CN-ZJ/state?asOf=2020-07-01&include=institutions,facts');
    await call('GET', '/v1/bans?asOf=2020-06');
    // the CSV forms and the series (apps/api/src/csv, series.controller.ts)
    await call('GET', '/v1/bans?asOf=2020-06&format=csv');
    await call('GET', '/v1/jurisdictions/CN-NX/timeline', { headers: { accept: 'text/csv' } });
    await call('GET', '/v1/jurisdictions/CN-HB/series?from=2019-01&to=2020-12');
    await call('GET', '/v1/jurisdictions/CN-HB/series?from=2020-05&to=2020-06&step=week&measure=closed');
    await call('GET', '/v1/jurisdictions/CN/series?from=2019&to=2020&step=quarter&measure=statistic&metric=operating-institutions');
    await call('GET', '/v1/jurisdictions/CN-HB/series?from=2019&to=2020&format=csv');
    await call('GET', '/v1/jurisdictions/CN-HB/series?from=2019&to=2020&step=fortnight');
    await call('GET', '/v1/bans?asOf=2020-06&jurisdiction=CN-NX&limit=2');
    await call('GET', '/v1/bans?limit=0');
    await call('GET', '/v1/diff?from=2020-01&to=2020-07&jurisdiction=CN-HB&limit=3');
    await call('GET', '/v1/diff?to=2020-07');
    await call('GET', '/v1/jurisdictions/CN-NX/timeline?limit=2');
    await call('GET', '/v1/jurisdictions/CN/timeline?from=2019&to=2020&limit=50');
    await call('GET', '/v1/jurisdictions/CN-NX/timeline?from=nonsense');
    await call('GET', '/v1/institutions?q=micro-loan%20network');
    await call('GET', '/v1/institutions?q=%E5%BE%AE%E8%B4%B7%E7%BD%91&limit=5');
    const searched = await call('GET', '/v1/institutions?q=a&limit=2');
    expect([searched.body.institutions.length, typeof searched.body.next, searched.headers.get('link')]).toEqual([2, 'string', expect.stringContaining('rel="next"')]);
    await call('GET', `/v1/institutions?q=a&limit=2&after=${searched.body.next}`);
    await call('GET', '/v1/institutions?q=a&offset=2');
    await call('GET', '/v1/institutions');
    await call('GET', '/v1/institutions/weidai/state?asOf=2020-07-01');
    await call('GET', '/v1/institutions/weidai/state?asOf=2020-07-01&include=facts,sources');
    await call('GET', '/v1/institutions/weidai/state?asOf=2020-07-01&include=facts');
    await call('GET', '/v1/institutions/weidai/state?include=all');
    await call('GET', '/v1/institutions/weidai/state?asOf=2019-01-01&knownAt=2019-01-01');
    await call('GET', '/v1/institutions/no-such-institution/state');
    await call('GET', '/v1/institutions/weidai/timeline?limit=1');
    await call('GET', '/v1/institutions/no-such-institution/timeline');
    await call('GET', '/v1/institutions/weidai/timeline?limit=x');
    expect(failures).toEqual([]);
  });

  it('answers the reference data, the log, the documents and health as documented', async () => {
    await call('GET', '/v1/jurisdictions');
    await call('GET', '/v1/jurisdictions/CN-NX');
    await call('GET', '/v1/jurisdictions/%E6%B9%96%E5%8C%97');
    await call('GET', '/v1/jurisdictions/Atlantis');
    const events = await call('GET', '/v1/events?limit=3');
    await call('GET', `/v1/events?after=${events.body.next}&limit=1000`);
    await call('GET', '/v1/events?after=x');
    await call('GET', '/v1/event-types');
    const documents = await call('GET', '/v1/documents?limit=2');
    await call('GET', '/v1/documents?limit=5000');
    await call('GET', `/v1/documents/${encodeURIComponent(documents.body.documents[0].document)}`);
    await call('GET', '/v1/documents/no-such-document.txt');
    await call('GET', '/health');
    await call('GET', '/health?verbose=1&verbose=2');
    await call('GET', '/health/live');
    await call('GET', '/health/live?x=1&x=2');
    await call('GET', '/v1/event-types?x=1&x=2');
    await call('GET', '/problems/invalid-request');
    await call('GET', '/problems/no-such-problem');
    expect(failures).toEqual([]);
  });

  it('answers the audit routes as documented, to auditors only', async () => {
    await call('GET', '/v1/audit/verify');
    await call('GET', '/v1/audit/verify', { headers: as('subscriber') });
    await call('GET', '/v1/audit/verify', { headers: as('auditor') });
    await call('GET', '/v1/audit/digest', { headers: as('auditor') });
    await call('GET', '/v1/audit/digest?position=3', { headers: as('auditor') });
    await call('GET', '/v1/audit/digest?position=x', { headers: as('auditor') });
    await call('GET', '/v1/audit/digest', { headers: { authorization: 'Bearer wrong' } });
    await call('GET', '/v1/events.ndjson', { headers: as('auditor') });
    await call('GET', '/v1/events.ndjson', { headers: as('editor') });
    expect(failures).toEqual([]);
  });

  it('answers the writes on notices and documents as documented', async () => {
    const notice = exampleNotice();
    const published = await call('POST', '/v1/notices', { body: notice, headers: { ...as('editor'), 'idempotency-key': 'contract-1' } });
    expect(published.status).toBe(201);
    await call('POST', '/v1/notices', { body: notice, headers: { ...as('editor'), 'idempotency-key': 'contract-1' } });
    await call('POST', '/v1/notices', { body: { ...notice, title: 'Another' }, headers: { ...as('editor'), 'idempotency-key': 'contract-1' } });
    await call('POST', '/v1/notices', { body: notice });
    await call('POST', '/v1/notices', { body: notice, headers: as('auditor') });
    await call('POST', '/v1/notices', { body: { ...notice, title: undefined }, headers: as('editor') });
    await call('POST', '/v1/notices', { rawBody: '{"title": ', headers: as('editor') });
    await call('POST', '/v1/notices', { rawBody: 'title=x', headers: { ...as('editor'), 'content-type': 'text/plain' } });
    await call('POST', '/v1/notices', { body: { ...notice, title: 'x'.repeat(70_000) }, headers: as('editor') });
    const { noticeId } = published.body;
    const factId = `${noticeId}:1`;
    await call('GET', `/v1/notices/${noticeId}`);
    await call('GET', '/v1/notices/00000000-0000-4000-8000-000000000000');
    const corrected = { type: 'InstitutionsBanned', jurisdiction: 'CN-ZJ', effective: '2021-03', count: 4 };
    await call('POST', `/v1/notices/${noticeId}/corrections`, { body: { factId, reason: 'the notice says 4', corrected }, headers: { ...as('editor'), 'if-match': '"1"' } });
    // RFC 9110 15.5.13: "one or more conditions given in the request header fields evaluated to false" is 412
    const stale = await call('POST', `/v1/notices/${noticeId}/corrections`, { body: { factId, reason: 'again', corrected }, headers: { ...as('editor'), 'if-match': '"1"' } });
    expect([stale.status, stale.body.type]).toEqual([412, '/problems/precondition-failed']);
    await call('POST', `/v1/notices/${noticeId}/corrections`, { body: { factId: `${noticeId}:9`, reason: 'no such fact', corrected }, headers: as('editor') });
    await call('POST', '/v1/notices/00000000-0000-4000-8000-000000000000/corrections', { body: { factId, reason: 'r', corrected }, headers: as('editor') });
    await call('POST', `/v1/notices/${noticeId}/corrections`, { body: { factId, corrected }, headers: { ...as('editor'), 'if-match': 'seven' } });
    const source = { document: 'wire.txt', publisher: 'Example Wire', kind: 'translation', citedOutlet: 'Example Daily', quote: 'three platforms were banned' };
    await call('POST', `/v1/notices/${noticeId}/corroborations`, { body: {
      factId, title: 'Wire', authority: 'Example LFSA', published: '2021-03-05', effective: '2021-03', source }, headers: as('editor') });
    await call('POST', `/v1/notices/${noticeId}/corroborations`, { body: { factId }, headers: as('editor') });
    await call('POST', `/v1/notices/${noticeId}/retractions`, { body: { factId, reason: 'wrong province' }, headers: as('editor') });
    await call('POST', `/v1/notices/${noticeId}/retractions`, { body: { factId, reason: 'wrong province' }, headers: as('editor') });
    await call('POST', `/v1/notices/${noticeId}/retractions`, { body: { factId }, headers: as('subscriber') });
    await call('GET', `/v1/notices/${noticeId}`);
    const document = { document: 'contract-test.txt', title: 'A test text', language: 'en', kind: 'primary', text: 'decided to ban 3 online lending institutions' };
    await call('POST', '/v1/documents', { body: document, headers: as('editor') });
    await call('POST', '/v1/documents', { body: document, headers: as('editor') });
    await call('POST', '/v1/documents', { body: { ...document, text: 'another text' }, headers: as('editor') });
    await call('POST', '/v1/documents', { body: { ...document, text: undefined }, headers: as('editor') });
    await call('POST', '/v1/documents', { body: document });
    await call('GET', '/v1/documents/contract-test.txt');
    expect(failures).toEqual([]);
  });

  it('answers the subscription routes as documented, and delivers webhooks as the document says', async () => {
    const created = await call('POST', '/v1/subscriptions', { body: { url: receiver.url, description: 'contract' }, headers: as('subscriber') });
    expect(created.status).toBe(201);
    receiver.secrets = [created.body.secret];
    const id = created.body.id as string;
    await call('POST', '/v1/subscriptions', { body: { url: receiver.url, eventTypes: ['Nonsense.v1'] }, headers: as('subscriber') });
    await call('POST', '/v1/subscriptions', { body: {}, headers: as('subscriber') });
    await call('POST', '/v1/subscriptions', { body: { url: receiver.url }, headers: as('editor') });
    await call('GET', '/v1/subscriptions', { headers: as('subscriber') });
    await call('GET', '/v1/subscriptions', { headers: as('auditor') });
    await call('GET', '/v1/subscriptions?limit=1', { headers: as('auditor') });
    await call('GET', '/v1/subscriptions?after=x', { headers: as('auditor') });
    await call('GET', '/v1/subscriptions', { headers: as('editor') });
    await call('POST', '/v1/subscriptions/no-such-subscription/rotate-secret', { headers: as('subscriber') });
    await call('GET', `/v1/subscriptions/${id}`, { headers: as('subscriber') });
    await call('GET', '/v1/subscriptions/no-such-subscription', { headers: as('subscriber') });
    await call('PATCH', `/v1/subscriptions/${id}`, { body: { description: 'contract test', status: 'active' }, headers: as('subscriber') });
    await call('PATCH', `/v1/subscriptions/${id}`, { body: { status: 'sleeping' }, headers: as('subscriber') });
    await call('POST', `/v1/subscriptions/${id}/rotate-secret`, { headers: as('subscriber') }).then((rotated) => receiver.secrets.unshift(rotated.body.secret));
    await call('POST', `/v1/subscriptions/${id}/test`, { headers: as('subscriber') });
    await call('POST', '/v1/subscriptions/no-such-subscription/test', { headers: as('subscriber') });
    await call('POST', '/v1/notices', { body: exampleNotice({ title: 'Delivered' }), headers: as('editor') });
    await eventually('the test delivery and two events', () => receiver.deliveries.length >= 3);
    const deliveries = await call('GET', `/v1/subscriptions/${id}/deliveries?limit=1`, { headers: as('subscriber') });
    await call('GET', `/v1/subscriptions/${id}/deliveries?after=${deliveries.body.next}&status=delivered`, { headers: as('auditor') });
    await call('GET', `/v1/subscriptions/${id}/deliveries?limit=500`, { headers: as('subscriber') });
    await call('GET', `/v1/subscriptions/${id}/deliveries?before=3`, { headers: as('subscriber') });
    await call('POST', `/v1/subscriptions/${id}/deliveries/${deliveries.body.deliveries[0].id}/retry`, { headers: as('subscriber') });
    await call('POST', `/v1/subscriptions/${id}/deliveries/no-such-delivery/retry`, { headers: as('subscriber') });
    await call('POST', `/v1/subscriptions/${id}/replay`, { body: { fromPosition: '1' }, headers: as('subscriber') });
    await call('POST', `/v1/subscriptions/${id}/replay`, { body: {}, headers: as('subscriber') });
    await call('DELETE', `/v1/subscriptions/${id}`, { headers: as('subscriber') });
    await call('DELETE', `/v1/subscriptions/${id}`, { headers: as('subscriber') });
    for (const delivery of receiver.deliveries) failures.push(...contract.checkWebhook(delivery.payload));
    expect(failures).toEqual([]);
  });

  it('answers 429 and 503 as documented', async () => {
    const limited = await startApp({ ANONYMOUS_READ_RATE_LIMIT: '2', READ_YOUR_WRITES_TIMEOUT_MS: '0' });
    try {
      await call('GET', '/v1/bans?minPosition=999999', {}, limited);
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await call('GET', '/v1/jurisdictions', {}, limited));
      // the documented fields are there to check (draft-ietf-httpapi-ratelimit-headers-11: RateLimit-Policy and RateLimit)
      expect(answers.map((answer) => [answer.status, answer.headers.get('ratelimit-policy'), answer.headers.get('ratelimit')?.replace(/t=\d+$/, 't=N')]))
        .toEqual([[200, '"default";q=2;w=60', '"default";r=0;t=N'], [429, '"default";q=2;w=60', '"default";r=0;t=N'], [429, '"default";q=2;w=60', '"default";r=0;t=N']]);
    } finally {
      await limited.stop();
    }
    expect(failures).toEqual([]);
  });

  it('serves a page for every problem type the code can answer with, and for every type the calls above met', async () => {
    const types = new Set([...Object.keys(PROBLEM_TYPES).map((code) => `/problems/${code}`), ...problemTypes]);
    expect(problemTypes.size).toBeGreaterThan(12);
    for (const type of types) {
      const page = await call('GET', type);
      expect([type, page.status, String(page.body)]).toEqual([type, 200, expect.stringContaining('## What to do')]);
    }
    const html = await app.request('GET', '/problems/precondition-failed', { headers: { accept: 'text/html' } });
    expect([html.headers.get('content-type'), html.body]).toEqual(['text/html; charset=utf-8', expect.stringContaining('<h1>The notice changed since you read it</h1>')]);
    expect(failures).toEqual([]);
  });

  it('has called every operation, with a success and a failure each', () => {
    const missing = contract.operations().flatMap((operation) => {
      const statuses = [...(contract.seen.get(operation) ?? [])];
      return [
        ...(statuses.some((status) => status.startsWith('2')) ? [] : [`${operation}: no 2xx`]),
        ...(statuses.some((status) => status.startsWith('4')) ? [] : [`${operation}: no 4xx`]),
      ];
    });
    expect(missing).toEqual([]);
    const statuses = new Set([...contract.seen.values()].flatMap((seen) => [...seen]));
    expect([...statuses].sort()).toEqual(expect.arrayContaining(
      ['200', '201', '202', '204', '304', '400', '401', '403', '404', '409', '412', '413', '415', '422', '429', '503']));
  });
});
