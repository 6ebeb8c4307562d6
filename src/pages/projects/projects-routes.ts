// Every route of the projects family; router.tsx spreads this list into the route tree.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../root-route';

export const projectsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'projects',
  component: lazyRouteComponent(() => import('./projects-page'), 'ProjectsPage'),
});

export const projectRoutes = [projectsRoute] as const;
