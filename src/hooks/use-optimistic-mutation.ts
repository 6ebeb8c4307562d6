// The one way the console changes data optimistically. A change shows from the click itself, in the
// cache (every reader of the query) and, for controlled inputs, in component state; a refused
// change is undone at once with a toast that says why; a change that lands stays pending until the
// query has been fetched again (query-client.ts), so nothing flips back to the old state meanwhile.
import { useMutation, useQueryClient, type MutateOptions, type QueryKey, type UseMutationOptions } from '@tanstack/react-query';
import { useState } from 'react';
import { applyOptimistic, rollBack, type Snapshot } from '../api/optimistic';

export interface OptimisticMutationOptions<TData, TVariables, TCached> {
  /** A mutation factory's options (mutationKey, mutationFn, meta.invalidates). */
  mutation: Pick<UseMutationOptions<TData, Error, TVariables>, 'mutationKey' | 'mutationFn' | 'meta'>;
  /** The query that shows the change. */
  queryKey: QueryKey;
  /**
   * The cached data with the change made. Must give the same answer when applied twice (set a
   * value; add only what is not there yet): it runs again when a refetch is cancelled, and on
   * every render while the change is pending for `withPending`.
   */
  optimistic: (current: TCached, variables: TVariables) => TCached;
  /** The toast's title when Domino refuses, e.g. "Could not remove Maya Chen"; `previous` is the data before the change. */
  failureTitle: (variables: TVariables, previous: TCached | undefined) => string;
  onSuccess?: (data: TData, variables: TVariables, previous: TCached | undefined) => void;
  /** After the change has been undone and the toast raised (e.g. give typed text back). */
  onError?: (error: Error, variables: TVariables) => void;
}

export function useOptimisticMutation<TData, TVariables, TCached>({
  mutation,
  queryKey,
  optimistic,
  failureTitle,
  onSuccess,
  onError,
}: OptimisticMutationOptions<TData, TVariables, TCached>) {
  const queryClient = useQueryClient();
  // The changes under way, by identity (TanStack Query keeps the variables object as it was passed).
  const [pending, setPending] = useState<readonly TVariables[]>([]);
  const settle = (variables: TVariables) => setPending((current) => current.filter((candidate) => candidate !== variables));

  const result = useMutation<TData, Error, TVariables, Snapshot<TCached>>({
    ...mutation,
    onMutate: (variables) => applyOptimistic<TCached>(queryClient, queryKey, (current) => optimistic(current, variables)),
    onError: (error, variables, snapshot) => {
      // Before the refetch that settling starts: the refused change goes from the screen at once.
      settle(variables);
      rollBack(queryClient, queryKey, snapshot, failureTitle(variables, snapshot?.previous), error);
      onError?.(error, variables);
    },
    onSuccess: (data, variables, snapshot) => onSuccess?.(data, variables, snapshot?.previous),
    // Runs after the invalidation query-client.ts awaits: the cache has the server's state by now.
    onSettled: (_data, _error, variables) => settle(variables),
  });

  return {
    ...result,
    mutate: (variables: TVariables, options?: MutateOptions<TData, Error, TVariables, Snapshot<TCached>>) => {
      // State set in the click's own event renders before the browser paints: a checkbox driven
      // only by the cache would flip back for a moment, since query updates reach React a task later.
      setPending((current) => [...current, variables]);
      result.mutate(variables, options);
    },
    /** `data` with every pending change made: what a controlled input shows until its change has landed or been undone. */
    withPending: (data: TCached): TCached => pending.reduce((current, variables) => optimistic(current, variables), data),
  };
}
