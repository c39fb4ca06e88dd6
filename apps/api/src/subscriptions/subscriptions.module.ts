import { Module } from '@nestjs/common';

/** Subscriptions: its controllers and providers are registered here. */
@Module({})
export class SubscriptionsModule {}
