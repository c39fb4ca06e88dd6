import { Logger, type DynamicModule } from '@nestjs/common';
import { ConsumerModule } from '../../../libs/consumers/src/index.js';
import type { EventStore } from '../../../libs/event-store/src/index.js';
import type { ReadModelStore } from '../../../libs/read-model/src/index.js';
import { loadWebhookConfig } from '../../../libs/config/src/index.js';
import { logProcessors } from '../../../libs/webhooks/src/index.js';

/** The projector process's module: the log consumer and its processors. The root module calls CqrsModule.forRoot(). */
export const projectorModule = (eventStore: EventStore, readModel: ReadModelStore): DynamicModule =>
  ConsumerModule.forRoot({ eventStore, processors: logProcessors(readModel, loadWebhookConfig(process.env), new Logger('Webhooks')), logger: new Logger('Projector') });
