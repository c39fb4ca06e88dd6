import type { SeedNotice } from '../seed-notice.js';
import { DISAGREEMENT_NOTE, LEADING_GROUPS, MEETING, MEETING_FIGURES_BOUNDED, meetingFigures } from './meeting-figures.js';
import { amended, TRANSLATION } from './revisions.js';

/**
 * shared/sources/001_23c39a3baf8a8859.txt — "Since the special rectification of mutual financial and
 * online loan risks, nearly 5,000 institutions have withdrawn". An English machine translation (source
 * kind 'translation') of a Chinese report. No URL.
 *
 * Cited outlet: none (null). The text names no outlet: "Sauna and Yewang" are the report's authors as
 * the translation spells them (its byline reads "Sauna, Ye Wang Hou Runfang Editor Zhao Ze"), and the
 * China Banking and Insurance Regulatory Commission is where they learned the news ("noticed from"),
 * not the outlet that published the report. The byline is kept in the publisher, after the translation.
 *
 * Dates: reported "On April 24" (year 2020: the figures are "As of March 31, 2020"); the meeting was
 * held "recently", i.e. on or before 2020-04-24.
 *
 * This is the first report of the meeting: its facts stand, and documents 002 and 003 corroborate
 * those they report the same way.
 */
const DOCUMENT = '001_23c39a3baf8a8859.txt';
const HEADLINE =
  'Since the special rectification of mutual financial and online loan risks, nearly 5,000 institutions have withdrawn';

export const document001Seeds: SeedNotice[] = [
  amended({
    key: 'src001-rectification-meeting',
    notice: {
      authority: LEADING_GROUPS,
      jurisdiction: 'CN',
      title: HEADLINE,
      published: '2020-04-24',
      language: 'en',
      source: {
        document: DOCUMENT,
        publisher: 'unknown machine translation (original by "Sauna and Yewang" as the translation spells them; reporter Hou Runfang, editor Zhao Ze)',
        kind: 'translation',
        citedOutlet: null,
        url: null,
        quote:
          'On April 24, Sauna and Yewang noticed from the China Banking and Insurance Regulatory Commission that ' +
          'recently, the Mutual Gold Remediation Leading Group and the Internet Loan Remediation Leading Group have ' +
          'jointly organized a video teleconference on Internet finance and online loan risk special rectification work.',
      },
      effects: meetingFigures({
        operating:
          'As of March 31, 2020, there were actually 139 online lending institutions (hereinafter referred to as ' +
          'online lending institutions) in operators across the country',
        operatingChange: 'down 86% from the beginning of 2019',
        loanBalanceChange: 'the loan balance decreased by 75%',
        eightyPercent: {
          metric: 'borrowers',
          quote: 'the number of borrowers decreased by 80%',
          note: `Document 001 calls the -80% group "borrowers". ${DISAGREEMENT_NOTE}`,
        },
        sixtyTwoPercent: {
          metric: 'consumers',
          quote: 'the number of consumers decreased by 62%',
          note: `Document 001 calls the -62% group "consumers". ${DISAGREEMENT_NOTE}`,
        },
        consecutiveMonths:
          'The number of institutions, the scale of loans and the number of participants have declined for 21 consecutive months.',
        withdrawn: 'Since the rectification work began, nearly 5,000 institutions have gradually withdrawn.',
      }),
    },
  }, `${TRANSLATION} Document 001 names no outlet ("Sauna and Yewang" are its authors, the CBIRC its informant): citedOutlet null.`, {
    revised: {
      [MEETING.eightyPercent]: 'Note: says which reports corroborate and which dispute this figure.',
      [MEETING.sixtyTwoPercent]: 'Note: says which reports corroborate and which dispute the -80% and -62% figures.',
      [MEETING.consecutiveMonths]: MEETING_FIGURES_BOUNDED,
      [MEETING.withdrawn]: MEETING_FIGURES_BOUNDED,
    },
  }),
];
