import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { LogEventsRead } from '../log-events-read.event.js';
import { WebhookDelivery } from './webhook-delivery.service.js';

/**
 * Wakes webhook delivery once the read models have committed a batch, so a fact reaches its
 * subscribers within milliseconds instead of at the next poll. It carries no data: delivery reads
 * the log from its own checkpoint.
 */
@EventsHandler(LogEventsRead)
export class WebhookWakeup implements IEventHandler<LogEventsRead> {
  constructor(private readonly delivery: WebhookDelivery) {}

  handle(read: LogEventsRead): void {
    read.settled.then(() => this.delivery.wake(), () => undefined);
  }
}
