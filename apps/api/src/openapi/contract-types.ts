/**
 * The answers of the HTTP API as their JSON is on the wire, written once as TypeScript types: the
 * types the code returns (libs/domain, libs/read-model, libs/audit, libs/webhooks), named here.
 * `npm run openapi:schemas` turns every type exported from this file into a JSON Schema
 * (ts-json-schema-generator) in generated/contract-schemas.ts, from which the OpenAPI document
 * (openapi-document.ts) and the event catalogue (GET /v1/event-types) are built.
 */
import type {
  DocumentRegisteredData, DomainEvent, FactDataByKind, FactKind, FactSource, FactState, FuzzyDate, JurisdictionRecord, NoticePublishedData,
  NoticeSource, QuotePosition, SourceKind,
} from '../../../../libs/domain/src/index.js';
import type {
  BansAnswer, DiffAnswer, InstitutionStateAsAnswered as LeanInstitutionState, InstitutionTimelineAnswer, JurisdictionStateAsAnswered as LeanJurisdictionState,
  JurisdictionTimelineAnswer, NationalStateAsAnswered as LeanNationalState, SeriesAnswer,
} from '../../../../libs/read-model/src/index.js';

// the read models' own answer types (named as they are there; aliases make them roots of the schema set)
export type BansRoot = BansAnswer;
export type DiffRoot = DiffAnswer;
export type InstitutionTimelineRoot = InstitutionTimelineAnswer;
export type JurisdictionTimelineRoot = JurisdictionTimelineAnswer;
export type SeriesRoot = SeriesAnswer;
import type { LogDigest, VerifyReport } from '../../../../libs/audit/src/index.js';
import type { TestDeliveryResult } from '../../../../libs/webhooks/src/index.js';
import type { ProblemDetails } from '../problems/problem-details.js';
import type { InstitutionSearchPage } from '../timeline/institution.queries.js';

/** A log position: an integer; on EventStoreDB, when its commit and prepare positions differ, the text "commit-prepare". */
export type Position = Integer | string;

// state answers: the state and the counts with their fact ids; facts and sources with include= (libs/read-model state-parts.ts)
export type NationalStateAnswer = LeanNationalState;
export type JurisdictionStateAnswer = LeanJurisdictionState;
export type InstitutionStateAnswer = LeanInstitutionState;
export type InstitutionSearchAnswer = InstitutionSearchPage;

/** A jurisdiction as GET /v1/jurisdictions lists it. */
export type Jurisdiction = Pick<JurisdictionRecord, 'code' | 'name' | 'nameZh' | 'level' | 'parent' | 'gbCode' | 'kind' | 'zone'>;
export type JurisdictionList = Jurisdiction[];
/** One jurisdiction, with the codes of the jurisdictions directly inside it. */
export type JurisdictionAnswer = Jurisdiction & { children: string[] };

/** An event of the log as the API shows it. */
export interface LoggedEvent {
  position: Position;
  eventId: string;
  stream: string;
  revision: Integer;
  /** the event type with its version, e.g. InstitutionsBanned.v1 */
  type: string;
  data: Record<string, unknown>;
  /** actor, causationId, correlationId, hash, prevHash, recordedAt, source (the fact's source, or null) */
  metadata: Record<string, unknown>;
}

export interface EventsPage {
  events: LoggedEvent[];
  /** pass as `after` for the next page; null when this page reached the end of the log */
  next: Position | null;
}

/** The answer to a write on a notice (publish, correct, corroborate, retract). */
export interface NoticeWriteAnswer {
  noticeId: string;
  /** log position of the last event written: pass as minPosition to read your write */
  position: Position;
  /** the notice stream's revision: send it in If-Match to change the notice again */
  revision: Integer;
  /** true when an Idempotency-Key retry returned the first result */
  replayed: boolean;
  events: LoggedEvent[];
}

/** Where a source's quote stands in its registered document (docs/provenance.md). */
export interface QuotePlacement {
  /** UTF-16 offsets {start, end} into the document's text, end exclusive; null when the document is not registered or the quote is not in it */
  quoteAt: QuotePosition | null;
  /** SHA-256 (hex) of the registered text quoteAt indexes into; null when the document is not registered */
  documentSha256: string | null;
}

/** A fact of a notice as corrected, its source placed in its document. */
export type NoticeFact = Omit<FactState, 'current'> & { current: PlacedFact };
/** each kind of fact, its source placed */
type PlacedFactByKind = { [K in FactKind]: Omit<FactDataByKind[K], 'source'> & { source: PlacedFactSource } };
export type PlacedFactSource = FactSource & QuotePlacement;
export type PlacedFact = PlacedFactByKind[FactKind];

/** A notice as its stream says, with its facts as corrected. */
export interface NoticeAnswer {
  noticeId: string;
  /** the stream revision (also the ETag): send it back in If-Match to correct or retract */
  revision: Integer;
  notice: (Omit<NoticePublishedData, 'source'> & { source: NoticeSource & QuotePlacement }) | null;
  /** by fact id */
  facts: Record<string, NoticeFact>;
  /** the notice's events as stored */
  events: LoggedEvent[];
}

/** A registered document. */
export type DocumentAnswer = DocumentRegisteredData & {
  registeredAt: string;
  /** log position of the registration */
  position: Position;
};

export interface DocumentsPage {
  documents: Array<Omit<DocumentAnswer, 'text'>>;
  /** pass as `after` for the next page; null when this page reached the end */
  next: Position | null;
}

