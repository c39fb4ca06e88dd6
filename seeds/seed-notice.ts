import type { NoticeInput } from '../libs/domain/src/index.js';

/**
 * One notice to load. `key` is stable and unique across all seed files: the loader uses it
 * as the idempotency key, so it must never change once a seed has been loaded anywhere.
 * Document seeds are keyed `srcNNN-...` (NNN = the source document), research seeds `res-...`.
 */
export interface SeedNotice {
  key: string;
  notice: NoticeInput;
}
