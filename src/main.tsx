import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DominoApiError } from './api/http';
import { createQueryClient } from './api/query-client';
import { themeStore } from './lib/theme';
import { createAppRouter } from './router';
import './index.css';

// Before the first render, so the remembered theme is in place when anything paints.
themeStore.init();

const queryClient = createQueryClient();
const router = createAppRouter(queryClient);

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
