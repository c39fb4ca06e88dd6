import type { DateTime } from 'luxon';
import type { FactHistory } from '../../../../libs/domain/src/index.js';

export const TIMELINE_READER = Symbol('TIMELINE_READER');

export interface FactFilter {
  /** facts located in these jurisdictions; null = everywhere */
  readonly jurisdictions: readonly string[] | null;
  /** only facts whose effective date may have started by this calendar day (ISO); null = any */
  readonly startedBy: string | null;
  /** only facts whose effective date may still hold on or after this day (ISO); null = any */
  readonly endsFrom?: string | null;
  /** as recorded at this instant: later versions, corrections and retractions are left out; null = latest */
  readonly recordedAt: DateTime | null;
  /** only facts naming this institution */
  readonly institutionId?: string;
}

export interface InstitutionRecord {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly jurisdiction: string;
}

/** The read side's questions to the read models: index lookups, never a replay of the log. */
export interface TimelineReader {
  /** the histories (versions, corrections, retraction) of the facts the filter selects */
  factHistories(filter: FactFilter): Promise<FactHistory[]>;
  searchInstitutions(query: string, limit: number): Promise<InstitutionRecord[]>;
  institution(id: string): Promise<InstitutionRecord | null>;
  /** log position the read models include (the projector's checkpoint), null before the first event */
  projectedPosition(): Promise<bigint | null>;
}
