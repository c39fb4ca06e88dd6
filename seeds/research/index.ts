import type { FactInput, NoticeInput } from '../../libs/domain/src/index.js';
import type { SeedNotice } from '../seed-notice.js';

/**
 * Facts from shared/research/timeline-facts.md: public secondary sources, none of them one of the
 * five source documents. Kept apart from the document seeds; where they differ from a document,
 * both stand, each with its own source. Nothing here corrects or retracts a document fact.
 *
 * - source.document is the research notes; source.url and source.publisher are the secondary
 *   source the notes cite (url "as given there", with https:// added; null when the notes give no
 *   address).
 * - quote: the research table's own wording (a row of it, whitespace collapsed), NOT a verbatim
 *   passage of the cited source.
 * - every fact's note starts with "confidence: <level>" as the notes rate it.
 * - published: the date the notes give for the announcement / publication.
 */
const DOCUMENT = 'research/timeline-facts.md';
const ONLINE_LENDING = 'online-lending';
const LENDING_ASSISTANCE = 'internet-lending-assistance';
const SECONDARY = 'secondary source (research notes, not a source document); quote is the research table\'s wording';
const confidence = (level: string, detail?: string) =>
  `confidence: ${level}; ${SECONDARY}${detail ? `. ${detail}` : ''}`;

const EPOCH_TIMES = { publisher: 'The Epoch Times (Hong Kong edition)', url: 'https://hk.epochtimes.com/news/2019-11-13/22883334' };
const NINE_PROVINCES = {
  publisher: 'China Banking News',
  url: 'https://chinabankingnews.com/2020/01/08/nine-chinese-provinces-ban-online-p2p-lending-operations/',
};

