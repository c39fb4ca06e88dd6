/**
 * The catalogue of facts a notice can state. Each kind's fields are defined here once:
 * the TypeScript shapes below, the field lists the HTTP layer is checked against, and the
 * limits both the HTTP validation and the decider enforce.
 */
export const FACT_KINDS = [
  'BusinessLineProhibited',
  'InstitutionsBanned',
  'InstitutionsClosed',
  'InstitutionsRevoked',
  'InstitutionExitAnnounced',
  'StatisticReported',
  'NameRestrictionImposed',
  'PartnershipHalted',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export const isFactKind = (value: unknown): value is FactKind =>
  typeof value === 'string' && (FACT_KINDS as readonly string[]).includes(value);

export const LIMITS = {
  shortText: 200,
  text: 2_000,
  quote: 10_000,
  url: 2_048,
  names: 10_000,
  effects: 500,
  words: 200,
  batchNumber: 10_000,
} as const;

export const STATISTIC_QUALIFIERS = ['exact', 'approximately', 'nearly', 'at-least', 'more-than', 'at-most'] as const;
export type StatisticQualifier = (typeof STATISTIC_QUALIFIERS)[number];

/** A named party as the sources spell it; `id` is derived from the name when absent. */
export interface PartyInput {
  id?: string;
  name: string;
  aliases?: string[];
}

/** Fields every fact has. Dates are text in the forms parseFuzzyDate accepts. */
export interface CommonFactInput {
  type: FactKind;
  /** jurisdiction code, GB/T code or name; stored as the code */
  jurisdiction: string;
  /** when the fact holds in the world */
  effective: string;
  /** the verbatim words of the source that support this fact (defaults to the notice's quote) */
  quote?: string;
  note?: string;
}

export interface BusinessLineProhibitedInput extends CommonFactInput {
  type: 'BusinessLineProhibited';
  /** slug of the business line, e.g. "online-lending" */
  businessLine: string;
  scope?: string;
}
/**
 * Fields of the counted actions (bans, closures, revocations). Without `cumulative` the fact is an
 * action: its count adds up with the place's other actions of the kind. With `cumulative: true` it
 * is a figure: "up to now, 147 have closed" describes the total as of its date, supersedes the
 * place's earlier total and never adds up with it.
 */
interface CountedActionInput extends CommonFactInput {
  /**
   * absent when the source says "a number of"
   * @asType integer
   */
  count?: number;
  names?: string[];
  businessLine?: string;
  /** the count is a running total as of the effective date, not one more action */
  cumulative?: boolean;
}
export interface InstitutionsBannedInput extends CountedActionInput {
  type: 'InstitutionsBanned';
  batch?: { number: number; of: number };
}
export interface InstitutionsClosedInput extends CountedActionInput {
  type: 'InstitutionsClosed';
}
export interface InstitutionsRevokedInput extends CountedActionInput {
  type: 'InstitutionsRevoked';
}
export interface InstitutionExitAnnouncedInput extends CommonFactInput {
  type: 'InstitutionExitAnnounced';
  institution: PartyInput;
  /** when the announcement was made; `effective` is when the exit takes effect */
  announced: string;
  businessLine?: string;
}
export interface StatisticReportedInput extends CommonFactInput {
  type: 'StatisticReported';
  /** slug, e.g. "operating-institutions" */
  metric: string;
  value: number;
  unit: string;
  qualifier?: StatisticQualifier;
  /** for a change: the date it is measured from ("down 86% from the beginning of 2019") */
  baseline?: string;
  businessLine?: string;
  /** the institution the figure describes (Weidai's loan balance); absent: the jurisdiction itself */
  institution?: PartyInput;
}
export interface NameRestrictionImposedInput extends CommonFactInput {
  type: 'NameRestrictionImposed';
  forbiddenWords: string[];
  appliesTo: string;
}
export interface PartnershipHaltedInput extends CommonFactInput {
  type: 'PartnershipHalted';
  bank: PartyInput;
  partners?: string[];
  /** @asType integer */
  partnerCount?: number;
  businessLine: string;
}

export type FactInput =
  | BusinessLineProhibitedInput
  | InstitutionsBannedInput
  | InstitutionsClosedInput
  | InstitutionsRevokedInput
  | InstitutionExitAnnouncedInput
  | StatisticReportedInput
  | NameRestrictionImposedInput
  | PartnershipHaltedInput;

export type FactInputOf<K extends FactKind> = Extract<FactInput, { type: K }>;

export const COMMON_FACT_FIELDS = ['type', 'jurisdiction', 'effective', 'quote', 'note'] as const;

/** Each kind's own fields, beyond the common ones. */
export const FACT_FIELDS = {
  BusinessLineProhibited: ['businessLine', 'scope'],
  InstitutionsBanned: ['count', 'batch', 'names', 'businessLine', 'cumulative'],
  InstitutionsClosed: ['count', 'names', 'businessLine', 'cumulative'],
  InstitutionsRevoked: ['count', 'names', 'businessLine', 'cumulative'],
  InstitutionExitAnnounced: ['institution', 'announced', 'businessLine'],
  StatisticReported: ['metric', 'value', 'unit', 'qualifier', 'baseline', 'businessLine', 'institution'],
  NameRestrictionImposed: ['forbiddenWords', 'appliesTo'],
  PartnershipHalted: ['bank', 'partners', 'partnerCount', 'businessLine'],
} as const satisfies { [K in FactKind]: readonly (keyof FactInputOf<K>)[] };

// Compile-time proof that FACT_FIELDS lists every field of every kind, and nothing else.
type OwnKeys<K extends FactKind> = Exclude<keyof FactInputOf<K>, (typeof COMMON_FACT_FIELDS)[number]>;
type Listed<K extends FactKind> = (typeof FACT_FIELDS)[K][number];
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const fieldListsAreComplete: { [K in FactKind]: Exact<OwnKeys<K>, Listed<K>> } = {
  BusinessLineProhibited: true,
  InstitutionsBanned: true,
  InstitutionsClosed: true,
  InstitutionsRevoked: true,
  InstitutionExitAnnounced: true,
  StatisticReported: true,
  NameRestrictionImposed: true,
  PartnershipHalted: true,
};
void fieldListsAreComplete;

/** The business line of the 2016-2020 rectification; other regulators add their own slugs. */
export const ONLINE_LENDING = 'online-lending';

/**
 * What a source is (DESIGN.md, truth rule 6): `primary` the regulator's or a news outlet's own
 * words; `secondary` someone's notes about other sources (the research table); `summary` a summary
 * service's words about an article; `translation` a translation (machine or not) of an article.
 * Only a primary source's words are the publisher's own; the others name the outlet they cite.
 */
export const SOURCE_KINDS = ['primary', 'secondary', 'summary', 'translation'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A source as a client states it. */
export interface SourceInput {
  document: string;
  /** who wrote or published the words quoted (a translation's or summary's: the service, if known) */
  publisher: string;
  url?: string | null;
  quote: string;
  /** default 'primary' */
  kind?: SourceKind;
  /** the outlet a secondary source, summary or translation cites (its original); null for a primary source */
  citedOutlet?: string | null;
}
