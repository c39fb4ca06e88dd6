import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { WEBHOOK_EVENT_TYPES } from '../../libs/webhooks/src/index.js';
import { exampleNotice, startApp, type RunningApp } from '../support/app-harness.js';

/**
 * Issue 18: the event catalogue (GET /v1/event-types, from the same generated schemas as the
 * OpenAPI document) describes every event the log holds, and one malformed input is one problem
 * type, saying what is wrong ("is required" for a missing field).
 */
describe('the event catalogue and the problem types', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({}, { seed: true });
  });
  afterAll(() => app.stop());

  it('lists every event type webhooks deliver, and each schema validates every event of that type in the seeded log', async () => {
    const { eventTypes } = (await app.request('GET', '/v1/event-types')).body as { eventTypes: Array<{ name: string; version: number; delivered: boolean; description: string; schema: object }> };
    expect(eventTypes.filter((entry) => entry.delivered).map((entry) => entry.name).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    expect(eventTypes.map((entry) => entry.name)).toContain('DocumentRegistered.v1');
    for (const entry of eventTypes) expect([entry.name, entry.version, entry.description.length > 20]).toEqual([entry.name, 1, true]);
    const published = await app.request('POST', '/v1/notices', { body: exampleNotice() });
    await app.request('POST', `/v1/notices/${published.body.noticeId}/retractions`, { body: { factId: `${published.body.noticeId}:1`, reason: 'wrong place' } });
    // each schema stands alone (its definitions under $defs): a subscriber compiles it as it is
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validators = new Map(eventTypes.map((entry) => [entry.name, ajv.compile(entry.schema)]));
    const seen = new Set<string>();
    let after: unknown = null;
    do {
      const page = (await app.request('GET', `/v1/events?limit=1000${after === null ? '' : `&after=${after}`}`)).body;
      for (const event of page.events as Array<{ type: string; data: unknown; position: number }>) {
        const validate = validators.get(event.type);
        seen.add(event.type);
        expect([event.type, event.position, validate ? validate(event.data) : 'no schema', ajv.errorsText(validate?.errors)])
          .toEqual([event.type, event.position, true, 'No errors']);
      }
      after = page.next;
    } while (after !== null);
    expect(seen.size).toBeGreaterThanOrEqual(8);
  });

  it('names a missing field as required, not by the rules its absent value fails', async () => {
    const { title: _title, authority: _authority, ...notice } = exampleNotice();
    const refused = await app.request('POST', '/v1/notices', { body: notice });
    expect([refused.status, refused.body.type, refused.body.errors]).toEqual([400, '/problems/invalid-request', [
      { field: 'authority', pointer: '/authority', message: 'authority is required' },
      { field: 'title', pointer: '/title', message: 'title is required' },
    ]]);
    const fact = await app.request('POST', '/v1/notices', { body: exampleNotice({ effects: [{ type: 'InstitutionsBanned', jurisdiction: 'CN-ZJ' }] }) });
    expect(fact.body.errors).toEqual([{ field: 'effects[0].effective', pointer: '/effects/0/effective', message: 'effects[0].effective is required' }]);
  });

  it('answers a bad query parameter or header with the one type of an invalid request, as a bad body field', async () => {
    const types = await Promise.all([
      app.request('GET', '/v1/events?after=x'),
      app.request('GET', '/v1/documents?limit=0'),
      app.request('GET', '/v1/bans?asOf=2020-13'),
      app.request('POST', '/v1/notices', { body: exampleNotice(), headers: { 'idempotency-key': ' ' } }),
      app.request('POST', '/v1/notices/x/retractions', { body: { factId: 'x:1', reason: 'r' }, headers: { 'if-match': 'seven' } }),
    ]);
    expect(types.map((answer) => [answer.status, answer.body.type, answer.body.errors?.[0]?.field])).toEqual([
      [400, '/problems/invalid-request', 'after'],
      [400, '/problems/invalid-request', 'limit'],
      [400, '/problems/invalid-request', 'asOf'],
      [400, '/problems/invalid-request', 'Idempotency-Key'],
      [400, '/problems/invalid-request', 'If-Match'],
    ]);
  });
});
