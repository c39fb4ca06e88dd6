import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** This process's answers: a new release (or reference data) may answer the same question differently. */
const PROCESS_TAG = randomBytes(6).toString('base64url');

/** An answer as sent: its JSON text (UTF-8, sent as it is) and the entity tag that names it. */
export interface CachedAnswer {
  readonly body: Buffer;
  readonly etag: string;
}

/**
 * Answers already given, by read-model position and request: the read models change only when
 * the projector moves the position, so the same question at the same position has the same answer
 * (only questions that name their instant are kept: one without `asOf` means "now", which moves).
 * Least recently used answers go first once the budget (ANSWER_CACHE_MB) is spent; 0 turns it off.
 */
@Injectable()
export class AnswerCache {
  private readonly answers: LRUCache<string, CachedAnswer> | null;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'answerCacheBytes'>) {
    this.answers = config.answerCacheBytes > 0
      ? new LRUCache<string, CachedAnswer>({ maxSize: config.answerCacheBytes, sizeCalculation: (answer) => Math.max(1, answer.body.byteLength) })
      : null;
  }

  /** The cache key and entity tag of a request at a position; null when its answer may change without the position moving. */
  static keyOf(position: bigint | null, url: string, query: Readonly<Record<string, unknown>> | undefined): { key: string; etag: string } | null {
    if (typeof query?.asOf !== 'string' || query.asOf === '') return null;
    // the question without minPosition (it only says how long to wait), its parameters in order
    const question = new URL(url, 'http://answer.invalid');
    question.searchParams.delete('minPosition');
    question.searchParams.sort();
    const asked = `${question.pathname}?${question.searchParams.toString()}`;
    const key = `${position ?? 0n}\n${asked}`;
    return { key, etag: `"${position ?? 0n}-${PROCESS_TAG}-${createHash('sha256').update(asked).digest('base64url').slice(0, 22)}"` };
  }

  get(key: string): CachedAnswer | undefined {
    return this.answers?.get(key);
  }

  set(key: string, answer: CachedAnswer): void {
    this.answers?.set(key, answer);
  }
}
