import { createRoute } from '@tanstack/react-router';
import { organizationsQueries } from '../../api/organizations';
import { usersQueries } from '../../api/users';
import { rootRoute } from '../root-route';
import { requireObjectId, resourceErrorComponent } from '../resource-error';

export const organizationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'organizations/$organizationId',
  // 403 (not a member) and 404 are ordinary answers here: offer the way back to the list.
  errorComponent: resourceErrorComponent({
    noun: 'organization',
    missing: 'There is no organization with this id visible to you.',
    back: { label: 'Back to organizations', to: '/organizations' },
  }),
  beforeLoad: ({ params }) => requireObjectId(params.organizationId, 'organization'),
  loader: async ({ context: { queryClient }, params }) => {
    // Names for the member ids arrive on their own; the table shows ids until they do.
    void queryClient.prefetchQuery(usersQueries.directory());
    await Promise.all([
      queryClient.ensureQueryData(organizationsQueries.detail(params.organizationId)),
      queryClient.ensureQueryData(usersQueries.self()),
      queryClient.ensureQueryData(organizationsQueries.canListAll()),
    ]);
  },
}).lazy(() => import('./organization-page').then((module) => module.organizationLazyRoute));
