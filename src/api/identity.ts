// Who the browser acts as, as the proxy tags each answer (an opaque id). When it changes — a
// sign-in, a sign-out, a switch, here or in another tab — nothing of the last person's may stay on
// screen: in-flight queries are cancelled, the cache cleared, the log worker ended, and the other
// tabs told (BroadcastChannel), which do the same.
import type { QueryClient } from '@tanstack/react-query';

const CHANNEL = 'domino-console-identity';

let current: string | undefined;
let onChange: ((identity: string) => void) | undefined;

/** The transport reports the identity of every answer here. */
export function noteIdentity(identity: string | null): void {
  if (!identity) return;
  if (current === undefined) {
    current = identity;
    return;
  }
  if (identity === current) return;
  current = identity;
  onChange?.(identity);
}

/** Installed once, by main.tsx: what a change of person does. `afterReset` reloads the page's data (router.invalidate). */
export function watchIdentity(queryClient: QueryClient, options: { endWorkers: () => void; afterReset: () => void }): () => void {
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : undefined;
  const reset = () => {
    // Queries only: a mutation in flight (the sign-in that changed the person) must still finish.
    // Unused queries go; the ones on screen lose their data and fetch again as the new person.
    void queryClient.cancelQueries();
    queryClient.removeQueries({ type: 'inactive' });
    void queryClient.resetQueries();
    options.endWorkers();
    options.afterReset();
  };
  onChange = (identity) => {
    channel?.postMessage(identity);
    reset();
  };
  if (channel) {
    channel.onmessage = (event: MessageEvent<string>) => {
      if (event.data === current) return;
      current = event.data;
      reset();
    };
  }
  return () => {
    onChange = undefined;
    channel?.close();
  };
}
