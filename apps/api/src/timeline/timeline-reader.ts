export type { FactFilter, InstitutionRecord, TimelineReader } from '../../../../libs/read-model/src/index.js';

export const TIMELINE_READER = Symbol('TIMELINE_READER');
