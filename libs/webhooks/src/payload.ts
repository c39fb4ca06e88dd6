import type { RecordedEvent } from '../../event-store/src/index.js';
import { positionToJson } from '../../event-store/src/index.js';
import { decodeOwnEvent, isFigure, type DomainEvent, type FactData, type FuzzyDate, type NoticeSource } from '../../domain/src/index.js';

export interface WebhookPayload {
  readonly type: string;
  /** when the event was recorded: the same on every retry, so the body's bytes never change */
  readonly timestamp: string;
  readonly data: Record<string, unknown>;
}

/** What a delivery shows of the fact an event is about: a correction's new content, else the event's own fields. */
interface Subject {
  readonly jurisdiction?: string;
  readonly effective?: FuzzyDate | null;
  readonly fact?: FactData;
  readonly source?: NoticeSource;
}

function subjectOf(event: DomainEvent | null): Subject {
  if (event === null) return {};
  switch (event.type) {
    case 'FactRetracted.v1': case 'DocumentRegistered.v1':
      return {};
    case 'NoticePublished.v1':
      return { jurisdiction: event.data.jurisdiction, source: event.data.source };
    case 'FactCorroborated.v1':
      return { effective: event.data.effective, source: event.data.source };
    case 'FactCorrected.v1':
      return factSubject(event.data.corrected);
    default:
      return factSubject(event.data);
  }
}

const factSubject = (fact: FactData): Subject => ({ jurisdiction: fact.jurisdiction, effective: fact.effective, fact, source: fact.source });

/**
 * The JSON body of a delivery: `{type, timestamp, data}` where data is the event with its log
 * position, jurisdiction(s), effective date, nature (a fact's: action or figure) and sources (each
 * with its kind). A body over `maxBytes` is replaced by a thin one (ids, position,
 * `truncated: true`): the receiver fetches the event from /v1/events.
 */
export function buildPayload(event: RecordedEvent, jurisdictions: readonly string[], maxBytes: number): string {
  const subject = subjectOf(decodeOwnEvent(event));
  const { requestHash: _hash, ...metadata } = event.metadata;
  const common = {
    eventId: event.eventId,
    position: positionToJson(event.position),
    stream: event.streamName,
    revision: event.revision,
    recordedAt: event.recordedAt,
    jurisdiction: subject.jurisdiction ?? jurisdictions[0] ?? null,
    jurisdictions,
  };
  const full: WebhookPayload = {
    type: event.type,
    timestamp: event.recordedAt,
    data: {
      ...common,
      effective: subject.effective ?? null,
      // truth rule 2: a figure describes its date and is superseded by the next of its series; an action holds from its date
      nature: subject.fact ? (isFigure(subject.fact) ? 'figure' : 'action') : null,
      // a source recorded before source kinds existed is a primary one (as answers cite it)
      sources: subject.source ? [{ kind: 'primary', citedOutlet: null, ...subject.source }] : [],
      event: event.data,
      metadata,
    },
  };
  const body = JSON.stringify(full);
  if (Buffer.byteLength(body) <= maxBytes) return body;
  return JSON.stringify({ type: event.type, timestamp: event.recordedAt, data: { ...common, truncated: true } } satisfies WebhookPayload);
}
