import { FACT_KINDS, jurisdictions as registry } from '../../domain/src/index.js';

/** Every event type a subscription may ask for. */
export const WEBHOOK_EVENT_TYPES: readonly string[] = [
  'NoticePublished.v1', ...FACT_KINDS.map((kind) => `${kind}.v1`), 'FactCorrected.v1', 'FactCorroborated.v1', 'FactRetracted.v1',
];

export interface SubscriptionFilter {
  /** [] = every type; a name without version ("InstitutionsBanned") means every version */
  readonly eventTypes: readonly string[];
  /** [] = everywhere; each code includes its children (CN-GD includes CN-440100) */
  readonly jurisdictions: readonly string[];
}

/** What an event is about, for filtering. */
export interface EventSubject {
  readonly type: string;
  /** every jurisdiction the event concerns (a correction: the old and the new one); may be empty */
  readonly jurisdictions: readonly string[];
}

const unversioned = (type: string): string => type.replace(/\.v\d+$/, '');

/** Normalises one requested event type, or returns null when it names none we record. */
export function normaliseEventType(type: string): string | null {
  if (WEBHOOK_EVENT_TYPES.includes(type)) return type;
  return WEBHOOK_EVENT_TYPES.some((known) => unversioned(known) === type) ? type : null;
}

/** A jurisdiction by code, GB/T code or name, as its code; null when unknown. */
export const normaliseJurisdiction = (codeOrName: string): string | null => registry.find(codeOrName)?.code ?? null;

/** True when the subscription wants the event. An event without a jurisdiction matches no jurisdiction filter. */
export function matchesFilter(filter: SubscriptionFilter, subject: EventSubject): boolean {
  // notices and facts only: a registered document (DocumentRegistered, its whole text) is not news of a fact
  if (!WEBHOOK_EVENT_TYPES.includes(subject.type)) return false;
  const typeOk = filter.eventTypes.length === 0
    || filter.eventTypes.some((wanted) => wanted === subject.type || wanted === unversioned(subject.type));
  if (!typeOk) return false;
  if (filter.jurisdictions.length === 0) return true;
  return subject.jurisdictions.some((code) => filter.jurisdictions.some((wanted) => registry.isWithin(code, wanted)));
}
