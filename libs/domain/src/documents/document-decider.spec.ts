import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../errors.js';
import { decideDocument, evolveDocument, initialDocumentState, type DocumentCommand, type DocumentInput } from './document-decider.js';
import type { DocumentEvent } from './document-events.js';

const sha = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const TEXT = 'The acceleration of online loan cleaning has been banned in 16 area.\n\nIn the past two days ...\n';
const input = (overrides: Partial<DocumentInput> = {}): DocumentInput =>
  ({ document: 'research/timeline-facts.md', title: ' Research notes ', text: TEXT, language: 'en', kind: 'secondary', ...overrides });
const register = (overrides: Partial<DocumentInput> = {}): DocumentCommand => {
  const document = input(overrides);
  return { type: 'RegisterDocument', sha256: sha(document.text), input: document };
};

/** given(history).when(command).then(events) or .thenRefused(code, field) */
function given(history: readonly DocumentEvent[]) {
  const state = history.reduce(evolveDocument, initialDocumentState());
  return {
    when: (command: DocumentCommand) => ({
      then: (events: DocumentEvent[]) => expect(decideDocument(command, state)).toStrictEqual(events),
      thenRefused(code: string, field: string) {
        let thrown: unknown;
        try {
          decideDocument(command, state);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(DomainError);
        expect({ code: (thrown as DomainError).code, field: (thrown as DomainError).field }).toStrictEqual({ code, field });
      },
    }),
  };
}

const registered: DocumentEvent = {
  type: 'DocumentRegistered.v1',
  data: { document: 'research/timeline-facts.md', title: 'Research notes', language: 'en', kind: 'secondary', sha256: sha(TEXT), text: TEXT },
};

describe('registering a document', () => {
  it('given nothing, when registered, then DocumentRegistered with the text as received (untrimmed) and its SHA-256', () => {
    given([]).when(register()).then([registered]);
  });

  it('given nothing, when registered without language or kind, then both null', () => {
    given([]).when(register({ language: undefined, kind: undefined })).then([
      { type: 'DocumentRegistered.v1', data: { ...registered.data, language: null, kind: null } },
    ]);
  });

  it('given the same text registered, when registered again, then nothing (idempotent)', () => {
    given([registered]).when(register({ title: 'another title' })).then([]);
  });

  it('given another text registered under the id, when registered, then document-text-differs on text', () => {
    given([registered]).when(register({ text: `${TEXT}appended` })).thenRefused('document-text-differs', 'text');
  });

  it.each([
    ['document', { document: '' }],
    ['document', { document: ' padded.txt' }],
    ['document', { document: 'line\nbreak.txt' }],
    ['document', { document: 'x'.repeat(201) }],
    ['title', { title: '  ' }],
    ['text', { text: ' \n ' }],
    ['kind', { kind: 'rumour' as never }],
    ['language', { language: 'x'.repeat(36) }],
  ])('given nothing, when %s is invalid, then invalid-input naming it', (field, overrides) => {
    given([]).when(register(overrides as Partial<DocumentInput>)).thenRefused('invalid-input', field);
  });

  it('given nothing, when the hash is not 64 lowercase hex digits, then invalid-input on sha256', () => {
    given([]).when({ ...register(), sha256: 'ABC' }).thenRefused('invalid-input', 'sha256');
  });
});
