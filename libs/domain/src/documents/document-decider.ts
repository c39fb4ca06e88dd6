import { DomainError, invalid } from '../errors.js';
import { sourceKindField } from '../facts/fact-rules.js';
import type { SourceKind } from '../facts/fact-catalogue.js';
import { DOCUMENT_LIMITS, type DocumentEvent, type DocumentRegisteredData } from './document-events.js';

/** A document as a client or a seed states it. */
export interface DocumentInput {
  document: string;
  title: string;
  text: string;
  language?: string | null;
  kind?: SourceKind | null;
}

/**
 * Register a document. `sha256` is the hex SHA-256 of the text's UTF-8 bytes, computed by the
 * caller (the domain does no I/O and no hashing); it is checked for its form and recorded.
 */
export type DocumentCommand = { readonly type: 'RegisterDocument'; readonly sha256: string; readonly input: DocumentInput };

export interface DocumentState {
  readonly registered: DocumentRegisteredData | null;
}

export const initialDocumentState = (): DocumentState => ({ registered: null });

export const evolveDocument = (state: DocumentState, event: DocumentEvent): DocumentState =>
  event.type === 'DocumentRegistered.v1' && state.registered === null ? { registered: event.data } : state;

const CONTROL = /[\u0000-\u001f\u007f]/;

function documentId(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid('document', 'must be a non-empty string');
  if (value.length > DOCUMENT_LIMITS.id) throw invalid('document', `must be at most ${DOCUMENT_LIMITS.id} characters`);
  if (value !== value.trim() || CONTROL.test(value)) {
    throw invalid('document', 'must not start or end with whitespace nor hold control characters: sources cite it verbatim');
  }
  return value;
}

function text(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, 'must be a non-empty string');
  if (value.length > max) throw invalid(field, `must be at most ${max} characters`);
  return value;
}

/**
 * The events a registration causes. A document id names one text: registering it again with the
 * same text (same SHA-256) causes nothing (idempotent); with another text it is refused
 * (`document-text-differs`, a 409): register the other text under another id.
 */
export function decideDocument(command: DocumentCommand, state: DocumentState): DocumentEvent[] {
  const { input } = command;
  const document = documentId(input.document);
  if (!/^[0-9a-f]{64}$/.test(command.sha256)) throw invalid('sha256', 'must be 64 lowercase hexadecimal digits');
  if (state.registered) {
    if (state.registered.sha256 === command.sha256) return [];
    throw new DomainError('document-text-differs',
      `document ${document} is registered with another text (sha256 ${state.registered.sha256}); a document id names one text: ` +
      'register this text under another id', 'text');
  }
  const language = input.language === undefined || input.language === null || input.language === ''
    ? null : text('language', input.language, DOCUMENT_LIMITS.language).trim();
  const data: DocumentRegisteredData = {
    document,
    title: text('title', input.title, DOCUMENT_LIMITS.title).trim(),
    language,
    kind: input.kind === undefined || input.kind === null ? null : sourceKindField('kind', input.kind),
    sha256: command.sha256,
    // as received, never trimmed: quote positions are offsets into this very text
    text: text('text', input.text, DOCUMENT_LIMITS.text),
  };
  return [{ type: 'DocumentRegistered.v1', data }];
}

export const documentDecider = { decide: decideDocument, evolve: evolveDocument, initialState: initialDocumentState };
