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

export interface View {
  readonly asOf: string;
  /** "as known on that date": the API's knownAt is then the same day */
  readonly asKnown: boolean;
}

export const BANS_SHOWN = 200;
/** the most facts a jurisdiction's state answers at once */
const FACTS_SHOWN = 1000;
/** the most facts of a timeline the API answers at once */
const TIMELINE_PAGE = 1000;

const query = (view: View): string =>
  `asOf=${view.asOf}` + (view.asKnown ? `&knownAt=${view.asOf}` : '');

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, signal });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.detail ?? `${url}: HTTP ${response.status}`);
  return body as T;
}

export const api = {
  jurisdictions: () => getJson<Jurisdiction[]>('/v1/jurisdictions'),
  state: (view: View, signal?: AbortSignal) => getJson<NationalState>(`/v1/state?${query(view)}`, signal),
  /** the first BANS_SHOWN bans in force, and how many there are in all */
  bans: (view: View, signal?: AbortSignal) =>
    getJson<{ bans: Ban[]; total: number }>(`/v1/bans?${query(view)}&limit=${BANS_SHOWN}`, signal),
  /** how each fact of a place (and the places inside it) holds on the day shown */
  factsAt: (code: string, view: View, signal?: AbortSignal) =>
    getJson<{ facts: FactAtQuery[] }>(`/v1/jurisdictions/${encodeURIComponent(code)}/state?${query(view)}&limit=${FACTS_SHOWN}`, signal)
      .then((body) => body.facts),
  /** every fact of a place's timeline, read a page of TIMELINE_PAGE at a time */
  timeline: async (code: string, signal?: AbortSignal) => {
    const facts: TimelineFact[] = [];
    for (;;) {
      const body = await getJson<{ facts: TimelineFact[]; total?: number }>(
        `/v1/jurisdictions/${encodeURIComponent(code)}/timeline?limit=${TIMELINE_PAGE}&offset=${facts.length}`, signal);
      facts.push(...body.facts);
      if (body.facts.length === 0 || body.total === undefined || facts.length >= body.total) return facts;
    }
  },
};
