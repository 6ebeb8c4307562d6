// Walking an offset/limit listing to its end: the one loop behind every fetcher that needs all of
// a list (projects, users, repositories, workspaces, hardware tiers), because Domino only pages.
import type { PageRequest } from './schemas/common';

/** One page as it came back: its items, and what the server said about paging (its metadata.pagination). */
export interface PageOf<T> {
  items: readonly T[];
  pagination: { limit: number; totalCount?: number | undefined };
}

export interface WalkOptions {
  /** Items asked for per page: large pages keep the walk short. */
  pageSize: number;
  /** A bound on requests, so a server that never says it is done cannot keep the walk going. */
  maxPages: number;
}

// Domino caps a page at 100 in practice.
const DEFAULT_WALK: WalkOptions = { pageSize: 100, maxPages: 200 };

/**
 * Fetches page after page and hands each to `visit`, until `visit` returns true (it found what it
 * wanted) or the list ends: an empty page, the total reached, or, from a server that sends no
 * total, a page shorter than its limit. Progress is measured by what came back, never by what was
 * asked for, so a server that clamps the limit lower still gets walked to the end.
 */
export async function walkPages<T>(
  fetchPage: (page: PageRequest) => Promise<PageOf<T>>,
  visit: (items: readonly T[]) => boolean,
  { pageSize, maxPages }: WalkOptions = DEFAULT_WALK,
): Promise<void> {
  let offset = 0;
  for (let pageIndex = 0; pageIndex < maxPages; pageIndex++) {
    const { items, pagination } = await fetchPage({ offset, limit: pageSize });
    if (visit(items)) return;
    offset += items.length;
    const { totalCount, limit } = pagination;
    const exhausted = items.length === 0 || (totalCount !== undefined ? offset >= totalCount : items.length < limit);
    if (exhausted) return;
  }
}

/**
 * Every item of a listing, in order, without repeating one that shifted between two pages (an
 * item created meanwhile moves the rest down by one).
 */
export async function fetchAllPages<T extends { id: string }>(fetchPage: (page: PageRequest) => Promise<PageOf<T>>, options?: WalkOptions): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  await walkPages(
    fetchPage,
    (items) => {
      for (const item of items) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        all.push(item);
      }
      return false;
    },
    options,
  );
  return all;
}
