import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** This process's answers: a new release (or reference data) may answer the same question differently. */
const PROCESS_TAG = randomBytes(6).toString('base64url');

/**
 * Answers already given, by read-model position and request: the read models change only when
 * the projector moves the position, so the same question at the same position has the same answer
 * (only questions that name their instant are kept: one without `asOf` means "now", which moves).
 * Least recently used answers go first once the budget (ANSWER_CACHE_MB) is spent; 0 turns it off.
 */
@Injectable()
export class AnswerCache {
  private readonly answers: LRUCache<string, Buffer> | null;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'answerCacheBytes'>) {
    this.answers = config.answerCacheBytes > 0
      ? new LRUCache<string, Buffer>({ maxSize: config.answerCacheBytes, sizeCalculation: (body) => Math.max(1, body.byteLength) })
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

  /** an answer's JSON text as sent (UTF-8) */
  get(key: string): Buffer | undefined {
    return this.answers?.get(key);
  }

  set(key: string, body: Buffer): void {
    this.answers?.set(key, body);
  }
}
