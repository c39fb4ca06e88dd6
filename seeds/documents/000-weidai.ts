import type { SeedNotice } from '../seed-notice.js';
import { ONLINE_LENDING, PUBLISHED, WEIDAI, WEIDAI_EXIT, reportedIn, source } from './000-quotes.js';
import { amended, BOUNDED, TRANSLATION } from './revisions.js';

/**
 * Document 000's Weidai (micro-loan network) paragraph: its announced exit from online lending and
 * its loan figures as of February 2020 (figures of Weidai, located in Hangzhou). Dates: the exit
 * runs from its announcement (May 31) to its deadline (June 30).
 */
export const weidaiExitSeed: SeedNotice = amended({
  key: 'src000-weidai-exit',
  notice: {
    authority: 'Weidai (micro-loan network), the company itself',
    jurisdiction: 'CN-330100',
    title: reportedIn('Weidai (micro-loan network) announces it will quit online lending before June 30, 2020'),
    published: PUBLISHED,
    language: 'en',
    source: source(WEIDAI_EXIT),
    effects: [
      {
        type: 'InstitutionExitAnnounced',
        jurisdiction: 'CN-330100',
        institution: WEIDAI,
        announced: '2020-05-31',
        effective: '2020-05-31/2020-06-30',
        businessLine: ONLINE_LENDING,
        quote: WEIDAI_EXIT,
        note:
          '"May 3 1 day" is May 31 (2020). "before June 30, 2020" is read as on or before; the exit cannot precede ' +
          'its announcement, so it takes effect 2020-05-31..2020-06-30. The document does not say where Weidai is: ' +
          'Hangzhou comes from the research notes (Hangzhou police case, globaltimes.cn/content/1193552.shtml). It ' +
          'will no longer operate online loan information intermediary business. The research notes report the ' +
          'same exit (a corroboration of this fact).',
      },
      {
        type: 'StatisticReported',
        jurisdiction: 'CN-330100',
        effective: '2020-02',
        institution: WEIDAI,
        metric: 'loan-balance',
        value: 8_583_000_000,
        unit: 'CNY',
        qualifier: 'exact',
        businessLine: ONLINE_LENDING,
        quote: 'as of February 2020, the loan balance of micro-credit network was 8.583 billion yuan',
        note:
          'Weidai (micro-credit network), according to its official website: 8.583 billion yuan. A figure of the ' +
          'company, located in Hangzhou, not a statistic of Hangzhou itself.',
      },
      {
        type: 'StatisticReported',
        jurisdiction: 'CN-330100',
        effective: '2020-02',
        institution: WEIDAI,
        metric: 'cumulative-loan-amount',
        value: 298_662_000_000,
        unit: 'CNY',
        qualifier: 'exact',
        businessLine: ONLINE_LENDING,
        quote: 'with a total loan amount of 298.662 billion yuan',
        note:
          'Weidai (micro-credit network), according to its official website, as of February 2020: 298.662 billion ' +
          'yuan lent in total. A figure of the company, not of Hangzhou.',
      },
      {
        type: 'StatisticReported',
        jurisdiction: 'CN-330100',
        effective: '2020-02',
        institution: WEIDAI,
        metric: 'cumulative-loan-count',
        value: 7_823_600,
        unit: 'loans',
        qualifier: 'exact',
        businessLine: ONLINE_LENDING,
        quote: 'a total of 7.8236 million loans',
        note:
          'Weidai (micro-credit network), according to its official website, as of February 2020: 7.8236 million ' +
          'loans in total. A figure of the company, not of Hangzhou.',
      },
    ],
  },
}, TRANSLATION, {
  revised: {
    0: `${BOUNDED} Now effective from the announcement of May 31 to the deadline, 2020-05-31/2020-06-30 (was ../2020-06-30); ` +
      'the party is the one the other Weidai facts name.',
    ...Object.fromEntries([1, 2, 3].map((index) => [index,
      'Truth rule 2: a figure of Weidai (institution Weidai), located in Hangzhou but no longer shown as a statistic of Hangzhou itself.'])),
  },
});
