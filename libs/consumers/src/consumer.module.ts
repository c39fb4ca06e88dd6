import type { DynamicModule } from '@nestjs/common';
import type { EventStore } from '../../event-store/src/index.js';
import { LogConsumer, type LogConsumerOptions } from './log-consumer.js';
import type { LogProcessor } from './processor.js';

export interface ConsumerModuleOptions extends LogConsumerOptions {
  readonly eventStore: EventStore;
  /** in the order each run of events is handed to them */
  readonly processors: readonly LogProcessor[];
}

/**
 * The log consumer of a process and its processors, as a Nest module: embedded in the api process
 * by default, its own process in docker-compose (apps/projector). Global: /health reads its state.
 * The caller starts it once the app is up; it stops with the app (LogConsumer.onApplicationShutdown).
 * No decorator, so this lib loads no Nest code (libs/read-model, loaded by worker threads, uses it).
 */
export class ConsumerModule {
  static forRoot(options: ConsumerModuleOptions): DynamicModule {
    const consumer = new LogConsumer(options.eventStore, options.processors, options);
    return { module: ConsumerModule, global: true, providers: [{ provide: LogConsumer, useValue: consumer }], exports: [LogConsumer] };
  }
}
