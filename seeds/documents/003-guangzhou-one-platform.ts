import type { SourceInput } from '../../libs/domain/src/index.js';
import type { SeedNotice } from '../seed-notice.js';
import { DISAGREEMENT_NOTE, LEADING_GROUPS, MEETING, meetingFigures, reportedEarlierIn } from './meeting-figures.js';
import { amended, TRANSLATION } from './revisions.js';

/**
 * shared/sources/003_120a717767cf1151.txt — "The number of online loan platforms dropped to one, and
 * Guangzhou Online Loan should win awards from relevant offices and individuals". An English machine
 * translation (source kind 'translation') of a Beijing News report (citedOutlet; reporter Huang
 * Xinyu). No URL.
 *
 * Dates: the article has no date line. It reports what the Guangzhou Financial Supervision Bureau's
 * website showed "On May 9" and a meeting "On April 24" whose figures are "As of March 31, 2020",
 * so it appeared on or after 2020-05-09, in 2020: 2020-05-09/2020. "the beginning of the year" is the
 * beginning of 2019 (the work credited is that of 2019): 50 platforms as of 2019-01-01, and 1 "to"
 * which the year's work reduced them, as of a day of that year after its first (2019-01-02/2019-12-31).
 * The figures "in 2019" are effective 2019.
 *
 * The meeting of April 24 is the one documents 001 and 002 report: where 003 says what 001 (or, for
 * borrowers -62%, 002) says, its effect is retired and it corroborates that fact; its "lenders fell by
 * 80%" is a metric of its own.
 */
const DOCUMENT = '003_120a717767cf1151.txt';
const HEADLINE =
  'The number of online loan platforms dropped to one, and Guangzhou Online Loan should win awards from relevant ' +
  'offices and individuals';
const PUBLISHED = '2020-05-09/2020';
const source = (quote: string): SourceInput => ({
  document: DOCUMENT,
  publisher: 'unknown machine translation',
  kind: 'translation',
  citedOutlet: 'Beijing News',
  url: null,
  quote,
});
const GUANGZHOU_50 =
  'As of 2019-01-01 (was 2019-01): "at the beginning of the year", the day the year\'s work started from; a ' +
  'month-long window let the later figure of 1 replace it on 2019-01-01.';
const GUANGZHOU_1 =
  'Truth rules 1 and 2: as of a day of 2019 after its first, 2019-01-02/2019-12-31 (was ../2020-05-09): the count ' +
  'the year\'s work (2019\'s) reduced the platforms "to"; it never describes the beginning of 2019, when there were 50.';

const GUANGZHOU = 'CN-440100';
const FIFTY_TO_ONE = 'reduce the number of online loan platforms in the jurisdiction from 50 at the beginning of the year to 1';
const IN_2019 =
  'the three supervision offices of the Guangzhou Financial Supervision Bureau in 2019 dealt with 12345 (hotline), ' +
  'letters and visits and other transfers involving the collection of "headcut interest", usury, violent ' +
  'collection, etc. About 1,000 complaints were reported for illegal financial activities or online loan disputes';

