/**
 * A window on a long list of an answer (facts in force, bans, institutions): answers stay small
 * whatever the size of the log, and the totals say how long the whole list is.
 */
export interface ListPage {
  /** how many items of the full list to skip */
  readonly offset: number;
  /** how many items to return at most */
  readonly limit: number;
}

export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;
export const DEFAULT_PAGE: ListPage = { offset: 0, limit: DEFAULT_PAGE_LIMIT };

/** The page's window of `items`, mapped by `entryOf` (only the items shown are mapped). */
export function pageOf<T, E>(items: readonly T[], page: ListPage, entryOf: (item: T) => E): E[] {
  return items.slice(page.offset, page.offset + page.limit).map(entryOf);
}