interface Research {
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

const seed = (r: Research): SeedNotice => {
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

const prohibited = (jurisdiction: string, effective: string, quote: string, note: string, scope?: string): FactInput => ({
  type: 'BusinessLineProhibited',
  jurisdiction,
  effective,
  businessLine: ONLINE_LENDING,
  ...(scope ? { scope } : {}),
  quote,
  note,
});

// --- Provincial bans of all P2P business, 2019-2020 ---------------------------------------------

const HUNAN =
  '| 2019-10-16 (day) | CN-HN Hunan | all P2P business under review banned, incl. out-of-province branches | 24 ' +
  'institutions | globaltimes.cn/content/1167153.shtml; zaobao.com.sg/realtime/china/story20191017-997857 | high |';
const SHANDONG =
  '| 2019-10-18 (day) | CN-SD Shandong | none passed review; all P2P business banned | count unknown | ' +
  'hk.epochtimes.com/news/2019-11-13/22883334 | medium |';
const CHONGQING =
  '| 2019-11-08 (day) | CN-CQ Chongqing | none passed; deregister or rename; all P2P banned | 29 | same as above | medium-high |';
const HEBEI =
  '| 2019-12-13 (day) | CN-HE Hebei | none complied; all P2P banned | 35, plus 93 already exited | scmp.com article ' +
  '3042052; pymnts.com 2019 "chinese-province-shuts-down-all-p2p-lenders" | medium-high |';
const SHANXI =
  '| 2020-01 (month, before 2020-01-08) | CN-SX Shanxi | P2P banned; exit required by 2020-06-30 | 26 institutions ' +
  '+ 15 operating checked and banned | chinabankingnews.com/2020/01/08/nine-chinese-provinces-ban-online-p2p-lending-operations/ | medium |';
const FOUR_PROVINCES =
  '| on or before 2020-01-08 | CN-SC, CN-HA, CN-YN, CN-GS | named among nine provinces that had banned P2P | unknown | same as above | low |';
const NINGXIA_2019 =
  'Not the same event: Ningxia closed 24 platforms in two batches in July and September 2019 ' +
  '(hk.epochtimes.com/news/2019-11-13/22883334); the 2020 ban of 28 in three batches is a later action.';

const provincialBans: SeedNotice[] = [
  seed({
    key: 'res-hunan-p2p-ban-2019-10-16',
    authority: 'Hunan provincial financial regulator (body not named in the research notes)',
    jurisdiction: 'CN-HN',
    title: 'Hunan bans all P2P business under review, including out-of-province branches (research notes)',
    published: '2019-10-16',
    publisher: 'Global Times',
    url: 'https://globaltimes.cn/content/1167153.shtml',
    quote: HUNAN,
    effects: [
      prohibited('CN-HN', '2019-10-16', HUNAN,
        confidence('high', 'Also reported by zaobao.com.sg/realtime/china/story20191017-997857.'),
        'all P2P business under review, including out-of-province branches'),
      {
        type: 'InstitutionsBanned',
        jurisdiction: 'CN-HN',
        effective: '2019-10-16',
        count: 24,
        businessLine: ONLINE_LENDING,
        quote: HUNAN,
        note: confidence('high', '24 institutions under review; names not in the research notes.'),
      },
    ],
  }),
  seed({
    key: 'res-shandong-p2p-ban-2019-10-18',
    authority: 'Shandong provincial financial regulator (body not named in the research notes)',
    jurisdiction: 'CN-SD',
    title: 'Shandong: no P2P institution passed review; all P2P business banned (research notes)',
    published: '2019-10-18',
    ...EPOCH_TIMES,
    quote: SHANDONG,
    effects: [
      prohibited('CN-SD', '2019-10-18', SHANDONG,
        confidence('medium', 'None passed review; number of institutions unknown.'), 'all P2P business'),
    ],
  }),
  seed({
    key: 'res-chongqing-p2p-ban-2019-11-08',
    authority: 'Chongqing municipal financial regulator (body not named in the research notes)',
    jurisdiction: 'CN-CQ',
    title: 'Chongqing: none of 29 P2P institutions passed; deregister or rename; all P2P banned (research notes)',
    published: '2019-11-08',
    ...EPOCH_TIMES,
    quote: CHONGQING,
    effects: [
      prohibited('CN-CQ', '2019-11-08', CHONGQING, confidence('medium-high'), 'all P2P business'),
      {
        type: 'InstitutionsBanned',
        jurisdiction: 'CN-CQ',
        effective: '2019-11-08',
        count: 29,
        businessLine: ONLINE_LENDING,
        quote: CHONGQING,
        note: confidence('medium-high', 'None passed; they must deregister or rename.'),
      },
    ],
  }),
  seed({
    key: 'res-hebei-p2p-ban-2019-12-13',
    authority: 'Hebei provincial financial regulator (body not named in the research notes)',
    jurisdiction: 'CN-HE',
    title: 'Hebei: none of 35 P2P institutions complied; all P2P banned (research notes)',
    published: '2019-12-13',
    publisher: 'South China Morning Post; PYMNTS',
    url: null,
    quote: HEBEI,
    effects: [
      prohibited('CN-HE', '2019-12-13', HEBEI,
        confidence('medium-high', 'The notes give no address, only "scmp.com article 3042052" and pymnts.com 2019 ' +
          '"chinese-province-shuts-down-all-p2p-lenders", so url is null.'),
        'all P2P business'),
      {
        type: 'InstitutionsBanned',
        jurisdiction: 'CN-HE',
        effective: '2019-12-13',
        count: 35,
        businessLine: ONLINE_LENDING,
        quote: HEBEI,
        note: confidence('medium-high', 'None complied.'),
      },
      {
        type: 'StatisticReported',
        jurisdiction: 'CN-HE',
        effective: '../2019-12-13',
        metric: 'institutions-already-exited',
        value: 93,
        unit: 'institutions',
        qualifier: 'exact',
        businessLine: ONLINE_LENDING,
        quote: HEBEI,
        note: confidence('medium-high', '"plus 93 already exited" before the ban; exit dates not given.'),
      },
    ],
  }),
  seed({
    key: 'res-shanxi-p2p-ban-2020-01',
    authority: 'Shanxi provincial financial regulator (body not named in the research notes)',
    jurisdiction: 'CN-SX',
    title: 'Shanxi bans P2P; exit required by 2020-06-30 (research notes)',
    published: '2020-01-01/2020-01-08',
    ...NINE_PROVINCES,
    quote: SHANXI,
    effects: [
      prohibited('CN-SX', '2020-01-01/2020-01-08', SHANXI,
        confidence('medium', 'January 2020, before 2020-01-08. Exit required by 2020-06-30 (not representable as ' +
          'a fact of its own: no institution is named).'),
        'P2P online lending'),
      {
        type: 'InstitutionsBanned',
        jurisdiction: 'CN-SX',
        effective: '2020-01-01/2020-01-08',
        count: 26,
        businessLine: ONLINE_LENDING,
        quote: SHANXI,
        note: confidence('medium', '26 institutions.'),
      },
      {
        type: 'InstitutionsBanned',
        jurisdiction: 'CN-SX',
        effective: '2020-01-01/2020-01-08',
        count: 15,
        businessLine: ONLINE_LENDING,
        quote: SHANXI,
        note: confidence('medium', '15 operating institutions checked and banned, in addition to the 26.'),
      },
    ],
  }),
  seed({
    key: 'res-four-provinces-p2p-ban-by-2020-01-08',
    authority: 'provincial financial regulators of Sichuan, Henan, Yunnan and Gansu (not named in the research notes)',
    jurisdiction: 'CN',
    title: 'Sichuan, Henan, Yunnan and Gansu named among nine provinces that had banned P2P (research notes)',
    published: '../2020-01-08',
    ...NINE_PROVINCES,
    quote: FOUR_PROVINCES,
    effects: ['CN-SC', 'CN-HA', 'CN-YN', 'CN-GS'].map((code) =>
      prohibited(code, '../2020-01-08', FOUR_PROVINCES,
        confidence('low', 'Named among nine provinces that had banned P2P by 2020-01-08; date and numbers unknown.'),
        'P2P online lending')),
  }),
  seed({
    key: 'res-ningxia-24-closed-2019',
    authority: 'Ningxia financial regulator (body not named in the research notes)',
    jurisdiction: 'CN-NX',
    title: 'Ningxia closes 24 platforms in two batches, July and September 2019 (research notes)',
    published: '2019-07/2019-09',
    ...EPOCH_TIMES,
    quote: NINGXIA_2019,
    effects: [
      {
        type: 'InstitutionsClosed',
        jurisdiction: 'CN-NX',
        effective: '2019-07/2019-09',
        count: 24,
        businessLine: ONLINE_LENDING,
        quote: NINGXIA_2019,
        note: confidence('not stated in the research notes (their other hk.epochtimes.com rows are rated medium)',
          'Two batches, July and September 2019; per-batch counts not given. Not the same event as the 2020 ban ' +
          'of 28 in three batches (document 000).'),
      },
    ],
  }),
];

// --- National figures ----------------------------------------------------------------------------

const national = (r: {
  key: string;
  published: string;
  effective: string;
  value: number;
  title: string;
  publisher: string;
  url: string | null;
  quote: string;
  detail: string;
}): SeedNotice =>
  seed({
    key: r.key,
    authority: 'not named in the research notes (national figure)',
    jurisdiction: 'CN',
    title: r.title,
    published: r.published,
    publisher: r.publisher,
    url: r.url,
    quote: r.quote,
    effects: [
      {
        type: 'StatisticReported',
        jurisdiction: 'CN',
        effective: r.effective,
        metric: 'operating-institutions',
        value: r.value,
        unit: 'institutions',
        qualifier: 'exact',
        businessLine: ONLINE_LENDING,
        quote: r.quote,
        note: confidence('high', r.detail),
      },
    ],
  });

const nationalFigures: SeedNotice[] = [
  national({
    key: 'res-national-462-end-sep-2019',
    published: '2019-10-21',
    effective: '2019-09-30',
    value: 462,
    title: '462 active online lenders at end-September 2019 (research notes)',
    publisher: 'China Banking News',
    url: 'https://chinabankingnews.com/2019/10/23/p2p-lending-balance-drops-48-in-2019-cbirc-pushes-for-shift-from-p2p-to-micro-lending/',
    quote:
      '| 2019-10-21 | 462 active online lenders at end-Sep 2019 | chinabankingnews.com/2019/10/23/p2p-lending-balance-' +
      'drops-48-in-2019-cbirc-pushes-for-shift-from-p2p-to-micro-lending/ | high |',
    detail: 'Active online lenders at the end of September 2019. Published 2019-10-21; the cited article is dated 2019-10-23.',
  }),
  national({
    key: 'res-national-29-remain-2020-08-14',
    published: '2020-08-14',
    effective: '../2020-08-14',
    value: 29,
    title: '29 online lenders remain, down from about 6,000 (research notes)',
    publisher: 'Reuters (via marketscreener.com)',
    url: null,
    quote: '| 2020-08-14 | 29 remain, down from about 6,000 | Reuters via marketscreener.com, 2020-08-14 | high |',
    detail:
      '"29 remain" as of the report of 2020-08-14 (as-of date not given). Down from about 6,000 (peak, date not ' +
      'given). The notes give no address, so url is null.',
  }),
  national({
    key: 'res-national-15-end-aug-2020',
    published: '2020-09-14',
    effective: '2020-08-31',
    value: 15,
    title: '15 online lenders at end-August 2020 (research notes)',
    publisher: 'Teller Report',
    url: 'https://tellerreport.com/business/2020-09-14',
    quote: '| 2020-09-14 | 15 at end-Aug 2020 | tellerreport.com/business/2020-09-14 | high |',
    detail: 'At the end of August 2020. The notes give only the section and date of the article, not its full address.',
  }),
  national({
    key: 'res-national-6-end-sep-2020',
    published: '2020-10-22',
    effective: '2020-09-30',
    value: 6,
    title: '6 online lenders at end-September 2020, from a peak of 5,000 (research notes)',
    publisher: 'Teller Report',
    url: 'https://tellerreport.com/business/2020-10-22',
    quote: '| 2020-10-22 | 6 at end-Sep 2020, from a peak of 5,000 | tellerreport.com/business/2020-10-22 | high |',
    detail:
      'At the end of September 2020, from a peak of 5,000 (date of the peak not given; the 2020-08-14 report says ' +
      'about 6,000). The notes give only the section and date of the article, not its full address.',
  }),
  national({
    key: 'res-national-zero-mid-nov-2020',
    published: '2020-11-27',
    effective: '2020-11-11/2020-11-20',
    value: 0,
    title: 'Zero online lenders by mid-November 2020 (research notes)',
    publisher: 'China Daily',
    url: 'https://chinadaily.com.cn/a/202011/30/WS5fc4b574a31024ad0ba98e57.html',
    quote: '| 2020-11-27 | zero by mid-November 2020 | chinadaily.com.cn/a/202011/30/WS5fc4b574a31024ad0ba98e57.html | high |',
    detail:
      '"by mid-November 2020" recorded as the middle third of the month, 2020-11-11..2020-11-20. Published ' +
      '2020-11-27; the article address carries 2020-11-30.',
  }),
];

// --- Weidai ------------------------------------------------------------------------------------------

const WEIDAI_EXIT = '2020-05-31: announced exit from online lending by 2020-06-30';
const weidai: SeedNotice[] = [
  seed({
    key: 'res-weidai-exit-2020-05-31',
    authority: 'Weidai (微贷网, NYSE: WEI), the company itself',
    jurisdiction: 'CN-330100',
    title: 'Weidai announces its exit from online lending by 2020-06-30 (research notes)',
    published: '2020-05-31',
    publisher: 'China Banking News',
    url: 'https://chinabankingnews.com/2020/06/01/new-york-listed-weidai-withdraws-from-p2p-lending-operations-following-56-52-drop-in-net-profits/',
    quote: WEIDAI_EXIT,
    effects: [
      {
        type: 'InstitutionExitAnnounced',
        jurisdiction: 'CN-330100',
        institution: { name: 'Weidai', aliases: ['微贷网'] },
        announced: '2020-05-31',
        effective: '../2020-06-30',
        businessLine: ONLINE_LENDING,
        quote: WEIDAI_EXIT,
        note: confidence('high', 'Hangzhou: the research notes place the police case against Weidai in Hangzhou.'),
      },
    ],
  }),
];

// --- 2025: bank lending-assistance partnerships ------------------------------------------------------

const NFRA_NOTICE =
  '| 2025-04 (issued 1 or 3 April) | NFRA | notice 金规〔2025〕9号 on commercial banks\' internet lending-assistance ' +
  'business | zjblf.com/?p=44128 | medium on the day |';
const URUMQI =
  '| 2025-11-06 (published) | Urumqi Bank | stopped cooperative personal internet consumer lending from 2025-10-01; ' +
  'listed 9 former partners | news.zmnmall.com/d/3589.html | medium-high |';
const LONGJIANG =
  '| 2025-11-05 (published) | Longjiang Bank | its one partner marked "cooperation stopped" | ' +
  'gold.caiding5.cn/huidui/147450.html | medium |';

const lendingAssistance: SeedNotice[] = [
  seed({
    key: 'res-nfra-notice-2025-9',
    authority: 'National Financial Regulatory Administration (NFRA)',
    jurisdiction: 'CN',
    title:
      'NFRA notice 金规〔2025〕9号 on commercial banks\' internet lending-assistance business; issued 1 or 3 April ' +
      '2025 (confidence: medium on the day), takes effect 2025-10-01 (confidence: high) (research notes)',
    published: '2025-04-01/2025-04-03',
    publisher: 'zjblf.com',
    url: 'https://zjblf.com/?p=44128',
    quote: NFRA_NOTICE,
    // No fact kind says "a rule takes effect": the notice is recorded by NoticePublished alone and its
    // effective date (2025-10-01, confidence high) is kept in the title. See seeds/README.md.
    effects: [],
  }),
  seed({
    key: 'res-urumqi-bank-halt-2025-10-01',
    authority: 'Urumqi Bank (乌鲁木齐银行)',
    jurisdiction: 'CN-650100',
    title: 'Urumqi Bank stopped cooperative personal internet consumer lending from 2025-10-01 (research notes)',
    published: '2025-11-06',
    publisher: 'news.zmnmall.com',
    url: 'https://news.zmnmall.com/d/3589.html',
    quote: URUMQI,
    effects: [
      {
        type: 'PartnershipHalted',
        jurisdiction: 'CN-650100',
        effective: '2025-10-01',
        bank: { name: 'Urumqi Bank', aliases: ['乌鲁木齐银行'] },
        partnerCount: 9,
        businessLine: LENDING_ASSISTANCE,
        quote: URUMQI,
        note: confidence('medium-high',
          'Cooperative personal internet consumer lending stopped from 2025-10-01; 9 former partners listed (names ' +
          'not in the research notes). Document 004 reports a halt to NEW partnerships, "Recently" before 2025-12-08.'),
      },
    ],
  }),
  seed({
    key: 'res-longjiang-bank-halt-2025-11-05',
    authority: 'Longjiang Bank (龙江银行)',
    jurisdiction: 'CN-230100',
    title: 'Longjiang Bank marks its one lending-assistance partner "cooperation stopped" (research notes)',
    published: '2025-11-05',
    publisher: 'gold.caiding5.cn',
    url: 'https://gold.caiding5.cn/huidui/147450.html',
    quote: LONGJIANG,
    effects: [
      {
        type: 'PartnershipHalted',
        jurisdiction: 'CN-230100',
        effective: '../2025-11-05',
        bank: { name: 'Longjiang Bank', aliases: ['龙江银行'] },
        partnerCount: 1,
        businessLine: LENDING_ASSISTANCE,
        quote: LONGJIANG,
        note: confidence('medium', 'Date the cooperation stopped not given: on or before the publication of 2025-11-05.'),
      },
    ],
  }),
];

/** Secondary-source facts; load after the document seeds, never instead of them. */
export const researchSeeds: SeedNotice[] = [...provincialBans, ...nationalFigures, ...weidai, ...lendingAssistance];
