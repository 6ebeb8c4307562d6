// Every route of the jobs family; router.tsx spreads this list into the route tree. This file is in
// the initial bundle: the API module and the pages are imported lazily.
import { createRoute, redirect, stripSearchParams } from '@tanstack/react-router';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { usersQueries } from '../../api/users';
import { EXECUTION_STATUS_EXTENSION, isOutcomeFilter, JOBS_ACROSS_PROJECTS_EXTENSION } from './jobs-filters';
import { requireObjectId } from '../bad-link';
import { rootRoute } from '../root-route';
import { JOB_LIST_DEFAULTS, JOB_SEARCH_DEFAULTS, jobSearchSchema, jobsHomeSearchSchema, jobsSearchSchema, toJobListRequest } from './jobs-search';
import { readRecentProject } from './recent-project';

export const jobsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'jobs',
  validateSearch: jobsSearchSchema,
  search: { middlewares: [stripSearchParams(JOB_LIST_DEFAULTS)] },
  beforeLoad: ({ search }) => {
    if (search.projectId) return requireObjectId(search.projectId, 'project');
    const recent = readRecentProject();
    if (recent) throw redirect({ to: '/jobs', search: { ...search, projectId: recent }, replace: true });
  },
  loaderDeps: ({ search }) => search,
  loader: async ({ context: { queryClient }, deps: { projectId, ...state } }) => {
    // An outcome filter (?status=failed) needs the embedded executionStatus extension: elsewhere
    // the link shows every completed job rather than sending Domino a parameter it does not have.
    if (isOutcomeFilter(state.status) && !hasExtension(await queryClient.ensureQueryData(embeddedQueries.info()), EXECUTION_STATUS_EXTENSION)) {
      throw redirect({ to: '/jobs', search: { ...state, projectId, status: 'completed' }, replace: true });
    }
    const [{ jobsQueries }, { projectsQueries }] = await Promise.all([import('../../api/jobs'), import('../../api/projects')]);
    // Names for startedById arrive on their own; the table shows a placeholder until they do.
    void queryClient.prefetchQuery(usersQueries.directory());
    // prefetch, not ensure: a failing list is shown inside the page, next to the project picker.
    await Promise.all([
      queryClient.prefetchQuery(projectsQueries.allVisible()),
      projectId ? queryClient.prefetchQuery(jobsQueries.list(toJobListRequest(projectId, state))) : undefined,
    ]);
  },
}).lazy(() => import('./jobs-page').then((module) => module.jobsLazyRoute));

export const jobRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'jobs/$jobId',
  validateSearch: jobSearchSchema,
  search: { middlewares: [stripSearchParams(JOB_SEARCH_DEFAULTS)] },
  beforeLoad: ({ params }) => requireObjectId(params.jobId, 'job'),
  loader: async ({ context: { queryClient }, params }) => {
    // The log viewer's chunk loads alongside the job, not after the page renders.
    void import('../../components/log-viewer/log-viewer');
    const { jobsQueries } = await import('../../api/jobs');
    void queryClient.prefetchQuery(usersQueries.directory());
    await queryClient.ensureQueryData(jobsQueries.detail(params.jobId));
  },
}).lazy(() => import('./job-page').then((module) => module.jobLazyRoute));

/** The signed-in person's jobs (or everyone's) across the projects they can read. */
export const jobsHomeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'jobs/all',
  validateSearch: jobsHomeSearchSchema,
  search: { middlewares: [stripSearchParams(jobsHomeSearchSchema.parse({}))] },
  loaderDeps: ({ search }) => search,
  loader: async ({ context: { queryClient }, deps }) => {
    const [info, { jobsQueries }, { toCrossProjectRequest }] = await Promise.all([
      queryClient.ensureQueryData(embeddedQueries.info()),
      import('../../api/jobs'),
      import('./jobs-home'),
    ]);
    void queryClient.prefetchQuery(usersQueries.directory());
    // Without the extension the page asks project by project (jobs-home.tsx), once it knows them.
    if (hasExtension(info, JOBS_ACROSS_PROJECTS_EXTENSION)) await queryClient.prefetchQuery(jobsQueries.acrossProjects(toCrossProjectRequest(deps)));
  },
}).lazy(() => import('./jobs-home').then((module) => module.jobsHomeLazyRoute));

export const jobRoutes = [jobsRoute, jobsHomeRoute, jobRoute] as const;
