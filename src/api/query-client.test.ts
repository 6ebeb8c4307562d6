import { QueryObserver } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { createToastStore } from '../lib/toast-store';
import { DominoApiError, NetworkError, ResponseShapeError } from './http';
import { createQueryClient, shouldRetry } from './query-client';

const apiError = (status: number) => new DominoApiError({ status, errors: ['nope'], endpoint: 'GET /x' });

describe('shouldRetry', () => {
  it('does not retry 4xx answers or contract mismatches', () => {
    expect(shouldRetry(0, apiError(400))).toBe(false);
    expect(shouldRetry(0, apiError(403))).toBe(false);
    expect(shouldRetry(0, apiError(404))).toBe(false);
    expect(shouldRetry(0, new ResponseShapeError({ endpoint: 'GET /x', issues: [], status: 200 }))).toBe(false);
  });

  it('retries transient failures twice', () => {
    for (const error of [apiError(500), apiError(503), apiError(408), apiError(429), new NetworkError('GET /x', new TypeError())]) {
      expect(shouldRetry(0, error)).toBe(true);
      expect(shouldRetry(1, error)).toBe(true);
      expect(shouldRetry(2, error)).toBe(false);
    }
  });
});

describe('createQueryClient', () => {
  it('gives up on a failing first load within 3 s of the first failed answer, so the page can show it', async () => {
    const client = createQueryClient({ toasts: createToastStore() });
    let firstFailure = 0;
    const queryFn = vi.fn(async () => {
      firstFailure ||= Date.now();
      throw apiError(503);
    });
    await expect(client.fetchQuery({ queryKey: ['down'], queryFn })).rejects.toThrow();
    expect(Date.now() - firstFailure).toBeLessThanOrEqual(3_000);
    expect(queryFn).toHaveBeenCalledTimes(3);
  });

  it('asks again after a 408 (the server gave up waiting) and gets the answer', async () => {
    const client = createQueryClient({ toasts: createToastStore() });
    const queryFn = vi.fn<() => Promise<string>>().mockRejectedValueOnce(apiError(408)).mockResolvedValueOnce('data');
    await expect(client.fetchQuery({ queryKey: ['slow'], queryFn, retryDelay: 0 })).resolves.toBe('data');
    expect(queryFn).toHaveBeenCalledTimes(2);
  });

  it('keeps a mutation pending until the queries it invalidates have been fetched again', async () => {
    const client = createQueryClient({ toasts: createToastStore() });
    let answerRefetch!: (value: string) => void;
    const refetched = new Promise<string>((resolve) => (answerRefetch = resolve));
    const queryFn = vi.fn<() => Promise<string>>().mockResolvedValueOnce('before').mockReturnValueOnce(refetched);
    const unsubscribe = new QueryObserver(client, { queryKey: ['goals', 'p1'], queryFn }).subscribe(() => undefined);
    await vi.waitFor(() => expect(client.getQueryData(['goals', 'p1'])).toBe('before'));

    const mutation = client.getMutationCache().build(client, { mutationFn: () => Promise.resolve('saved'), meta: { invalidates: [['goals']] } });
    const settled = mutation.execute(undefined);
    await vi.waitFor(() => expect(queryFn).toHaveBeenCalledTimes(2));
    // Saved, but the refetch is still out: a page that ends its optimistic state when the
    // mutation settles would otherwise show the cached state from before the change.
    await Promise.resolve();
    expect(mutation.state.status).toBe('pending');

    answerRefetch('after');
    await settled;
    expect(mutation.state.status).toBe('success');
    expect(client.getQueryData(['goals', 'p1'])).toBe('after');
    unsubscribe();
  });

  it('toasts once for failing background refetches, not for a failing first load', async () => {
    const toasts = createToastStore();
    const client = createQueryClient({ toasts });
    client.setDefaultOptions({ queries: { retry: false } });

    await client.fetchQuery({ queryKey: ['first'], queryFn: () => Promise.reject(apiError(500)) }).catch(() => undefined);
    expect(toasts.getSnapshot()).toHaveLength(0);

    for (const key of ['a', 'b']) {
      client.setQueryData([key], 'old');
      await client.fetchQuery({ queryKey: [key], queryFn: () => Promise.reject(apiError(500)), staleTime: 0 }).catch(() => undefined);
    }
    expect(toasts.getSnapshot()).toHaveLength(1);
    expect(toasts.getSnapshot()[0]).toMatchObject({ tone: 'error', title: 'Could not refresh data', description: 'nope' });
  });

  it('invalidates the keys in a mutation’s meta when it settles, success or failure', async () => {
    const client = createQueryClient({ toasts: createToastStore() });
    const queryFn = vi.fn(() => Promise.resolve('data'));
    const observer = new QueryObserver(client, { queryKey: ['organizations', 'list', 'mine'], queryFn });
    const unsubscribe = observer.subscribe(() => undefined);
    await vi.waitFor(() => expect(queryFn).toHaveBeenCalledTimes(1));

    const untouched = vi.fn(() => Promise.resolve('users'));
    await client.fetchQuery({ queryKey: ['users', 'self'], queryFn: untouched });

    const mutate = (fail: boolean) =>
      client
        .getMutationCache()
        .build(client, {
          mutationFn: () => (fail ? Promise.reject(apiError(400)) : Promise.resolve('ok')),
          meta: { invalidates: [['organizations']] },
        })
        .execute(undefined)
        .catch(() => undefined);

    await mutate(false);
    expect(queryFn).toHaveBeenCalledTimes(2);
    await mutate(true);
    expect(queryFn).toHaveBeenCalledTimes(3);
    expect(client.getQueryState(['users', 'self'])?.isInvalidated).toBe(false);
    unsubscribe();
  });
});
