import type { FactInput } from '../../libs/domain/src/index.js';

/**
 * Documents 001, 002 and 003 each report the same video teleconference of the two national
 * leading groups and the same national figures, in different words. Each document gets its own
 * notice with its own quotes; this builds the figures from the quotes a document gives.
 *
 * The figures "as of March 31, 2020" are effective 2020-03-31; the changes are measured from
 * "the beginning of 2019" (baseline 2019-01). The cumulative "nearly 5,000 withdrawn" and the
 * "21 consecutive months" are not tied to March 31 in any of the texts, so they are effective
 * on or before the day the meeting was reported (../2020-04-24).
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

const common = { jurisdiction: 'CN', businessLine: 'online-lending' } as const;
const AS_OF = '2020-03-31';
const BASELINE = '2019-01';
const BY_MEETING = '../2020-04-24';

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
      effective: BY_MEETING,
      metric: 'consecutive-months-of-decline',
      value: 21,
      unit: 'months',
      qualifier: 'exact',
      quote: q.consecutiveMonths,
      note:
        'The number of institutions, the scale of loans and the number of participants have each declined for 21 ' +
        'consecutive months. The text does not give the end month: on or before the meeting was reported (2020-04-24).',
    },
    {
      type: 'StatisticReported',
      ...common,
      effective: BY_MEETING,
      metric: 'institutions-withdrawn-since-rectification-began',
      value: 5000,
      unit: 'institutions',
      qualifier: 'nearly',
      quote: q.withdrawn,
      note:
        'Cumulative since the special rectification work began; "nearly 5,000". Not tied to ' +
        'March 31 in the text: on or before the meeting was reported (2020-04-24).',
    },
  ];
}

export const DISAGREEMENT_NOTE =
  'The three reports of this meeting disagree on who the -80% and -62% figures count: document 001 says ' +
  'borrowers -80% and consumers -62%, document 002 says borrowers for both, document 003 says lenders -80% and ' +
  'borrowers -62%. Each is recorded as its document says it.';
