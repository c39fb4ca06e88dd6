import type { LogPosition, ReadAllOptions } from './event-store.js';

/**
 * The log after `options.after`, at most `options.limit` events, a page of at most `pageSize` at a
 * time: one read per page (never an open cursor across a yield), so memory stays flat and writers
 * are not blocked. The SQLite and PostgreSQL stores' readAll and readAllPagesWithText.
 */
export async function* logPages<T extends { readonly position: LogPosition }>(
  readPage: (after: LogPosition | undefined, limit: number) => readonly T[] | Promise<readonly T[]>,
  options: ReadAllOptions,
  pageSize: number,
): AsyncIterable<readonly T[]> {
  let after = options.after;
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  while (remaining > 0) {
    const page = await readPage(after, Math.min(pageSize, remaining));
    if (page.length === 0) return;
    yield page;
    remaining -= page.length;
    after = page[page.length - 1]!.position;
  }
}
