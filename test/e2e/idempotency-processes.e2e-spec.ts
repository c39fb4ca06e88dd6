import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { API, start, stop, type Running } from '../support/processes.js';

/**
 * Issue 15 item 2: two API processes (the compiled server, as `npm start` runs it) on one SQLite
 * data dir, the same Idempotency-Key sent to both at once. With different bodies the loser is a
 * 422 idempotency-key-reused, never a 500 nor a 201 replaying the other request; with the same
 * body both get the one result.
 */
const ROUNDS = 40;

type Server = Running;

const startServer = (dataDir: string): Promise<Server> => start(API, dataDir, { SEED_ON_START: 'false', ROLE: 'api' });

const notice = (title: string, effects: number) => ({
  authority: 'Example LFSA', jurisdiction: 'CN-ZJ', title, published: '2021-03-02',
  source: { document: 'a.txt', publisher: 'Example News', quote: 'banned some institutions' },
  effects: Array.from({ length: effects }, (_, index) => ({ type: 'InstitutionsBanned', jurisdiction: 'CN-ZJ', effective: '2021-03', count: index + 1 })),
});

async function post(baseUrl: string, key: string, body: unknown) {
  const response = await fetch(`${baseUrl}/v1/notices`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('Idempotency-Key across two API processes on one SQLite file', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'timeline-idem-'));
  let servers: Server[] = [];
  beforeAll(async () => {
    // one first, so that the schema is created once; then the second
    servers = [await startServer(dataDir)];
    servers.push(await startServer(dataDir));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => stop(server.child)));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`different bodies under one key, sent to both at once (${ROUNDS} rounds): one 201, the other 422`, async () => {
    const [one, two] = servers as [Server, Server];
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const key = `different-${round}`;
      // the same number of events (round even) or not (odd): both were wrong before
      const bodies = [notice(`first ${round}`, 1), notice(`second ${round}`, round % 2 === 0 ? 1 : 2)];
      const [a, b] = await Promise.all([post(one.baseUrl, key, bodies[0]), post(two.baseUrl, key, bodies[1])]);
      outcomes.push(`${a.status}/${b.status}`);
      const statuses = [a.status, b.status].sort();
      expect(statuses).toEqual([201, 422]);
      const [winner, loser] = a.status === 201 ? [a, b] : [b, a];
      const winnerTitle = (a.status === 201 ? bodies[0] : bodies[1])!.title;
      expect(winner.body.replayed).toBe(false);
      expect(winner.body.events[0].data.title).toBe(winnerTitle);
      expect(loser.body.type).toBe('/problems/idempotency-key-reused');
    }
    expect(outcomes).toHaveLength(ROUNDS);
  }, 120_000);

  it(`the same body under one key, sent to both at once (${ROUNDS} rounds): both 201 with the one result`, async () => {
    const [one, two] = servers as [Server, Server];
    for (let round = 0; round < ROUNDS; round++) {
      const key = `same-${round}`;
      const body = notice(`same ${round}`, 1 + (round % 3));
      const [a, b] = await Promise.all([post(one.baseUrl, key, body), post(two.baseUrl, key, body)]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body.noticeId).toBe(b.body.noticeId);
      expect(a.body.position).toBe(b.body.position);
      expect(a.body.revision).toBe(b.body.revision);
      expect(a.body.events.map((event: any) => event.eventId)).toEqual(b.body.events.map((event: any) => event.eventId));
      expect([a.body.replayed, b.body.replayed].filter((replayed) => replayed === false)).toHaveLength(1);
    }
  }, 120_000);
});
