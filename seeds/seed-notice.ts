import type { CorroborationInput, NoticeInput } from '../libs/domain/src/index.js';

/**
 * One notice to load. `key` is stable and unique across all seed files: the loader uses it
 * as the idempotency key, so it must never change once a seed has been loaded anywhere.
 * Document seeds are keyed `srcNNN-...` (NNN = the source document), research seeds `res-...`.
 *
 * `notice` is the notice as it should be recorded now: a new data dir records exactly this. A data
 * dir that recorded an earlier release of the seed is brought to the same answers by corrections,
 * never by rewriting: each effect whose recorded content differs gets a `FactCorrected` with the
 * reason in `revisions`, and each effect in `retired` a `FactRetracted` (retired effects keep their
 * place in `effects`, so fact ids, `<noticeId>:<index + 1>`, never move).
 */
export interface SeedNotice {
  key: string;
  notice: NoticeInput;
  /** by effect index: why the effect differs from what an earlier release of this seed recorded */
  revisions?: Readonly<Record<number, string>>;
  /** by effect index: why the effect no longer stands (recorded, then retracted, also on a new data dir) */
  retired?: Readonly<Record<number, string>>;
}

/**
 * Another source reporting a fact of a seed notice (truth rule 3): recorded as `FactCorroborated`
 * on that fact, so the fact is shown once with both sources and counted once.
 */
export interface SeedCorroboration {
  /** idempotency key, stable like a seed's */
  key: string;
  /** the seed notice's key and the index of the effect reported again */
  fact: { seed: string; effect: number };
  corroboration: CorroborationInput;
}
