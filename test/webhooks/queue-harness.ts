import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { RecordedEvent } from '../../libs/event-store/src/event-store.js';
import { positionOf } from '../../libs/event-store/src/event-store.js';
import { openReadModel, type OpenedReadModel, type ReadModelDialect } from '../../libs/read-model/src/open-read-model.js';
import { WEBHOOK_MIGRATIONS, type WebhookDatabase } from '../../libs/webhooks/src/index.js';
import { AttemptRecorder } from '../../libs/webhooks/src/attempt-recorder.js';
import { claimDue, type ClaimedDelivery } from '../../libs/webhooks/src/claims.js';
import { runLane, type LaneContext } from '../../libs/webhooks/src/lane.js';
import { recordAttempts } from '../../libs/webhooks/src/record-attempt.js';
import type { SendResult } from '../../libs/webhooks/src/sender.js';
import { createTestDatabase } from '../support/postgres.js';

export const event = (n: number, jurisdiction = 'CN-GD'): RecordedEvent => ({
  eventId: `e${n}`, streamName: `notice-${n}`, revision: 0, position: positionOf(n), type: 'InstitutionsBanned.v1',
  data: { jurisdiction, effective: { text: '2021-03' }, source: { quote: 'q' } }, metadata: {}, recordedAt: '2026-01-01T00:00:00.000Z',
});
export const ok: SendResult = { statusCode: 200, latencyMs: 1, error: null, retryAfterSeconds: null };
export const failed = (statusCode: number): SendResult => ({ statusCode, latencyMs: 1, error: `HTTP ${statusCode}`, retryAfterSeconds: null });
export const config = { retrySchedule: [0, 1], disableAfterMs: 1e9 };
export const hook = (name: string, more: { maxInFlight?: number; jurisdictions?: string[] } = {}) =>
  ({ url: `https://${name}.example/hook`, description: null, eventTypes: [], jurisdictions: [], ...more });

const dir = mkdtempSync(join(tmpdir(), 'webhook-queue-'));
export const queueDir = dir;

/** A migrated read model with the webhook queue, on SQLite or on the test PostgreSQL. */
export async function openQueue(dialect: ReadModelDialect): Promise<{ readModel: OpenedReadModel; db: Kysely<WebhookDatabase>; close(): Promise<void> }> {
  const sqlitePath = join(dir, `${Math.random()}.sqlite`);
  let drop: () => Promise<void> = async () => undefined;
  let readModel: OpenedReadModel;
  if (dialect === 'postgres') {
    const created = await createTestDatabase();
    drop = created.drop;
    readModel = await openReadModel({ databaseUrl: created.url, sqlitePath, migrations: [WEBHOOK_MIGRATIONS] });
  } else {
    readModel = await openReadModel({ sqlitePath, migrations: [WEBHOOK_MIGRATIONS] });
  }
  return { readModel, db: readModel.db as unknown as Kysely<WebhookDatabase>, close: async () => { await readModel.close(); await drop(); } };
}

/** Counts the UPDATEs of webhook_deliveries rows from now on (a trigger), per delivery id. */
export async function countRowUpdates(db: Kysely<any>, postgres: boolean): Promise<() => Promise<string[]>> {
  await sql`create table delivery_updates (delivery_id text not null)`.execute(db);
  if (postgres) {
    await sql`create function delivery_updated() returns trigger language plpgsql as $$ begin insert into delivery_updates values (new.id); return new; end $$`.execute(db);
    await sql`create trigger delivery_updated after update on webhook_deliveries for each row execute function delivery_updated()`.execute(db);
  } else {
    await sql`create trigger delivery_updated after update on webhook_deliveries begin insert into delivery_updates values (new.id); end`.execute(db);
  }
  return async () => (await sql<{ delivery_id: string }>`select delivery_id from delivery_updates`.execute(db)).rows.map((row) => row.delivery_id);
}

/**
 * A sender as DeliverySender runs one, with the POST replaced by `answer` (what the receiver says
 * to each delivery): claims, runs the lanes to their end, records in group commits. `sent` lists
 * every send, as [subscription url, event position].
 */
export function testSender(db: Kysely<WebhookDatabase>, name: string, answer: (claimed: ClaimedDelivery) => SendResult | Promise<SendResult> = () => ok) {
  const sent: Array<[string, number]> = [];
  let inFlight = 0;
  let mostInFlight = 0;
  let stopping = false;
  const recorder = new AttemptRecorder((group) => recordAttempts(db, group, config, () => 0.5));
  const context: LaneContext = {
    db, sender: name, leaseMs: 60_000,
    send: async (claimed) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      sent.push([claimed.subscription.url, Number(claimed.delivery.event_position)]);
      await new Promise((resolve) => setImmediate(resolve));
      const result = await answer(claimed);
      inFlight -= 1;
      return result;
    },
    record: (attempt) => recorder.record(attempt),
    stopping: () => stopping,
  };
  return {
    sent,
    context,
    mostInFlight: () => mostInFlight,
    stop: () => { stopping = true; },
    /** one claim and its lanes to their end; the number of subscriptions leased */
    async round(now = new Date()): Promise<number> {
      const { leased } = await claimDue(db, name, now, 60_000, 32);
      await Promise.all(leased.map((lease) => runLane(context, lease)));
      return leased.length;
    },
  };
}

export const positionsTo = (sent: ReadonlyArray<[string, number]>, name: string) => sent.filter(([url]) => url.includes(`//${name}.`)).map(([, position]) => position);
