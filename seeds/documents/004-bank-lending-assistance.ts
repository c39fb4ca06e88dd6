import type { SeedNotice } from '../seed-notice.js';

/**
 * shared/sources/004_ba8a3840d4a23d3b.txt — Xin Jing Bao, 2025-12-08 03:09 (an English summary under
 * the Chinese headline, as republished by Reportify; no URL given).
 *
 * Dates: the banks' announcements are "Recently" before the article: ../2025-12-08.
 */
const DOCUMENT = '004_ba8a3840d4a23d3b.txt';
const HEADLINE = '“逃离”助贷?银行集体“瘦身”助贷合作 兜底模式反成风险源';
const PUBLISHED = '2025-12-08';
const LENDING_ASSISTANCE = 'internet-lending-assistance';
const source = (quote: string) => ({ document: DOCUMENT, publisher: 'Xin Jing Bao', url: null, quote });

const BANKS_HALT =
  'Several local banks, including Urumqi Bank and Longjiang Bank, have announced a halt to new internet lending partnerships';
const CONTRACTION =
  'Recent regulatory changes have led to a significant contraction in the cooperation between local commercial ' +
  'banks and internet lending platforms';

const halt = (key: string, bank: { name: string; aliases: string[] }, jurisdiction: string, city: string): SeedNotice => ({
  key,
  notice: {
    authority: `${bank.name} (${bank.aliases.join(', ')})`,
    jurisdiction,
    title: `${bank.name} announces a halt to new internet lending partnerships (reported in "${HEADLINE}")`,
    published: PUBLISHED,
    language: 'en',
    source: source(`${CONTRACTION}, primarily due to concerns over "joint debt risks"`),
    effects: [
      {
        type: 'PartnershipHalted',
        jurisdiction,
        effective: '../2025-12-08',
        bank,
        businessLine: LENDING_ASSISTANCE,
        quote: BANKS_HALT,
        note:
          `A halt to NEW partnerships; partners and their number are not given. Announced "Recently" before the ` +
          `article of 2025-12-08, date not given. Jurisdiction: the bank's home city, ${city} (not stated in the document).`,
      },
    ],
  },
});

export const document004Seeds: SeedNotice[] = [
  halt('src004-urumqi-bank-halt', { name: 'Urumqi Bank', aliases: ['乌鲁木齐银行'] }, 'CN-650100', 'Urumqi'),
  halt('src004-longjiang-bank-halt', { name: 'Longjiang Bank', aliases: ['龙江银行'] }, 'CN-230100', 'Harbin'),
  {
    key: 'src004-platform-margins',
    notice: {
      authority: 'unknown (industry figure reported by Xin Jing Bao; no source named)',
      jurisdiction: 'CN',
      title: `Lending platforms' profit margin per loan falls from about 4% to about 2% (reported in "${HEADLINE}")`,
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
          effective: '../2025-12-08',
          metric: 'lending-platform-profit-margin-per-loan',
          value: 2,
          unit: 'percent',
          qualifier: 'approximately',
          businessLine: LENDING_ASSISTANCE,
          quote: 'with profit margins dropping from approximately 4% to around 2% per loan due to regulatory changes',
          note:
            'Down from approximately 4%; the date of the earlier level is not given, so it is not recorded as a ' +
            'fact of its own. Nationwide industry figure, attributed to regulatory changes.',
        },
      ],
    },
  },
];
