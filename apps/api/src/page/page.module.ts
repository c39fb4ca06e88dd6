import { Module } from '@nestjs/common';

/** Page: its controllers and providers are registered here. */
@Module({})
export class PageModule {}
