// Paging and search for a table, kept in the URL's search params so a page can be bookmarked,
// shared and restored with Back. Changes happen in event handlers, never in effects.
import { z } from 'zod';

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 25;

/**
 * Text from the URL. The router JSON-parses each value, so a hand-typed `?q=123` arrives as a
 * number; it is still the text the user meant.
 */
export const searchTextSchema = z
  .union([z.string(), z.number().transform(String)])
  .default('')
  .catch('');

/** page, pageSize and q with `.catch` defaults: a mangled URL still opens the first page. */
export const tableSearchSchema = z.object({
  page: z.number().int().min(1).default(1).catch(1),
  pageSize: z.literal(PAGE_SIZES).default(DEFAULT_PAGE_SIZE).catch(DEFAULT_PAGE_SIZE),
  q: searchTextSchema,
});

export type TableSearch = z.output<typeof tableSearchSchema>;

/** The defaults, for stripSearchParams: they are left out of the URL. */
export const TABLE_SEARCH_DEFAULTS: TableSearch = { page: 1, pageSize: DEFAULT_PAGE_SIZE, q: '' };

export function offsetOf(state: Pick<TableSearch, 'page' | 'pageSize'>): number {
  return (state.page - 1) * state.pageSize;
}

export function withPage<S extends TableSearch>(state: S, page: number): S {
  return { ...state, page: Math.max(1, Math.floor(page)) };
}

/** A new page size keeps the first row on screen visible, rather than jumping back to page 1. */
export function withPageSize<S extends TableSearch>(state: S, pageSize: number): S {
  const size = (PAGE_SIZES as readonly number[]).includes(pageSize) ? (pageSize as PageSize) : DEFAULT_PAGE_SIZE;
  return { ...state, pageSize: size, page: Math.floor(offsetOf(state) / size) + 1 };
}

/**
 * A new search text. A server-side filter changes which rows exist, so it restarts at page 1; a
 * filter over the loaded page does not move the page.
 */
export function withQuery<S extends TableSearch>(state: S, q: string, { resetPage }: { resetPage: boolean }): S {
  return { ...state, q, page: resetPage ? 1 : state.page };
}

export interface NavigateSearch<S> {
  (next: S, options: { replace: boolean }): void;
}

export interface TableUrlState {
  page: number;
  pageSize: PageSize;
  q: string;
  offset: number;
  setPage: (page: number) => void;
  setPageSize: (pageSize: number) => void;
  setQuery: (q: string) => void;
  /** What the Pagination component needs from this state; the page adds what the server answered. */
  pagination: {
    page: number;
    pageSize: PageSize;
    pageSizes: readonly PageSize[];
    onPageChange: (page: number) => void;
    onPageSizeChange: (pageSize: number) => void;
  };
}

/**
 * Binds the transitions to the route's navigate. Page moves push a history entry (Back returns to
 * the previous page); typing in the search box replaces it so Back does not replay keystrokes.
 */
export function useTableUrlState<S extends TableSearch>(
  search: S,
  navigate: NavigateSearch<S>,
  { queryResetsPage }: { queryResetsPage: boolean },
): TableUrlState {
  const setPage = (page: number) => navigate(withPage(search, page), { replace: false });
  const setPageSize = (pageSize: number) => navigate(withPageSize(search, pageSize), { replace: false });
  return {
    page: search.page,
    pageSize: search.pageSize,
    q: search.q,
    offset: offsetOf(search),
    setPage,
    setPageSize,
    setQuery: (q) => navigate(withQuery(search, q, { resetPage: queryResetsPage }), { replace: true }),
    pagination: { page: search.page, pageSize: search.pageSize, pageSizes: PAGE_SIZES, onPageChange: setPage, onPageSizeChange: setPageSize },
  };
}
