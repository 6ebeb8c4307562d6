// The QueryClient and the cross-cutting effects that live on its caches: one toast for a failing
// background refetch, and invalidation when a mutation settles (scoped by the keys in its meta).
import { MutationCache, QueryCache, QueryClient, type QueryKey } from '@tanstack/react-query';
import { toastStore, type ToastStore } from '../lib/toast-store';
import { errorMessage } from './error-details';
import { DominoApiError, ResponseShapeError } from './http';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** Query keys (prefixes) to invalidate when the mutation settles, whatever its outcome. */
      invalidates?: readonly QueryKey[];
    };
  }
}

const MAX_RETRIES = 2;
/**
 * Quick second tries: a page waiting on a failing API shows its error about a second after the
 * first failed answer (React Query's default, 1 s then 2 s, kept "Loading…" up for seconds). The
 * error page then goes on trying in the background (RouteError), so a short outage heals itself.
 */
const RETRY_DELAYS_MS = [250, 750];

/** React Query counts from 0: the delay before the first retry is retryDelay(0). */
export function retryDelay(failureCount: number): number {
  return RETRY_DELAYS_MS[Math.min(Math.max(failureCount, 0), RETRY_DELAYS_MS.length - 1)]!;
}

/** Retry only what may succeed on a second try: network failures, 5xx, 408 and 429. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false;
  if (error instanceof ResponseShapeError) return false;
  if (error instanceof DominoApiError) return error.status >= 500 || error.status === 408 || error.status === 429;
  return true;
}

export interface QueryClientOptions {
  toasts?: ToastStore;
  /** Nobody is signed in, or the person's session ended: send them to sign in (main.tsx navigates). */
  onSessionLost?: (reason: 'required' | 'ended') => void;
}

function sessionLost(error: unknown): 'required' | 'ended' | undefined {
  return error instanceof DominoApiError ? error.session : undefined;
}

export function createQueryClient({ toasts = toastStore, onSessionLost }: QueryClientOptions = {}): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError(error, query) {
        const lost = sessionLost(error);
        if (lost) return onSessionLost?.(lost);
        // A first load that fails is shown by the page itself; only a refetch of data already on
        // screen has nowhere else to go. One toast per message, however many queries fail.
        if (query.state.data === undefined) return;
        const message = errorMessage(error);
        toasts.push({ tone: 'error', title: 'Could not refresh data', description: message, dedupeKey: `refetch:${message}` });
      },
    }),
    mutationCache: new MutationCache({
      onError(error) {
        const lost = sessionLost(error);
        if (lost) onSessionLost?.(lost);
      },
      onSettled(_data, _error, _variables, _context, mutation) {
        const keys = mutation.meta?.invalidates;
        if (!keys || keys.length === 0) return undefined;
        // Returned so the mutation stays pending until the fresh data is in.
        return Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: shouldRetry,
        retryDelay,
      },
      mutations: {
        // A mutation is not idempotent in general: never repeat it behind the user's back.
        retry: false,
      },
    },
  });
  return queryClient;
}
