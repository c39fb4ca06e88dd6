/**
 * A rule of the domain was broken. `code` is stable (clients and the problem+json `type`
 * rely on it); `field` names the offending input, as a path like `effects[2].batch.number`.
 */
export type DomainErrorCode =
  | 'invalid-input'
  | 'notice-already-published'
  | 'notice-not-found'
  | 'fact-not-found'
  | 'fact-retracted'
  | 'revision-conflict'
  | 'idempotency-key-reused'
  /** a quote not found in the registered text of its document (docs/provenance.md) */
  | 'quote-not-in-document'
  /** a document id registered again with another text */
  | 'document-text-differs';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (field: string, message: string): DomainError =>
  new DomainError('invalid-input', `${field}: ${message}`, field);
