import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext } from '@tanstack/react-router';
import { NotFoundPage } from './not-found-page';
import { RootErrorPage } from './route-error';
import { RootLayout } from './root-layout';

/** What every loader gets: the app's QueryClient, to prefetch with the pages' own factories. */
export interface RouterContext {
  queryClient: QueryClient;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
  // Only reached if the frame itself fails; page errors render inside the frame.
  errorComponent: RootErrorPage,
});
