// Renders the whole console (real route tree, real QueryClient) at a path, for page tests.
import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory, RouterProvider } from '@tanstack/react-router';
import { render } from '@testing-library/react';
import { createQueryClient } from '../api/query-client';
import { createToastStore } from '../lib/toast-store';
import { createAppRouter, sendToSignIn } from '../router';

export function renderApp(path: string) {
  const queryClient = createQueryClient({ toasts: createToastStore(), onSessionLost: (reason) => sendToSignIn(router, reason) });
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: 30_000 } });
  const router = createAppRouter(queryClient, { history: createMemoryHistory({ initialEntries: [path] }) });
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...view, router, queryClient };
}
