import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DomainError, type DomainErrorCode } from '../../../../libs/domain/src/index.js';
import { toProblem } from './problem-details.filter.js';
import { isProblemCode, PROBLEM_TYPES } from './problem-types.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const sources = (dir: string): string[] => readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(file)).map((file) => path.join(ROOT, dir, file));

describe('problem types', () => {
  it('has a page for every code an HTTP exception of the code base names (`{ code: ... }`), so none falls back to a generic type', () => {
    const named = new Set(sources('apps').concat(sources('libs')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:Exception|super)\(\{\s*code: '([a-z-]+)'/g)].map((match) => match[1] as string)));
    expect(named.size).toBeGreaterThan(8);
    expect([...named].filter((code) => !isProblemCode(code))).toEqual([]);
  });

  it('answers every domain error with its own type, at the status its page gives', () => {
    const codes: DomainErrorCode[] = ['invalid-input', 'notice-already-published', 'notice-not-found', 'fact-not-found', 'fact-retracted',
      'revision-conflict', 'idempotency-key-reused', 'quote-not-in-document', 'document-text-differs'];
    for (const code of codes) {
      const answered = toProblem(new DomainError(code, 'x'));
      expect([code, answered.type, answered.status]).toEqual([code, `/problems/${code}`, PROBLEM_TYPES[code].status]);
    }
  });
});
