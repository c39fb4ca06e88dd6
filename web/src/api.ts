import { timelineClient } from '../../libs/client/src/index.js';

/** The read API as the page uses it (GET only, same origin). */

export type Certainty = 'certain' | 'possible';

export interface Effective {
  readonly text: string;
  readonly precision: string;
  readonly earliest: string | null;
  readonly latest: string | null;
}

export interface Jurisdiction {
  readonly code: string;
  readonly name: string;
  readonly nameZh: string;
  readonly level: 'country' | 'province' | 'city';
  readonly parent: string | null;
}

/** How a statistic's number is qualified ("nearly" 5,000); exact figures have none. */
export type Qualifier = 'approximately' | 'nearly' | 'at-least' | 'more-than' | 'at-most';

/** The two doubts of a fact at a query, kept apart (DESIGN.md, truth rule 4). */
export interface Doubts {
  /** has its effective window passed by asOf: 'possible' while the day shown is inside the window */
  readonly inForce: Certainty;
  /** had a source been published by knownAt ('certain' when the page does not ask "as known") */
  readonly known: Certainty;
}

/**
 * A count as answered (truth rule 5): `value` null when the facts in force give no number
 * ("a number of"), `partial` when some do not (the value is a lower bound).
 */
export interface Count extends Doubts {
  readonly value: number | null;
  readonly factId: string;
  readonly effective: Effective;
  /** deprecated: the weaker of inForce and known */
  readonly certainty: Certainty;
  readonly partial: boolean;
  readonly disputed: boolean;
  readonly qualifier: Qualifier | null;
}

export type CountName = 'operating' | 'banned' | 'closed' | 'revoked' | 'exited';
export type Counts = Readonly<Record<CountName, Count | null>>;

/** The business line of the 2016-2020 rectification (the map's colours). */
export const ONLINE_LENDING = 'online-lending';

/** One business line in a place (truth rule 7): its prohibition there and its facts in force by kind. */
export interface BusinessLineState {
  readonly businessLine: string;
  readonly prohibited: boolean;
  readonly certainty: Certainty | null;
  readonly since: Effective | null;
  readonly factId: string | null;
  readonly facts: Readonly<Record<string, number>>;
}

export interface JurisdictionState {
  readonly code: string;
  readonly name: string;
  /** absent from answers older than the truth model: then the deprecated fields below hold */
  readonly businessLines?: readonly BusinessLineState[];
  /** deprecated alias of businessLines' "online-lending" */
  readonly onlineLendingProhibited: boolean;
  /** deprecated alias of businessLines' "online-lending" */
  readonly certainty: Certainty | null;
  readonly counts: Counts;
}

export interface Prohibition {
  readonly code: string;
  readonly since: Effective;
  readonly certainty: Certainty;
}

export interface NationalState {
  readonly asOf: string;
  /** for each business line prohibited somewhere, the places with a prohibition of their own */
  readonly prohibitedByBusinessLine?: Readonly<Record<string, readonly Prohibition[]>>;
  /** deprecated alias of prohibitedByBusinessLine["online-lending"] */
  readonly prohibitedJurisdictions: readonly Prohibition[];
  readonly jurisdictions: readonly JurisdictionState[];
  readonly national: { readonly counts: Counts; readonly businessLines?: readonly BusinessLineState[] };
}

/**
 * What a source is (truth rule 6): only a primary source's words are its publisher's own; a
 * secondary source (research notes), a summary or a translation names the outlet it cites.
 */
export type SourceKind = 'primary' | 'secondary' | 'summary' | 'translation';

export interface Source {
  readonly document: string;
  readonly publisher: string | null;
  /** absent from answers older than the truth model: 'primary' */
  readonly kind?: SourceKind;
  readonly citedOutlet?: string | null;
  readonly url: string | null;
  readonly quote: string;
  readonly title: string | null;
  readonly published: Effective | null;
  /** where the quote is in the registered document's text (UTF-16 offsets, end exclusive); null when not found */
  readonly quoteAt?: { readonly start: number; readonly end: number } | null;
  /** the SHA-256 of the document text the quote was checked against */
  readonly documentSha256?: string | null;
}

/** 'figure': a snapshot as of its date (a statistic, a running total); 'action': holds from its date */
export type Nature = 'action' | 'figure';

export interface Ban extends Doubts {
  readonly factId: string;
  readonly type: string;
  readonly nature: Nature;
  readonly jurisdiction: string;
  readonly effective: Effective;
  /** deprecated: the weaker of inForce and known */
  readonly certainty: Certainty;
  /** running totals of the same date from other sources that give another number */
  readonly disputedWith: readonly string[];
  readonly summary: string;
  readonly businessLine: string | null;
  readonly count: number | null;
  /** every source: its own first, then the corroborating ones */
  readonly sources: readonly Source[];
}

export interface TimelineFact {
  readonly factId: string;
  readonly type: string;
  readonly effective: Effective;
  readonly published: Effective | null;
  readonly summary: string;
  readonly status: string;
  readonly sources: readonly Source[];
  readonly nature?: Nature;
  /** a figure: the later figure of its series that supersedes it */
  readonly supersededBy?: { readonly factId: string; readonly effective: Effective } | null;
}

/** A fact as it holds at the query (the facts of a jurisdiction's state). */
export interface FactAtQuery extends Doubts {
  readonly factId: string;
  readonly nature: Nature;
  /** an exit announced but not yet effective is 'exit-announced' */
  readonly status: 'in-force' | 'exit-announced';
  /** figures of the same series and date from other sources that report another number */
  readonly disputedWith: readonly string[];
}

