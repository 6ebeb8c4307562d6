import { createRoute } from '@tanstack/react-router';
import { embeddedQueries } from '../../api/embedded';
import { usersQueries } from '../../api/users';
import { requireObjectId } from '../bad-link';
import { rootRoute } from '../root-route';

export const userRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'users/$userId',
  beforeLoad: ({ params }) => requireObjectId(params.userId, 'user'),
  loader: async ({ context: { queryClient }, params }) => {
    void queryClient.prefetchQuery(usersQueries.self());
    const [user] = await Promise.all([queryClient.ensureQueryData(usersQueries.detail(params.userId)), queryClient.ensureQueryData(embeddedQueries.info())]);
    // Credentials may be refused (403) or fail on their own: their section shows that, so they are
    // only warmed up here, never awaited, and not asked for a user who does not exist.
    if (user) void queryClient.prefetchQuery(usersQueries.gitCredentials(params.userId));
  },
}).lazy(() => import('./user-page').then((module) => module.userLazyRoute));
