import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleNotice, logLength, startApp, type RunningApp } from '../support/app-harness.js';

const effect = (overrides: Record<string, unknown>) => ({ ...exampleNotice().effects[0], ...overrides });

/** [case, request body or raw text, expected status, the field the problem must name] */
const CASES: Array<[string, unknown, number, string]> = [
  ['a count of the wrong type', exampleNotice({ effects: [effect({ count: '3' })] }), 400, 'effects[0].count'],
  ['a negative count', exampleNotice({ effects: [effect({ count: -1 })] }), 400, 'effects[0].count'],
  ['a missing title', { ...exampleNotice(), title: undefined }, 400, 'title'],
  ['a missing source quote', exampleNotice({ source: { document: 'a.txt', publisher: 'P' } }), 400, 'source.quote'],
  ['an impossible publication date', exampleNotice({ published: '2020-13-45' }), 400, 'published'],
  ['an impossible effective date', exampleNotice({ effects: [effect({ effective: '2021-02-29' })] }), 400, 'effects[0].effective'],
  ['an unknown jurisdiction', exampleNotice({ jurisdiction: 'CN-XX' }), 400, 'jurisdiction'],
  ['an unknown effect jurisdiction', exampleNotice({ effects: [effect({ jurisdiction: 'Atlantis' })] }), 400, 'effects[0].jurisdiction'],
  ['an unknown effect type', exampleNotice({ effects: [effect({ type: 'InstitutionsVanished' })] }), 400, 'effects[0].type'],
  ['an unknown field', exampleNotice({ colour: 'red' }), 400, 'colour'],
  ['an unknown effect field', exampleNotice({ effects: [effect({ colour: 'red' })] }), 400, 'effects[0].colour'],
  ['a batch number above its total', exampleNotice({ effects: [effect({ batch: { number: 3, of: 2 } })] }), 422, 'effects[0].batch.number'],
  ['more names than the count', exampleNotice({ effects: [effect({ count: 1, names: ['A', 'B'] })] }), 422, 'effects[0].names'],
  ['a publication date in the future', exampleNotice({ published: '2999-01-01' }), 422, 'published'],
  ['effects that are not a list', exampleNotice({ effects: 'none' }), 400, 'effects'],
  ['a body that is a list', [exampleNotice()], 400, 'body'],
];

describe('bad requests get problem+json naming the field, and the log is unchanged', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ MAX_BODY_BYTES: String(64 * 1024) });
  });
  afterAll(() => app.stop());

  it.each(CASES)('%s', async (_case, body, status, field) => {
    const before = await logLength(app.store);
    const response = await app.request('POST', '/v1/notices', { body });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, type: expect.stringMatching(/^\/problems\//), title: expect.any(String), detail: expect.any(String) });
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(await logLength(app.store)).toBe(before);
  });

  it('reports every problem of a request at once', async () => {
    const response = await app.request('POST', '/v1/notices', {
      body: exampleNotice({ title: 7, effects: [effect({ count: 'x' }), effect({ type: 'Nope' })] }),
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(
      expect.arrayContaining(['title', 'effects[0].count', 'effects[1].type']),
    );
    expect(response.body.errors[0].pointer).toMatch(/^\//);
  });

  it('refuses an oversized body with 413', async () => {
    const before = await logLength(app.store);
    const quote = 'x'.repeat(70 * 1024);
    const response = await app.request('POST', '/v1/notices', { body: exampleNotice({ source: { document: 'a', publisher: 'b', quote } }) });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors[0].field).toBe('body');
    expect(await logLength(app.store)).toBe(before);
  });

  it('refuses malformed JSON with 400', async () => {
    const response = await app.request('POST', '/v1/notices', { rawBody: '{"authority": ', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await app.request('POST', '/v1/notices', { rawBody: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('names a bad query parameter', async () => {
    const response = await app.request('GET', '/v1/events?limit=0');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('limit');
    expect((await app.request('GET', '/v1/events?after=abc')).body.errors[0].field).toBe('after');
  });

  it('answers unknown routes with a 404 problem', async () => {
    const response = await app.request('GET', '/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
