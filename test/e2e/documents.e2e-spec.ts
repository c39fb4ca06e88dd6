import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sharedDirectory } from '../../seeds/source-documents.js';
import { exampleNotice, logLength, startApp, type RunningApp } from '../support/app-harness.js';

/**
 * Provenance you can see (issue 19 item 4, docs/provenance.md): documents registered with their
 * SHA-256, quotes of registered documents checked on every write, quote positions in answers.
 */
const shared = sharedDirectory();
const SOURCE_004 = '004_ba8a3840d4a23d3b.txt';
const text004 = readFileSync(path.join(shared, 'sources', SOURCE_004), 'utf8');
const notesText = readFileSync(path.join(shared, 'research', 'timeline-facts.md'), 'utf8');
const sha256sum = (file: string): string => execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0] as string;
const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
type Citation = { document: string; quote: string; quoteAt: { start: number; end: number } | null; documentSha256: string | null };

describe('POST /v1/documents with API keys', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ API_KEYS: 'editor:ed-secret:newsroom-editor,auditor:au-secret' });
  });
  afterAll(() => app.stop());

  it('needs an editor key; reads are public', async () => {
    const body = { document: 'a.txt', title: 'A', text: 'text' };
    expect((await app.request('POST', '/v1/documents', { body })).status).toBe(401);
    expect((await app.request('POST', '/v1/documents', { body, headers: { authorization: 'Bearer au-secret' } })).status).toBe(403);
    const created = await app.request('POST', '/v1/documents', { body, headers: { authorization: 'Bearer ed-secret' } });
    expect(created.status).toBe(201);
    expect((await app.request('GET', '/v1/documents/a.txt')).status).toBe(200);
  });
});

