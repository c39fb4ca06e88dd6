import type { FactInput } from '../../libs/domain/src/index.js';
import { BOUNDED, sameEventAs } from './revisions.js';

/**
 * Documents 001, 002 and 003 each report the same video teleconference of the two national
 * leading groups and the same national figures, in different words. Each document's notice keeps
 * its own quotes (built here); where a later report says the same as document 001, its effect is
 * retired and it corroborates 001's fact (truth rule 3, seeds/corroborations.ts); where the reports
 * disagree, both figures stand and the answer marks them disputed.
 *
 * The figures "as of March 31, 2020" are effective 2020-03-31; the changes are measured from
 * "the beginning of 2019" (baseline 2019-01). The cumulative "nearly 5,000 withdrawn" and the
 * "21 consecutive months" are not dated in any of the texts: they stand in the list of figures the
 * meeting gave as of March 31, 2020, and were reported on April 24, so they are figures as of a
 * day in 2020-03-31/2020-04-24 (MEETING_FIGURES).
 */
export const LEADING_GROUPS =
  'Internet Finance Risk Special Rectification Leading Group; P2P Online Lending Risk Special Rectification Leading Group';

export interface MeetingQuotes {
  operating: string;
  operatingChange: string;
  loanBalanceChange: string;
  /** the third and fourth changes: the group each document names and its words */
  eightyPercent: { metric: string; quote: string; note: string };
  sixtyTwoPercent: { metric: string; quote: string; note: string };
  consecutiveMonths: string;
  withdrawn: string;
}

/** The index of each figure among a meeting notice's effects (fact ids never move). */
export const MEETING = {
  operating: 0, operatingChange: 1, loanBalanceChange: 2, eightyPercent: 3, sixtyTwoPercent: 4, consecutiveMonths: 5, withdrawn: 6,
} as const;

const FIGURE_NAMES: Readonly<Record<number, string>> = {
  [MEETING.operating]: '139 operating as of 2020-03-31',
  [MEETING.operatingChange]: '-86% from the beginning of 2019',
  [MEETING.loanBalanceChange]: 'loan balance -75%',
  [MEETING.eightyPercent]: 'borrowers -80%',
  [MEETING.sixtyTwoPercent]: 'borrowers -62%',
  [MEETING.consecutiveMonths]: '21 consecutive months of decline',
  [MEETING.withdrawn]: 'nearly 5,000 withdrawn',
};

/** The retired entries of a later report's figures that an earlier report's notice (`seed`, document `document`) records. */
export const reportedEarlierIn = (seed: string, document: string, effects: readonly number[]): Record<number, string> =>
  Object.fromEntries(effects.map((effect) => [effect, sameEventAs(seed, effect, `${FIGURE_NAMES[effect]}, document ${document}`)]));

/** Why the two undated figures of a meeting notice changed in this release. */
export const MEETING_FIGURES_BOUNDED =
  `${BOUNDED} Now 2020-03-31/2020-04-24 (was ../2020-04-24): as of a day between the date of the meeting's other ` +
  'figures and the report of the meeting.';

const common = { jurisdiction: 'CN', businessLine: 'online-lending' } as const;
const AS_OF = '2020-03-31';
const BASELINE = '2019-01';
/** the undated figures of the meeting: not before the date of its other figures, not after its report */
export const MEETING_FIGURES = '2020-03-31/2020-04-24';

export function meetingFigures(q: MeetingQuotes): FactInput[] {
  const change = (metric: string, value: number, quote: string, note: string): FactInput => ({
    type: 'StatisticReported',
    ...common,
    effective: AS_OF,
    metric,
    value,
    unit: 'percent-change',
    baseline: BASELINE,
    quote,
    note,
  });
  return [
    {
      type: 'StatisticReported',
      ...common,
      effective: AS_OF,
      metric: 'operating-institutions',
      value: 139,
      unit: 'institutions',
      qualifier: 'exact',
      quote: q.operating,
      note: 'Online lending institutions actually operating nationwide as of March 31, 2020.',
    },
    change('operating-institutions', -86, q.operatingChange,
      'Change in the number of operating online lending institutions, from the beginning of 2019 to March 31, 2020.'),
    change('loan-balance', -75, q.loanBalanceChange,
      'Change in the loan balance; the text gives the baseline ("the beginning of 2019") only for the first figure ' +
      'of the sentence, it is taken to apply to the whole list.'),
    change(q.eightyPercent.metric, -80, q.eightyPercent.quote, q.eightyPercent.note),
    change(q.sixtyTwoPercent.metric, -62, q.sixtyTwoPercent.quote, q.sixtyTwoPercent.note),
    {
      type: 'StatisticReported',
      ...common,
      effective: MEETING_FIGURES,
      metric: 'consecutive-months-of-decline',
      value: 21,
      unit: 'months',
      qualifier: 'exact',
      quote: q.consecutiveMonths,
      note:
        'The number of institutions, the scale of loans and the number of participants have each declined for 21 ' +
        'consecutive months. The text does not give the end month: the run includes the figures of March 31, 2020 it ' +
        'follows, and was reported on April 24, so the figure is as of a day in 2020-03-31..2020-04-24.',
    },
    {
      type: 'StatisticReported',
      ...common,
      effective: MEETING_FIGURES,
      metric: 'institutions-withdrawn-since-rectification-began',
      value: 5000,
      unit: 'institutions',
      qualifier: 'nearly',
      quote: q.withdrawn,
      note:
        'Cumulative since the special rectification work began; "nearly 5,000" (qualifier nearly). A running total ' +
        'as of a day the text does not give: it stands among the meeting\'s figures as of March 31, 2020 and was ' +
        'reported on April 24, so 2020-03-31..2020-04-24; it never describes the years before.',
    },
  ];
}

export const DISAGREEMENT_NOTE =
  'The three reports of this meeting disagree on who the -80% and -62% figures count: document 001 says ' +
  'borrowers -80% and consumers -62%, document 002 says borrowers for both, document 003 says lenders -80% and ' +
  'borrowers -62%. Recorded once each as written: borrowers -80% (001, corroborated by 002) and borrowers -62% ' +
  '(002, corroborated by 003) are two figures of one series and date, so the answer marks borrowers disputed; ' +
  'consumers -62% (001) and lenders -80% (003) are each a metric of their own.';
