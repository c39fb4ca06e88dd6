import type { SeedCorroboration } from './seed-notice.js';

/**
 * Facts reported by more than one source (truth rule 3): the later source is recorded as a
 * corroboration of the fact the earlier seed recorded, so the fact is listed once with both
 * sources and counted once.
 */
export const seedCorroborations: SeedCorroboration[] = [];
