import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { toastStore } from '../lib/toast-store';

// A page test's first render loads its route's lazy chunks, which on a busy 2-core machine takes
// well over Testing Library's default 1 s: findBy and waitFor wait up to 5 s instead (a test's own
// timeout is vitest.config.ts's). Nothing waits longer than it must: findBy returns once it finds.
configure({ asyncUtilTimeout: 5_000 });

// Vitest runs without globals, so Testing Library cannot register its own cleanup. Error toasts
// stay until dismissed, and the store outlives a test: each test starts with none.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  for (const toast of toastStore.getSnapshot()) toastStore.dismiss(toast.id);
});

// jsdom has no matchMedia; the theme code asks it whether the system prefers dark.
if (typeof window !== 'undefined' && !window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}
