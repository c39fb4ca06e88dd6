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

export interface Count {
  readonly value: number;
  readonly factId: string;
  readonly effective: Effective;
  readonly certainty: Certainty;
}

export type CountName = 'operating' | 'banned' | 'closed' | 'revoked' | 'exited';
export type Counts = Readonly<Record<CountName, Count | null>>;

export interface JurisdictionState {
  readonly code: string;
  readonly name: string;
  readonly onlineLendingProhibited: boolean;
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
  readonly prohibitedJurisdictions: readonly Prohibition[];
  readonly jurisdictions: readonly JurisdictionState[];
  readonly national: { readonly counts: Counts };
}

export interface Source {
  readonly document: string;
  readonly publisher: string | null;
  readonly url: string | null;
  readonly quote: string;
  readonly title: string | null;
  readonly published: Effective | null;
}

export interface Ban {
  readonly factId: string;
  readonly type: string;
  readonly jurisdiction: string;
  readonly effective: Effective;
  readonly certainty: Certainty;
  readonly summary: string;
  readonly count: number | null;
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
}

export interface View {
  readonly asOf: string;
  /** "as known on that date": the API's knownAt is then the same day */
  readonly asKnown: boolean;
}

export const BANS_SHOWN = 200;

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
  timeline: (code: string, signal?: AbortSignal) =>
    getJson<{ facts: TimelineFact[] }>(`/v1/jurisdictions/${encodeURIComponent(code)}/timeline`, signal).then((body) => body.facts),
};
