import type { Kysely } from 'kysely';
import type { RecordedEvent } from '../../event-store/src/event-store.js';
import { positionParam, type WebhookDatabase } from './schema.js';
import type { EventSubject } from './filters.js';


/**
 * The jurisdictions an event concerns. Facts and notices carry theirs; a correction concerns the
 * old and the new one (a subscriber to either hears of it); a corroboration or a retraction names only the fact, so
 * the fact's last version before it is looked up in the read model (built before webhooks run).
 */
export async function subjectOf(db: Kysely<WebhookDatabase>, event: RecordedEvent): Promise<EventSubject> {
  const data = (event.data ?? {}) as { jurisdiction?: string; factId?: string; corrected?: { jurisdiction?: string } };
  const own = data.corrected?.jurisdiction ?? data.jurisdiction;
  const found = new Set<string>(own ? [own] : []);
  if ((event.type === 'FactCorrected.v1' || event.type === 'FactCorroborated.v1' || event.type === 'FactRetracted.v1') && data.factId) {
    const earlier = await db.selectFrom('facts').select('jurisdiction')
      .where('fact_id', '=', data.factId)
      .where('recorded_position', '<', positionParam(event.position.commit))
      .orderBy('recorded_position', 'desc').limit(1).executeTakeFirst();
    if (earlier) found.add(earlier.jurisdiction);
  }
  return { type: event.type, jurisdictions: [...found] };
}
