import type { SeedNotice } from '../seed-notice.js';
import { ONLINE_LENDING, LENDING_ASSISTANCE, confidence, seed } from './research-seed.js';

// --- Weidai ------------------------------------------------------------------------------------------

const WEIDAI_EXIT = '2020-05-31: announced exit from online lending by 2020-06-30';
export const weidai: SeedNotice[] = [
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

export const lendingAssistance: SeedNotice[] = [
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
