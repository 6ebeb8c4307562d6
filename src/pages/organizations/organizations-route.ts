import { createRoute, redirect, stripSearchParams } from '@tanstack/react-router';
import { z } from 'zod';
import { offsetOf, TABLE_SEARCH_DEFAULTS, tableSearchSchema } from '../../hooks/use-table-url-state';
import { rootRoute } from '../root-route';

export const ORGANIZATION_TABS = ['mine', 'all'] as const;

/** q is Domino's nameFilter: an exact organization name, applied by the server. */
export const organizationsSearchSchema = tableSearchSchema.extend({
  tab: z.enum(ORGANIZATION_TABS).default('mine').catch('mine'),
});

export const organizationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'organizations',
  validateSearch: organizationsSearchSchema,
  search: { middlewares: [stripSearchParams({ ...TABLE_SEARCH_DEFAULTS, tab: 'mine' as const })] },
  loaderDeps: ({ search }) => ({ tab: search.tab, page: search.page, pageSize: search.pageSize, q: search.q }),
  loader: async ({ context: { queryClient }, deps }) => {
    // Imported here, not above: this file is in the first load, the organizations API is not.
    const { organizationsQueries } = await import('../../api/organizations');
    const canListAll = await queryClient.ensureQueryData(organizationsQueries.canListAll());
    // An "All" link shared by an administrator opens the caller's own list instead of a 403.
    if (deps.tab === 'all' && !canListAll) {
      throw redirect({ to: '/organizations', search: { tab: 'mine', page: 1, pageSize: deps.pageSize, q: deps.q }, replace: true });
    }
    await queryClient.ensureQueryData(
      organizationsQueries.list(deps.tab, { offset: offsetOf(deps), limit: deps.pageSize, nameFilter: deps.q.trim() || undefined }),
    );
  },
}).lazy(() => import('./organizations-page').then((module) => module.organizationsLazyRoute));
