import type { SeedNotice } from '../seed-notice.js';
import {
  PUBLISHED, source, reportedIn, ONLINE_LENDING, NINGXIA_NOTICES, NAME_RESTRICTION, HUBEI, SIXTEEN, DISCLOSED_BANS, PUBLISHED_REVOCATIONS,
  SIXTEEN_PROVINCES, SO_FAR, SINCE_2016,
} from './000-quotes.js';
import { amended, BOUNDED, TRANSLATION } from './revisions.js';
import { weidaiExitSeed } from './000-weidai.js';

/**
 * shared/sources/000_75f2afc41285faae.txt — "The acceleration of online loan cleaning has been
 * banned in 16 area." English machine translation (source kind 'translation'); no publisher, no
 * original outlet, no URL and no date of its own.
 *
 * Dates (see seeds/README.md):
 * - published: the text cites May 29 and May 31 (2020) as past days and "the end of June this
 *   year" and "before June 30, 2020" as future, so it appeared between 2020-05-31 and 2020-06-30.
 * - "In the past two days" (Ningxia's notices): two days before a date in that interval, so
 *   2020-05-29/2020-06-30.
 * - Hubei's figures and its running total of closures: as of the announcement, 2020-05-29.
 * - "So far ... 16 have all announced": 2019-01-01/2020-06-30 (SO_FAR: the lower bound from the
 *   research notes and document 001).
 * - "have disclosed" / "have published" with no date: 2016-01-01/2020-06-30 (SINCE_2016: the special
 *   rectification, "since 20 16").
 * - Weidai's exit: from its announcement (May 31) to its deadline (June 30).
 */

const SINCE_2016_REASON = `${BOUNDED} Now 2016-01-01/2020-06-30 (was ../2020-06-30): since the special rectification began.`;
const ANNOUNCED_MAY_29 = 'As of the announcement of May 29 (2020): the figure describes that day, not the years before it.';

export const document000Seeds: SeedNotice[] = [
  amended({
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
  }, TRANSLATION),
  amended({
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
          effective: '2020-05-29',
          metric: 'institutions-passed-acceptance',
          value: 0,
          unit: 'institutions',
          qualifier: 'exact',
          businessLine: ONLINE_LENDING,
          quote:
            'None of the 147 enterprise online lending institutions in the province that have been specially ' +
            'rectified have been fully compliant and passed the acceptance',
          note:
            'Announced on May 29 (2020); 0 of the 147 online lending institutions under special rectification. As of ' +
            'the announcement: a figure describes its own date (2020-05-29), never the days before it.',
        },
        {
          type: 'StatisticReported',
          jurisdiction: 'CN-HB',
          effective: '2020-05-29',
          metric: 'online-lending-businesses-approved-or-filed',
          value: 0,
          unit: 'businesses',
          qualifier: 'exact',
          businessLine: ONLINE_LENDING,
          quote:
            'all P2P online lending businesses have not been approved or filed by the financial regulatory authorities.',
          note:
            'Announced on May 29 (2020): no P2P online lending business in Hubei was approved or filed. As of the ' +
            'announcement (2020-05-29).',
        },
        {
          type: 'InstitutionsClosed',
          jurisdiction: 'CN-HB',
          effective: '2020-05-29',
          count: 147,
          cumulative: true,
          businessLine: ONLINE_LENDING,
          quote: 'Up to now, 147 corporate online lending institutions have all closed down.',
          note:
            'A running total, not one action: "Up to now", as of the announcement of May 29 (2020), 147 have closed ' +
            'since the special rectification began ("since 20 16"); when each closed is not given. A later total of ' +
            'Hubei supersedes it; it never adds up with the closures it covers.',
        },
      ],
    },
  }, TRANSLATION, {
    revised: {
      0: `${BOUNDED} ${ANNOUNCED_MAY_29}`,
      1: `${BOUNDED} ${ANNOUNCED_MAY_29}`,
      2: `Truth rule 2: "Up to now, 147 ... have all closed down" is a running total as of the announcement of May 29 ` +
        '(cumulative, effective 2020-05-29), not one closure action of unknown date (was ../2020-05-29).',
    },
  }),
  amended({
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
        effective: SO_FAR,
        businessLine: ONLINE_LENDING,
        scope: 'all online lending businesses within the jurisdiction',
        quote: SIXTEEN,
        note:
          `${name}: the date of its announcement is not given, only that it was made "so far", i.e. on or before ` +
          'the article (2020-05-31..2020-06-30). Lower bound 2019-01-01, from outside document 000: the research ' +
          'notes list such provincial bans under "Provincial bans of all P2P business, 2019-2020" (the earliest, ' +
          'Hunan, 2019-10-16) and document 001 dates the convergence "Since 2019".' +
          (code === 'CN-HB'
            ? ' Probably the Hubei announcement of May 29 (see src000-hubei-147-closed), but the text does not say so.'
            : ' Where the research notes date a province\'s ban, their row corroborates its fact and narrows the window.'),
      })),
    },
  }, TRANSLATION, {
    revised: Object.fromEntries(SIXTEEN_PROVINCES.map((_, index) => [index,
      `${BOUNDED} "So far" (was ../2020-06-30) is now 2019-01-01/2020-06-30: the research notes date the provincial ` +
      'bans of all P2P business 2019-2020 and document 001 says "Since 2019".'])),
  }),
  amended({
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
          effective: SINCE_2016,
          businessLine: ONLINE_LENDING,
          quote: DISCLOSED_BANS,
          note:
            '"a number of": count not given (the answer shows it as unknown). Ningxia, named in the same sentence, is ' +
            'recorded once, as its ban of 28 (src000-ningxia-28-banned); the "other places" are not named. Date not ' +
            'given: on or before the article, and not before the special rectification began ("since 20 16").',
        },
      ],
    },
  }, TRANSLATION, { revised: { 0: SINCE_2016_REASON } }),
  amended({
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
          effective: SINCE_2016,
          businessLine: ONLINE_LENDING,
          quote: PUBLISHED_REVOCATIONS,
          note:
            '"a number of": count not given (the answer shows it as unknown); the "other places" are not named. Date ' +
            'not given: on or before the article, and not before the special rectification began ("since 20 16").',
        },
      ],
    },
  }, TRANSLATION, { revised: { 0: SINCE_2016_REASON } }),
  amended({
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
          effective: SINCE_2016,
          businessLine: ONLINE_LENDING,
          quote: PUBLISHED_REVOCATIONS,
          note:
            '"a number of": count not given (the answer shows it as unknown); the "other places" are not named. Date ' +
            'not given: on or before the article, and not before the special rectification began ("since 20 16").',
        },
      ],
    },
  }, TRANSLATION, { revised: { 0: SINCE_2016_REASON } }),
  weidaiExitSeed,
];
