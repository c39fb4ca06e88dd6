import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type HttpResult, type RunningApp } from '../support/app-harness.js';

/**
 * Issue 18, "one pagination style with Link headers": the institution search and the
 * subscriptions page like every other list (`limit`, `after` = the body's `next`, `Link:
 * <...>; rel="next"`; `offset` refused), and an institution's state is lean unless `include=`
 * asks for its facts and their sources, like a jurisdiction's.
 */
const nextLink = (response: HttpResult): string | null => /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null;

/** Every page of a list from its first URL, following the Link header; each page's `next` must name the same page. */
async function allPages(app: RunningApp, first: string, list: string, headers: Record<string, string> = {}): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let pages = 0;
  for (let url: string | null = first; url !== null; pages++) {
    const page: HttpResult = await app.request('GET', url, { headers });
    expect([url, page.status]).toStrictEqual([url, 200]);
    ids.push(...(page.body[list] as Array<{ id: string }>).map((item) => item.id));
    url = nextLink(page);
    expect(url === null).toBe(page.body.next === null);
    if (url !== null) expect(new URL(url, 'http://x').searchParams.get('after')).toBe(page.body.next);
  }
  return { ids, pages };
}

describe('paged lists and the lean institution state', () => {
  let app: RunningApp;
  const as = (key: string) => ({ authorization: `Bearer ${key}` });
  beforeAll(async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
    app = await startApp({ API_KEYS: 'subscriber:k1:alice,subscriber:k2:bob,auditor:k3:audit', WEBHOOK_ALLOW_PRIVATE: 'true' }, { seed: true });
  });
  afterAll(async () => {
    await app?.stop();
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
  });

  it('pages the institution search by name: one at a time gives the one-request list, in order, without repeats', async () => {
    const whole = await app.request('GET', '/v1/institutions?q=a&limit=1000');
    expect([whole.status, whole.body.next, whole.headers.get('link')]).toStrictEqual([200, null, null]);
    const all = (whole.body.institutions as Array<{ id: string; name: string }>);
    expect(all.length).toBeGreaterThan(2);
    const paged = await allPages(app, '/v1/institutions?q=a&limit=1', 'institutions');
    expect(paged.ids).toStrictEqual(all.map((institution) => institution.id));
    expect(paged.pages).toBe(all.length);
  });

  it('pages a jurisdiction\'s statistics: page by page gives the one-request list, in order', async () => {
    // document 000: "as of February 2020, the loan balance of micro-credit network was 8.583 billion yuan" (Hangzhou's, inside Zhejiang)
    const whole = await app.request('GET', '/v1/jurisdictions/CN-ZJ/state?asOf=2020-06-30&limit=1000');
    expect([whole.status, whole.body.next]).toStrictEqual([200, null]);
    const all = whole.body.statistics as Array<{ factId: string; metric: string; value: number }>;
    expect(whole.body.statisticsTotal).toBe(all.length);
    expect(all).toContainEqual(expect.objectContaining({ metric: 'loan-balance', value: 8_583_000_000 }));
    expect(all.length).toBeGreaterThan(2);
    const seen: string[] = [];
    let pages = 0;
    for (let url: string | null = '/v1/jurisdictions/CN-ZJ/state?asOf=2020-06-30&limit=2'; url !== null; pages++) {
      const page: HttpResult = await app.request('GET', url);
      expect([page.status, page.body.statistics.length <= 2, page.body.statisticsTotal]).toStrictEqual([200, true, all.length]);
      seen.push(...(page.body.statistics as Array<{ factId: string }>).map((entry) => entry.factId));
      url = nextLink(page);
      expect(url === null).toBe(page.body.next === null);
    }
    expect(seen).toStrictEqual(all.map((entry) => entry.factId));
    // a lean answer carries no institutions (include=institutions): its pages are the statistics'
    expect(pages).toBe(Math.ceil(all.length / 2));
  });

  it('pages the national state\'s jurisdictions and statistics with one cursor: the provinces first, the counts over every place on each page', async () => {
    // document 001: "As of March 31, 2020, there were actually 139 online lending institutions ... in operation"
    const whole = await app.request('GET', '/v1/state?asOf=2020-06-30&limit=1000');
    expect([whole.status, whole.body.next]).toStrictEqual([200, null]);
    const places = (whole.body.jurisdictions as Array<{ code: string }>).map((place) => place.code);
    const statistics = (whole.body.national.statistics as Array<{ factId: string }>).map((entry) => entry.factId);
    expect([whole.body.jurisdictionsTotal, whole.body.national.statisticsTotal]).toStrictEqual([places.length, statistics.length]);
    expect(places.slice(0, 34)).toContain('CN-HB');
    expect(places.length).toBeGreaterThan(34);
    const seenPlaces: string[] = [];
    const seenStatistics: string[] = [];
    let pages = 0;
    for (let url: string | null = '/v1/state?asOf=2020-06-30&limit=10'; url !== null; pages++) {
      const page: HttpResult = await app.request('GET', url);
      expect([page.status, page.body.jurisdictions.length <= 10, page.body.jurisdictionsTotal]).toStrictEqual([200, true, places.length]);
      expect(page.body.national.counts.operating).toMatchObject({ value: 139, effective: { text: '2020-03-31' } });
      expect(page.body.prohibitedByBusinessLine).toStrictEqual(whole.body.prohibitedByBusinessLine);
      seenPlaces.push(...(page.body.jurisdictions as Array<{ code: string }>).map((place) => place.code));
      seenStatistics.push(...(page.body.national.statistics as Array<{ factId: string }>).map((entry) => entry.factId));
      url = nextLink(page);
      expect(url === null).toBe(page.body.next === null);
    }
    expect([seenPlaces, seenStatistics]).toStrictEqual([places, statistics]);
    expect(pages).toBe(Math.ceil(Math.max(places.length, statistics.length) / 10));
  });

  it('refuses offset, a cursor of another list and a limit out of range with a 400 naming the parameter', async () => {
    const bans = await app.request('GET', '/v1/bans?asOf=2020-06-30&limit=1');
    expect(typeof bans.body.next).toBe('string');
    for (const [url, field] of [
      ['/v1/institutions?q=a&offset=2', 'offset'], [`/v1/institutions?q=a&after=${bans.body.next}`, 'after'], ['/v1/institutions?q=a&limit=1001', 'limit'],
      ['/v1/subscriptions?offset=1', 'offset'], ['/v1/subscriptions?before=1', 'before'], ['/v1/institutions?q=a&before=x', 'before'], ['/v1/subscriptions?after=nonsense', 'after'], ['/v1/subscriptions?limit=0', 'limit'],
    ] as const) {
      const refused = await app.request('GET', url, { headers: as('k3') });
      expect([url, refused.status, refused.body.type, refused.body.errors?.[0]?.field]).toStrictEqual([url, 400, '/problems/invalid-request', field]);
    }
    const offset = await app.request('GET', '/v1/subscriptions?offset=1', { headers: as('k3') });
    expect(offset.body.errors[0].message).toMatch(/use after|page with after/);
  });

  it('pages each key\'s subscriptions apart, oldest first; an auditor pages every one', async () => {
    const create = async (key: string, n: number) => {
      const created = await app.request('POST', '/v1/subscriptions', { headers: as(key), body: { url: `http://127.0.0.1:9/${key}/${n}` } });
      expect(created.status).toBe(201);
      return created.body.id as string;
    };
    const alice: string[] = [];
    const bob: string[] = [];
    for (let n = 0; n < 5; n++) {
      alice.push(await create('k1', n));
      if (n < 2) bob.push(await create('k2', n));
    }
    expect(await allPages(app, '/v1/subscriptions?limit=2', 'subscriptions', as('k1'))).toStrictEqual({ ids: alice, pages: 3 });
    expect(await allPages(app, '/v1/subscriptions?limit=2', 'subscriptions', as('k2'))).toStrictEqual({ ids: bob, pages: 1 });
    const audited = await allPages(app, '/v1/subscriptions?limit=3', 'subscriptions', as('k3'));
    expect([...audited.ids].sort()).toStrictEqual([...alice, ...bob].sort());
    // without a limit, one page of up to 100
    const first = await app.request('GET', '/v1/subscriptions', { headers: as('k1') });
    expect([first.body.subscriptions.length, first.body.next, first.headers.get('link')]).toStrictEqual([5, null, null]);
  });

  it('answers an institution\'s state lean, with its facts and their sources only when include asks', async () => {
    // document 000: "the micro-loan network ... will quit the online loan industry before June 30, 2020" (Weidai, 微贷网)
    const url = '/v1/institutions/weidai/state?asOf=2020-07-01';
    const lean = await app.request('GET', url);
    expect(lean.status).toBe(200);
    expect(lean.body).toMatchObject({ institution: { id: 'weidai' }, status: 'exited', certainty: 'certain' });
    expect(lean.body).not.toHaveProperty('facts');
    const whole = await app.request('GET', `${url}&include=facts,sources`);
    const facts = whole.body.facts as Array<{ factId: string; type: string; sources?: unknown[] }>;
    expect(facts.filter((fact) => fact.type === 'InstitutionExitAnnounced')).toHaveLength(1);
    expect(lean.body.factIds).toStrictEqual(facts.map((fact) => fact.factId));
    expect(facts.every((fact) => (fact.sources?.length ?? 0) > 0)).toBe(true);
    const withoutSources = await app.request('GET', `${url}&include=facts`);
    expect(withoutSources.body.facts.map((fact: { factId: string }) => fact.factId)).toStrictEqual(lean.body.factIds);
    expect(withoutSources.body.facts.some((fact: object) => 'sources' in fact)).toBe(false);
    // the rest of the answer is the same whatever include says
    const { facts: _facts, ...rest } = whole.body;
    expect(rest).toStrictEqual(lean.body);
    const bad = await app.request('GET', `${url}&include=everything`);
    expect([bad.status, bad.body.errors?.[0]?.field]).toStrictEqual([400, 'include']);
  });
});
