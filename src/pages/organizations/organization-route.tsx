import { createRoute } from '@tanstack/react-router';
import { usersQueries } from '../../api/users';
import { rootRoute } from '../root-route';
import { requireObjectId } from '../bad-link';

export const organizationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'organizations/$organizationId',
  beforeLoad: ({ params }) => requireObjectId(params.organizationId, 'organization'),
  loader: async ({ context: { queryClient }, params }) => {
    const { organizationsQueries } = await import('../../api/organizations');
    // Names for the member ids arrive on their own; the table shows ids until they do.
    void queryClient.prefetchQuery(usersQueries.directory());
    await Promise.all([
      queryClient.ensureQueryData(organizationsQueries.detail(params.organizationId)),
      queryClient.ensureQueryData(usersQueries.self()),
      queryClient.ensureQueryData(organizationsQueries.canListAll()),
    ]);
  },
}).lazy(() => import('./organization-page').then((module) => module.organizationLazyRoute));
