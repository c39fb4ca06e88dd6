import { Module } from '@nestjs/common';
import { ProblemsController } from '../problems/problems.controller.js';
import { EventTypesController } from './event-types.controller.js';

/** The contract's own routes: the event catalogue and the pages of the problem types. */
@Module({ controllers: [EventTypesController, ProblemsController] })
export class ContractModule {}
