import { Logger, type DynamicModule } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { ConsumerModule, type LogProcessor } from '../../../libs/consumers/src/index.js';
import type { EventStore } from '../../../libs/event-store/src/index.js';
import { ReadModelProjection } from '../../../libs/read-model/src/index.js';
import type { ReadModelStore } from '../../../libs/read-model/src/index.js';
import { loadWebhookConfig } from '../../../libs/config/src/index.js';
import type { WebhookDb } from '../../../libs/webhooks/src/index.js';
import { WebhookEnqueuer } from '../../../libs/webhooks/src/index.js';

/** The log consumer's processors, in order: the read models first, then the webhook enqueuer. */
const projectorProcessors = (readModel: ReadModelStore): LogProcessor[] => [
  new ReadModelProjection(readModel),
  new WebhookEnqueuer(readModel.db as Kysely<unknown> as WebhookDb, loadWebhookConfig(process.env)),
];

/** The projector process's module: the log consumer and its processors. The root module calls CqrsModule.forRoot(). */
export const projectorModule = (eventStore: EventStore, readModel: ReadModelStore): DynamicModule =>
  ConsumerModule.forRoot({ eventStore, processors: projectorProcessors(readModel), logger: new Logger('Projector') });
