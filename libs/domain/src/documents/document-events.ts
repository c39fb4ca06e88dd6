import type { SourceKind } from '../facts/fact-catalogue.js';

/**
 * A source document registered with the service: its text as received and the SHA-256 of that
 * text (hex, of its UTF-8 bytes). `document` is the id sources cite in `source.document` (a file
 * name such as `004_ba8a3840d4a23d3b.txt`, or a path such as `research/timeline-facts.md`); one id
 * names one text forever (a new version of a document is a new id).
 */
export interface DocumentRegisteredData {
  readonly document: string;
  readonly title: string;
  /** BCP 47 tag of the text's language, when known */
  readonly language: string | null;
  /** what the document is (truth rule 6), when the registrar says so */
  readonly kind: SourceKind | null;
  readonly sha256: string;
  readonly text: string;
}

export type DocumentEvent = { readonly type: 'DocumentRegistered.v1'; readonly data: DocumentRegisteredData };

export const DOCUMENT_STREAM_PREFIX = 'document-';
/** One stream per document id (ids may hold '/': stream names are opaque strings to the stores). */
export const documentStreamName = (document: string): string => `${DOCUMENT_STREAM_PREFIX}${document}`;

/** Bounds of a registration (the request body limit, MAX_BODY_BYTES, bounds the text further). */
export const DOCUMENT_LIMITS = { id: 200, title: 2_000, language: 35, text: 5_000_000 } as const;