export interface DocumentWriteAnswer {
  document: string;
  sha256: string;
  position: Position;
  revision: Integer;
  replayed: boolean;
  /** the registration event, without the text */
  events: LoggedEvent[];
}

export type VerifyAnswer = VerifyReport;
export type DigestAnswer = LogDigest;

export interface HealthAnswer {
  status: 'ok' | 'unavailable';
  live: boolean;
  ready: boolean;
  checks: { eventStore: string; readModel: string; projector: string };
  /** computed answers: in how many worker threads (0: the API's own), how many now, how many waiting for a turn */
  answers: { workers: Integer; computing: Integer; waiting: Integer };
  /** why not ready (only when not ready) */
  reasons?: string[];
}

export interface LivenessAnswer {
  status: 'ok';
  live: boolean;
}

export type SubscriptionStatus = 'active' | 'paused' | 'disabled';

export interface Subscription {
  id: string;
  /** the API key name that created it; null for subscriptions from before owners were recorded */
  owner: string | null;
  url: string;
  description: string | null;
  /** the event types delivered; empty: every type */
  eventTypes: string[];
  /** the jurisdictions delivered (with those inside them); empty: every one */
  jurisdictions: string[];
  status: SubscriptionStatus;
  maxInFlight: Integer;
  disabledReason: string | null;
  failingSince: string | null;
  /** until when the previous secret also signs (after a rotation) */
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A subscription with its signing secret: shown on create and rotate only. */
export type SubscriptionWithSecret = Subscription & { secret: string };

export interface SubscriptionList {
  /** a page (`limit`, `after`), oldest first */
  subscriptions: Subscription[];
  /** the cursor of the next page (pass it as `after`); null on the last page */
  next: string | null;
}

export interface DeliveryAttempt {
  at: string;
  statusCode: Integer | null;
  latencyMs: Integer | null;
  error: string | null;
  nextRetryAt: string | null;
}

export interface Delivery {
  id: string;
  /** the webhook-id header: the same on every attempt and replay of the event */
  webhookId: string;
  eventId: string;
  eventType: string;
  /** the event's log position */
  position: Position;
  origin: 'live' | 'replay';
  status: 'pending' | 'sending' | 'delivered' | 'failed';
  attemptCount: Integer;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  lastError: string | null;
  createdAt: string;
  attempts: DeliveryAttempt[];
}

export interface DeliveriesPage {
  deliveries: Delivery[];
  /** pass as `after` for the next (older) page; null at the end */
  next: string | null;
}

export interface RetryAnswer {
  id: string;
  status: string;
  nextAttemptAt: string | null;
}

export interface ReplayAnswer {
  /** deliveries enqueued */
  enqueued: Integer;
  /** true when the replay stopped at `limit` */
  truncated: boolean;
  limit: Integer;
}

export type Problem = ProblemDetails;

/** Every event the log holds, by type (the `type` with its version, and its `data`). */
export type Event = DomainEvent;

/** What a delivery carries of the fact an event is about (libs/webhooks payload.ts). */
export interface WebhookEventData {
  eventId: string;
  position: Position;
  stream: string;
  revision: Integer;
  recordedAt: string;
  /** the fact's jurisdiction (the first of `jurisdictions` for an event without one), or null */
  jurisdiction: string | null;
  jurisdictions: string[];
  effective: FuzzyDate | null;
  /** a fact's nature: action (holds from its date) or figure (a snapshot of its date); null for other events */
  nature: 'action' | 'figure' | null;
  /** the event's source (a fact's, with its notice; or the notice's), with its kind (primary when recorded before kinds existed) */
  sources: Array<(FactSource | NoticeSource) & { kind: SourceKind; citedOutlet: string | null }>;
  /** the event's own data (see GET /v1/event-types) */
  event: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** A delivery whose body exceeded WEBHOOK_MAX_PAYLOAD_BYTES: fetch the event from /v1/events. */
export type WebhookTruncatedData = Pick<WebhookEventData, 'eventId' | 'position' | 'stream' | 'revision' | 'recordedAt' | 'jurisdiction' | 'jurisdictions'> & {
  truncated: true;
};

/** The JSON body of a webhook delivery (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature headers). */
export interface WebhookPayload {
  /** the event type with its version */
  type: string;
  /** when the event was recorded */
  timestamp: string;
  data: WebhookEventData | WebhookTruncatedData;
}

/** @asType integer */
export type Integer = number;

/** One event type of the log: what a webhook delivers and /v1/events lists. */
export interface EventTypeEntry {
  /** the type with its version, as events and deliveries carry it: InstitutionsBanned.v1 */
  name: string;
  /** the type without its version */
  type: string;
  version: Integer;
  description: string;
  /** true when webhooks deliver it */
  delivered: boolean;
  /** JSON Schema (2020-12) of the event's `data`, standing alone (its definitions under $defs) */
  schema: Record<string, unknown>;
}

/** GET /v1/event-types: every event type the log holds and webhooks deliver. */
export interface EventTypeCatalogue {
  eventTypes: EventTypeEntry[];
}

/** POST /v1/subscriptions/{id}/test: what the receiver answered a test delivery. */
export type TestDeliveryAnswer = TestDeliveryResult;

/** The body of a test delivery (POST /v1/subscriptions/{id}/test): about no fact, never queued or retried. */
export interface WebhookTestPayload {
  type: 'webhook.test';
  timestamp: string;
  data: { subscriptionId: string; test: true };
}
