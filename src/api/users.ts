// Users: fetchers, query keys and the `usersQueries` factory. Pages call useQuery/useSuspenseQuery
// on the factory and loaders prefetch the same entries, so both share one cache entry.
import { queryOptions } from '@tanstack/react-query';
import { DominoApiError, request } from './http';
import { referenceEndpoints } from './schemas/reference-endpoints';
import {
  PaginatedGitCredentialsAccessorEnvelopeV1Schema,
  PaginatedUserEnvelopeV1Schema,
  UserEnvelopeV1Schema,
  type GitCredentialsAccessorV1,
  type UserV1,
} from './schemas/users';

export interface PageRequest {
  offset: number;
  limit: number;
}

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
  const envelope = await request(referenceEndpoints.getCurrentUser, { schema: UserEnvelopeV1Schema, signal });
  return envelope.user;
}

export async function fetchUsersPage(page: PageRequest, signal?: AbortSignal) {
  const envelope = await request(referenceEndpoints.getVisibleUsers, {
    query: { offset: page.offset, limit: page.limit },
    schema: PaginatedUserEnvelopeV1Schema,
    signal,
  });
  return { users: envelope.users, pagination: envelope.metadata.pagination };
}

// Large pages keep the walk short; a server may clamp the limit, so progress is measured by what
// actually came back, never by what was asked for.
const WALK_PAGE_SIZE = 500;
const MAX_WALK_PAGES = 200;

/**
 * Walks /users/v1/users page by page, calling `visit` on each page until it returns true or the
 * list ends. The API has no get-user-by-id, so finding one user and listing all share this.
 */
async function walkUsers(visit: (users: readonly UserV1[]) => boolean, signal?: AbortSignal): Promise<void> {
  let offset = 0;
  for (let pageIndex = 0; pageIndex < MAX_WALK_PAGES; pageIndex++) {
    const { users, pagination } = await fetchUsersPage({ offset, limit: WALK_PAGE_SIZE }, signal);
    if (visit(users)) return;
    offset += users.length;
    const total = pagination.totalCount;
    const exhausted = users.length === 0 || (total !== undefined ? offset >= total : users.length < pagination.limit);
    if (exhausted) return;
  }
}

/** Every visible user, for resolving ids to names and for user pickers. */
export async function fetchAllUsers(signal?: AbortSignal): Promise<UserV1[]> {
  const all: UserV1[] = [];
  const seen = new Set<string>();
  await walkUsers((users) => {
    for (const user of users) {
      if (seen.has(user.id)) continue;
      seen.add(user.id);
      all.push(user);
    }
    return false;
  }, signal);
  return all;
}

/** The user with this id, or null when no visible user has it. */
export async function findUserById(userId: string, signal?: AbortSignal): Promise<UserV1 | null> {
  let found: UserV1 | null = null;
  await walkUsers((users) => {
    found = users.find((user) => user.id === userId) ?? null;
    return found !== null;
  }, signal);
  return found;
}

export type GitCredentialsResult =
  | { access: 'granted'; credentials: GitCredentialsAccessorV1[] }
  /** Domino answers 403 unless the caller is this user or an administrator: a normal outcome. */
  | { access: 'forbidden'; message: string };

export async function fetchGitCredentials(userId: string, signal?: AbortSignal): Promise<GitCredentialsResult> {
  try {
    const envelope = await request(referenceEndpoints.getUserGitCreds, {
      params: { userId },
      schema: PaginatedGitCredentialsAccessorEnvelopeV1Schema,
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
