// Request validation lives in libs/application. This path stays only for the modules not yet switched to it
// (apps/api/src/timeline, audit and subscriptions, owned by others in issue 16).
export {
  collectProblems, MAX_LISTED_PROBLEMS, RequestValidationError, validateDto, validateFact, type FieldProblem,
} from '../../../../libs/application/src/index.js';
