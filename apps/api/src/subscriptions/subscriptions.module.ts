import { Module } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { WebhookDatabase } from '../../../../libs/webhooks/src/index.js';
import { loadWebhookConfig } from '../../../../libs/config/src/index.js';
import { WEBHOOK_CONFIG } from '../../../../libs/webhooks/src/index.js';
import { SubscriptionStore } from '../../../../libs/webhooks/src/index.js';
import { READ_MODEL_DB } from '../store/store.tokens.js';
import { SubscriptionsController } from './subscriptions.controller.js';

/**
 * Webhook subscriptions: the API writes them to the read-model database; the projector (embedded
 * or its own process) delivers. Settings come from WEBHOOK_* environment variables.
 */
@Module({
  controllers: [SubscriptionsController],
  providers: [
    { provide: WEBHOOK_CONFIG, useFactory: () => loadWebhookConfig(process.env) },
    { provide: SubscriptionStore, inject: [READ_MODEL_DB], useFactory: (db: Kysely<unknown>) => new SubscriptionStore(db as unknown as Kysely<WebhookDatabase>) },
  ],
})
export class SubscriptionsModule {}
