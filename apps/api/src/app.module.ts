import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { EventStore } from '../../../libs/event-store/src/event-store.js';
import { RolesGuard } from './auth/roles.guard.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { EventsController } from './events/events.controller.js';
import { ListEventsHandler } from './events/list-events.query.js';
import { HealthController } from './health/health.controller.js';
import { GetNoticeHandler } from './notices/get-notice.query.js';
import { CorrectFactHandler, PublishNoticeHandler, RetractFactHandler } from './notices/notice-commands.handlers.js';
import { NoticeCommands } from './notices/notice-commands.js';
import { NoticesController } from './notices/notices.controller.js';
import { EVENT_STORE } from './store/store.tokens.js';

@Module({})
export class AppModule {
  /** The store is opened by the caller (main, seeds, tests) and closed by it. */
  static forRoot(config: AppConfig, store: EventStore): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot()],
      controllers: [NoticesController, EventsController, HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: EVENT_STORE, useValue: store },
        { provide: NoticeCommands, useFactory: () => new NoticeCommands(store) },
        { provide: APP_GUARD, useClass: RolesGuard },
        PublishNoticeHandler,
        CorrectFactHandler,
        RetractFactHandler,
        GetNoticeHandler,
        ListEventsHandler,
      ],
    };
  }
}
