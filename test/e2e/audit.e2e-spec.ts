import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildFactHistories, documentsOfLog, type FactHistory, type LoggedEvent, type PlacedDocuments } from '../../libs/domain/src/index.js';
import { apiPathsOf, fromExportLine, replayable, replayAnswer, toLoggedEvent } from '../../libs/audit/src/index.js';
import { logLength, startApp, type RunningApp } from '../support/app-harness.js';

const DATES = ['2019-12-31', '2020-03-31', '2020-06-30'];
const PLACES = [undefined, 'CN-NX', 'CN-HB', 'CN-GD'];

/** An auditor over HTTP: verify, digest, export; and the export replayed offline answers as the API does. */
describe('audit over HTTP on the seed data', () => {
  let app: RunningApp;
  let exported: string;
  let histories: FactHistory[];
  let documents: PlacedDocuments;
  let head: number;
  beforeAll(async () => {
    app = await startApp({}, { seed: true });
    head = Number((await app.store.headPosition())!.commit);
    exported = await (await fetch(`${app.baseUrl}/v1/events.ndjson`)).text();
    const logged: LoggedEvent[] = exported.trimEnd().split('\n').map((line, i) => toLoggedEvent(fromExportLine(line, i + 1)));
    histories = buildFactHistories(logged);
    documents = documentsOfLog(logged);
  });
  afterAll(() => app.stop());

  it('verify finds every event of the seed log chained and intact', async () => {
    const { status, body } = await app.request('GET', '/v1/audit/verify');
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, eventCount: await logLength(app.store), unchainedCount: 0, broken: null, headPosition: head });
  });

  it('gives a digest at the head or at a position, and a 400 naming position for a bad one', async () => {
    const atHead = (await app.request('GET', '/v1/audit/digest')).body;
    expect(atHead).toMatchObject({ position: head, eventCount: await logLength(app.store), root: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const early = (await app.request('GET', '/v1/audit/digest?position=10')).body;
    expect(early).toMatchObject({ position: 10, eventCount: 10 });
    expect(early.root).not.toBe(atHead.root);
    for (const bad of ['ten', String(head + 1)]) {
      const { status, headers, body } = await app.request('GET', `/v1/audit/digest?position=${bad}`);
      expect(status).toBe(400);
      expect(headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(body)).toContain('position');
    }
  });

  it('exports the log as NDJSON, one event per line with its hashes', async () => {
    const response = await fetch(`${app.baseUrl}/v1/events.ndjson`);
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    // read to its end: a stream still being sent (compressed, a little slower) would hold the server's close
    expect(await response.text()).toBe(exported);
    const lines = exported.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(await logLength(app.store));
    expect(lines[0]).toMatchObject({
      // the seeds register the documents they quote first (docs/provenance.md)
      position: 1, revision: 0, stream: 'document-000_75f2afc41285faae.txt', type: 'DocumentRegistered.v1',
      metadata: { prevHash: '0'.repeat(64), hash: expect.any(String) },
    });
    expect(Object.keys(lines[0]).sort()).toEqual(['data', 'eventId', 'metadata', 'position', 'recordedAt', 'revision', 'stream', 'type']);
  });

  it.each(DATES.flatMap((asOf) => PLACES.map((jurisdiction) => [asOf, jurisdiction ?? 'the nation'] as const)))(
    'replaying the export as of %s for %s answers what the API answers',
    async (asOf, place) => {
      const question = { asOf, jurisdiction: place === 'the nation' ? undefined : place };
      // with the documents of the export, the replay places each quote as the API does
      const replayed = replayAnswer(histories, question, undefined, documents);
      const paths = apiPathsOf(question);
      const state = await app.request('GET', `${paths.state}&minPosition=${head}`);
      const bans = await app.request('GET', `${paths.bans}&minPosition=${head}`);
      expect(state.status).toBe(200);
      // the jurisdiction state's institution registry is not a fold of the log (NOT_REPLAYED)
      expect(replayed).toStrictEqual(replayable({ state: state.body, bans: bans.body }));
    },
  );
});
