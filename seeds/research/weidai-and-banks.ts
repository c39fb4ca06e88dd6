import type { SeedNotice } from '../seed-notice.js';
import { WEIDAI } from '../documents/000-quotes.js';
import { LONGJIANG_BANK, URUMQI_BANK } from '../documents/004-bank-lending-assistance.js';
import { BOUNDED, sameEventAs } from '../documents/revisions.js';
import { ONLINE_LENDING, LENDING_ASSISTANCE, confidence, released, seed } from './research-seed.js';

// --- Weidai ------------------------------------------------------------------------------------------

const WEIDAI_EXIT = '2020-05-31: announced exit from online lending by 2020-06-30';
export const weidai: SeedNotice[] = [
  released({
    key: 'res-weidai-exit-2020-05-31',
    authority: 'Weidai (微贷网, NYSE: WEI), the company itself',
    jurisdiction: 'CN-330100',
    title: 'Weidai announces its exit from online lending by 2020-06-30 (research notes)',
    published: '2020-05-31',
    citedOutlet: 'China Banking News',
    url: 'https://chinabankingnews.com/2020/06/01/new-york-listed-weidai-withdraws-from-p2p-lending-operations-following-56-52-drop-in-net-profits/',
    quote: WEIDAI_EXIT,
    effects: [
      {
        type: 'InstitutionExitAnnounced',
        jurisdiction: 'CN-330100',
        institution: WEIDAI,
        announced: '2020-05-31',
        effective: '2020-05-31/2020-06-30',
        businessLine: ONLINE_LENDING,
        quote: WEIDAI_EXIT,
        note: confidence('high', 'Hangzhou: the research notes place the police case against Weidai in Hangzhou. ' +
          'Exit from the announcement of 2020-05-31 to the deadline 2020-06-30.'),
      },
    ],
  }, { retired: { 0: sameEventAs('src000-weidai-exit', 0, "Weidai's exit announced on 2020-05-31, document 000") } }),
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
/** The new regulation (the NFRA notice, issued 1 or 3 April 2025): no halt it prompted can precede it. */
const SINCE_NFRA_NOTICE = '2025-04-01';
const URUMQI_SOURCE = {
  authority: 'Urumqi Bank (乌鲁木齐银行)', jurisdiction: 'CN-650100', published: '2025-11-06', citedOutlet: 'news.zmnmall.com',
  url: 'https://news.zmnmall.com/d/3589.html', quote: URUMQI,
};
const LONGJIANG_SOURCE = {
  authority: 'Longjiang Bank (龙江银行)', jurisdiction: 'CN-230100', published: '2025-11-05', citedOutlet: 'gold.caiding5.cn',
  url: 'https://gold.caiding5.cn/huidui/147450.html', quote: LONGJIANG,
};

export const lendingAssistance: SeedNotice[] = [
  released({
    key: 'res-nfra-notice-2025-9',
    authority: 'National Financial Regulatory Administration (NFRA)',
    jurisdiction: 'CN',
    title:
      'NFRA notice 金规〔2025〕9号 on commercial banks\' internet lending-assistance business; issued 1 or 3 April ' +
      '2025 (confidence: medium on the day), takes effect 2025-10-01 (confidence: high) (research notes)',
    published: '2025-04-01/2025-04-03',
    citedOutlet: 'zjblf.com',
    url: 'https://zjblf.com/?p=44128',
    quote: NFRA_NOTICE,
    // No fact kind says "a rule takes effect": the notice is recorded by NoticePublished alone and its
    // effective date (2025-10-01, confidence high) is kept in the title. See seeds/README.md.
    effects: [],
  }),
  released({
    key: 'res-urumqi-bank-halt-2025-10-01',
    ...URUMQI_SOURCE,
    title: 'Urumqi Bank stopped cooperative personal internet consumer lending from 2025-10-01 (research notes)',
    effects: [
      {
        type: 'PartnershipHalted',
        jurisdiction: 'CN-650100',
        effective: '2025-10-01',
        bank: URUMQI_BANK,
        partnerCount: 9,
        businessLine: LENDING_ASSISTANCE,
        quote: URUMQI,
        note: confidence('medium-high',
          'Cooperative personal internet consumer lending stopped from 2025-10-01; 9 former partners listed (names ' +
          'not in the research notes). Document 004 reports a halt to NEW partnerships, "Recently" before 2025-12-08.'),
      },
    ],
  }, {
    retired: {
      0: sameEventAs('src004-urumqi-bank-halt', 0, "Urumqi Bank's halt, document 004") +
        ' Its 9 former partners are kept as a figure of the bank (res-urumqi-bank-partners-stopped-2025-11-06).',
    },
  }),
  released({
    key: 'res-longjiang-bank-halt-2025-11-05',
    ...LONGJIANG_SOURCE,
    title: 'Longjiang Bank marks its one lending-assistance partner "cooperation stopped" (research notes)',
    effects: [
      {
        type: 'PartnershipHalted',
        jurisdiction: 'CN-230100',
        effective: `${SINCE_NFRA_NOTICE}/2025-11-05`,
        bank: LONGJIANG_BANK,
        partnerCount: 1,
        businessLine: LENDING_ASSISTANCE,
        quote: LONGJIANG,
        note: confidence('medium', 'Date the cooperation stopped not given: on or before the publication of 2025-11-05, ' +
          'and not before the new regulation it follows (NFRA notice issued 1 or 3 April 2025): 2025-04-01/2025-11-05.'),
      },
    ],
  }, {
    retired: {
      0: `${BOUNDED} ${sameEventAs('src004-longjiang-bank-halt', 0, "Longjiang Bank's halt, document 004")} Its one ` +
        'partner is kept as a figure of the bank (res-longjiang-bank-partners-stopped-2025-11-05).',
    },
  }),
  // New in the release of 2026-12: the partner counts of the two halts, which document 004's halts (the
  // facts that stand) do not give, as figures of the banks.
  seed({
    key: 'res-urumqi-bank-partners-stopped-2025-11-06',
    ...URUMQI_SOURCE,
    title: 'Urumqi Bank lists 9 former lending-assistance partners (research notes)',
    effects: [
      {
        type: 'StatisticReported',
        jurisdiction: 'CN-650100',
        institution: URUMQI_BANK,
        effective: '2025-10-01/2025-11-06',
        metric: 'lending-assistance-partners-stopped',
        value: 9,
        unit: 'partners',
        qualifier: 'exact',
        businessLine: LENDING_ASSISTANCE,
        quote: URUMQI,
        note: confidence('medium-high',
          'Partners with which Urumqi Bank stopped cooperative personal internet consumer lending (from 2025-10-01), ' +
          'as listed by the bank (published 2025-11-06): a figure as of a day in 2025-10-01..2025-11-06. The halt ' +
          'itself is document 004\'s fact (src004-urumqi-bank-halt), which this row corroborates.'),
      },
    ],
  }),
  seed({
    key: 'res-longjiang-bank-partners-stopped-2025-11-05',
    ...LONGJIANG_SOURCE,
    title: 'Longjiang Bank\'s one lending-assistance partner marked "cooperation stopped" (research notes)',
    effects: [
      {
        type: 'StatisticReported',
        jurisdiction: 'CN-230100',
        institution: LONGJIANG_BANK,
        effective: `${SINCE_NFRA_NOTICE}/2025-11-05`,
        metric: 'lending-assistance-partners-stopped',
        value: 1,
        unit: 'partners',
        qualifier: 'exact',
        businessLine: LENDING_ASSISTANCE,
        quote: LONGJIANG,
        note: confidence('medium',
          'Longjiang Bank\'s one partner, marked "cooperation stopped" (published 2025-11-05): a figure as of a day ' +
          'after the new regulation (NFRA notice, 1 or 3 April 2025) and by the publication, 2025-04-01..2025-11-05. ' +
          'The halt itself is document 004\'s fact (src004-longjiang-bank-halt), which this row corroborates.'),
      },
    ],
  }),
];
