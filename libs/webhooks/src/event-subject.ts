import type { Kysely } from 'kysely';
import { decodeOwnEvent } from '../../domain/src/index.js';
import type { RecordedEvent } from '../../event-store/src/index.js';
import { positionParam, type WebhookDatabase } from './schema.js';
import type { EventSubject } from './filters.js';


/**
 * The jurisdictions an event concerns. Facts and notices carry theirs; a correction concerns the
 * old and the new one (a subscriber to either hears of it); a corroboration or a retraction names only the fact, so
 * the fact's last version before it is looked up in the read model (built before webhooks run).
 */
export async function subjectOf(db: Kysely<WebhookDatabase>, event: RecordedEvent): Promise<EventSubject> {
  const decoded = decodeOwnEvent(event);
  const found = new Set<string>();
  let factId: string | null = null;
  // another writer's event (null) concerns no jurisdiction of ours
  if (decoded !== null) switch (decoded.type) {
    case 'DocumentRegistered.v1':
      break;
    case 'FactCorrected.v1':
      found.add(decoded.data.corrected.jurisdiction);
      factId = decoded.data.factId;
      break;
    case 'FactCorroborated.v1':
    case 'FactRetracted.v1':
      factId = decoded.data.factId;
      break;
    default:
      found.add(decoded.data.jurisdiction);
  }
  if (factId !== null) {
    const earlier = await db.selectFrom('facts').select('jurisdiction')
      .where('fact_id', '=', factId)
      .where('recorded_position', '<', positionParam(event.position.commit))
      .orderBy('recorded_position', 'desc').limit(1).executeTakeFirst();
    if (earlier) found.add(earlier.jurisdiction);
  }
  return { type: event.type, jurisdictions: [...found] };
}
