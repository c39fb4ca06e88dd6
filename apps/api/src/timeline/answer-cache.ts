import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src/index.js';

/**
 * The code that answers: a new release (or reference data) may answer the same question
 * differently, so the tag is a hash of the code the answers come from (the domain, the read
 * models, the timeline handlers, the quote positions, the CSV tables) and of the code that writes
 * their bytes (the schemas and routes.ts, apps/api/src/openapi), the same in every process running
 * this build: their ETags agree, and an ETag changes when the bytes it names may.
 */
const RELEASE_TAG = releaseTag(path.resolve(import.meta.dirname, '../../../..'),
  ['libs/domain', 'libs/read-model', 'apps/api/src/timeline', 'apps/api/src/documents', 'apps/api/src/csv', 'apps/api/src/openapi']);

function releaseTag(root: string, dirs: readonly string[]): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(js|ts)$/.test(entry.name) && !/\.(spec|int-spec)\.(js|ts)$/.test(entry.name)) {
        hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
      }
    }
  };
  for (const dir of dirs) walk(path.join(root, dir));
  return hash.digest('base64url').slice(0, 8);
}

/**
 * Answers already given, by read-model position and request: the read models change only when
 * the projector moves the position, so the same question at the same position has the same answer
 * (only questions that name their instant are kept: one without `asOf` means "now", which moves).
 * Least recently used answers go first once the budget (ANSWER_CACHE_MB) is spent; 0 turns it off.
 */
/** An answer's JSON text as sent (UTF-8), and its `Link` header (rel="next") when a list goes on. */
export interface CachedAnswer {
  readonly body: Buffer;
  readonly link: string | null;
}

@Injectable()
export class AnswerCache {
  private readonly answers: LRUCache<string, CachedAnswer> | null;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'answerCacheBytes'>) {
    this.answers = config.answerCacheBytes > 0
      ? new LRUCache<string, CachedAnswer>({ maxSize: config.answerCacheBytes, sizeCalculation: ({ body }) => Math.max(1, body.byteLength) })
      : null;
  }

  /** The cache key and entity tag of a request at a position; null when its answer may change without the position moving. */
  static keyOf(
    position: bigint | null, url: string, query: Readonly<Record<string, unknown>> | undefined, variant = 'json',
  ): { key: string; etag: string } | null {
    if (typeof query?.asOf !== 'string' || query.asOf === '') return null;
    // the question without minPosition (it only says how long to wait), its parameters in order
    const question = new URL(url, 'http://answer.invalid');
    question.searchParams.delete('minPosition');
    question.searchParams.sort();
    // the variant: a CSV is written from the whole answer (a jurisdiction's facts with their sources), JSON from the one asked
    const asked = `${variant === 'json' ? '' : `${variant} `}${question.pathname}?${question.searchParams.toString()}`;
    const key = `${position ?? 0n}\n${asked}`;
    return { key, etag: `"${position ?? 0n}-${RELEASE_TAG}-${createHash('sha256').update(asked).digest('base64url').slice(0, 22)}"` };
  }

  get(key: string): CachedAnswer | undefined {
    return this.answers?.get(key);
  }

  set(key: string, answer: CachedAnswer): void {
    this.answers?.set(key, answer);
  }
}
