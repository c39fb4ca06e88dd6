import { Logger, Module, type DynamicModule } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { ConsumerModule, type LogProcessor } from '../../../libs/consumers/src/index.js';
import type { EventStore } from '../../../libs/event-store/src/index.js';
import { ReadModelProjection } from '../../../libs/read-model/src/read-model-projection.js';
import type { ReadModelStore } from '../../../libs/read-model/src/read-model-store.js';
import { loadWebhookConfig } from '../../../libs/config/src/index.js';
import type { WebhookDb } from '../../../libs/webhooks/src/delivery-queue.js';
import { WebhookEnqueuer } from '../../../libs/webhooks/src/webhook-enqueuer.js';

export interface ProjectorOptions {
  /** deliver webhooks from this process (default true; a rebuild turns it off) */
  readonly webhooks?: boolean;
}

/** The log consumer's processors, in order: the read models first, then the webhook enqueuer. */
export const projectorProcessors = (readModel: ReadModelStore, options: ProjectorOptions = {}): LogProcessor[] => [
  new ReadModelProjection(readModel),
  ...(options.webhooks ?? true ? [new WebhookEnqueuer(readModel.db as Kysely<unknown> as WebhookDb, loadWebhookConfig(process.env))] : []),
];

/** The projector as its own process: the log consumer and its processors. The root module calls CqrsModule.forRoot(). */
@Module({})
export class ProjectorModule {
  static forRoot(eventStore: EventStore, readModel: ReadModelStore, options: ProjectorOptions = {}): DynamicModule {
    return ConsumerModule.forRoot({ eventStore, processors: projectorProcessors(readModel, options), logger: new Logger('Projector') });
  }
}
