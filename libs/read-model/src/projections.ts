import { decodeOwnEvent, figureGroupOf, partyIdFromName, type FactData, type NoticePublishedData, type Party } from '../../domain/src/index.js';
import type { LogPosition } from '../../event-store/src/index.js';

/** What a projection needs of a recorded event. */
export interface ProjectableEvent {
  readonly type: string;
  readonly data: unknown;
  readonly position: LogPosition;
  readonly recordedAt: string;
  /** the actor is read from it */
  readonly metadata?: { readonly actor?: unknown };
}

const actorOf = (event: ProjectableEvent): string | null => (typeof event.metadata?.actor === 'string' ? event.metadata.actor : null);

/** A fact version as stored (see FactsTable); positions are bigint here, whatever the driver. */
export interface FactVersion {
  readonly fact_id: string;
  readonly notice_id: string;
  readonly kind: string;
  readonly jurisdiction: string;
  readonly effective_text: string;
  readonly effective_precision: string;
  readonly effective_from: string | null;
  readonly effective_to: string;
  readonly published_from: string | null;
  readonly published_to: string;
  readonly recorded_position: bigint;
  readonly recorded_at: string;
  readonly retracted: boolean;
  readonly data: string;
  readonly source: string;
  readonly change_id: string | null;
  readonly change_reason: string | null;
  readonly actor: string | null;
  readonly figure_group: string | null;
  readonly announced_from: string | null;
}

/** Another source of a fact, as stored (see FactCorroborationsTable). */
export interface CorroborationRow {
  readonly fact_id: string;
  readonly corroboration_id: string;
  readonly recorded_position: bigint;
  readonly recorded_at: string;
  readonly actor: string | null;
  readonly source: string;
  readonly effective: string | null;
  readonly note: string | null;
}

export interface NoticeUpsert {
  readonly notice_id: string;
  readonly jurisdiction: string;
  readonly authority: string;
  readonly title: string;
  readonly published_text: string;
  readonly published_precision: string;
  readonly published_from: string | null;
  readonly published_to: string;
  readonly language: string | null;
  readonly source: string;
  readonly fact_ids: string;
  readonly recorded_position: bigint;
  readonly recorded_at: string;
}

export interface InstitutionUpsert {
  readonly institution_id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly jurisdiction: string;
}

/**
 * Read-model changes: plain data, each one a no-op when it is already applied, so replaying an
 * event (after a crash between commit and acknowledgement, or in a rebuild) changes nothing.
 */
export type ReadModelChange =
  /** insert-or-ignore, keyed by (fact_id, recorded_position) */
  | { readonly type: 'insertFactVersion'; readonly version: FactVersion }
  /** sets superseded_position = position on the current version recorded before `position` */
  | { readonly type: 'supersedeFact'; readonly factId: string; readonly position: bigint }
  /**
   * copies the current version recorded before `position` as a new version with retracted = 1
   * recorded at `position`, then supersedes the copied one
   */
  | { readonly type: 'retractFact'; readonly factId: string; readonly position: bigint; readonly recordedAt: string;
      readonly retractionId: string; readonly reason: string; readonly actor: string | null }
  /** insert-or-ignore, keyed by (fact_id, recorded_position) */
  | { readonly type: 'insertCorroboration'; readonly corroboration: CorroborationRow }
  /** insert-or-ignore: the fact names the institution */
  | { readonly type: 'linkParty'; readonly factId: string; readonly institutionId: string }
  /** insert, or replace with the same values */
  | { readonly type: 'upsertNotice'; readonly notice: NoticeUpsert }
  /** insert, or merge: keeps the first name and jurisdiction, adds new aliases (and a new name as an alias) */
  | { readonly type: 'upsertInstitution'; readonly institution: InstitutionUpsert }
  /** insert-or-ignore, keyed by document id (an id names one text: the first registration stands) */
  | { readonly type: 'registerDocument'; readonly document: DocumentRow };

/** A registered document as stored (see DocumentsTable). */
export interface DocumentRow {
  readonly document: string;
  readonly title: string;
  readonly language: string | null;
  readonly kind: string | null;
  readonly sha256: string;
  readonly text: string;
  readonly recorded_position: bigint;
  readonly recorded_at: string;
}

interface VersionChange {
  readonly id: string;
  readonly reason: string;
}

