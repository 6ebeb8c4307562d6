import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, redirect } from '@tanstack/react-router';
import { consoleQueries } from '../api/console';
import { NotFoundPage } from './not-found-page';
import { RootErrorPage } from './route-error';
import { RootLayout } from './root-layout';

/** What every loader gets: the app's QueryClient, to prefetch with the pages' own factories. */
export interface RouterContext {
  queryClient: QueryClient;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  // A multi-user console without a session shows nothing but the sign-in page. (A console that
  // cannot tell, e.g. an older proxy, carries on: its /api answers say if a session is needed.)
  beforeLoad: async ({ context, location }) => {
    if (location.pathname === '/sign-in') return;
    const session = await context.queryClient.ensureQueryData(consoleQueries.session()).catch(() => undefined);
    if (session?.mode === 'multi-user' && !session.signedIn) throw redirect({ to: '/sign-in', search: { reason: 'required', redirect: location.href } });
  },
  component: RootLayout,
  notFoundComponent: NotFoundPage,
  // Only reached if the frame itself fails; page errors render inside the frame.
  errorComponent: RootErrorPage,
});
