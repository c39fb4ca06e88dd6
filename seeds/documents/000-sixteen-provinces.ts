import type { SeedNotice } from '../seed-notice.js';
import { PUBLISHED, source, reportedIn, ONLINE_LENDING, NINGXIA_NOTICES, NAME_RESTRICTION, HUBEI, SIXTEEN, DISCLOSED_BANS, PUBLISHED_REVOCATIONS, WEIDAI_EXIT, SIXTEEN_PROVINCES } from './000-quotes.js';

/**
 * shared/sources/000_75f2afc41285faae.txt — "The acceleration of online loan cleaning has been
 * banned in 16 area." Machine translation; no publisher, no URL and no date of its own.
 *
 * Dates (see seeds/README.md):
 * - published: the text cites May 29 and May 31 (2020) as past days and "the end of June this
 *   year" and "before June 30, 2020" as future, so it appeared between 2020-05-31 and 2020-06-30.
 * - "In the past two days" (Ningxia's notices): two days before a date in that interval, so
 *   2020-05-29/2020-06-30.
 * - "So far" / "have disclosed" / "have published" with no date: on or before the article, ../2020-06-30.
 */

export const document000Seeds: SeedNotice[] = [
  {
    key: 'src000-ningxia-28-banned',
    notice: {
      authority: 'Ningxia Hui Autonomous Region Local Financial Supervision Administration',
      jurisdiction: 'CN-NX',
      title: reportedIn('Ningxia bans 28 online lending institutions in three batches, in three consecutive notices'),
      published: PUBLISHED,
      language: 'en',
      source: source(NINGXIA_NOTICES),
      effects: [
        {
          type: 'InstitutionsBanned',
          jurisdiction: 'CN-NX',
          effective: '2020-05-29/2020-06-30',
          count: 28,
          businessLine: ONLINE_LENDING,
          quote:
            'the autonomous region leading group for preventing and resolving financial risks decided to ban 28 ' +
            'online lending institutions in three batches in the region.',
          note:
            'Total of the three batches announced in three consecutive notices; the text gives neither the count ' +
            'nor the names of each batch, so no batch number is recorded. Decided by the autonomous region leading ' +
            'group for preventing and resolving financial risks, published by the local financial supervision ' +
            'administration. Effective: "In the past two days" before an article dated 2020-05-31..2020-06-30. ' +
            'After the ban the listed institutions may not engage in online lending and should deregister or ' +
            'change their name and business scope, close the platform website and remove the App.',
        },
        {
          type: 'NameRestrictionImposed',
          jurisdiction: 'CN-NX',
          effective: '2020-05-29/2020-06-30',
          forbiddenWords: [
            'exchange',
            'trading center',
            'finance',
            'asset management',
            'wealth management',
            'fund management',
            'investment management (consulting)',
            'equity investment fund',
            'online loan',
            'peer-to-peer lending',
            'P2P',
            'equity investment',
            'equity crowdfunding',
            'internet insurance',
            'payment',
          ],
          appliesTo:
            'the 28 online lending institutions banned in Ningxia, once they change their company name and business scope',
          quote: NAME_RESTRICTION,
          note:
            'Words as the translation gives them; "exchange" and "wealth management" each appear twice in the list ' +
            'and are recorded once.',
        },
      ],
    },
  },
  {
    key: 'src000-hubei-147-closed',
    notice: {
      authority: 'Hubei Provincial Local Financial Supervision Administration',
      jurisdiction: 'CN-HB',
      title: reportedIn('Hubei: none of 147 online lending institutions passed acceptance; all 147 have closed down'),
      published: PUBLISHED,
      language: 'en',
      source: source(HUBEI),
      effects: [
        {
          type: 'StatisticReported',
          jurisdiction: 'CN-HB',
          effective: '../2020-05-29',
          metric: 'institutions-passed-acceptance',
          value: 0,
          unit: 'institutions',
          qualifier: 'exact',
          businessLine: ONLINE_LENDING,
          quote:
            'None of the 147 enterprise online lending institutions in the province that have been specially ' +
            'rectified have been fully compliant and passed the acceptance',
          note: 'Announced on May 29 (2020); 0 of the 147 online lending institutions under special rectification.',
        },
        {
          type: 'StatisticReported',
          jurisdiction: 'CN-HB',
          effective: '../2020-05-29',
          metric: 'online-lending-businesses-approved-or-filed',
          value: 0,
          unit: 'businesses',
          qualifier: 'exact',
          businessLine: ONLINE_LENDING,
          quote:
            'all P2P online lending businesses have not been approved or filed by the financial regulatory authorities.',
          note: 'Announced on May 29 (2020): no P2P online lending business in Hubei was approved or filed.',
        },
        {
          type: 'InstitutionsClosed',
          jurisdiction: 'CN-HB',
          effective: '../2020-05-29',
          count: 147,
          businessLine: ONLINE_LENDING,
          quote: 'Up to now, 147 corporate online lending institutions have all closed down.',
          note: '"Up to now" as of the announcement of May 29 (2020).',
        },
      ],
    },
  },
  {
    key: 'src000-sixteen-provinces-prohibit',
    notice: {
      authority: 'provincial local financial regulators of 16 provinces (not named in document 000)',
      jurisdiction: 'CN',
      title: reportedIn('16 provinces have announced that all online lending business in their jurisdiction is prohibited'),
      published: PUBLISHED,
      language: 'en',
      source: source(SIXTEEN),
      effects: SIXTEEN_PROVINCES.map(([code, name]) => ({
        type: 'BusinessLineProhibited' as const,
        jurisdiction: code,
        effective: '../2020-06-30',
        businessLine: ONLINE_LENDING,
        scope: 'all online lending businesses within the jurisdiction',
        quote: SIXTEEN,
        note:
          `${name}: the date of its announcement is not given, only that it was made "so far", i.e. on or before ` +
          'the article (2020-05-31..2020-06-30).' +
          (code === 'CN-HB'
            ? ' Probably the Hubei announcement of May 29 (see src000-hubei-147-closed), but the text does not say so.'
            : ''),
      })),
    },
  },
  {
    key: 'src000-guizhou-bans-disclosed',
    notice: {
      authority: 'Guizhou local financial regulator (not named in document 000)',
      jurisdiction: 'CN-GZ',
      title: reportedIn('Guizhou has disclosed a number of banned online lending institutions'),
      published: PUBLISHED,
      language: 'en',
      source: source(DISCLOSED_BANS),
      effects: [
        {
          type: 'InstitutionsBanned',
          jurisdiction: 'CN-GZ',
          effective: '../2020-06-30',
          businessLine: ONLINE_LENDING,
          quote: DISCLOSED_BANS,
          note:
            '"a number of": count not given. Ningxia, named in the same sentence, is recorded once, as its ban of 28 ' +
            '(src000-ningxia-28-banned); the "other places" are not named.',
        },
      ],
    },
  },
  {
    key: 'src000-shenzhen-revocations',
    notice: {
      authority: 'Shenzhen local financial regulator (not named in document 000)',
      jurisdiction: 'CN-440300',
      title: reportedIn('Shenzhen has published a number of revoked online lending institutions'),
      published: PUBLISHED,
      language: 'en',
      source: source(PUBLISHED_REVOCATIONS),
      effects: [
        {
          type: 'InstitutionsRevoked',
          jurisdiction: 'CN-440300',
          effective: '../2020-06-30',
          businessLine: ONLINE_LENDING,
          quote: PUBLISHED_REVOCATIONS,
          note: '"a number of": count not given; the "other places" are not named.',
        },
      ],
    },
  },
  {
    key: 'src000-xinjiang-revocations',
    notice: {
      authority: 'Xinjiang local financial regulator (not named in document 000)',
      jurisdiction: 'CN-XJ',
      title: reportedIn('Xinjiang has published a number of revoked online lending institutions'),
      published: PUBLISHED,
      language: 'en',
      source: source(PUBLISHED_REVOCATIONS),
      effects: [
        {
          type: 'InstitutionsRevoked',
          jurisdiction: 'CN-XJ',
          effective: '../2020-06-30',
          businessLine: ONLINE_LENDING,
          quote: PUBLISHED_REVOCATIONS,
          note: '"a number of": count not given; the "other places" are not named.',
        },
      ],
    },
  },
  {
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
          institution: { name: 'Weidai', aliases: ['micro-loan network', 'micro-credit network', '微贷网'] },
          announced: '2020-05-31',
          effective: '../2020-06-30',
          businessLine: ONLINE_LENDING,
          quote: WEIDAI_EXIT,
          note:
            '"May 3 1 day" is May 31 (2020). "before June 30, 2020" is read as on or before. The document does not ' +
            'say where Weidai is: Hangzhou comes from the research notes (Hangzhou police case, ' +
            'globaltimes.cn/content/1193552.shtml). It will no longer operate online loan information intermediary business.',
        },
        {
          type: 'StatisticReported',
          jurisdiction: 'CN-330100',
          effective: '2020-02',
          metric: 'loan-balance',
          value: 8_583_000_000,
          unit: 'CNY',
          qualifier: 'exact',
          businessLine: ONLINE_LENDING,
          quote: 'as of February 2020, the loan balance of micro-credit network was 8.583 billion yuan',
          note: 'Weidai (micro-credit network), according to its official website: 8.583 billion yuan.',
        },
        {
          type: 'StatisticReported',
          jurisdiction: 'CN-330100',
          effective: '2020-02',
          metric: 'cumulative-loan-amount',
          value: 298_662_000_000,
          unit: 'CNY',
          qualifier: 'exact',
          businessLine: ONLINE_LENDING,
          quote: 'with a total loan amount of 298.662 billion yuan',
          note: 'Weidai (micro-credit network), according to its official website, as of February 2020: 298.662 billion yuan.',
        },
        {
          type: 'StatisticReported',
          jurisdiction: 'CN-330100',
          effective: '2020-02',
          metric: 'cumulative-loan-count',
          value: 7_823_600,
          unit: 'loans',
          qualifier: 'exact',
          businessLine: ONLINE_LENDING,
          quote: 'a total of 7.8236 million loans',
          note: 'Weidai (micro-credit network), according to its official website, as of February 2020: 7.8236 million loans.',
        },
      ],
    },
  },
];