/** A fact that started or ended between two dates (GET /v1/diff). */
export interface ChangedFact extends TimelineFact {
  readonly jurisdiction: string;
  readonly change?: string;
}

/** One place on one date (GET /v1/jurisdictions/{code}/state): the counts of the place and the places inside it. */
export interface PlaceState {
  readonly jurisdiction: { readonly code: string; readonly name: string };
  readonly businessLines?: readonly BusinessLineState[];
  readonly counts: Counts;
  readonly facts: readonly FactAtQuery[];
}

/** A registered source document (GET /v1/documents/{id}). */
export interface SourceDocument {
  readonly document: string;
  readonly title: string | null;
  readonly language: string | null;
  readonly sha256: string;
  readonly text: string;
  readonly registeredAt: string;
  readonly position: number;
}

export interface Party { readonly id?: string; readonly name: string; readonly aliases?: readonly string[] }

/** A fact's own fields as its notice holds them (GET /v1/notices/{id}: facts[factId].current). */
export interface FactData {
  readonly kind: string;
  readonly factId: string;
  readonly jurisdiction: string;
  readonly effective: Effective;
  readonly businessLine?: string;
  readonly count?: number;
  readonly cumulative?: boolean;
  readonly batch?: { readonly number: number; readonly of: number };
  readonly names?: readonly string[];
  readonly scope?: string;
  readonly institution?: Party;
  readonly announced?: Effective;
  readonly metric?: string;
  readonly value?: number;
  readonly unit?: string;
  readonly qualifier?: string;
  readonly baseline?: Effective;
  readonly forbiddenWords?: readonly string[];
  readonly appliesTo?: string;
  readonly bank?: Party;
  readonly partners?: readonly string[];
  readonly partnerCount?: number;
}

export interface View {
  readonly asOf: string;
  /** "as known on that date": the API's knownAt is then the same day */
  readonly asKnown: boolean;
}

export const BANS_SHOWN = 200;
/** the most facts a jurisdiction's state answers at once */
const FACTS_SHOWN = 1000;
/** the national state's page of places: the API's largest page, more than the places listed (a province or city with something in force) */
const MAX_PLACES = 1000;
/** the most facts of a timeline the API answers at once */
const TIMELINE_PAGE = 1000;

/** The typed client (libs/client: openapi-fetch over the served OpenAPI document's types), same origin. */
const client = timelineClient('', { headers: { accept: 'application/json' } });

const time = (view: View) => ({ asOf: view.asOf, ...(view.asKnown ? { knownAt: view.asOf } : {}) });
const inside = (place: string | null) => (place && place !== 'CN' ? { jurisdiction: place } : {});

/** The answer of a request, or an error saying the service's problem. */
async function answer<T>(request: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await request;
  if (!response.ok || data === undefined) throw new Error((error as { detail?: string } | undefined)?.detail ?? `${response.url}: HTTP ${response.status}`);
  return data as T;
}

export const api = {
  jurisdictions: () => answer<Jurisdiction[]>(client.GET('/v1/jurisdictions')),
  /** every listed place's state (the map colours them all): one page of the most there can be (34 provinces and 333 cities) */
  state: (view: View, signal?: AbortSignal) =>
    answer<NationalState>(client.GET('/v1/state', { params: { query: { ...time(view), limit: MAX_PLACES } }, signal })),
  /** the first BANS_SHOWN actions in force (in a place and the places inside it), and how many there are in all */
  bans: (view: View, place: string | null, signal?: AbortSignal) =>
    answer<{ bans: Ban[]; total: number }>(client.GET('/v1/bans', { params: { query: { ...time(view), limit: BANS_SHOWN, ...inside(place) } }, signal })),
  /** a place on the day shown: its counts and business lines, and (include=) the facts in force with their sources */
  place: (code: string, view: View, signal?: AbortSignal) =>
    answer<PlaceState>(client.GET('/v1/jurisdictions/{code}/state', { params: { path: { code }, query: { ...time(view), limit: FACTS_SHOWN, include: 'facts,sources' } }, signal })),
  /** what started and what ended between two days (in a place and the places inside it) */
  diff: (from: string, to: string, place: string | null, signal?: AbortSignal) =>
    answer<{ started: ChangedFact[]; ended: ChangedFact[]; startedTotal?: number; endedTotal?: number }>(
      client.GET('/v1/diff', { params: { query: { from, to, ...inside(place), limit: TIMELINE_PAGE } }, signal })),
  document: (id: string, signal?: AbortSignal) => answer<SourceDocument>(client.GET('/v1/documents/{document}', { params: { path: { document: id } }, signal })),
  notice: (noticeId: string) =>
    answer<{ facts: Record<string, { current: FactData }> }>(client.GET('/v1/notices/{noticeId}', { params: { path: { noticeId } } })),
  /** every fact of a place's timeline, read a page of TIMELINE_PAGE at a time (each page's `next` cursor asks for the one after it) */
  timeline: async (code: string, signal?: AbortSignal) => {
    const facts: TimelineFact[] = [];
    let after: string | null = null;
    do {
      const body: { facts: TimelineFact[]; next: string | null } = await answer(client.GET('/v1/jurisdictions/{code}/timeline', {
        params: { path: { code }, query: { limit: TIMELINE_PAGE, ...(after === null ? {} : { after }) } }, signal }));
      facts.push(...body.facts);
      after = body.facts.length === 0 ? null : body.next;
    } while (after !== null);
    return facts;
  },
};
