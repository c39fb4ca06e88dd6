import type { PartyInput, SourceInput } from '../../libs/domain/src/index.js';
import type { SeedNotice } from '../seed-notice.js';
import { amended, BOUNDED, SUMMARY } from './revisions.js';

/**
 * shared/sources/004_ba8a3840d4a23d3b.txt — Reportify's English summary (source kind 'summary', it
 * ends "- Reportify") of a Xin Jing Bao article of 2025-12-08 03:09 (citedOutlet), under Xin Jing Bao's
 * Chinese headline. The headline is Xin Jing Bao's own words; the English facts are Reportify's. No URL.
 *
 * Dates: the banks' announcements and the margins follow "Recent regulatory changes" / "the
 * introduction of new regulations": the new regulation is the NFRA notice on banks' internet
 * lending-assistance business, issued 1 or 3 April 2025 (research notes), so these hold from
 * 2025-04-01 at the earliest to the article, 2025-12-08 (SINCE_NEW_RULES). The research notes report
 * both banks' halts (corroborations, which narrow the windows).
 */
const DOCUMENT = '004_ba8a3840d4a23d3b.txt';
const HEADLINE = '“逃离”助贷?银行集体“瘦身”助贷合作 兜底模式反成风险源';
const PUBLISHED = '2025-12-08';
const SINCE_NEW_RULES = '2025-04-01/2025-12-08';
const LENDING_ASSISTANCE = 'internet-lending-assistance';
const source = (quote: string): SourceInput =>
  ({ document: DOCUMENT, publisher: 'Reportify', kind: 'summary', citedOutlet: 'Xin Jing Bao', url: null, quote });
const reportedIn = (description: string) => `${description} (Reportify's summary of Xin Jing Bao's "${HEADLINE}")`;
const SINCE_NEW_RULES_REASON =
  `${BOUNDED} Now 2025-04-01/2025-12-08 (was ../2025-12-08): not before the new regulation it follows (NFRA notice ` +
  'issued 1 or 3 April 2025, research notes), so nothing of 2025 is possible in 2020.';

const BANKS_HALT =
  'Several local banks, including Urumqi Bank and Longjiang Bank, have announced a halt to new internet lending partnerships';
const CONTRACTION =
  'Recent regulatory changes have led to a significant contraction in the cooperation between local commercial ' +
  'banks and internet lending platforms';

/** The banks as every fact about them names them (the halts here, the research notes' figures). */
export const URUMQI_BANK: PartyInput = { name: 'Urumqi Bank', aliases: ['乌鲁木齐银行'] };
export const LONGJIANG_BANK: PartyInput = { name: 'Longjiang Bank', aliases: ['龙江银行'] };

const halt = (key: string, bank: PartyInput, jurisdiction: string, city: string): SeedNotice => amended({
  key,
  notice: {
    authority: `${bank.name} (${(bank.aliases ?? []).join(', ')})`,
    jurisdiction,
    title: reportedIn(`${bank.name} announces a halt to new internet lending partnerships`),
    published: PUBLISHED,
    language: 'en',
    source: source(`${CONTRACTION}, primarily due to concerns over "joint debt risks"`),
    effects: [
      {
        type: 'PartnershipHalted',
        jurisdiction,
        effective: SINCE_NEW_RULES,
        bank,
        businessLine: LENDING_ASSISTANCE,
        quote: BANKS_HALT,
        note:
          `A halt to NEW partnerships; partners and their number are not given. Announced "Recently" before the ` +
          'article of 2025-12-08, after the new regulation it follows (NFRA notice issued 1 or 3 April 2025, research ' +
          `notes): 2025-04-01..2025-12-08. The research notes report the same halt (a corroboration). Jurisdiction: the ` +
          `bank's home city, ${city} (not stated in the document).`,
      },
    ],
  },
}, SUMMARY, { revised: { 0: SINCE_NEW_RULES_REASON } });

export const document004Seeds: SeedNotice[] = [
  halt('src004-urumqi-bank-halt', URUMQI_BANK, 'CN-650100', 'Urumqi'),
  halt('src004-longjiang-bank-halt', LONGJIANG_BANK, 'CN-230100', 'Harbin'),
  amended({
    key: 'src004-platform-margins',
    notice: {
      authority: 'unknown (industry figure in Reportify\'s summary of Xin Jing Bao; no source named)',
      jurisdiction: 'CN',
      title: reportedIn('Lending platforms\' profit margin per loan falls from about 4% to about 2%'),
      published: PUBLISHED,
      language: 'en',
      source: source(
        'The profitability of lending platforms has been severely impacted, with profit margins dropping from ' +
          'approximately 4% to around 2% per loan due to regulatory changes',
      ),
      effects: [
        {
          type: 'StatisticReported',
          jurisdiction: 'CN',
          effective: SINCE_NEW_RULES,
          metric: 'lending-platform-profit-margin-per-loan',
          value: 2,
          unit: 'percent',
          qualifier: 'approximately',
          businessLine: LENDING_ASSISTANCE,
          quote: 'with profit margins dropping from approximately 4% to around 2% per loan due to regulatory changes',
          note:
            'Down from approximately 4%; the date of the earlier level is not given, so it is not recorded as a ' +
            'fact of its own. Nationwide industry figure, attributed to regulatory changes: as of a day after the ' +
            'new regulation (NFRA notice, April 2025) and by the article, 2025-04-01..2025-12-08.',
        },
      ],
    },
  }, SUMMARY, { revised: { 0: SINCE_NEW_RULES_REASON } }),
];
