import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { EventStore } from '../../../libs/event-store/src/event-store.js';
import type { ReadModelStore } from '../../../libs/read-model/src/read-model-store.js';
import { LogFollower } from './log-follower.js';
import { PROJECTOR_EVENT_STORE, READ_MODEL_STORE } from './projector.tokens.js';
import { ReadModelProjection } from './read-model.projection.js';
import { loadWebhookConfig } from '../../../libs/webhooks/src/config.js';
import { WebhookDelivery } from './webhooks/webhook-delivery.service.js';
import { WebhookWakeup } from './webhooks/webhook-wakeup.handler.js';
import { WEBHOOK_CONFIG } from './webhooks/webhook.tokens.js';

export interface ProjectorOptions {
  /** deliver webhooks from this process (default true; a rebuild turns it off) */
  readonly webhooks?: boolean;
}

/**
 * The projector: the log follower and the projections it feeds. Embedded in the api process by
 * default; its own process in docker-compose. The root module calls CqrsModule.forRoot().
 */
@Module({})
export class ProjectorModule {
  static forRoot(eventStore: EventStore, readModel: ReadModelStore, options: ProjectorOptions = {}): DynamicModule {
    return {
      module: ProjectorModule,
      global: true,
      imports: [CqrsModule],
      providers: [
        { provide: PROJECTOR_EVENT_STORE, useValue: eventStore },
        { provide: READ_MODEL_STORE, useValue: readModel },
        LogFollower,
        ReadModelProjection,
        ...(options.webhooks ?? true
          ? [{ provide: WEBHOOK_CONFIG, useFactory: () => loadWebhookConfig(process.env) }, WebhookDelivery, WebhookWakeup]
          : []),
      ],
      exports: [LogFollower, READ_MODEL_STORE],
    };
  }
}
