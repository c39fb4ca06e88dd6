import { LRUCache } from 'lru-cache';
import { decodeEvent, documentStreamName, type DocumentRegisteredData } from '../../../domain/src/index.js';
import type { EventStore, LogPosition } from '../../../event-store/src/index.js';

/**
 * The registered texts of documents, read from the log (the write side's source of truth, so a
 * write checks its quotes against a document registered a moment before, whatever the projector's
 * lag). A registration never changes, so a text found is kept (least recently used go first past
 * the budget); a document not found is asked again next time (it may be registered since).
 */
export class RegisteredTexts {
  private readonly texts = new LRUCache<string, string>({ maxSize: 64 * 1024 * 1024, sizeCalculation: (text) => Math.max(1, text.length * 2) });

  constructor(private readonly store: EventStore) {}

  /** the document's registration as the log holds it, or null when it is not registered */
  async registered(document: string): Promise<{ data: DocumentRegisteredData; position: LogPosition; recordedAt: string } | null> {
    const [stored] = await this.store.readStream(documentStreamName(document));
    const first = stored && decodeEvent(stored);
    return first && first.type === 'DocumentRegistered.v1' ? { data: first.data, position: first.position, recordedAt: first.recordedAt } : null;
  }

  /** the texts of those of these documents that are registered, by id */
  async textsOf(documents: readonly unknown[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const document of new Set(documents)) {
      if (typeof document !== 'string' || document === '') continue;
      const known = this.texts.get(document);
      if (known !== undefined) {
        found.set(document, known);
        continue;
      }
      const registered = await this.registered(document);
      if (!registered) continue;
      this.texts.set(document, registered.data.text);
      found.set(document, registered.data.text);
    }
    return found;
  }
}
