import type { RecordedEvent } from '../../event-store/src/event-store.js';
import { positionToJson } from '../../event-store/src/event-store.js';
import { isFigure, isFactKind, type FactData } from '../../domain/src/index.js';

export interface WebhookPayload {
  readonly type: string;
  /** when the event was recorded: the same on every retry, so the body's bytes never change */
  readonly timestamp: string;
  readonly data: Record<string, unknown>;
}

interface EventData {
  readonly kind?: string;
  readonly jurisdiction?: string;
  readonly effective?: unknown;
  readonly source?: unknown;
  readonly corrected?: { kind?: string; jurisdiction?: string; effective?: unknown; source?: unknown };
}

/**
 * The JSON body of a delivery: `{type, timestamp, data}` where data is the event with its log
 * position, jurisdiction(s), effective date, nature (a fact's: action or figure) and sources (each
 * with its kind). A body over `maxBytes` is replaced by a thin one (ids, position,
 * `truncated: true`): the receiver fetches the event from /v1/events.
 */
export function buildPayload(event: RecordedEvent, jurisdictions: readonly string[], maxBytes: number): string {
  const data = (event.data ?? {}) as EventData;
  const fact = data.corrected ?? data;
  const { requestHash: _hash, ...metadata } = event.metadata;
  const common = {
    eventId: event.eventId,
    position: positionToJson(event.position),
    stream: event.streamName,
    revision: event.revision,
    recordedAt: event.recordedAt,
    jurisdiction: fact.jurisdiction ?? jurisdictions[0] ?? null,
    jurisdictions,
  };
  const full: WebhookPayload = {
    type: event.type,
    timestamp: event.recordedAt,
    data: {
      ...common,
      effective: fact.effective ?? null,
      // truth rule 2: a figure describes its date and is superseded by the next of its series; an action holds from its date
      nature: isFactKind(fact.kind) ? (isFigure(fact as unknown as FactData) ? 'figure' : 'action') : null,
      // a source recorded before source kinds existed is a primary one (as answers cite it)
      sources: fact.source ? [{ kind: 'primary', citedOutlet: null, ...(fact.source as object) }] : [],
      event: event.data,
      metadata,
    },
  };
  const body = JSON.stringify(full);
  if (Buffer.byteLength(body) <= maxBytes) return body;
  return JSON.stringify({ type: event.type, timestamp: event.recordedAt, data: { ...common, truncated: true } } satisfies WebhookPayload);
}
