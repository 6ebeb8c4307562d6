// The monitoring page's route: which model and metric, the window, chart or table, and the table's
// page, all in the URL. The page and its loader load lazily (the frame's bundle has these lines).
import { createRoute, stripSearchParams } from '@tanstack/react-router';
import { TABLE_SEARCH_DEFAULTS } from '../../hooks/use-table-url-state';
import { rootRoute } from '../root-route';
import { monitoringSearchSchema } from './monitoring-search';

const page = () => import('./monitoring-page');

export const monitoringRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'monitoring',
  validateSearch: monitoringSearchSchema,
  search: { middlewares: [stripSearchParams({ ...TABLE_SEARCH_DEFAULTS, view: 'chart' })] },
  loader: (options) => page().then((module) => module.loadMonitoring(options.context.queryClient)),
}).lazy(() => page().then((module) => module.monitoringLazyRoute));
