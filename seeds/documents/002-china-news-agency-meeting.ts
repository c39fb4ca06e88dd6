import type { SeedNotice } from '../seed-notice.js';
import { DISAGREEMENT_NOTE, LEADING_GROUPS, MEETING, meetingFigures, reportedEarlierIn } from './meeting-figures.js';
import { amended, TRANSLATION } from './revisions.js';

/**
 * shared/sources/002_4a6bbc94062e667f.txt — China News Agency, Beijing, April 24 (reporter Wang
 * Enbo). No headline and no URL. An English machine translation (source kind 'translation') of the
 * China News Agency report (citedOutlet).
 *
 * Dates: dateline April 24 (year 2020: the figures are "as of March 31, 2020"); the meeting was
 * held "recently", i.e. on or before 2020-04-24.
 *
 * The same meeting as document 001, reported the same day: where it says what 001 says, its effect is
 * retired and it corroborates 001's fact. Its second "borrowers" figure (-62%) contradicts 001's
 * borrowers -80% and stands as a fact of its own, so the answer marks borrowers disputed.
 */
const DOCUMENT = '002_4a6bbc94062e667f.txt';

export const document002Seeds: SeedNotice[] = [
  amended({
    key: 'src002-rectification-meeting',
    notice: {
      authority: LEADING_GROUPS,
      jurisdiction: 'CN',
      title:
        'Leading groups\' video teleconference on Internet finance and online lending risk rectification: online ' +
        'lending institutions, lending and participants declined for 21 consecutive months (description; the ' +
        'China News Agency report has no headline)',
      published: '2020-04-24',
      language: 'en',
      source: {
        document: DOCUMENT,
        publisher: 'unknown machine translation',
        kind: 'translation',
        citedOutlet: 'China News Agency',
        url: null,
        quote:
          'China News Agency, Beijing, April 24 (Reporter Wang Enbo) A reporter learned from Chinese officials on the ' +
          '24th that the Mutual Gold Remediation Leading Group and the Internet Loan Remediation Leading Group recently ' +
          'jointly held a video teleconference on Internet finance and online loan risk special rectification work.',
      },
      effects: meetingFigures({
        operating: 'as of March 31, 2020, China actually operates 139 online lending institutions',
        operatingChange: 'a 86% decrease from the beginning of 2019',
        loanBalanceChange: 'the loan balance decreased by 75%',
        eightyPercent: {
          metric: 'borrowers',
          quote: 'the number of borrowers decreased by 80%',
          note: `Document 002 calls the -80% group "borrowers". ${DISAGREEMENT_NOTE}`,
        },
        sixtyTwoPercent: {
          metric: 'borrowers',
          quote: 'the number of borrowers decreased by 62%',
          note:
            'Document 002 also calls the -62% group "borrowers", so it gives two different changes for the same ' +
            `group; both are recorded as written. ${DISAGREEMENT_NOTE}`,
        },
        consecutiveMonths:
          'the number of Chinese online lending institutions, the scale of lending and the number of participants ' +
          'have declined for 21 consecutive months.',
        withdrawn: 'Since the start of the rectification work, a total of nearly 5,000 institutions have withdrawn.',
      }),
    },
  }, TRANSLATION, {
    revised: {
      [MEETING.sixtyTwoPercent]:
        'Note: this figure (borrowers -62%) contradicts borrowers -80% of documents 001 and 002 and stands, disputed; ' +
        'document 003 corroborates it.',
    },
    retired: reportedEarlierIn('src001-rectification-meeting', '001', [MEETING.operating, MEETING.operatingChange, MEETING.loanBalanceChange,
      MEETING.eightyPercent, MEETING.consecutiveMonths, MEETING.withdrawn]),
  }),
];
