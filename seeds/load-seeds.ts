import type { FactInput } from '../libs/domain/src/index.js';
import type { EventStore } from '../libs/event-store/src/event-store.js';
import { NoticeRequestDto } from '../apps/api/src/notices/dto/notice.dto.js';
import { NoticeCommands } from '../apps/api/src/notices/notice-commands.js';
import { collectProblems, validateDto, validateFact } from '../apps/api/src/notices/notice-request-validation.js';
import type { SeedNotice } from './seed-notice.js';

export interface SeedReport {
  readonly notices: number;
  /** notices recorded by this run; the rest were already in the log */
  readonly recorded: number;
  readonly events: number;
}

/**
 * Records seed notices through the same validation and command path as POST /v1/notices.
 * Each seed's key is its idempotency key, so loading twice records nothing new.
 */
export async function loadSeeds(
  store: EventStore,
  seeds: readonly SeedNotice[],
  onProgress: (done: number, total: number) => void = () => {},
): Promise<SeedReport> {
  const commands = new NoticeCommands(store);
  let recorded = 0;
  let events = 0;
  for (const [index, seed] of seeds.entries()) {
    const validated: FactInput[] = [];
    collectProblems([
      () => validateDto(NoticeRequestDto, { ...seed.notice, effects: [] }),
      ...seed.notice.effects.map((effect, at) => () => validated.push(validateFact(effect, `effects[${at}]`) as FactInput)),
    ]);
    const outcome = await commands.publish(seed.notice, { actor: 'seed', idempotencyKey: seed.key });
    if (!outcome.replayed) {
      recorded++;
      events += outcome.events.length;
    }
    onProgress(index + 1, seeds.length);
  }
  return { notices: seeds.length, recorded, events };
}
