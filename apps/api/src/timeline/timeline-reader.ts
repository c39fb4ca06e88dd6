export type { FactFilter, InstitutionRecord, TimelineReader } from '../../../../libs/read-model/src/timeline-reader.js';

export const TIMELINE_READER = Symbol('TIMELINE_READER');
