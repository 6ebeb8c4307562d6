// The cost page's route: every part of the view in the URL (cost-search.ts). The page, its loader
// and Recharts load lazily (the frame's bundle has these lines).
import { createRoute, stripSearchParams } from '@tanstack/react-router';
import { rootRoute } from '../root-route';
import { COST_SEARCH_DEFAULTS, costSearchSchema } from './cost-search';
import { loadCostCharts } from './use-cost-charts';

const page = () => import('./cost-page');

export const costRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'cost',
  validateSearch: costSearchSchema,
  search: { middlewares: [stripSearchParams(COST_SEARCH_DEFAULTS)] },
  // Recharts (the largest chunk of the page) loads alongside the page, not after its data.
  loader: () => void loadCostCharts().catch(() => undefined),
}).lazy(() => page().then((module) => module.costLazyRoute));
