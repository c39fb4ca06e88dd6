import type { FieldProblem } from '../../../../libs/application/src/index.js';
import type { ProblemCode } from './problem-types.js';

/** RFC 9457 problem details. `type` is a relative URI: a page at /problems/{code} says when it happens and what to do. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  /**
   * the HTTP status of the answer
   * @asType integer
   */
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  /** every offending field, with a JSON pointer into the request */
  readonly errors?: ReadonlyArray<FieldProblem & { pointer: string }>;
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** "effects[0].batch.number" -> "/effects/0/batch/number" */
export const pointerOf = (field: string): string =>
  '/' + field.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean).join('/');

export function problem(
  status: number,
  code: ProblemCode,
  title: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): ProblemDetails {
  return { type: `/problems/${code}`, title, status, detail, ...extensions };
}

export const withFields = (problems: readonly FieldProblem[]) =>
  problems.map((entry) => ({ ...entry, pointer: pointerOf(entry.field) }));
