// Environments: fetchers over the contract, query keys, `environmentsQueries` and
// `environmentsMutations`. The embedded extensions (search and visibility filter, the revisions
// list, build logs, the jobs of a revision) are used only where /info lists them; against a real
// Domino the list is the spec's offset/limit list and a page shows what the environment itself says.
import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { request } from './http';
import {
  environmentsEndpoints,
  LIVE_BUILD_STATUSES,
  type EnvironmentRevisionBuildStatusV1,
  type EnvironmentRevisionDetails,
  type EnvironmentV1,
  type EnvironmentVisibilityV1,
  type NewEnvironmentRevisionV1,
  type NewEnvironmentV1,
} from './schemas/environments';
import { MAX_LOG_LINES } from './schemas/jobs';

export interface EnvironmentListRequest {
  offset: number;
  limit: number;
  /** Only with the `environment-search` extension. */
  search?: string;
  visibility?: EnvironmentVisibilityV1;
  /** Whether the server has the `environment-search` extension. */
  embedded: boolean;
}

export const environmentsKeys = {
  all: ['environments'] as const,
  lists: () => [...environmentsKeys.all, 'list'] as const,
  list: (page: EnvironmentListRequest) => [...environmentsKeys.lists(), page] as const,
  /** Every environment the caller may see (the run-job picker). */
  allVisible: () => [...environmentsKeys.lists(), 'all-visible'] as const,
  detail: (environmentId: string) => [...environmentsKeys.all, 'detail', environmentId] as const,
  revisions: (environmentId: string) => [...environmentsKeys.all, 'revisions', environmentId] as const,
  revisionJobs: (environmentId: string, revisionId: string, page: { offset: number; limit: number }) =>
    [...environmentsKeys.all, 'revision-jobs', environmentId, revisionId, page] as const,
};

export async function fetchEnvironments(page: EnvironmentListRequest, signal?: AbortSignal) {
  const envelope = page.embedded
    ? await request(environmentsEndpoints.searchEnvironments, {
        query: { offset: page.offset, limit: page.limit, search: page.search || undefined, visibility: page.visibility },
        signal,
      })
    : await request(environmentsEndpoints.getEnvironments, { query: { offset: page.offset, limit: page.limit }, signal });
  return { environments: envelope.environments, pagination: envelope.metadata.pagination };
}

/** Every environment the caller may see, walking pages of 100 (a deployment has tens, not thousands). */
export async function fetchAllEnvironments(signal?: AbortSignal): Promise<EnvironmentV1[]> {
  const all: EnvironmentV1[] = [];
  for (let offset = 0; ; offset += 100) {
    const envelope = await request(environmentsEndpoints.getEnvironments, { query: { offset, limit: 100 }, signal });
    all.push(...envelope.environments);
    const total = envelope.metadata.pagination.totalCount ?? all.length;
    if (envelope.environments.length === 0 || all.length >= total) return all;
  }
}

export async function fetchEnvironment(environmentId: string, signal?: AbortSignal): Promise<EnvironmentV1> {
  return (await request(environmentsEndpoints.getEnvironment, { params: { environmentId }, signal })).environment;
}

export async function fetchRevisions(environmentId: string, signal?: AbortSignal): Promise<EnvironmentRevisionDetails[]> {
  return (await request(environmentsEndpoints.getEnvironmentRevisions, { params: { environmentId }, signal })).revisions;
}

export async function fetchRevisionJobs(environmentId: string, revisionId: string, page: { offset: number; limit: number }, signal?: AbortSignal) {
  const envelope = await request(environmentsEndpoints.getRevisionJobs, {
    params: { environmentId, revisionId },
    query: { offset: page.offset, limit: page.limit },
    signal,
  });
  return { jobs: envelope.jobs, pagination: envelope.metadata.pagination };
}

/** One page of a revision's build log, after the nanosecond cursor (the job log's rules). */
export async function fetchBuildLogPage(
  { environmentId, revisionId }: { environmentId: string; revisionId: string },
  { latestTimeNano, limit = MAX_LOG_LINES, signal }: { latestTimeNano: string | undefined; limit?: number; signal?: AbortSignal },
) {
  const envelope = await request(environmentsEndpoints.getRevisionBuildLogs, {
    params: { environmentId, revisionId },
    query: { logType: 'complete', limit, latestTimeNano },
    signal,
  });
  return {
    lines: envelope.logs.logContent,
    isComplete: envelope.logs.isComplete,
    latestTimeNano: envelope.metadata.pagination.latestTimeNano ?? latestTimeNano,
    limit: envelope.metadata.pagination.limit,
    problem: envelope.logs.problem,
    helpLink: envelope.logs.helpLink,
  };
}

