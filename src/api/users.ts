// Users: fetchers, query keys and the `usersQueries` factory. Pages call useQuery/useSuspenseQuery
// on the factory and loaders prefetch the same entries, so both share one cache entry.
import { queryOptions } from '@tanstack/react-query';
import { DominoApiError, request } from './http';
import { fetchAllPages, walkPages, type PageOf, type WalkOptions } from './pagination';
import type { PageRequest } from './schemas/common';
import { usersEndpoints, type GitCredentialsAccessorV1, type UserV1 } from './schemas/users';

export const usersKeys = {
  all: ['users'] as const,
  self: () => [...usersKeys.all, 'self'] as const,
  lists: () => [...usersKeys.all, 'list'] as const,
  list: (page: PageRequest) => [...usersKeys.lists(), page] as const,
  directory: () => [...usersKeys.all, 'directory'] as const,
  detail: (userId: string) => [...usersKeys.all, 'detail', userId] as const,
  gitCredentials: (userId: string) => [...usersKeys.all, 'git-credentials', userId] as const,
};

export async function fetchCurrentUser(signal?: AbortSignal): Promise<UserV1> {
  const envelope = await request(usersEndpoints.getCurrentUser, { signal });
  return envelope.user;
}

export async function fetchUsersPage(page: PageRequest, signal?: AbortSignal) {
  const envelope = await request(usersEndpoints.getVisibleUsers, { query: page, signal });
  return { users: envelope.users, pagination: envelope.metadata.pagination };
}

// Users come in large pages: the list is walked for names, and to find one user, since the API
// has no get-user-by-id.
const USERS_WALK: WalkOptions = { pageSize: 500, maxPages: 200 };

function usersPages(signal?: AbortSignal) {
  return async (page: PageRequest): Promise<PageOf<UserV1>> => {
    const { users, pagination } = await fetchUsersPage(page, signal);
    return { items: users, pagination };
  };
}

/** Every visible user, for resolving ids to names and for user pickers. */
export function fetchAllUsers(signal?: AbortSignal): Promise<UserV1[]> {
  return fetchAllPages(usersPages(signal), USERS_WALK);
}

/** The user with this id, or null when no visible user has it; the walk stops at the page that has them. */
export async function findUserById(userId: string, signal?: AbortSignal): Promise<UserV1 | null> {
  let found: UserV1 | null = null;
  await walkPages(
    usersPages(signal),
    (users) => {
      found = users.find((user) => user.id === userId) ?? null;
      return found !== null;
    },
    USERS_WALK,
  );
  return found;
}

export type GitCredentialsResult =
  | { access: 'granted'; credentials: GitCredentialsAccessorV1[] }
  /** Domino answers 403 unless the caller is this user or an administrator: a normal outcome. */
  | { access: 'forbidden'; message: string };

export async function fetchGitCredentials(userId: string, signal?: AbortSignal): Promise<GitCredentialsResult> {
  try {
    const envelope = await request(usersEndpoints.getUserGitCreds, {
      params: { userId },
      signal,
    });
    return { access: 'granted', credentials: envelope.credentials };
  } catch (error) {
    if (error instanceof DominoApiError && error.status === 403) return { access: 'forbidden', message: error.message };
    throw error;
  }
}

export const usersQueries = {
  self: () =>
    queryOptions({
      queryKey: usersKeys.self(),
      queryFn: ({ signal }) => fetchCurrentUser(signal),
      // Who is signed in does not change while the page is open.
      staleTime: 5 * 60_000,
    }),
  list: (page: PageRequest) =>
    queryOptions({
      queryKey: usersKeys.list(page),
      queryFn: ({ signal }) => fetchUsersPage(page, signal),
    }),
  directory: () =>
    queryOptions({
      queryKey: usersKeys.directory(),
      queryFn: ({ signal }) => fetchAllUsers(signal),
      staleTime: 5 * 60_000,
    }),
  detail: (userId: string) =>
    queryOptions({
      queryKey: usersKeys.detail(userId),
      queryFn: ({ signal }) => findUserById(userId, signal),
    }),
  gitCredentials: (userId: string) =>
    queryOptions({
      queryKey: usersKeys.gitCredentials(userId),
      queryFn: ({ signal }) => fetchGitCredentials(userId, signal),
    }),
};
