// Jobs: fetchers, query keys, the `jobsQueries` factory and the mutations. The projects a picker
// offers and a project's goals come from projects.ts (projectsQueries.allVisible / goals).
import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { request } from './http';
import { jobsEndpoints, type JobDetailsV1, type JobListQuery, type LinkedGoalV1, type NewJobV1, type TagV1 } from './schemas/jobs';

export const jobsKeys = {
  all: ['jobs'] as const,
  lists: () => [...jobsKeys.all, 'list'] as const,
  projectLists: (projectId: string) => [...jobsKeys.lists(), projectId] as const,
  list: (request: JobListQuery) => [...jobsKeys.projectLists(request.projectId), request] as const,
  details: () => [...jobsKeys.all, 'detail'] as const,
  detail: (jobId: string) => [...jobsKeys.details(), jobId] as const,
  goals: (jobId: string) => [...jobsKeys.all, 'goals', jobId] as const,
  problem: (jobId: string) => [...jobsKeys.all, 'problem', jobId] as const,
};

export async function fetchJobs(list: JobListQuery, signal?: AbortSignal) {
  const envelope = await request(jobsEndpoints.getJobs, {
    query: {
      projectId: list.projectId,
      offset: list.offset,
      limit: list.limit,
      sortBy: list.sortBy,
      dominoStatsSortFieldName: list.sortBy === 'dominoStatsField' ? list.dominoStatsSortFieldName : undefined,
      ascending: list.ascending,
      statusFilter: list.statusFilter,
      // An empty filter means "no filter"; tagFilter= would ask for jobs tagged "".
      tagFilter: list.tagFilter ? list.tagFilter : undefined,
      showArchived: list.showArchived,
      // An embedded extension: only set where /info lists it (the jobs route sees to that).
      executionStatus: list.executionStatus,
    },
    signal,
  });
  return { jobs: envelope.jobs, pagination: envelope.metadata.pagination };
}

export async function fetchJob(jobId: string, signal?: AbortSignal): Promise<JobDetailsV1> {
  const envelope = await request(jobsEndpoints.getJobDetails, { params: { jobId }, signal });
  return envelope.job;
}

/** What went wrong with a finished job, as the logs endpoint reports it. */
export interface JobProblem {
  problem: string | undefined;
  helpLink: string | undefined;
}

// A cursor past any line: the answer carries problem and helpLink without a single log line.
const PAST_EVERY_LINE = '9000000000000000000';

export async function fetchJobProblem(jobId: string, signal?: AbortSignal): Promise<JobProblem> {
  const envelope = await request(jobsEndpoints.getJobLogs, {
    params: { jobId },
    query: { logType: 'complete', limit: 1, latestTimeNano: PAST_EVERY_LINE },
    signal,
  });
  return { problem: envelope.logs.problem, helpLink: envelope.logs.helpLink };
}

export async function fetchJobGoals(jobId: string, signal?: AbortSignal): Promise<LinkedGoalV1[]> {
  const envelope = await request(jobsEndpoints.getLinkedGoalsForJob, { query: { jobId }, signal });
  return envelope.goals;
}

export async function startJob(input: NewJobV1): Promise<JobDetailsV1> {
  const envelope = await request(jobsEndpoints.startJob, { body: input });
  return envelope.job;
}

export interface JobTagInput {
  jobId: string;
  projectId: string;
  tagName: string;
}

export async function addJobTag({ jobId, projectId, tagName }: JobTagInput): Promise<TagV1> {
  const envelope = await request(jobsEndpoints.addJobTag, { params: { jobId }, body: { tagName, projectId } });
  return envelope.tag;
}

export interface RemoveJobTagInput {
  jobId: string;
  projectId: string;
  tagId: string;
}

export async function removeJobTag({ jobId, projectId, tagId }: RemoveJobTagInput): Promise<void> {
  await request(jobsEndpoints.removeJobTag, { params: { jobId, tagId }, query: { projectId } });
}

export interface JobGoalInput {
  jobId: string;
  projectId: string;
  goalId: string;
}

export async function linkJobToGoal({ jobId, projectId, goalId }: JobGoalInput): Promise<LinkedGoalV1> {
  const envelope = await request(jobsEndpoints.linkJobToGoal, { query: { jobId }, body: { goalId, projectId } });
  return envelope.goal;
}

export async function unlinkJobFromGoal({ jobId, projectId, goalId }: JobGoalInput): Promise<void> {
  await request(jobsEndpoints.unlinkJobFromGoal, { params: { goalId }, query: { jobId, projectId } });
}

export async function stopJob(jobId: string): Promise<JobDetailsV1> {
  const envelope = await request(jobsEndpoints.stopJob, { params: { jobId } });
  return envelope.job;
}

export const jobsQueries = {
  list: (list: JobListQuery) =>
    queryOptions({
      queryKey: jobsKeys.list(list),
      queryFn: ({ signal }) => fetchJobs(list, signal),
    }),
  detail: (jobId: string) =>
    queryOptions({
      queryKey: jobsKeys.detail(jobId),
      queryFn: ({ signal }) => fetchJob(jobId, signal),
    }),
  problem: (jobId: string) =>
    queryOptions({
      queryKey: jobsKeys.problem(jobId),
      queryFn: ({ signal }) => fetchJobProblem(jobId, signal),
      // Asked only once a job has finished, and a finished job's problem never changes.
      staleTime: Infinity,
    }),
  goals: (jobId: string) =>
    queryOptions({
      queryKey: jobsKeys.goals(jobId),
      queryFn: ({ signal }) => fetchJobGoals(jobId, signal),
    }),
};

export const jobsMutations = {
  start: () =>
    mutationOptions({
      mutationKey: [...jobsKeys.all, 'start'],
      mutationFn: startJob,
      meta: { invalidates: [jobsKeys.lists()] },
    }),
  addTag: (jobId: string) =>
    mutationOptions({
      mutationKey: [...jobsKeys.all, 'add-tag', jobId],
      mutationFn: addJobTag,
      meta: { invalidates: [jobsKeys.detail(jobId), jobsKeys.lists()] },
    }),
  removeTag: (jobId: string) =>
    mutationOptions({
      mutationKey: [...jobsKeys.all, 'remove-tag', jobId],
      mutationFn: removeJobTag,
      meta: { invalidates: [jobsKeys.detail(jobId), jobsKeys.lists()] },
    }),
  linkGoal: (jobId: string) =>
    mutationOptions({
      mutationKey: [...jobsKeys.all, 'link-goal', jobId],
      mutationFn: linkJobToGoal,
      meta: { invalidates: [jobsKeys.goals(jobId), jobsKeys.detail(jobId)] },
    }),
  unlinkGoal: (jobId: string) =>
    mutationOptions({
      mutationKey: [...jobsKeys.all, 'unlink-goal', jobId],
      mutationFn: unlinkJobFromGoal,
      meta: { invalidates: [jobsKeys.goals(jobId), jobsKeys.detail(jobId)] },
    }),
  stop: (jobId: string) =>
    mutationOptions({
      mutationKey: [...jobsKeys.all, 'stop', jobId],
      mutationFn: () => stopJob(jobId),
      meta: { invalidates: [jobsKeys.detail(jobId), jobsKeys.lists(), jobsKeys.problem(jobId)] },
    }),
};
