import type { FactData } from '../notice/notice-events.js';

/** "online-lending" -> "online lending" */
const words = (slug: string | undefined): string => (slug ?? '').replace(/-/g, ' ').trim();

/** 5000 -> "5,000": a count as people write it (fixed locale, so answers do not depend on the server's) */
/** built once: toLocaleString with options builds a formatter per call (4% of a state answer's time), and formats the same */
const NUMBER_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
export const formatNumber = (value: number): string => NUMBER_FORMAT.format(value);

const howMany = (count: number | undefined): string => (count === undefined ? 'a number of' : formatNumber(count));

const plural = (count: number, one: string, many: string): string => `${formatNumber(count)} ${count === 1 ? one : many}`;

function nameList(names: readonly string[] | undefined): string {
  if (!names || names.length === 0) return '';
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? ` (${shown} and ${names.length - 3} more)` : ` (${shown})`;
}

const institutions = (count: number | undefined, businessLine: string | undefined): string =>
  [howMany(count), words(businessLine), count === 1 ? 'institution' : 'institutions'].filter(Boolean).join(' ');

const QUALIFIER_WORDS: Record<string, string> = {
  exact: '', approximately: 'approximately ', nearly: 'nearly ', 'at-least': 'at least ', 'more-than': 'more than ',
  'at-most': 'at most ',
};

const total = (fact: { cumulative?: boolean; effective: { text: string } }): string =>
  fact.cumulative ? ` in total as of ${fact.effective.text}` : '';

/** A one-line English description of a fact, e.g. "28 online lending institutions banned (batch 1 of 3)". */
export function summary(fact: FactData): string {
  switch (fact.kind) {
    case 'BusinessLineProhibited':
      return `all ${words(fact.businessLine)} business prohibited${fact.scope ? ` (${fact.scope})` : ''}`;
    case 'InstitutionsBanned': {
      const batch = fact.batch ? ` (batch ${fact.batch.number} of ${fact.batch.of})` : '';
      return `${institutions(fact.count, fact.businessLine)} banned${batch}${total(fact)}${nameList(fact.names)}`;
    }
    case 'InstitutionsClosed':
      return `${institutions(fact.count, fact.businessLine)} closed${total(fact)}${nameList(fact.names)}`;
    case 'InstitutionsRevoked':
      return `${institutions(fact.count, fact.businessLine)} revoked${total(fact)}${nameList(fact.names)}`;
    case 'InstitutionExitAnnounced': {
      const line = fact.businessLine ? ` from ${words(fact.businessLine)}` : '';
      return `${fact.institution.name} announced on ${fact.announced.text} its exit${line}, effective ${fact.effective.text}`;
    }
    case 'StatisticReported': {
      const qualifier = QUALIFIER_WORDS[fact.qualifier ?? 'exact'] ?? '';
      const since = fact.baseline ? ` since ${fact.baseline.text}` : '';
      const of = fact.institution ? `${fact.institution.name} ` : '';
      return `${of}${words(fact.metric)}: ${qualifier}${formatNumber(fact.value)} ${words(fact.unit)}${since}, as of ${fact.effective.text}`;
    }
    case 'NameRestrictionImposed':
      return `${fact.forbiddenWords.length} words forbidden in names of ${fact.appliesTo}`;
    case 'PartnershipHalted': {
      const partners = fact.partnerCount !== undefined ? ` with ${plural(fact.partnerCount, 'partner', 'partners')}` : nameList(fact.partners);
      return `${fact.bank.name} halted new ${words(fact.businessLine)} partnerships${partners}`;
    }
  }
}
