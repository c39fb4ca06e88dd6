import type { EventStore } from '../libs/event-store/src/index.js';
import { noticeStreamName } from '../libs/domain/src/index.js';
import { documentSeeds } from './documents/index.js';
import { researchSeeds } from './research/index.js';
import { seedCorroborations } from './corroborations.js';
import { seedNoticeId } from './load-seeds.js';

export { loadSeeds, seedFactId, seedNoticeId, type SeedReport } from './load-seeds.js';
export type { SeedCorroboration, SeedNotice } from './seed-notice.js';
export { documentSeeds, researchSeeds, seedCorroborations };

/** Every seed notice, documents first, then the research notes. */
export const allSeeds = [...documentSeeds, ...researchSeeds];

/** Whether this log holds the seeds of some release (its first seed notice): they are then kept up to date on start. */
export async function seedsRecorded(store: EventStore): Promise<boolean> {
  const first = allSeeds[0];
  return first !== undefined && (await store.readStream(noticeStreamName(seedNoticeId(first.key)))).length > 0;
}
