import type { SubscribeOptions } from './event-store.js';

export const toError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** Tells the subscriber that its subscription stopped (its handler threw, or the store gave up). */
export function reportStopped(options: SubscribeOptions, failure: Error): void {
  try {
    if (options.onError) return options.onError(failure);
  } catch {
    // the error handler itself failed: fall through to the warning
  }
  process.emitWarning(`event store subscription stopped: ${failure.stack ?? failure.message}`);
}
