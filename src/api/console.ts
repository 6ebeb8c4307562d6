// The console's own endpoints (its proxy, not Domino): who this browser acts as, and becoming
// someone else. The key a person types goes to the proxy and no further; answers never hold one.
import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { request } from './http';
import { consoleEndpoints, type ConsoleMode, type ConsoleSession, type SignIn } from './schemas/console';

export const consoleKeys = {
  all: ['console'] as const,
  session: () => [...consoleKeys.all, 'session'] as const,
};

export function fetchSession(signal?: AbortSignal): Promise<ConsoleSession> {
  return request(consoleEndpoints.getSession, { signal });
}

export const consoleQueries = {
  session: () =>
    queryOptions({
      queryKey: consoleKeys.session(),
      queryFn: ({ signal }) => fetchSession(signal),
      // Changes only by this browser's own sign-in, sign-out or switch, which set it themselves.
      staleTime: 5 * 60_000,
    }),
};

export const consoleMutations = {
  signIn: () =>
    mutationOptions({ mutationKey: [...consoleKeys.all, 'sign-in'], mutationFn: (input: SignIn) => request(consoleEndpoints.signIn, { body: input }) }),
  redeemLink: () =>
    mutationOptions({
      mutationKey: [...consoleKeys.all, 'redeem-link'],
      mutationFn: (token: string) => request(consoleEndpoints.redeemLink, { body: { token } }),
    }),
  switchUser: () =>
    mutationOptions({
      mutationKey: [...consoleKeys.all, 'switch-user'],
      mutationFn: (userId: string) => request(consoleEndpoints.switchUser, { body: { userId } }),
    }),
  /** The variable is the mode the person signed out of: by the answer, the identity change has reset the session query. */
  signOut: () =>
    mutationOptions({
      mutationKey: [...consoleKeys.all, 'sign-out'],
      mutationFn: (_signingOutOf: ConsoleMode | undefined) => request(consoleEndpoints.signOut, { body: {} }),
    }),
};
