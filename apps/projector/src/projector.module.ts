import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { EventStore } from '../../../libs/event-store/src/event-store.js';
import type { ReadModelStore } from '../../../libs/read-model/src/read-model-store.js';
import { LogFollower } from './log-follower.js';
import { PROJECTOR_EVENT_STORE, READ_MODEL_STORE } from './projector.tokens.js';
import { ReadModelProjection } from './read-model.projection.js';

/**
 * The projector: the log follower and the projections it feeds. Embedded in the api process by
 * default; its own process in docker-compose. The root module calls CqrsModule.forRoot().
 */
@Module({})
export class ProjectorModule {
  static forRoot(eventStore: EventStore, readModel: ReadModelStore): DynamicModule {
    return {
      module: ProjectorModule,
      global: true,
      imports: [CqrsModule],
      providers: [
        { provide: PROJECTOR_EVENT_STORE, useValue: eventStore },
        { provide: READ_MODEL_STORE, useValue: readModel },
        LogFollower,
        ReadModelProjection,
      ],
      exports: [LogFollower, READ_MODEL_STORE],
    };
  }
}
