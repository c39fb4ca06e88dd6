import { ValidateBy, type ValidationOptions } from 'class-validator';
import { fuzzyDateProblem, jurisdictions } from '../../../../domain/src/index.js';

/** A date in one of the forms the domain accepts (YYYY, YYYY-MM, YYYY-MM-DD, ../D, D/D). */
export const IsFuzzyDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isFuzzyDate',
      validator: {
        validate: (value) => fuzzyDateProblem(value) === null,
        defaultMessage: (args) => `${args?.property}: ${fuzzyDateProblem(args?.value)}`,
      },
    },
    options,
  );

/** A jurisdiction code, GB/T 2260 code, English or Chinese name the registry knows. */
export const IsJurisdiction = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isJurisdiction',
      validator: {
        validate: (value) => typeof value === 'string' && jurisdictions.find(value) !== undefined,
        defaultMessage: (args) => `${args?.property}: unknown jurisdiction ${JSON.stringify(args?.value)}`,
      },
    },
    options,
  );
