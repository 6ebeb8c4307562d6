import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DominoApiError } from './api/http';
import { watchIdentity } from './api/identity';
import { createQueryClient } from './api/query-client';
import { endWorkers } from './lib/workers';
import { themeStore } from './lib/theme';
import { createAppRouter, sendToSignIn } from './router';
import './index.css';

// Before the first render, so the remembered theme is in place when anything paints.
themeStore.init();

const queryClient: QueryClient = createQueryClient({ onSessionLost: (reason) => sendToSignIn(router, reason) });
const router = createAppRouter(queryClient);
// Another person now acts in this browser (here or in another tab): nothing of the last one stays.
watchIdentity(queryClient, { endWorkers, afterReset: () => void router.invalidate() });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root, {
  // An API refusal (404, 403, ...) caught by a route's error view is an answer the page shows,
  // not a bug: only unexpected errors (bad response shapes, crashes) go to the console.
  onCaughtError(error, errorInfo) {
    if (error instanceof DominoApiError && error.status < 500) return;
    console.error(error, errorInfo.componentStack);
  },
}).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
