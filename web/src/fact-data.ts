import { useEffect, useState } from 'preact/hooks';
import { api, type FactData } from './api.js';

/** Each notice read once per page load: a fact's own fields come from its notice (the fact id is "notice:n"). */
const notices = new Map<string, Promise<Record<string, { current: FactData }>>>();

const noticeOf = (factId: string): string => factId.slice(0, factId.lastIndexOf(':'));

function loadNotice(noticeId: string) {
  let loading = notices.get(noticeId);
  if (!loading) {
    loading = api.notice(noticeId).then((body) => body.facts);
    loading.catch(() => notices.delete(noticeId)); // a failed read is tried again next time
    notices.set(noticeId, loading);
  }
  return loading;
}

/**
 * The structured fields of the facts named (by id), once their notices have loaded: the page words
 * each fact from them in the reader's language. Facts not yet loaded (or not loadable) are absent.
 */
export function useFactData(factIds: readonly string[]): ReadonlyMap<string, FactData> {
  const [data, setData] = useState<ReadonlyMap<string, FactData>>(new Map());
  const key = [...new Set(factIds)].sort().join(',');
  useEffect(() => {
    let live = true;
    const ids = key ? key.split(',') : [];
    const wanted = [...new Set(ids.map(noticeOf))];
    Promise.allSettled(wanted.map(loadNotice)).then((results) => {
      if (!live) return;
      const found = new Map<string, FactData>();
      for (const result of results) {
        if (result.status !== 'fulfilled') continue;
        for (const [factId, fact] of Object.entries(result.value)) if (ids.includes(factId)) found.set(factId, fact.current);
      }
      setData(found);
    });
    return () => { live = false; };
  }, [key]);
  return data;
}
