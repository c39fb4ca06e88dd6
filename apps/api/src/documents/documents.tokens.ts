export const DOCUMENT_READER = Symbol('DOCUMENT_READER');
