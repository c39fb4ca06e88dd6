import { useEffect, useRef } from 'preact/hooks';
import { api, type Source } from './api.js';
import type { Labels, Lang } from './i18n.js';
import { Attribution, Quote } from './sources.js';
import { useRemote } from './use-remote.js';

/** Where the quote is in the text: the service's offsets, else found by the page (said so), else nowhere. */
function locate(text: string, source: Source): { start: number; end: number; by: 'service' | 'page' } | null {
  const at = source.quoteAt;
  if (at && at.start >= 0 && at.end <= text.length && at.start < at.end) return { ...at, by: 'service' };
  const found = text.indexOf(source.quote);
  return found >= 0 ? { start: found, end: found + source.quote.length, by: 'page' } : null;
}

/**
 * The page's signature: a fact's source document, whole, with the words the fact rests on
 * highlighted, what kind of source it is, and who wrote it apart from the outlet it cites.
 * A modal <dialog>: focus moves into it, Escape or the button closes it and focus returns.
 */
export function DocumentViewer({ source, summary, labels, lang, onClose }: {
  readonly source: Source | null;
  /** the fact the source supports, in the page's language */
  readonly summary: string | null;
  readonly labels: Labels;
  readonly lang: Lang;
  readonly onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const mark = useRef<HTMLElement>(null);
  const doc = useRemote(source ? source.document : null, (signal) => api.document(source!.document, signal));
  useEffect(() => {
    const node = dialog.current;
    if (!node) return;
    if (source && !node.open) node.showModal();
    if (!source && node.open) node.close();
  }, [source]);
  const ready = doc?.status === 'ready' && source ? doc.value : null;
  const at = ready && source ? locate(ready.text, source) : null;
  useEffect(() => {
    if (at) mark.current?.scrollIntoView({ block: 'center' });
  }, [ready, at?.start]);
  return (
    <dialog ref={dialog} class="viewer" aria-labelledby="viewer-title" onClose={onClose}
      data-document={source?.document} data-status={doc?.status ?? 'none'} data-quote={at ? at.by : ready ? 'missing' : undefined}>
      {source && (
        <div class="viewer-body">
          <header class="viewer-head">
            <h2 id="viewer-title">{ready?.title ?? source.title ?? source.document}</h2>
            <button type="button" class="close" onClick={() => dialog.current?.close()} autofocus>{labels.close}</button>
          </header>
          {summary && <p class="viewer-fact">{summary}</p>}
          <Attribution source={source} labels={labels} lang={lang} />
          <p class="viewer-meta">
            {labels.document}{labels.colon}<code>{source.document}</code>
            {ready && <> · {labels.fingerprint} <code title={ready.sha256}>{ready.sha256.slice(0, 12)}…</code></>}
            {ready && source.documentSha256 && source.documentSha256 !== ready.sha256 &&
              <strong class="error"> · {labels.fingerprintMismatch}</strong>}
          </p>
          {!doc || doc.status === 'loading' ? <p role="status">{labels.loading}</p>
            : doc.status === 'failed' ? (
              <>
                <p role="alert" class="error">{labels.failed}: {doc.error}</p>
                <Quote quote={source.quote} />
              </>
            ) : (
              <>
                <p class="viewer-note" role="status">{at ? (at.by === 'service' ? labels.quoteFound : labels.quoteLocated) : labels.quoteMissing}</p>
                <pre class="document-text" tabIndex={0} aria-label={labels.documentText} lang={ready?.language ?? undefined}>
                  {at ? (
                    <>
                      {ready!.text.slice(0, at.start)}
                      <mark ref={mark} class="quote-mark" data-start={at.start} data-end={at.end}>{ready!.text.slice(at.start, at.end)}</mark>
                      {ready!.text.slice(at.end)}
                    </>
                  ) : ready!.text}
                </pre>
              </>
            )}
        </div>
      )}
    </dialog>
  );
}
