import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CorroborationInput, FactInput, NoticeInput, SourcePatch } from '../../../../libs/domain/src/index.js';
import { NoticeCommands, type CommandCaller, type NoticeOutcome } from '../../../../libs/application/src/index.js';

export class PublishNoticeCommand extends Command<NoticeOutcome> {
  constructor(readonly notice: NoticeInput, readonly caller: CommandCaller) {
    super();
  }
}

export class CorrectFactCommand extends Command<NoticeOutcome> {
  constructor(
    readonly noticeId: string,
    readonly factId: string,
    readonly reason: string,
    readonly corrected: FactInput,
    readonly caller: CommandCaller,
    readonly source?: SourcePatch,
  ) {
    super();
  }
}

export class CorroborateFactCommand extends Command<NoticeOutcome> {
  constructor(readonly noticeId: string, readonly factId: string, readonly corroboration: CorroborationInput, readonly caller: CommandCaller) {
    super();
  }
}

export class RetractFactCommand extends Command<NoticeOutcome> {
  constructor(readonly noticeId: string, readonly factId: string, readonly reason: string, readonly caller: CommandCaller) {
    super();
  }
}

@CommandHandler(PublishNoticeCommand)
export class PublishNoticeHandler implements ICommandHandler<PublishNoticeCommand> {
  constructor(@Inject(NoticeCommands) private readonly commands: NoticeCommands) {}
  execute({ notice, caller }: PublishNoticeCommand): Promise<NoticeOutcome> {
    return this.commands.publish(notice, caller);
  }
}

@CommandHandler(CorrectFactCommand)
export class CorrectFactHandler implements ICommandHandler<CorrectFactCommand> {
  constructor(@Inject(NoticeCommands) private readonly commands: NoticeCommands) {}
  execute({ noticeId, factId, reason, corrected, caller, source }: CorrectFactCommand): Promise<NoticeOutcome> {
    return this.commands.correct(noticeId, factId, reason, corrected, caller, source);
  }
}

@CommandHandler(CorroborateFactCommand)
export class CorroborateFactHandler implements ICommandHandler<CorroborateFactCommand> {
  constructor(@Inject(NoticeCommands) private readonly commands: NoticeCommands) {}
  execute({ noticeId, factId, corroboration, caller }: CorroborateFactCommand): Promise<NoticeOutcome> {
    return this.commands.corroborate(noticeId, factId, corroboration, caller);
  }
}

@CommandHandler(RetractFactCommand)
export class RetractFactHandler implements ICommandHandler<RetractFactCommand> {
  constructor(@Inject(NoticeCommands) private readonly commands: NoticeCommands) {}
  execute({ noticeId, factId, reason, caller }: RetractFactCommand): Promise<NoticeOutcome> {
    return this.commands.retract(noticeId, factId, reason, caller);
  }
}
