import type { PartyInput, SourceInput } from '../../libs/domain/src/index.js';

/** Document 000's verbatim passages and the names every seed of it shares. */
export const DOCUMENT = '000_75f2afc41285faae.txt';
export const HEADLINE = 'The acceleration of online loan cleaning has been banned in 16 area.';
export const PUBLISHED = '2020-05-31/2020-06-30';
/**
 * An English machine translation of a Chinese report (truth rule 6): the words are the translation's.
 * Neither the translating service nor the original outlet is named anywhere in the text.
 */
export const source = (quote: string): SourceInput => ({
  document: DOCUMENT, publisher: 'unknown machine translation (document 000)', url: null, quote, kind: 'translation', citedOutlet: null,
});
export const reportedIn = (description: string) => `${description} (reported in "${HEADLINE}")`;

export const ONLINE_LENDING = 'online-lending';

/**
 * "So far, ... 16 have all announced": when is not said, only that it was by the article. The lower
 * bound 2019-01-01 is not in document 000: the research notes file every such provincial ban under
 * "Provincial bans of all P2P business, 2019-2020" (the earliest, Hunan, 2019-10-16), and document 001
 * dates the convergence of online lending risks "Since 2019".
 */
export const SO_FAR = '2019-01-01/2020-06-30';
/**
 * "have disclosed / have also published a number of ..." (Guizhou, Shenzhen, Xinjiang): no date and no
 * campaign named; the lower bound is the start of the special rectification they belong to, which the
 * same article dates "since 20 16" (Hubei).
 */
export const SINCE_2016 = '2016-01-01/2020-06-30';

/** Weidai as every fact about it names it (the exit and the figures of its own website). */
export const WEIDAI: PartyInput = { name: 'Weidai', aliases: ['micro-loan network', 'micro-credit network', '微贷网'] };

export const NINGXIA_NOTICES =
  'In the past two days, the local financial supervision administration of official website and Ningxia Hui ' +
  'Autonomous Region issued three consecutive notices, saying that in accordance with the relevant requirements of ' +
  'the state on the special rectification of Internet financial risks and P2P peer-to-peer lending risks, in order ' +
  'to further promote the rectification work in the region and resolve the stock risks, the autonomous region ' +
  'leading group for preventing and resolving financial risks decided to ban 28 online lending institutions in ' +
  'three batches in the region.';

export const NAME_RESTRICTION =
  'After the company\'s name and business scope are changed, the words "exchange, trading center, exchange, ' +
  'finance, asset management, wealth management, fund management, investment management (consulting), wealth ' +
  'management, equity investment fund, online loan, peer-to-peer lending, P2P, equity investment, equity ' +
  'crowdfunding, internet insurance and payment" shall not be used.';

export const HUBEI =
  'On May 29th, Hubei Provincial Local Financial Supervision Administration announced that Hubei Province has ' +
  'started to carry out special rectification of P2P peer-to-peer lending risk since 20 16.';

export const SIXTEEN =
  'So far, Hunan, Shandong, Chongqing, Henan, Sichuan, Yunnan, Hebei, Gansu, Shanxi, Inner Mongolia, Shaanxi, ' +
  'Jilin, Heilongjiang, Jiangxi, Anhui, and Hubei *** 16 have all announced that all online lending businesses ' +
  'within their jurisdiction are prohibited';

export const DISCLOSED_BANS = 'In addition, Ningxia, Guizhou and other places have disclosed a number of banned online lending institutions';
export const PUBLISHED_REVOCATIONS =
  'while Shenzhen, Xinjiang and other places have also published a number of revoked online lending institutions.';

export const WEIDAI_EXIT =
  'the micro-loan network, a listed company in the US stock market, announced on May 3 1 day that based on national ' +
  'policies and industry trends, the micro-loan network will quit the online loan industry before June 30, 2020 and ' +
  'will no longer operate online loan information intermediary business.';

/** The 16 provinces in the order the text lists them, with the name it uses. */
export const SIXTEEN_PROVINCES: ReadonlyArray<readonly [code: string, name: string]> = [
  ['CN-HN', 'Hunan'],
  ['CN-SD', 'Shandong'],
  ['CN-CQ', 'Chongqing'],
  ['CN-HA', 'Henan'],
  ['CN-SC', 'Sichuan'],
  ['CN-YN', 'Yunnan'],
  ['CN-HE', 'Hebei'],
  ['CN-GS', 'Gansu'],
  ['CN-SX', 'Shanxi'],
  ['CN-NM', 'Inner Mongolia'],
  ['CN-SN', 'Shaanxi'],
  ['CN-JL', 'Jilin'],
  ['CN-HL', 'Heilongjiang'],
  ['CN-JX', 'Jiangxi'],
  ['CN-AH', 'Anhui'],
  ['CN-HB', 'Hubei'],
];
