import type {
  SourceKind,
  BusinessLineProhibitedInput, FactInput, FactKind, InstitutionExitAnnouncedInput, InstitutionsBannedInput,
  InstitutionsClosedInput, InstitutionsRevokedInput, NameRestrictionImposedInput, PartnershipHaltedInput,
  StatisticReportedInput,
} from '../facts/fact-catalogue.js';
import type { FuzzyDate } from '../time/fuzzy-date.js';

/**
 * Events as they are stored in the log: plain JSON, discriminated on a versioned `type`.
 * A breaking change of a shape adds `X.v2` and an upcaster; `X.v1` stays readable forever.
 */
export const EVENT_VERSION = 'v1';
export const eventTypeOf = <K extends string>(kind: K): `${K}.v1` => `${kind}.${EVENT_VERSION}` as `${K}.v1`;
/** "InstitutionsBanned.v1" -> "InstitutionsBanned" */
export const kindOfEventType = (type: string): string => type.replace(/\.v\d+$/, '');

export interface NoticeSource {
  /** file name or identifier of the document */
  readonly document: string;
  readonly publisher: string;
  readonly url: string | null;
  /** the verbatim passage of the document */
  readonly quote: string;
  /** what the source is; absent in events recorded before source kinds existed (read as 'primary') */
  readonly kind?: SourceKind;
  /** the outlet a secondary source, summary or translation cites; absent or null for a primary source */
  readonly citedOutlet?: string | null;
}

/** Where a fact comes from: the notice's source with the quote that supports this fact. */
export interface FactSource extends NoticeSource {
  readonly noticeId: string;
  readonly title: string;
  readonly authority: string;
  readonly published: FuzzyDate;
}

export interface NoticePublishedData {
  readonly noticeId: string;
  readonly authority: string;
  readonly jurisdiction: string;
  readonly title: string;
  readonly published: FuzzyDate;
  readonly source: NoticeSource;
  readonly language: string | null;
  /** ids of the facts recorded with the notice, in the order given */
  readonly factIds: readonly string[];
}

export interface Party {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
}

// `Record<never, never>`, not `object`: the same type, and one the contract's schema generator reads (apps/api/src/openapi)
type Recorded<T extends FactInput, Replaced = Record<never, never>> = Omit<T, 'type' | 'effective' | 'quote' | keyof Replaced> &
  Replaced & {
    readonly kind: T['type'];
    readonly noticeId: string;
    readonly factId: string;
    readonly effective: FuzzyDate;
    readonly source: FactSource;
  };

/** Each fact as recorded: input normalised (jurisdiction code, parsed dates, party ids) plus its source. */
export interface FactDataByKind {
  BusinessLineProhibited: Recorded<BusinessLineProhibitedInput>;
  InstitutionsBanned: Recorded<InstitutionsBannedInput>;
  InstitutionsClosed: Recorded<InstitutionsClosedInput>;
  InstitutionsRevoked: Recorded<InstitutionsRevokedInput>;
  InstitutionExitAnnounced: Recorded<InstitutionExitAnnouncedInput, { announced: FuzzyDate; institution: Party }>;
  StatisticReported: Recorded<StatisticReportedInput, { baseline?: FuzzyDate; institution?: Party }>;
  NameRestrictionImposed: Recorded<NameRestrictionImposedInput>;
  PartnershipHalted: Recorded<PartnershipHaltedInput, { bank: Party }>;
}
export type FactData<K extends FactKind = FactKind> = FactDataByKind[K];

/**
 * A fact's data without its source and ids (the fact's id is beside it): what the figure series
 * and a place's aggregates read of it (a rebuild keeps this of each of a large place's facts while
 * their sources are left to be read again).
 */
export type FactDataKept = { [K in FactKind]: Omit<FactDataByKind[K], 'source' | 'noticeId' | 'factId'> }[FactKind];

export interface FactCorrectedData {
  readonly noticeId: string;
  readonly factId: string;
  readonly correctionId: string;
  readonly reason: string;
  /** the fact as it should have been recorded; replaces the earlier content from now on */
  readonly corrected: FactData;
}

/**
 * Another source reports a fact already recorded (truth rule 3): the fact is shown once with every
 * source and counted once. `effective` is the date this source gives the fact, when it gives one:
 * the fact's window is then what all its sources allow (their intersection; the decider refuses a
 * source whose date cannot be the same event's).
 */
export interface FactCorroboratedData {
  readonly noticeId: string;
  readonly factId: string;
  readonly corroborationId: string;
  readonly source: FactSource;
  readonly effective: FuzzyDate | null;
  readonly note: string | null;
}

export interface FactRetractedData {
  readonly noticeId: string;
  readonly factId: string;
  readonly retractionId: string;
  readonly reason: string;
}

export type FactEvent = { [K in FactKind]: { readonly type: `${K}.v1`; readonly data: FactData<K> } }[FactKind];

export type NoticeEvent =
  | { readonly type: 'NoticePublished.v1'; readonly data: NoticePublishedData }
  | FactEvent
  | { readonly type: 'FactCorrected.v1'; readonly data: FactCorrectedData }
  | { readonly type: 'FactCorroborated.v1'; readonly data: FactCorroboratedData }
  | { readonly type: 'FactRetracted.v1'; readonly data: FactRetractedData };

export type NoticeEventType = NoticeEvent['type'];

export const noticeStreamName = (noticeId: string): string => `notice-${noticeId}`;
export const NOTICE_STREAM_PREFIX = 'notice-';

export const isFactEvent = (event: { type: string }): event is FactEvent =>
  !['NoticePublished.v1', 'FactCorrected.v1', 'FactCorroborated.v1', 'FactRetracted.v1'].includes(event.type);
