import { createRoute, stripSearchParams } from '@tanstack/react-router';
import { usersQueries } from '../../api/users';
import { offsetOf, TABLE_SEARCH_DEFAULTS, tableSearchSchema } from '../../hooks/use-table-url-state';
import { rootRoute } from '../root-route';

export const usersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'users',
  validateSearch: tableSearchSchema,
  search: { middlewares: [stripSearchParams(TABLE_SEARCH_DEFAULTS)] },
  // q filters the loaded page in the browser, so only paging decides what to fetch.
  loaderDeps: ({ search }) => ({ page: search.page, pageSize: search.pageSize }),
  loader: ({ context: { queryClient }, deps }) => queryClient.ensureQueryData(usersQueries.list({ offset: offsetOf(deps), limit: deps.pageSize })),
}).lazy(() => import('./users-page').then((module) => module.usersLazyRoute));
