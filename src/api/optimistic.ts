// An optimistic change to one cached query: the screen changes at once, and if Domino refuses, the
// previous data comes back and a toast says what was refused and why. Pages use these through
// useOptimisticMutation (src/hooks); invalidation after the mutation settles comes from the
// mutations' meta (query-client.ts).
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { toastStore } from '../lib/toast-store';
import { errorMessage } from './error-details';

/** The cached data before the change, to put back if it is refused. */
export interface Snapshot<T> {
  previous: T | undefined;
}

export async function applyOptimistic<T>(queryClient: QueryClient, queryKey: QueryKey, update: (current: T) => T): Promise<Snapshot<T>> {
  const previous = queryClient.getQueryData<T>(queryKey);
  if (previous === undefined) return { previous };
  // At once, before any await: what the click changed must be in the cache in the same tick.
  queryClient.setQueryData<T>(queryKey, update(previous));
  // A refetch landing mid-change would overwrite the optimistic state with the old data; cancelling
  // it restores the data it started from, so the change is applied again on top.
  if (queryClient.isFetching({ queryKey }) > 0) {
    await queryClient.cancelQueries({ queryKey });
    queryClient.setQueryData<T>(queryKey, update(previous));
  }
  return { previous };
}

export function rollBack<T>(queryClient: QueryClient, queryKey: QueryKey, snapshot: Snapshot<T> | undefined, title: string, error: unknown): void {
  if (snapshot?.previous !== undefined) queryClient.setQueryData<T>(queryKey, snapshot.previous);
  const reason = errorMessage(error).trim();
  // Server messages rarely end in a full stop; the sentence after them needs one.
  const sentence = /[.!?]$/.test(reason) ? reason : `${reason}.`;
  toastStore.push({ tone: 'error', title, description: `${sentence} The change was undone.` });
}
