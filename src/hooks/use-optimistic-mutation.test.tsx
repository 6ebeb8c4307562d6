import { QueryClientProvider, useQuery, type QueryClient } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../api/query-client';
import { createToastStore, toastStore } from '../lib/toast-store';
import { useOptimisticMutation } from './use-optimistic-mutation';

const KEY = ['flag'];

/** A promise to settle by hand, to hold a request at the point a test wants to look. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A controlled checkbox over one cached boolean, changed through useOptimisticMutation. */
function Flag({ save, load }: { save: (value: boolean) => Promise<boolean>; load: () => Promise<boolean> }) {
  const flag = useQuery({ queryKey: KEY, queryFn: load });
  const toggle = useOptimisticMutation({
    mutation: { mutationFn: save, meta: { invalidates: [KEY] } },
    queryKey: KEY,
    optimistic: (_current: boolean, value: boolean) => value,
    failureTitle: (value) => (value ? 'Could not switch it on' : 'Could not switch it off'),
  });
  return (
    <label>
      <input type="checkbox" checked={toggle.withPending(flag.data ?? false)} onChange={(event) => toggle.mutate(event.target.checked)} />
      Flag
      {toggle.isPending ? ' (saving)' : ''}
    </label>
  );
}

function renderFlag(props: Parameters<typeof Flag>[0]): QueryClient {
  const queryClient = createQueryClient({ toasts: createToastStore() });
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: 30_000 } });
  queryClient.setQueryData(KEY, false);
  render(
    <QueryClientProvider client={queryClient}>
      <Flag {...props} />
    </QueryClientProvider>,
  );
  return queryClient;
}

describe('useOptimisticMutation', () => {
  it('shows the change in the same tick as the click, in the input and in the cache', () => {
    const queryClient = renderFlag({ save: () => new Promise(() => undefined), load: async () => false });
    fireEvent.click(screen.getByRole('checkbox', { name: /Flag/ }));
    // No await: a controlled input that waited for the cache's notification would read false here.
    expect(screen.getByRole('checkbox', { name: /Flag/ })).toBeChecked();
    expect(queryClient.getQueryData(KEY)).toBe(true);
  });

  it('keeps the change while it is pending, even when a refetch lands with the old state', async () => {
    const saving = deferred<boolean>();
    let serverValue = false;
    const load = vi.fn(async () => serverValue);
    const queryClient = renderFlag({ save: () => saving.promise, load });
    fireEvent.click(screen.getByRole('checkbox', { name: /Flag/ }));

    // Another change's refetch answers with the state from before the click.
    await act(() => queryClient.refetchQueries({ queryKey: KEY }));
    expect(queryClient.getQueryData(KEY)).toBe(false);
    expect(screen.getByRole('checkbox', { name: /Flag/ })).toBeChecked();

    serverValue = true;
    saving.resolve(true);
    await waitFor(() => expect(screen.getByRole('checkbox', { name: /Flag/ })).not.toHaveAccessibleName(/saving/));
    expect(screen.getByRole('checkbox', { name: /Flag/ })).toBeChecked();
    expect(queryClient.getQueryData(KEY)).toBe(true);
  });

  it('puts the box back as soon as the change is refused, before the refetch that follows has answered', async () => {
    const saving = deferred<boolean>();
    const refetch = deferred<boolean>();
    const load = vi.fn(() => refetch.promise);
    const queryClient = renderFlag({ save: () => saving.promise, load });
    fireEvent.click(screen.getByRole('checkbox', { name: /Flag/ }));
    expect(screen.getByRole('checkbox', { name: /Flag/ })).toBeChecked();

    saving.reject(new Error('not allowed'));
    await waitFor(() => expect(screen.getByRole('checkbox', { name: /Flag/ })).not.toBeChecked());
    expect(queryClient.getQueryData(KEY)).toBe(false);
    expect(toastStore.getSnapshot().find((toast) => toast.title === 'Could not switch it on')?.description).toBe('not allowed. The change was undone.');
    // The refetch is still out: the rollback, not the server's answer, put the box back.
    await waitFor(() => expect(load).toHaveBeenCalled());
    refetch.resolve(false);
    await waitFor(() => expect(screen.getByRole('checkbox', { name: /Flag/ })).not.toHaveAccessibleName(/saving/));
    expect(screen.getByRole('checkbox', { name: /Flag/ })).not.toBeChecked();
  });
});
