// Jobs: fetchers, query keys, the `jobsQueries` factory and the mutations. The projects a picker
// offers and a project's goals come from projects.ts (projectsQueries.allVisible / goals).
import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { request } from './http';
import {
  jobsEndpoints,
  type CrossProjectJobsQuery,
  type JobDetailsV1,
  type JobListQuery,
  type JobProjectRef,
  type JobV1,
  type LinkedGoalV1,
  type NewJobV1,
  type TagV1,
} from './schemas/jobs';

export const jobsKeys = {
  all: ['jobs'] as const,
  lists: () => [...jobsKeys.all, 'list'] as const,
  projectLists: (projectId: string) => [...jobsKeys.lists(), projectId] as const,
  list: (request: JobListQuery) => [...jobsKeys.projectLists(request.projectId), request] as const,
  // Under lists(): a job started, stopped or tagged anywhere refreshes these too.
  acrossProjects: (query: CrossProjectJobsQuery) => [...jobsKeys.lists(), 'across-projects', query] as const,
  activeOfProjects: (projectIds: readonly string[]) => [...jobsKeys.lists(), 'active-of-projects', projectIds] as const,
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

/** A page of the embedded list across projects (`jobs-across-projects`), with the projects it names. */
export async function fetchJobsAcrossProjects(query: CrossProjectJobsQuery, signal?: AbortSignal) {
  const envelope = await request(jobsEndpoints.listJobsAcrossProjects, {
    query: {
      startedBy: query.startedBy,
      statusFilter: query.statusFilter,
      executionStatus: query.executionStatus,
      ascending: query.ascending,
      offset: query.offset,
      limit: query.limit,
    },
    signal,
  });
  return { jobs: envelope.jobs, projects: envelope.projects as JobProjectRef[], pagination: envelope.metadata.pagination };
}

/** Against a Domino without the list across projects: how many projects are asked, each for how many jobs, how many at once. */
export const ACTIVE_OF_PROJECTS = { projects: 30, inFlight: 6, jobsPerProject: 10 } as const;

export interface ActiveJobsOfProjects {
  /** The newest active jobs (at most jobsPerProject) of each project asked. */
  byProject: Record<string, JobV1[]>;
  /** Projects whose list could not be read this time (kept out, not fatal). */
  failed: string[];
}

/**
 * The active jobs of each project, `ACTIVE_OF_PROJECTS.inFlight` requests at a time, each asked
 * for statusFilter=active, sortBy=startedTime, newest first, limit 10. Given the last answer, only
 * the projects that had active jobs (or failed) are asked again: a quiet project is not polled.
 */
export async function fetchActiveJobsOfProjects(projectIds: readonly string[], previous: ActiveJobsOfProjects | undefined, signal?: AbortSignal) {
  const ask = previous ? projectIds.filter((id) => (previous.byProject[id]?.length ?? 0) > 0 || previous.failed.includes(id)) : [...projectIds];
  const byProject: Record<string, JobV1[]> = { ...previous?.byProject };
  const failed: string[] = [];
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < ask.length) {
      const projectId = ask[next++]!;
      try {
        const envelope = await request(jobsEndpoints.getJobs, {
          query: { projectId, statusFilter: 'active', sortBy: 'startedTime', ascending: false, offset: 0, limit: ACTIVE_OF_PROJECTS.jobsPerProject },
          signal,
        });
        byProject[projectId] = envelope.jobs;
      } catch (error) {
        if (signal?.aborted) throw error;
        delete byProject[projectId];
        failed.push(projectId);
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ACTIVE_OF_PROJECTS.inFlight, ask.length) }, worker));
  // Every project failing is an error of the list; some failing is a note beside it.
  if (ask.length > 0 && failed.length === ask.length) throw errors[0];
  return { byProject, failed } satisfies ActiveJobsOfProjects;
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
  acrossProjects: (query: CrossProjectJobsQuery) =>
    queryOptions({
      queryKey: jobsKeys.acrossProjects(query),
      queryFn: ({ signal }) => fetchJobsAcrossProjects(query, signal),
    }),
  /** A refresh passes the query's own last answer: only the projects that had active jobs are asked again. */
  activeOfProjects: (projectIds: readonly string[]) =>
    queryOptions({
      queryKey: jobsKeys.activeOfProjects(projectIds),
      queryFn: ({ signal, client, queryKey }) => fetchActiveJobsOfProjects(projectIds, client.getQueryData<ActiveJobsOfProjects>(queryKey), signal),
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
