import { Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeNoticeEvent, noticeDecider, noticeStreamName, type NoticeState } from '../../../../libs/domain/src/index.js';
import type { EventStore } from '../../../../libs/event-store/src/index.js';
import { EVENT_STORE } from '../store/store.tokens.js';
import { presentEvent, type PresentedEvent } from '../events/present-event.js';

export interface NoticeView {
  readonly noticeId: string;
  /** the stream revision: send it back in If-Match to correct or retract */
  readonly revision: number;
  readonly notice: NoticeState['notice'];
  readonly facts: NoticeState['facts'];
  readonly events: PresentedEvent[];
}

export class GetNoticeQuery extends Query<NoticeView> {
  constructor(readonly noticeId: string) {
    super();
  }
}

/** A notice as its own stream says, folded with the same evolve the write side uses. */
@QueryHandler(GetNoticeQuery)
export class GetNoticeHandler implements IQueryHandler<GetNoticeQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ noticeId }: GetNoticeQuery): Promise<NoticeView> {
    const history = await this.store.readStream(noticeStreamName(noticeId));
    if (history.length === 0) throw new NotFoundException({ code: 'notice-not-found', message: `notice ${noticeId} does not exist` });
    const state = history.map(decodeNoticeEvent).reduce((folded, event) => noticeDecider.evolve(folded, event), noticeDecider.initialState());
    return { noticeId, revision: history.length - 1, notice: state.notice, facts: state.facts, events: history.map(presentEvent) };
  }
}