/** A build still walking queued → … → pushing: its status is polled until it settles. */
export function isBuilding(status: EnvironmentRevisionBuildStatusV1 | string | undefined): boolean {
  return status !== undefined && (LIVE_BUILD_STATUSES as readonly string[]).includes(status);
}

/** While any revision builds, the revisions (and the environment, whose active revision may change) are asked every 1.5 s. */
const BUILD_POLL_MS = 1_500;

export const environmentsQueries = {
  list: (page: EnvironmentListRequest) => queryOptions({ queryKey: environmentsKeys.list(page), queryFn: ({ signal }) => fetchEnvironments(page, signal) }),
  allVisible: () => queryOptions({ queryKey: environmentsKeys.allVisible(), queryFn: ({ signal }) => fetchAllEnvironments(signal), staleTime: 60_000 }),
  detail: (environmentId: string) =>
    queryOptions({
      queryKey: environmentsKeys.detail(environmentId),
      queryFn: ({ signal }) => fetchEnvironment(environmentId, signal),
      refetchInterval: (query) => (isBuilding(query.state.data?.latestRevision?.status) ? BUILD_POLL_MS : false),
    }),
  revisions: (environmentId: string) =>
    queryOptions({
      queryKey: environmentsKeys.revisions(environmentId),
      queryFn: ({ signal }) => fetchRevisions(environmentId, signal),
      refetchInterval: (query) => (query.state.data?.some((revision) => isBuilding(revision.status)) ? BUILD_POLL_MS : false),
    }),
  revisionJobs: (environmentId: string, revisionId: string, page: { offset: number; limit: number }) =>
    queryOptions({
      queryKey: environmentsKeys.revisionJobs(environmentId, revisionId, page),
      queryFn: ({ signal }) => fetchRevisionJobs(environmentId, revisionId, page, signal),
    }),
};

export async function createEnvironment(input: NewEnvironmentV1): Promise<EnvironmentV1> {
  return (await request(environmentsEndpoints.createEnvironment, { body: input })).environment;
}

export async function createRevision({ environmentId, revision }: { environmentId: string; revision: NewEnvironmentRevisionV1 }) {
  return (await request(environmentsEndpoints.createEnvironmentRevision, { params: { environmentId }, body: revision })).environmentRevision;
}

export async function setRevisionRestricted({ environmentId, revisionId, isRestricted }: { environmentId: string; revisionId: string; isRestricted: boolean }) {
  await request(environmentsEndpoints.updateEnvironmentRevisionIsRestricted, { params: { environmentId, revisionId }, body: { isRestricted } });
}

export async function archiveEnvironment(environmentId: string): Promise<EnvironmentV1> {
  return (await request(environmentsEndpoints.archiveEnvironment, { params: { environmentId } })).environment;
}

const ofEnvironment = (environmentId: string) => [environmentsKeys.detail(environmentId), environmentsKeys.revisions(environmentId), environmentsKeys.lists()];

export const environmentsMutations = {
  create: () =>
    mutationOptions({ mutationKey: [...environmentsKeys.all, 'create'], mutationFn: createEnvironment, meta: { invalidates: [environmentsKeys.lists()] } }),
  createRevision: (environmentId: string) =>
    mutationOptions({
      mutationKey: [...environmentsKeys.all, 'create-revision'],
      mutationFn: createRevision,
      meta: { invalidates: ofEnvironment(environmentId) },
    }),
  restrict: (environmentId: string) =>
    mutationOptions({
      mutationKey: [...environmentsKeys.all, 'restrict'],
      mutationFn: setRevisionRestricted,
      meta: { invalidates: ofEnvironment(environmentId) },
    }),
  archive: (environmentId: string) =>
    mutationOptions({ mutationKey: [...environmentsKeys.all, 'archive'], mutationFn: archiveEnvironment, meta: { invalidates: ofEnvironment(environmentId) } }),
};
