import { useEffect, useState } from 'preact/hooks';

export type Remote<T> = { readonly status: 'loading' } | { readonly status: 'ready'; readonly value: T } | { readonly status: 'failed'; readonly error: string };

/**
 * The latest answer for `key`; earlier requests are aborted, so a fast slider never shows
 * an older date's answer over a newer one. `delayMs` lets the slider settle first.
 */
export function useRemote<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>, delayMs = 0): Remote<T> | null {
  const [remote, setRemote] = useState<Remote<T> | null>(null);
  useEffect(() => {
    if (key === null) {
      setRemote(null);
      return;
    }
    const controller = new AbortController();
    setRemote((previous) => (previous?.status === 'ready' ? previous : { status: 'loading' }));
    const timer = setTimeout(() => {
      load(controller.signal).then(
        (value) => !controller.signal.aborted && setRemote({ status: 'ready', value }),
        (error: Error) => !controller.signal.aborted && setRemote({ status: 'failed', error: error.message }),
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key]);
  return remote;
}
