import type { SeedNotice } from '../seed-notice.js';
import { BOUNDED, sameEventAs } from '../documents/revisions.js';
import { SIXTEEN_PROVINCES } from '../documents/000-quotes.js';
import { ONLINE_LENDING, confidence, EPOCH_TIMES, NINE_PROVINCES, released, prohibited, SECTION_2019_2020 } from './research-seed.js';

/**
 * Each province's prohibition of all P2P business is the same event as document 000's "16 have all
 * announced that all online lending businesses ... are prohibited" (truth rule 3): the research
 * effect is retired and the row corroborates document 000's fact of the province (seeds/corroborations.ts),
 * narrowing its window to the row's date. The counts of institutions are the notes' own and stand.
 */
export const SIXTEEN_PROHIBIT = 'src000-sixteen-provinces-prohibit';
/** document 000's fact of the province: its effect index */
export const prohibitionOf = (code: string): number => {
  const index = SIXTEEN_PROVINCES.findIndex(([province]) => province === code);
  if (index < 0) throw new Error(`${code} is not one of document 000's 16 provinces`);
  return index;
};
const sameProhibition = (code: string): string => {
  const name = SIXTEEN_PROVINCES[prohibitionOf(code)]![1];
  return sameEventAs(SIXTEEN_PROHIBIT, prohibitionOf(code), `${name} prohibits all online lending, document 000`);
};

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
const FOUR = ['CN-SC', 'CN-HA', 'CN-YN', 'CN-GS'];
const NINGXIA_2019 =
  'Not the same event: Ningxia closed 24 platforms in two batches in July and September 2019 ' +
  '(hk.epochtimes.com/news/2019-11-13/22883334); the 2020 ban of 28 in three batches is a later action.';

export const provincialBans: SeedNotice[] = [
  released({
    key: 'res-hunan-p2p-ban-2019-10-16',
    authority: 'Hunan provincial financial regulator (body not named in the research notes)',
    jurisdiction: 'CN-HN',
    title: 'Hunan bans all P2P business under review, including out-of-province branches (research notes)',
    published: '2019-10-16',
    citedOutlet: 'Global Times',
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
  }, { retired: { 0: sameProhibition('CN-HN') } }),
  released({
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
  }, { retired: { 0: sameProhibition('CN-SD') } }),
  released({
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
  }, { retired: { 0: sameProhibition('CN-CQ') } }),
  released({
    key: 'res-hebei-p2p-ban-2019-12-13',
    authority: 'Hebei provincial financial regulator (body not named in the research notes)',
    jurisdiction: 'CN-HE',
    title: 'Hebei: none of 35 P2P institutions complied; all P2P banned (research notes)',
    published: '2019-12-13',
    citedOutlet: 'South China Morning Post; PYMNTS',
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
        effective: '2019-12-13',
        metric: 'institutions-already-exited',
        value: 93,
        unit: 'institutions',
        qualifier: 'exact',
        businessLine: ONLINE_LENDING,
        quote: HEBEI,
        note: confidence('medium-high', '"plus 93 already exited" before the ban: a running figure as of the ban of ' +
          '2019-12-13, not a statement about the years before it; exit dates not given.'),
      },
    ],
  }, {
    retired: { 0: sameProhibition('CN-HE') },
    revised: { 2: `${BOUNDED} "93 already exited" is a figure as of the ban it accompanies, 2019-12-13 (was ../2019-12-13).` },
  }),
  released({
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
        note: confidence('medium', '26 institutions banned. One of two actions of the row ("26 institutions + 15 ' +
          'operating checked and banned"): the "+" reads as two groups, so the two add up to 41 banned; no batch ' +
          'number, so neither replaces the other.'),
      },
      {
        type: 'InstitutionsBanned',
        jurisdiction: 'CN-SX',
        effective: '2020-01-01/2020-01-08',
        count: 15,
        businessLine: ONLINE_LENDING,
        quote: SHANXI,
        note: confidence('medium', '15 operating institutions checked and banned, in addition to the 26 (together 41).'),
      },
    ],
  }, {
    retired: { 0: sameProhibition('CN-SX') },
    revised: {
      1: 'Truth rule 2: unbatched bans add up, so the 26 are counted with the 15 (41) instead of being replaced by them; note says so.',
      2: 'Note: the 15 add up with the 26.',
    },
  }),
  released({
    key: 'res-four-provinces-p2p-ban-by-2020-01-08',
    authority: 'provincial financial regulators of Sichuan, Henan, Yunnan and Gansu (not named in the research notes)',
    jurisdiction: 'CN',
    title: 'Sichuan, Henan, Yunnan and Gansu named among nine provinces that had banned P2P (research notes)',
    // the row gives no date of its own: the cited article's, from its address (chinabankingnews.com/2020/01/08/...)
    published: '2020-01-08',
    ...NINE_PROVINCES,
    quote: FOUR_PROVINCES,
    effects: FOUR.map((code) =>
      prohibited(code, `${SECTION_2019_2020}/2020-01-08`, FOUR_PROVINCES,
        confidence('low', 'Named among nine provinces that had banned P2P by 2020-01-08; date and numbers unknown. ' +
          '"on or before 2020-01-08" is bounded below by the section the row is in, "Provincial bans of all P2P ' +
          'business, 2019-2020": 2019-01-01/2020-01-08.'),
        'P2P online lending')),
  }, { retired: Object.fromEntries(FOUR.map((code, index) => [index, sameProhibition(code)])) }),
  released({
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
