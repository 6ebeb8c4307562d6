import { createRoute } from '@tanstack/react-router';
import { embeddedQueries } from '../../api/embedded';
import { usersQueries } from '../../api/users';
import { rootRoute } from '../root-route';

export const overviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  loader: ({ context: { queryClient } }) =>
    Promise.all([queryClient.ensureQueryData(usersQueries.self()), queryClient.ensureQueryData(embeddedQueries.info())]),
}).lazy(() => import('./overview-page').then((module) => module.overviewLazyRoute));
