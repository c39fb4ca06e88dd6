import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { FACT_KINDS, isFactKind } from '../../domain/src/index.js';
import { FACT_DTOS } from './notices/requests/fact.dto.js';

export interface FieldProblem {
  /** path of the offending field, e.g. "effects[0].batch.number" */
  readonly field: string;
  readonly message: string;
}

/** At most this many problems are listed in an answer (the detail gives the count of all). */
export const MAX_LISTED_PROBLEMS = 20;

export class RequestValidationError extends Error {
  /** the problems listed: the first MAX_LISTED_PROBLEMS */
  readonly problems: readonly FieldProblem[];
  /** how many problems the request has in all */
  readonly total: number;

  /** `total`: the problems found in all, when only some of them were kept */
  constructor(problems: readonly FieldProblem[], total = problems.length) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
    const all = Math.max(total, problems.length);
    const messages = listed.map((problem) => problem.message).join('; ');
    super(all > listed.length ? `${all} problems, the first ${listed.length} listed: ${messages}` : messages);
    this.problems = listed;
    this.total = all;
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const join = (parent: string, child: string | number): string =>
  typeof child === 'number' || /^\d+$/.test(child) ? `${parent}[${child}]` : parent ? `${parent}.${child}` : child;

function flatten(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = join(parent, error.property);
    // a missing field fails every rule of its DTO property ("must be shorter than 200 characters"...): it is said once, as missing
    if (error.value === undefined && Object.keys(error.constraints ?? {}).length > 0) return [{ field, message: `${field} is required` }];
    const own = Object.values(error.constraints ?? {}).map((text) => ({
      field,
      message: text.startsWith(`${error.property}:`) ? `${field}${text.slice(error.property.length)}`
        // the property is the client's (an unknown field named `(` or `$&`): escaped, and the field put in as is
        : text.replace(new RegExp(`^${escapeRegExp(error.property)}\\b`), () => field),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** every object inside a body with an own `constructor` member (bodies nest at most 32 levels) */
function ownConstructors(value: unknown, field: string, found: FieldProblem[] = []): FieldProblem[] {
  if (value === null || typeof value !== 'object' || found.length >= MAX_LISTED_PROBLEMS) return found;
  if (!Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, 'constructor')) {
    found.push({ field: join(field, 'constructor'), message: 'property constructor should not exist' });
  }
  for (const [key, item] of Object.entries(value)) ownConstructors(item, Array.isArray(value) ? join(field, Number(key)) : join(field, key), found);
  return found;
}

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false } };

/** Validates one class-validator DTO; returns the instance or throws with every problem named. */
export function validateDto<T extends object>(dto: new () => T, body: unknown, parent = ''): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new RequestValidationError([{ field: parent || 'body', message: `${parent || 'body'} must be a JSON object` }]);
  }
  // class-transformer takes an object's own `constructor` member for its class (a 500 on
  // {"factId": {"constructor": "x"}}): no DTO has such a field, so it is refused first
  const constructors = ownConstructors(body, parent);
  if (constructors.length > 0) throw new RequestValidationError(constructors);
  const instance = plainToInstance(dto, body);
  const problems = flatten(validateSync(instance, OPTIONS), parent);
  if (problems.length > 0) throw new RequestValidationError(problems);
  return instance;
}

/** A fact of any kind: the kind picks the DTO. */
export function validateFact(body: unknown, field: string): object {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new RequestValidationError([{ field, message: `${field} must be a JSON object` }]);
  }
  const type = (body as { type?: unknown }).type;
  if (!isFactKind(type)) {
    throw new RequestValidationError([{
      field: `${field}.type`,
      message: `${field}.type must be one of ${FACT_KINDS.join(', ')}; got ${JSON.stringify(type ?? null)}`,
    }]);
  }
  return validateDto(FACT_DTOS[type as keyof typeof FACT_DTOS], body, field);
}

/**
 * Runs several checks and reports the problems of all of them at once: the first
 * MAX_LISTED_PROBLEMS listed, and how many there are in all.
 */
export function collectProblems(checks: Array<() => unknown>): void {
  const problems: FieldProblem[] = [];
  let total = 0;
  for (const check of checks) {
    try {
      check();
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      total += error.total;
      problems.push(...error.problems.slice(0, Math.max(0, MAX_LISTED_PROBLEMS - problems.length)));
    }
  }
  if (total > 0) throw new RequestValidationError(problems, total);
}
