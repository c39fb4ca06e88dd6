import type { SeedNotice } from '../seed-notice.js';
import { BOUNDED } from '../documents/revisions.js';
import { ONLINE_LENDING, confidence, released } from './research-seed.js';

// --- National figures ----------------------------------------------------------------------------

const national = (r: {
  key: string;
  published: string;
  effective: string;
  value: number;
  title: string;
  citedOutlet: string;
  url: string | null;
  quote: string;
  detail: string;
  /** why this figure changed in this release, beyond its source kind */
  revised?: string;
}): SeedNotice =>
  released({
    key: r.key,
    authority: 'not named in the research notes (national figure)',
    jurisdiction: 'CN',
    title: r.title,
    published: r.published,
    citedOutlet: r.citedOutlet,
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
  }, r.revised === undefined ? {} : { revised: { 0: r.revised } });

export const nationalFigures: SeedNotice[] = [
  national({
    key: 'res-national-462-end-sep-2019',
    published: '2019-10-21',
    effective: '2019-09-30',
    value: 462,
    title: '462 active online lenders at end-September 2019 (research notes)',
    citedOutlet: 'China Banking News',
    url: 'https://chinabankingnews.com/2019/10/23/p2p-lending-balance-drops-48-in-2019-cbirc-pushes-for-shift-from-p2p-to-micro-lending/',
    quote:
      '| 2019-10-21 | 462 active online lenders at end-Sep 2019 | chinabankingnews.com/2019/10/23/p2p-lending-balance-' +
      'drops-48-in-2019-cbirc-pushes-for-shift-from-p2p-to-micro-lending/ | high |',
    detail: 'Active online lenders at the end of September 2019. Published 2019-10-21; the cited article is dated 2019-10-23.',
  }),
  national({
    key: 'res-national-29-remain-2020-08-14',
    published: '2020-08-14',
    effective: '2020-04-01/2020-08-14',
    value: 29,
    title: '29 online lenders remain, down from about 6,000 (research notes)',
    citedOutlet: 'Reuters (via MarketScreener)',
    url: null,
    quote: '| 2020-08-14 | 29 remain, down from about 6,000 | Reuters via marketscreener.com, 2020-08-14 | high |',
    detail:
      '"29 remain": the as-of date is not given. Bounded by the previous report of the figure, 139 operating as of ' +
      '2020-03-31 (the April 2020 meeting, document 001), and by this report: 2020-04-01/2020-08-14. Down from ' +
      'about 6,000 (peak, date not given). The notes give no address, so url is null.',
    revised:
      `${BOUNDED} "29 remain" is a figure as of a day after the previous report of the national figure (139 as of ` +
      '2020-03-31) and by its own report: 2020-04-01/2020-08-14 (was ../2020-08-14, which showed 29 operating in 2019).',
  }),
  national({
    key: 'res-national-15-end-aug-2020',
    published: '2020-09-14',
    effective: '2020-08-31',
    value: 15,
    title: '15 online lenders at end-August 2020 (research notes)',
    citedOutlet: 'Teller Report',
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
    citedOutlet: 'Teller Report',
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
    citedOutlet: 'China Daily',
    url: 'https://chinadaily.com.cn/a/202011/30/WS5fc4b574a31024ad0ba98e57.html',
    quote: '| 2020-11-27 | zero by mid-November 2020 | chinadaily.com.cn/a/202011/30/WS5fc4b574a31024ad0ba98e57.html | high |',
    detail:
      '"by mid-November 2020" recorded as the middle third of the month, 2020-11-11..2020-11-20. Published ' +
      '2020-11-27; the article address carries 2020-11-30.',
  }),
];
