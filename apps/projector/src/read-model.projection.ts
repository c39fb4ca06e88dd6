import { Inject, Logger } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { checkpointEventOf } from '../../../libs/read-model/src/log-consistency.js';
import { project } from '../../../libs/read-model/src/projections.js';
import type { ReadModelStore } from '../../../libs/read-model/src/read-model-store.js';
import { LogEventsRead } from './log-events-read.event.js';
import { READ_MODEL_STORE } from './projector.tokens.js';

import { READ_MODEL_PROJECTOR } from '../../../libs/read-model/src/read-model-store.js';

export { READ_MODEL_PROJECTOR };

/** Turns stored events into read-model changes and commits them with the checkpoint, in one transaction. */
@EventsHandler(LogEventsRead)
export class ReadModelProjection implements IEventHandler<LogEventsRead> {
  private readonly logger = new Logger('ReadModelProjection');

  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async handle(read: LogEventsRead): Promise<void> {
    read.taken = true;
    const last = read.events[read.events.length - 1];
    if (!last) return read.settle();
    try {
      await this.store.apply(READ_MODEL_PROJECTOR, last.position, read.events.flatMap(project), checkpointEventOf(last));
      read.settle();
    } catch (error) {
      this.logger.error(`projecting up to position ${last.position.commit} failed: ${String(error)}`);
      read.settle(error);
    }
  }
}
