// The route tree, built in code. Each page's component is loaded lazily (route.lazy or
// lazyRouteComponent), so only the frame and the first page are in the initial bundle.
import type { QueryClient } from '@tanstack/react-query';
import { createRouter, type RouterHistory } from '@tanstack/react-router';
import { PageSkeleton } from './components/skeleton';
import { billingTagsRoute } from './pages/billing-tags/billing-tags-routes';
import { NotFoundPage } from './pages/not-found-page';
import { organizationRoute } from './pages/organizations/organization-route';
import { organizationsRoute } from './pages/organizations/organizations-route';
import { overviewRoute } from './pages/overview/overview-route';
import { jobRoutes } from './pages/jobs/jobs-routes';
import { datasetRoutes } from './pages/datasets/datasets-routes';
import { environmentRoutes } from './pages/environments/environments-routes';
import { modelApiRoutes } from './pages/model-apis/model-apis-routes';
import { modelRoutes } from './pages/models/models-routes';
import { monitoringRoute } from './pages/monitoring/monitoring-routes';
import { costRoute } from './pages/cost/cost-routes';
import { projectRoutes } from './pages/projects/projects-routes';
import { rootRoute } from './pages/root-route';
import { RouteError } from './pages/route-error';
import { signInRoute } from './pages/sign-in/sign-in-route';
import { userRoute } from './pages/users/user-route';
import { usersRoute } from './pages/users/users-route';

export const routeTree = rootRoute.addChildren([
  overviewRoute,
  ...projectRoutes,
  ...jobRoutes,
  ...datasetRoutes,
  ...modelRoutes,
  ...modelApiRoutes,
  costRoute,
  ...environmentRoutes,
  organizationsRoute,
  organizationRoute,
  usersRoute,
  userRoute,
  monitoringRoute,
  billingTagsRoute,
  signInRoute,
]);

/** `history` is for tests (a memory history); the browser's is the default. */
export function createAppRouter(queryClient: QueryClient, { history }: { history?: RouterHistory } = {}) {
  return createRouter({
    routeTree,
    history,
    context: { queryClient },
    defaultPreload: 'intent',
    // TanStack Query decides freshness: the router always asks it (ensureQueryData is cheap on a hit).
    defaultPreloadStaleTime: 0,
    defaultErrorComponent: RouteError,
    defaultPendingComponent: PageSkeleton,
    defaultNotFoundComponent: NotFoundPage,
    scrollRestoration: true,
  });
}

/** Nobody signed in, or the session ended: the sign-in page, saying why, and back here afterwards. */
export function sendToSignIn(router: AppRouter, reason: 'required' | 'ended'): void {
  if (router.state.location.pathname === '/sign-in') return;
  void router.navigate({ to: '/sign-in', search: { reason, redirect: router.state.location.href } });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