function factVersion(fact: FactData, event: ProjectableEvent, change: VersionChange | null): FactVersion {
  const { source, ...data } = fact;
  return {
    fact_id: fact.factId,
    notice_id: fact.noticeId,
    kind: fact.kind,
    jurisdiction: fact.jurisdiction,
    effective_text: fact.effective.text,
    effective_precision: fact.effective.precision,
    effective_from: fact.effective.earliest,
    effective_to: fact.effective.latest,
    published_from: source.published.earliest,
    published_to: source.published.latest,
    recorded_position: event.position.commit,
    recorded_at: event.recordedAt,
    retracted: false,
    data: JSON.stringify(data),
    source: JSON.stringify(source),
    change_id: change?.id ?? null,
    change_reason: change?.reason ?? null,
    actor: actorOf(event),
    figure_group: figureGroupOf(fact),
    announced_from: fact.kind === 'InstitutionExitAnnounced' ? fact.announced.earliest : null,
  };
}

const named = (names: readonly string[] | undefined): Party[] =>
  (names ?? []).map((name) => ({ id: partyIdFromName(name), name, aliases: [] }));

/** The named parties of a fact: the exiting institution, the bank and its partners, listed names. */
function partiesOf(fact: FactData): Party[] {
  switch (fact.kind) {
    case 'InstitutionExitAnnounced':
      return [fact.institution];
    case 'PartnershipHalted':
      return [fact.bank, ...named(fact.partners)];
    case 'InstitutionsBanned':
    case 'InstitutionsClosed':
    case 'InstitutionsRevoked':
      return named(fact.names);
    default:
      return [];
  }
}

function factChanges(fact: FactData, event: ProjectableEvent, change: VersionChange | null = null): ReadModelChange[] {
  return [
    { type: 'insertFactVersion', version: factVersion(fact, event, change) },
    ...partiesOf(fact).flatMap((party): ReadModelChange[] => [
      {
        type: 'upsertInstitution',
        institution: { institution_id: party.id, name: party.name, aliases: party.aliases, jurisdiction: fact.jurisdiction },
      },
      { type: 'linkParty', factId: fact.factId, institutionId: party.id },
    ]),
  ];
}

const noticeUpsert = (data: NoticePublishedData, event: ProjectableEvent): NoticeUpsert => ({
  notice_id: data.noticeId,
  jurisdiction: data.jurisdiction,
  authority: data.authority,
  title: data.title,
  published_text: data.published.text,
  published_precision: data.published.precision,
  published_from: data.published.earliest,
  published_to: data.published.latest,
  language: data.language,
  source: JSON.stringify(data.source),
  fact_ids: JSON.stringify(data.factIds),
  recorded_position: event.position.commit,
  recorded_at: event.recordedAt,
});

/**
 * The pure projection: an event as read back from the log -> the read-model changes it causes.
 * Events of other streams and unknown types cause none.
 */
export function project(event: ProjectableEvent): ReadModelChange[] {
  // the one decoder of stored events: null for another writer's event; an unknown version of one
  // of ours throws (the projection stops rather than lose facts silently)
  const decoded = decodeOwnEvent(event);
  if (decoded === null) return [];
  switch (decoded.type) {
    case 'NoticePublished.v1':
      return [{ type: 'upsertNotice', notice: noticeUpsert(decoded.data, event) }];
    case 'DocumentRegistered.v1': {
      const { document, title, language, kind, sha256, text } = decoded.data;
      return [{ type: 'registerDocument', document: {
        document, title, language, kind, sha256, text, recorded_position: event.position.commit, recorded_at: event.recordedAt,
      } }];
    }
    case 'FactCorrected.v1': {
      const data = decoded.data;
      const corrected = { ...data.corrected, factId: data.factId, noticeId: data.noticeId } as FactData;
      return [{ type: 'supersedeFact', factId: data.factId, position: event.position.commit },
        ...factChanges(corrected, event, { id: data.correctionId, reason: data.reason })];
    }
    case 'FactCorroborated.v1': {
      const data = decoded.data;
      return [{ type: 'insertCorroboration', corroboration: {
        fact_id: data.factId, corroboration_id: data.corroborationId, recorded_position: event.position.commit, recorded_at: event.recordedAt,
        actor: actorOf(event), source: JSON.stringify(data.source), effective: data.effective ? JSON.stringify(data.effective) : null, note: data.note,
      } }];
    }
    case 'FactRetracted.v1': {
      const data = decoded.data;
      return [{ type: 'retractFact', factId: data.factId, position: event.position.commit, recordedAt: event.recordedAt,
        retractionId: data.retractionId, reason: data.reason, actor: actorOf(event) }];
    }
    default:
      return factChanges(decoded.data, event);
  }
}
