import { useRouterState } from '@tanstack/react-router';

/**
 * Whether the router is loading a different page of this table. The loader awaits the data, so
 * the current rows stay on screen meanwhile; a search-text change (no fetch) does not count.
 */
export function usePageLoading(current: { page: number; pageSize: number }): boolean {
  return useRouterState({
    select: (state) => {
      if (state.status !== 'pending' || state.location.pathname !== state.resolvedLocation?.pathname) return false;
      const next = state.location.search as { page?: unknown; pageSize?: unknown };
      return (next.page ?? 1) !== current.page || (next.pageSize ?? current.pageSize) !== current.pageSize;
    },
  });
}
