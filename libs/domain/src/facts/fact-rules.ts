import { invalid } from '../errors.js';
import { jurisdictions } from '../jurisdictions/jurisdiction-registry.js';
import { hasLowerBound, InvalidDateError, parseFuzzyDate, type FuzzyDate } from '../time/fuzzy-date.js';
import type { FactData, FactSource } from '../notice/notice-events.js';
import { isFactKind, LIMITS, SOURCE_KINDS, type FactInput, type SourceKind } from './fact-catalogue.js';
import { toParty } from './party.js';

/**
 * Parses a date field of a write, naming the field when it is invalid. A date with no lower bound
 * ("../2020-06-30") is refused (truth rule 1): it would be possibly true on every earlier day.
 */
export function dateField(field: string, text: string): FuzzyDate {
  let date: FuzzyDate;
  try {
    date = parseFuzzyDate(text);
  } catch (error) {
    if (error instanceof InvalidDateError) throw invalid(field, error.message);
    throw error;
  }
  if (!hasLowerBound(date)) {
    throw invalid(field, `"${text}" has no lower bound: give the earliest day the source allows, ` +
      `e.g. "YYYY-MM-DD/${date.latest}" (a window from the earliest day) instead of "../${date.latest}"`);
  }
  return date;
}

export function jurisdictionField(field: string, codeOrName: string): string {
  const record = jurisdictions.find(codeOrName);
  if (!record) throw invalid(field, `unknown jurisdiction "${codeOrName}"`);
  return record.code;
}

function checkCount(field: string, value: number | undefined): void {
  if (value === undefined) return;
  if (!Number.isSafeInteger(value) || value < 0) throw invalid(field, 'must be a non-negative integer');
}

function checkNames(field: string, names: readonly string[] | undefined, count: number | undefined): void {
  if (names === undefined) return;
  if (names.length > LIMITS.names) throw invalid(field, `at most ${LIMITS.names} names`);
  if (names.some((name) => name.trim() === '')) throw invalid(field, 'names must not be blank');
  if (count !== undefined && names.length > count) {
    throw invalid(field, `lists ${names.length} names but the count is ${count}`);
  }
}

/** Business lines and metrics are lowercase slugs, defined here for every layer. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function checkSlug(field: string, value: string | undefined): void {
  if (value === undefined) return;
  if (!SLUG_PATTERN.test(value) || value.length > LIMITS.shortText) throw invalid(field, 'must be a lowercase slug such as "online-lending"');
}

/** The invariants of a single fact, whatever the HTTP layer already checked. */
function checkFact(field: string, fact: FactInput): void {
  if ('businessLine' in fact) checkSlug(`${field}.businessLine`, fact.businessLine);
  if (fact.type === 'StatisticReported') checkSlug(`${field}.metric`, fact.metric);
  if (fact.quote !== undefined && fact.quote.length > LIMITS.quote) throw invalid(`${field}.quote`, `at most ${LIMITS.quote} characters`);
  switch (fact.type) {
    case 'InstitutionsBanned':
      if (fact.cumulative !== undefined && typeof fact.cumulative !== 'boolean') throw invalid(`${field}.cumulative`, 'must be true or false');
      if (fact.cumulative && fact.batch) throw invalid(`${field}.cumulative`, 'a running total is not a batch: give batch or cumulative, not both');
      checkCount(`${field}.count`, fact.count);
      checkNames(`${field}.names`, fact.names, fact.count);
      if (fact.batch) {
        const { number, of } = fact.batch;
        if (!Number.isSafeInteger(of) || of < 1) throw invalid(`${field}.batch.of`, 'must be an integer of at least 1');
        if (!Number.isSafeInteger(number) || number < 1) {
          throw invalid(`${field}.batch.number`, 'must be an integer of at least 1');
        }
        if (of > LIMITS.batchNumber) throw invalid(`${field}.batch.of`, `must be at most ${LIMITS.batchNumber}`);
        if (number > of) throw invalid(`${field}.batch.number`, `batch ${number} of ${of}: n must not exceed m`);
      }
      return;
    case 'InstitutionsClosed':
    case 'InstitutionsRevoked':
      if (fact.cumulative !== undefined && typeof fact.cumulative !== 'boolean') throw invalid(`${field}.cumulative`, 'must be true or false');
      checkCount(`${field}.count`, fact.count);
      checkNames(`${field}.names`, fact.names, fact.count);
      return;
    case 'StatisticReported':
      if (!Number.isFinite(fact.value)) throw invalid(`${field}.value`, 'must be a finite number');
      return;
    case 'PartnershipHalted':
      checkCount(`${field}.partnerCount`, fact.partnerCount);
      checkNames(`${field}.partners`, fact.partners, fact.partnerCount);
      return;
    case 'NameRestrictionImposed':
      if (fact.forbiddenWords.length === 0) throw invalid(`${field}.forbiddenWords`, 'must list at least one word');
      if (fact.forbiddenWords.length > LIMITS.words) throw invalid(`${field}.forbiddenWords`, `at most ${LIMITS.words} words`);
      return;
    case 'BusinessLineProhibited':
    case 'InstitutionExitAnnounced':
      return;
  }
}

/** Checks a fact and turns it into its recorded form. */
export function recordFact(
  field: string,
  input: FactInput,
  ids: { noticeId: string; factId: string },
  source: FactSource,
): FactData {
  if (!isFactKind(input.type)) throw invalid(`${field}.type`, `unknown fact type "${String(input.type)}"`);
  checkFact(field, input);
  const { type, jurisdiction, effective, quote, ...own } = input as FactInput & Record<string, unknown>;
  const data: Record<string, unknown> = {
    ...own,
    kind: type,
    noticeId: ids.noticeId,
    factId: ids.factId,
    jurisdiction: jurisdictionField(`${field}.jurisdiction`, jurisdiction),
    effective: dateField(`${field}.effective`, effective),
    source: { ...source, quote: quote ?? source.quote },
  };
  if (input.type === 'InstitutionExitAnnounced') {
    data.announced = dateField(`${field}.announced`, input.announced);
    data.institution = toParty(input.institution);
  }
  if (input.type === 'StatisticReported' && input.baseline !== undefined) {
    data.baseline = dateField(`${field}.baseline`, input.baseline);
  }
  if (input.type === 'StatisticReported' && input.institution !== undefined) data.institution = toParty(input.institution);
  if (input.type === 'PartnershipHalted') data.bank = toParty(input.bank);
  return data as unknown as FactData;
}

/** A source's kind as written, defaulting to 'primary'; refuses unknown kinds. */
export function sourceKindField(field: string, value: unknown): SourceKind {
  if (value === undefined || value === null) return 'primary';
  if (typeof value !== 'string' || !(SOURCE_KINDS as readonly string[]).includes(value)) {
    throw invalid(field, `must be one of ${SOURCE_KINDS.join(', ')}`);
  }
  return value as SourceKind;
}

/** A source that is not primary names the outlet it cites, or says it does not know it. */
export function citedOutletField(field: string, kind: SourceKind, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > LIMITS.shortText) throw invalid(field, `must be a string of at most ${LIMITS.shortText} characters`);
  if (kind === 'primary') throw invalid(field, 'a primary source is the outlet itself: citedOutlet is for secondary sources, summaries and translations');
  return value.trim();
}
