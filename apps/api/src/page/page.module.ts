import { Module } from '@nestjs/common';
import { PageController } from './page.controller.js';

/** Page: the timeline page served at `/`. */
@Module({ controllers: [PageController] })
export class PageModule {}
