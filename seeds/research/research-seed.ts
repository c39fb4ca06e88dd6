import type { FactInput, NoticeInput } from '../../libs/domain/src/index.js';
import type { SeedNotice } from '../seed-notice.js';
import { amended, SECONDARY as SECONDARY_SOURCE_REASON } from '../documents/revisions.js';

/** What every research seed shares: its document, its confidence note, the notice shape. */
export const DOCUMENT = 'research/timeline-facts.md';
/** Who wrote the quoted words: the research notes (truth rule 6), never the outlet a row cites. */
export const RESEARCH_NOTES = 'research notes (shared/research/timeline-facts.md)';
export const ONLINE_LENDING = 'online-lending';
export const LENDING_ASSISTANCE = 'internet-lending-assistance';
export const SECONDARY = 'secondary source (research notes, not a source document); quote is the research table\'s wording';
export const confidence = (level: string, detail?: string) =>
  `confidence: ${level}; ${SECONDARY}${detail ? `. ${detail}` : ''}`;

/** The lower bound of the rows dated only "on or before": the section "Provincial bans of all P2P business, 2019-2020". */
export const SECTION_2019_2020 = '2019-01-01';

export const EPOCH_TIMES = { citedOutlet: 'The Epoch Times (Hong Kong edition)', url: 'https://hk.epochtimes.com/news/2019-11-13/22883334' };
export const NINE_PROVINCES = {
  citedOutlet: 'China Banking News',
  url: 'https://chinabankingnews.com/2020/01/08/nine-chinese-provinces-ban-online-p2p-lending-operations/',
};

export interface Research {
  key: string;
  authority: string;
  jurisdiction: string;
  title: string;
  published: string;
  /** the outlet the row cites (truth rule 6: the source's words are the notes', the outlet is cited) */
  citedOutlet: string;
  url: string | null;
  quote: string;
  effects: FactInput[];
}

/** A research seed as it is recorded: the notes' words, citing the row's outlet. */
export const seed = (r: Research): SeedNotice => {
  const notice: NoticeInput = {
    authority: r.authority,
    jurisdiction: r.jurisdiction,
    title: r.title,
    published: r.published,
    language: 'en',
    source: { document: DOCUMENT, publisher: RESEARCH_NOTES, kind: 'secondary', citedOutlet: r.citedOutlet, url: r.url, quote: r.quote },
    effects: r.effects,
  };
  return { key: r.key, notice };
};

/**
 * A research seed of the release of 2026-11: every effect it keeps is revised (its source is now
 * 'secondary', citing the outlet it showed as the publisher), with its own reason first when it has one.
 */
export const released = (r: Research, changes: { revised?: Record<number, string>; retired?: Record<number, string> } = {}): SeedNotice =>
  amended(seed(r), SECONDARY_SOURCE_REASON, changes);

export const prohibited = (jurisdiction: string, effective: string, quote: string, note: string, scope?: string): FactInput => ({
  type: 'BusinessLineProhibited',
  jurisdiction,
  effective,
  businessLine: ONLINE_LENDING,
  ...(scope ? { scope } : {}),
  quote,
  note,
});
