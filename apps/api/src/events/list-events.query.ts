import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { positionToJson, type EventStore, type LogPosition } from '../../../../libs/event-store/src/index.js';
import { EVENT_STORE } from '../store/store.tokens.js';
import { presentEvent, type PresentedEvent } from './present-event.js';

export interface EventPage {
  readonly events: PresentedEvent[];
  /** pass as `after` for the next page; null when this page reached the end of the log */
  readonly next: number | string | null;
}

export class ListEventsQuery extends Query<EventPage> {
  constructor(readonly after: LogPosition | undefined, readonly limit: number) {
    super();
  }
}

@QueryHandler(ListEventsQuery)
export class ListEventsHandler implements IQueryHandler<ListEventsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ after, limit }: ListEventsQuery): Promise<EventPage> {
    const events: PresentedEvent[] = [];
    let last: LogPosition | undefined;
    for await (const event of this.store.readAll({ after, limit })) {
      events.push(presentEvent(event));
      last = event.position;
      if (events.length === limit) break;
    }
    return { events, next: events.length === limit && last ? positionToJson(last) : null };
  }
}
