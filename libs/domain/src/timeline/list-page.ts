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

/**
 * The paged lists of the answers, the institution search and the subscriptions. A cursor names its
 * list, so that one list's cursor given to another is refused rather than read as a position in it.
 */
export type PagedList = 'state' | 'bans' | 'diff' | 'timeline' | 'institutions' | 'subscriptions';

const CURSOR_TEXT = /^([a-z]{1,16}):(\d{1,9})$/;
const BASE64URL = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The opaque cursor (`after`) of the page that starts at `offset` of a list: base64url of
 * `list:offset`. Clients pass it back as they got it (the `next` of the previous page).
 */
export function cursorOf(list: PagedList, offset: number): string {
  return btoa(`${list}:${offset}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Where a cursor of `list` starts; null when the text is not a cursor of that list. */
export function offsetOfCursor(list: PagedList, cursor: string): number | null {
  if (!BASE64URL.test(cursor)) return null;
  let text: string;
  try {
    text = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  const match = CURSOR_TEXT.exec(text);
  return match && match[1] === list ? Number(match[2]) : null;
}

/** The `next` of an answer: the cursor of the page after this one while a list of `total` items goes on; null on the last page. */
export function nextCursor(list: PagedList, page: ListPage, total: number): string | null {
  const offset = page.offset + page.limit;
  return offset < total ? cursorOf(list, offset) : null;
}
