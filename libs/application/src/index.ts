export { handleCommand, PreconditionFailedError, type CommandContext, type CommandOutcome, type Decider } from './command-loop.js';
export { legacyRequestHashOf, requestHashOf, type CommandCaller } from './command-caller.js';
export { NoticeCommands, noticeIdForKey, type NoticeOutcome } from './notices/notice-commands.js';
export { DocumentCommands, sha256Of, type DocumentOutcome } from './documents/document-commands.js';
export { RegisteredTexts } from './documents/registered-texts.js';
export {
  collectProblems, MAX_LISTED_PROBLEMS, RequestValidationError, validateDto, validateFact, type FieldProblem,
} from './request-validation.js';
export * from './notices/requests/notice.dto.js';
export { FACT_DTOS } from './notices/requests/fact.dto.js';
export { DocumentRequestDto } from './documents/document.dto.js';
