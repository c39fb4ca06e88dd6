/** Test support (not exported from the library): queries from the strings a client sends. */
import { parseTimeParameter, type TimeQuery } from './time-query.js';

export const at = (asOf: string, axes: { knownAt?: string; recordedAt?: string } = {}): TimeQuery => ({
  asOf: parseTimeParameter('asOf', asOf),
  knownAt: axes.knownAt === undefined ? null : parseTimeParameter('knownAt', axes.knownAt),
  recordedAt: axes.recordedAt === undefined ? null : parseTimeParameter('recordedAt', axes.recordedAt),
});
