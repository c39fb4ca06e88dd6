import type { WebhookConfig } from '../../../../libs/config/src/index.js';

/** What the projector's worker thread is given: where the log and the read models are, and the webhooks' settings. */
export interface ProjectorWorkerData {
  readonly eventStore: { readonly eventStoreConnectionString?: string; readonly sqlitePath: string };
  readonly readModel: { readonly databaseUrl?: string; readonly sqlitePath: string };
  readonly webhooks: WebhookConfig;
}

/** The API's thread to the projector's. */
export type ToProjector =
  /** the API appended through its own connection: read the log now rather than at the next poll */
  | { readonly type: 'appended' }
  /** deliveries may be due now (a subscription resumed, a replay, a retry by hand): the sender looks at once, not at its next poll */
  | { readonly type: 'deliveries-due' }
  /** commit what was received, stop the webhook sender, close the connections, then say 'stopped' */
  | { readonly type: 'stop' };

/** The projector's thread to the API's. */
export type FromProjector =
  /** a line for the process's log, under `context` (Projector, Webhooks) */
  | { readonly type: 'log'; readonly context: string; readonly level: 'log' | 'warn' | 'error'; readonly message: string }
  /** caught up and following the log: the API may answer */
  | { readonly type: 'following' }
  /** the start failed (a store that does not open): the API's start fails with this reason */
  | { readonly type: 'failed'; readonly message: string }
  /** a run committed by every processor (its position, decimal) and the consumer's state, or only a new state */
  | { readonly type: 'progress'; readonly commit: string | null; readonly state: string }
  /** stopped, its connections closed: the thread may end */
  | { readonly type: 'stopped' };
