// Every route of the jobs family; router.tsx spreads this list into the route tree.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../root-route';

export const jobsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'jobs',
  component: lazyRouteComponent(() => import('./jobs-page'), 'JobsPage'),
});

export const jobRoutes = [jobsRoute] as const;