describe('source documents (empty log)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.stop());

  const register = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    app.request('POST', '/v1/documents', { body, headers });
  const doc004 = { document: SOURCE_004, title: 'Bank pull-back (Reportify summary)', text: text004, language: 'en', kind: 'summary' };
  // a Reportify summary of Xin Jing Bao: "Several local banks, including Urumqi Bank and Longjiang Bank, have announced a halt to new
  // internet lending partnerships" (shared/sources/004_ba8a3840d4a23d3b.txt): the sentence that decides the fact below
  const halt = 'Several local banks, including Urumqi Bank and Longjiang Bank, have announced a halt to new internet lending partnerships';
  const noticeOf004 = (quote: string, effectQuote?: string) => exampleNotice({
    jurisdiction: 'CN', published: '2025-12-08',
    source: { document: SOURCE_004, publisher: 'Reportify', url: null, quote, kind: 'summary', citedOutlet: 'Xin Jing Bao' },
    effects: [{ type: 'PartnershipHalted', jurisdiction: 'CN', effective: '2025-12-08', bank: { name: 'Urumqi Bank' },
      businessLine: 'internet-lending-assistance',
      ...(effectQuote ? { quote: effectQuote } : {}) }],
  });

  it('registers a document: GET returns its text and the SHA-256 sha256sum prints for the file', async () => {
    const created = await register(doc004);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/documents/${SOURCE_004}`);
    const expected = sha256sum(path.join(shared, 'sources', SOURCE_004));
    expect(created.body).toMatchObject({ document: SOURCE_004, sha256: expected, replayed: false });
    const read = await app.request('GET', `/v1/documents/${encodeURIComponent(SOURCE_004)}`);
    expect(read.status).toBe(200);
    expect(read.body).toStrictEqual({ document: SOURCE_004, title: doc004.title, language: 'en', kind: 'summary', sha256: expected, text: text004,
      registeredAt: expect.any(String), position: created.body.position });
  });

  it('reads an id holding "/" URL-encoded as one segment (research%2Ftimeline-facts.md)', async () => {
    const created = await register({ document: 'research/timeline-facts.md', title: 'Research notes', text: notesText, kind: 'secondary' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/documents/research%2Ftimeline-facts.md');
    const read = await app.request('GET', '/v1/documents/research%2Ftimeline-facts.md');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ document: 'research/timeline-facts.md', language: null, kind: 'secondary', text: notesText,
      sha256: sha256sum(path.join(shared, 'research', 'timeline-facts.md')) });
    expect((await app.request('GET', `/v1/documents/${encodeURIComponent('nowhere/at-all.txt')}`)).status).toBe(404);
  });

  it('registers the same text again as a replay, another text under the id as a 409, and records nothing for either', async () => {
    const before = await logLength(app.store);
    const again = await register({ ...doc004, title: 'another title' });
    expect([again.status, again.body.replayed, again.headers.get('idempotent-replayed')]).toStrictEqual([201, true, 'true']);
    const other = await register({ ...doc004, text: `${text004} (edited)` });
    expect(other.status).toBe(409);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(other.body).toMatchObject({ type: '/problems/document-text-differs', errors: [expect.objectContaining({ field: 'text' })] });
    expect(await logLength(app.store)).toBe(before);
  });

  it('refuses a bad registration with a 4xx naming the field (a wrong sha256, no text)', async () => {
    const wrong = await register({ ...doc004, document: 'x.txt', sha256: '0'.repeat(64) });
    expect([wrong.status, wrong.body.errors?.[0]?.field]).toStrictEqual([422, 'sha256']);
    const empty = await register({ document: 'y.txt', title: 't' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((error: { field: string }) => error.field)).toContain('text');
  });

  it('replays with the same Idempotency-Key and refuses the key reused for another document (422)', async () => {
    const first = await register({ document: 'keyed.txt', title: 'k', text: 'keyed text' }, { 'idempotency-key': 'doc-key-1' });
    const retry = await register({ document: 'keyed.txt', title: 'k', text: 'keyed text' }, { 'idempotency-key': 'doc-key-1' });
    expect([first.status, retry.status, retry.body.replayed, retry.body.position]).toStrictEqual([201, 201, true, first.body.position]);
    const reused = await register({ document: 'other.txt', title: 'k', text: 'other text' }, { 'idempotency-key': 'doc-key-1' });
    expect([reused.status, reused.body.type]).toStrictEqual([422, '/problems/idempotency-key-reused']);
  });

  it('refuses a notice whose quote is not verbatim in its registered document: 422 naming the field, log unchanged', async () => {
    const before = await logLength(app.store);
    const paraphrase = await app.request('POST', '/v1/notices', { body: noticeOf004('Some local banks announced a halt to new partnerships') });
    expect(paraphrase.status).toBe(422);
    expect(paraphrase.body).toMatchObject({ type: '/problems/quote-not-in-document', errors: [expect.objectContaining({ field: 'source.quote' })] });
    const effect = await app.request('POST', '/v1/notices', { body: noticeOf004(halt, 'Urumqi Bank has announced a halt') });
    expect([effect.status, effect.body.errors?.[0]?.field]).toStrictEqual([422, 'effects[0].quote']);
    expect(await logLength(app.store)).toBe(before);
  });

  it('records a verbatim quote (line breaks aside), and answers place it in the document: quoteAt slices the text to the quote', async () => {
    const created = await app.request('POST', '/v1/notices', { body: noticeOf004(halt, 'including Urumqi Bank and   Longjiang Bank') });
    expect(created.status).toBe(201);
    const bans = await app.request('GET', `/v1/bans?asOf=2025-12-31&minPosition=${created.body.position}`);
    expect(bans.status).toBe(200);
    const [ban] = bans.body.bans as Array<{ sources: Citation[] }>;
    const source = ban!.sources[0]!;
    expect(source.documentSha256).toBe(sha256sum(path.join(shared, 'sources', SOURCE_004)));
    expect(source.quoteAt).not.toBeNull();
    expect(collapse(text004.slice(source.quoteAt!.start, source.quoteAt!.end))).toBe(collapse(source.quote));
    const notice = await app.request('GET', `/v1/notices/${created.body.noticeId}`);
    const cited = notice.body.notice.source as Citation;
    expect(text004.slice(cited.quoteAt!.start, cited.quoteAt!.end)).toBe(halt);
    expect(notice.body.events[0].data.source.quoteAt).toBeUndefined();
  });

  it('refuses a correction or a corroboration misquoting a registered document: 422 naming corrected.quote / source.quote', async () => {
    const created = await app.request('POST', '/v1/notices', { body: noticeOf004(halt) });
    expect(created.status).toBe(201);
    const { noticeId } = created.body;
    const factId = `${noticeId}:1`;
    const before = await logLength(app.store);
    const corrected = { type: 'PartnershipHalted', jurisdiction: 'CN', effective: '2025-12-08', bank: { name: 'Urumqi Bank' },
      businessLine: 'internet-lending-assistance' };
    const correction = await app.request('POST', `/v1/notices/${noticeId}/corrections`, {
      body: { factId, reason: 'the summary names the bank', corrected: { ...corrected, quote: 'Urumqi Bank halted everything' } } });
    expect([correction.status, correction.body.type, correction.body.errors?.[0]?.field])
      .toStrictEqual([422, '/problems/quote-not-in-document', 'corrected.quote']);
    const corroboration = await app.request('POST', `/v1/notices/${noticeId}/corroborations`, { body: {
      factId, title: 'Again', authority: 'Reportify', published: '2025-12-08',
      source: { document: SOURCE_004, publisher: 'Reportify', kind: 'summary', citedOutlet: 'Xin Jing Bao', quote: 'banks halted lending' } } });
    expect([corroboration.status, corroboration.body.errors?.[0]?.field]).toStrictEqual([422, 'source.quote']);
    expect(await logLength(app.store)).toBe(before);
    // the same writes quoting the summary verbatim are recorded
    const fixed = await app.request('POST', `/v1/notices/${noticeId}/corrections`, {
      body: { factId, reason: 'the summary names both banks', corrected: { ...corrected, quote: 'including Urumqi Bank and Longjiang Bank' } } });
    expect(fixed.status).toBe(201);
  });

  it('takes a quote of a document not registered as written, and answers say so with nulls', async () => {
    const created = await app.request('POST', '/v1/notices', { body: exampleNotice() });
    expect(created.status).toBe(201);
    const bans = await app.request('GET', `/v1/bans?asOf=2021-12-31&jurisdiction=CN-ZJ&minPosition=${created.body.position}`);
    const sources = (bans.body.bans as Array<{ sources: Citation[] }>).flatMap((ban) => ban.sources);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect([source.quoteAt, source.documentSha256]).toStrictEqual([null, null]);
  });

  it('lists the registered documents without their texts, paged like /v1/events', async () => {
    const first = await app.request('GET', '/v1/documents?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.documents.map((document: { document: string }) => document.document)).toStrictEqual([SOURCE_004]);
    expect(first.body.documents[0].text).toBeUndefined();
    const rest = await app.request('GET', `/v1/documents?after=${first.body.next}&limit=100`);
    expect(rest.body.documents.map((document: { document: string }) => document.document))
      .toStrictEqual(['research/timeline-facts.md', 'keyed.txt']);
    expect(rest.body.next).toBeNull();
    expect((await app.request('GET', '/v1/documents?limit=0')).status).toBe(400);
  });
});
