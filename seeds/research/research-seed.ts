import type { FactInput, NoticeInput } from '../../libs/domain/src/index.js';
import type { SeedNotice } from '../seed-notice.js';

/** What every research seed shares: its document, its confidence note, the notice shape. */
export const DOCUMENT = 'research/timeline-facts.md';
export const ONLINE_LENDING = 'online-lending';
export const LENDING_ASSISTANCE = 'internet-lending-assistance';
export const SECONDARY = 'secondary source (research notes, not a source document); quote is the research table\'s wording';
export const confidence = (level: string, detail?: string) =>
  `confidence: ${level}; ${SECONDARY}${detail ? `. ${detail}` : ''}`;

export const EPOCH_TIMES = { publisher: 'The Epoch Times (Hong Kong edition)', url: 'https://hk.epochtimes.com/news/2019-11-13/22883334' };
export const NINE_PROVINCES = {
  publisher: 'China Banking News',
  url: 'https://chinabankingnews.com/2020/01/08/nine-chinese-provinces-ban-online-p2p-lending-operations/',
};

export interface Research {
  key: string;
  authority: string;
  jurisdiction: string;
  title: string;
  published: string;
  publisher: string;
  url: string | null;
  quote: string;
  effects: FactInput[];
}

export const seed = (r: Research): SeedNotice => {
  const notice: NoticeInput = {
    authority: r.authority,
    jurisdiction: r.jurisdiction,
    title: r.title,
    published: r.published,
    language: 'en',
    source: { document: DOCUMENT, publisher: r.publisher, url: r.url, quote: r.quote },
    effects: r.effects,
  };
  return { key: r.key, notice };
};

export const prohibited = (jurisdiction: string, effective: string, quote: string, note: string, scope?: string): FactInput => ({
  type: 'BusinessLineProhibited',
  jurisdiction,
  effective,
  businessLine: ONLINE_LENDING,
  ...(scope ? { scope } : {}),
  quote,
  note,
});
