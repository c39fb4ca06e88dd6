import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { EventStore } from '../../../libs/event-store/src/index.js';
import { KyselyTimelineReader, READ_MODEL_PROJECTOR, type ReadModelStore } from '../../../libs/read-model/src/index.js';
import { APP_CONFIG, type AppConfig } from '../../../libs/config/src/index.js';
import { EMBEDDED_PROJECTOR, embeddedProjector } from './projector/embedded-projector.js';
import { INSTITUTION_QUERY_HANDLERS } from './timeline/institution.queries.js';
import { InstitutionsController } from './timeline/institutions.controller.js';
import { JurisdictionsController } from './timeline/jurisdictions.controller.js';
import { ReadYourWrites } from './timeline/read-your-writes.js';
import { TimelineController } from './timeline/timeline.controller.js';
import { TIMELINE_QUERY_HANDLERS } from './timeline/timeline.queries.js';
import { SeriesController } from './timeline/series.controller.js';
import { SeriesHandler } from './timeline/series.queries.js';
import { TIMELINE_READER } from './timeline/timeline-reader.js';
import { ComputedAnswers } from './timeline/answer-workers.js';
import { AuditModule } from './audit/audit.module.js';
import { ContractModule } from './openapi/contract.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { TimelineMetrics } from './metrics/metrics.js';
import { PageModule } from './page/page.module.js';
import { SubscriptionsModule } from './subscriptions/subscriptions.module.js';
import { RolesGuard } from './auth/roles.guard.js';
import { EventsController } from './events/events.controller.js';
import { ListEventsHandler } from './events/list-events.query.js';
import { HealthController } from './health/health.controller.js';
import { GetNoticeHandler } from './notices/get-notice.query.js';
import { CorrectFactHandler, CorroborateFactHandler, PublishNoticeHandler, RetractFactHandler } from './notices/notice-commands.handlers.js';
import { NoticeCommands } from '../../../libs/application/src/index.js';
import { NoticesController } from './notices/notices.controller.js';
import { EVENT_STORE, READ_MODEL_DB } from './store/store.tokens.js';
import { AnswerCache } from './timeline/answer-cache.js';

/** Global: the feature modules (audit, subscriptions, page) inject the stores and config by token. */
@Module({})
export class AppModule {
  /**
   * The stores are opened by the caller (main, tests) and closed by it. With the embedded
   * projector (the one-machine default) the read models are built in this process too, in a
   * worker thread of it on connections of its own (projector/embedded-projector.ts).
   */
  static forRoot(config: AppConfig, store: EventStore, readModel: ReadModelStore): DynamicModule {
    const reader = new KyselyTimelineReader(readModel.db, READ_MODEL_PROJECTOR);
    return {
      module: AppModule,
      global: true,
      exports: [APP_CONFIG, EVENT_STORE, READ_MODEL_DB, TIMELINE_READER, ReadYourWrites, AnswerCache, TimelineMetrics,
        ...(config.embeddedProjector ? [EMBEDDED_PROJECTOR] : [])],
      imports: [
        CqrsModule.forRoot(), AuditModule, SubscriptionsModule, PageModule, DocumentsModule, ContractModule,
      ],
      controllers: [MetricsController, NoticesController, EventsController, HealthController, JurisdictionsController, TimelineController, SeriesController, InstitutionsController],
      providers: [
        // the embedded projector (ROLE=all): the log consumer with its processors, in a worker thread by default
        ...(config.embeddedProjector ? [{ provide: EMBEDDED_PROJECTOR, useValue: embeddedProjector(config, store, readModel) }] : []),
        { provide: READ_MODEL_DB, useValue: readModel.db },
        { provide: TIMELINE_READER, useValue: reader },
        { provide: TimelineMetrics, useValue: new TimelineMetrics(store, reader) },
        ReadYourWrites,
        AnswerCache,
        ComputedAnswers,
        ...TIMELINE_QUERY_HANDLERS, SeriesHandler,
        ...INSTITUTION_QUERY_HANDLERS,
        { provide: APP_CONFIG, useValue: config },
        { provide: EVENT_STORE, useValue: store },
        { provide: NoticeCommands, useFactory: () => new NoticeCommands(store) },
        { provide: APP_GUARD, useClass: RolesGuard },
        PublishNoticeHandler,
        CorrectFactHandler,
        RetractFactHandler,
        CorroborateFactHandler,
        GetNoticeHandler,
        ListEventsHandler,
      ],
    };
  }
}
