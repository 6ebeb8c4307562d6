import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { noteIdentity, watchIdentity } from './identity';

const CHANNEL = 'domino-console-identity';
const stops: Array<() => void> = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

function consoleWithData() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const fetchProjects = vi.fn(async () => ['projects of whoever acts now']);
  queryClient.setQueryData(['projects'], ['maya’s private project']);
  queryClient.setQueryData(['old page'], ['maya’s job log']);
  // The projects are on screen; the old page's query is not.
  const observer = new QueryObserver(queryClient, { queryKey: ['projects'], queryFn: fetchProjects });
  stops.push(observer.subscribe(() => {}));
  const endWorkers = vi.fn();
  const afterReset = vi.fn();
  stops.push(watchIdentity(queryClient, { endWorkers, afterReset }));
  return { queryClient, fetchProjects, endWorkers, afterReset };
}

describe('a change of the person the console acts as', () => {
  it('leaves nothing of the last person’s: data dropped, queries on screen fetched again, workers ended, other tabs told', async () => {
    noteIdentity('maya');
    const { queryClient, fetchProjects, endWorkers, afterReset } = consoleWithData();
    const otherTab = new BroadcastChannel(CHANNEL);
    const told = new Promise<string>((resolve) => (otherTab.onmessage = (event) => resolve(event.data)));
    stops.push(() => otherTab.close());

    noteIdentity('maya'); // the same person: nothing happens
    expect(endWorkers).not.toHaveBeenCalled();

    noteIdentity('omar');
    expect(queryClient.getQueryData(['old page'])).toBeUndefined();
    expect(queryClient.getQueryData(['projects'])).not.toEqual(['maya’s private project']);
    expect(endWorkers).toHaveBeenCalledOnce();
    expect(afterReset).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(fetchProjects).toHaveBeenCalled());
    await expect(told).resolves.toBe('omar');
  });

  it('does the same when another tab says the person changed', async () => {
    noteIdentity('omar');
    const { queryClient, endWorkers } = consoleWithData();
    const otherTab = new BroadcastChannel(CHANNEL);
    stops.push(() => otherTab.close());
    otherTab.postMessage('grace');
    await vi.waitFor(() => expect(endWorkers).toHaveBeenCalledOnce());
    expect(queryClient.getQueryData(['old page'])).toBeUndefined();
  });
});