export const document003Seeds: SeedNotice[] = [
  amended({
    key: 'src003-guangzhou-platforms',
    notice: {
      authority: 'Guangzhou Financial Supervision Bureau',
      jurisdiction: GUANGZHOU,
      title: HEADLINE,
      published: PUBLISHED,
      language: 'en',
      source: source(
        'According to the disclosure, the Guangzhou Mutual Gold Remediation Office and the Internet Loan Response ' +
          'Office, which were established by the three supervision offices, have increased their remediation efforts, ' +
          'which has reduced the number of online loan platforms in the jurisdiction from 50 at the beginning of the year',
      ),
      effects: [
        {
          type: 'StatisticReported',
          jurisdiction: GUANGZHOU,
          effective: '2019-01-01',
          metric: 'online-lending-platforms',
          value: 50,
          unit: 'platforms',
          qualifier: 'exact',
          businessLine: 'online-lending',
          quote: FIFTY_TO_ONE,
          note:
            'Online loan platforms in Guangzhou "at the beginning of the year", as of 2019-01-01: the year is 2019, ' +
            'inferred from the article (the work it credits is that of 2019); the text does not write the year next ' +
            'to the figure.',
        },
        {
          type: 'StatisticReported',
          jurisdiction: GUANGZHOU,
          effective: '2019-01-02/2019-12-31',
          metric: 'online-lending-platforms',
          value: 1,
          unit: 'platforms',
          qualifier: 'exact',
          businessLine: 'online-lending',
          quote: FIFTY_TO_ONE,
          note:
            'Down from 50 at the beginning of 2019 to 1, by the year\'s work: the text does not say on which day the ' +
            'count was 1, so it is a figure as of a day of 2019 after its first (2019-01-02..2019-12-31). Until the end ' +
            'of 2019 the certain figure of 2019-01-01 (50) is the answer. Disclosed on the bureau\'s website on May 9 (2020).',
        },
        {
          type: 'StatisticReported',
          jurisdiction: GUANGZHOU,
          effective: '2019',
          metric: 'online-lending-platform-collapses',
          value: 0,
          unit: 'platforms',
          qualifier: 'exact',
          businessLine: 'online-lending',
          quote:
            'It is reported that among the megacities in the country in 2019, Guangzhou is the only city with a ' +
            'thunder-free platform without online loans throughout the year.',
          note:
            '"thunder-free" is read as: no online lending platform collapsed ("blew up") in Guangzhou in 2019, the ' +
            'only megacity of which this is said. "It is reported": not attributed to an authority.',
        },
        {
          type: 'StatisticReported',
          jurisdiction: GUANGZHOU,
          effective: '2019',
          metric: 'complaints-handled',
          value: 1000,
          unit: 'complaints',
          qualifier: 'approximately',
          quote: IN_2019,
          note:
            'Complaints about illegal financial activities or online loan disputes handled in 2019 by the third ' +
            'supervision office of the Guangzhou Financial Supervision Bureau.',
        },
        {
          type: 'StatisticReported',
          jurisdiction: GUANGZHOU,
          effective: '2019',
          metric: 'on-site-consultations',
          value: 600,
          unit: 'person-times',
          qualifier: 'more-than',
          quote: 'more than 600 person-time consultations were received on site',
          note: 'In 2019, by the third supervision office of the Guangzhou Financial Supervision Bureau.',
        },
        {
          type: 'StatisticReported',
          jurisdiction: GUANGZHOU,
          effective: '2019',
          metric: 'economic-losses-recovered',
          value: 1_000_000,
          unit: 'CNY',
          qualifier: 'more-than',
          quote:
            'to assist the complainants in their rights consultation with illegal loan lenders to recover more than ' +
            '1 million yuan in economic losses.',
          note: 'In 2019, with the help of the third supervision office of the Guangzhou Financial Supervision Bureau.',
        },
      ],
    },
  }, TRANSLATION, { revised: { 0: GUANGZHOU_50, 1: GUANGZHOU_1 } }),
  amended({
    key: 'src003-rectification-meeting',
    notice: {
      authority: LEADING_GROUPS,
      jurisdiction: 'CN',
      title: `Leading groups' video teleconference of April 24 on Internet finance and online lending risk rectification (reported in "${HEADLINE}")`,
      published: PUBLISHED,
      language: 'en',
      source: source(
        'On April 24, the Mutual Financial Remediation Leading Group and the Online Loan Remediation Leading Group ' +
          'jointly held a video and teleconference on the special remediation of Internet finance and online lending risks.',
      ),
      effects: meetingFigures({
        operating: 'As of March 31, 2020, there were actually 139 online lending institutions operating in the country',
        operatingChange: 'a decrease of 86% from the beginning of 2019',
        loanBalanceChange: 'the balance of loans decreased by 75%',
        eightyPercent: {
          metric: 'lenders',
          quote: 'the number of lenders fell by 80%',
          note: `Document 003 calls the -80% group "lenders". ${DISAGREEMENT_NOTE}`,
        },
        sixtyTwoPercent: {
          metric: 'borrowers',
          quote: 'the number of borrowers fell by 62%',
          note: `Document 003 calls the -62% group "borrowers". ${DISAGREEMENT_NOTE}`,
        },
        consecutiveMonths:
          'The number of institutions, the scale of loans and the number of participants have declined for 21 consecutive months.',
        withdrawn: 'Since the start of the rectification work, a total of nearly 5,000 institutions have withdrawn.',
      }),
    },
  }, TRANSLATION, {
    revised: { [MEETING.eightyPercent]: 'Note: says which reports corroborate and which dispute the -80% and -62% figures.' },
    retired: {
      ...reportedEarlierIn('src001-rectification-meeting', '001', [MEETING.operating, MEETING.operatingChange, MEETING.loanBalanceChange,
        MEETING.consecutiveMonths, MEETING.withdrawn]),
      ...reportedEarlierIn('src002-rectification-meeting', '002', [MEETING.sixtyTwoPercent]),
    },
  }),
];
