// /jobs/all: the signed-in person's running, queued and recent jobs across the projects they can
// read, or everyone's. Where the embedded Domino lists them (jobs-across-projects) the server
// pages, filters and sorts; against a Domino without it the page asks the person's own projects
// (owner or collaborator, at most 30, six at a time) for their active jobs and merges them.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { errorDetails } from '../../api/error-details';
import { ACTIVE_OF_PROJECTS, jobsQueries } from '../../api/jobs';
import { projectsQueries } from '../../api/projects';
import type { JobProjectRef, JobV1 } from '../../api/schemas/jobs';
import type { ProjectV1 } from '../../api/schemas/projects';
import { usersQueries } from '../../api/users';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { FilterCheckbox } from '../../components/filter-checkbox';
import { FilterSelect, optionsFrom } from '../../components/filter-select';
import { ListPageSkeleton } from '../../components/list-page-skeleton';
import { PageHeader } from '../../components/page-header';
import { TableSkeleton } from '../../components/skeleton';
import { SortHeader } from '../../components/sort-header';
import { Table, TableBody, TableHead } from '../../components/table';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { rowClick } from '../../hooks/use-row-click';
import { DurationText, StartedCell } from './job-row';
import { JobStatusBadge } from './job-status-badge';
import { isLiveStatus, LIVE_LIST_REFRESH_MS, QUIET_REFRESH_MS } from './job-status';
import { JOB_OUTCOME_FILTER_LABELS, JOBS_ACROSS_PROJECTS_EXTENSION } from './jobs-filters';
import { JobsPagination } from './jobs-list';
import { isOutcomeFilter } from './jobs-filters';
import type { JobsHomeSearch, JobsHomeStatus } from './jobs-search';
import { useNow } from './use-now';

const routeApi = getRouteApi('/jobs/all');

/** What GET /api/embedded/v1/jobs is asked for the page's state (here, not in the route's file: that one is in the first load). */
export function toCrossProjectRequest(state: JobsHomeSearch) {
  return {
    startedBy: state.everyone ? ('anyone' as const) : ('me' as const),
    ...(isOutcomeFilter(state.status)
      ? { statusFilter: 'completed' as const, executionStatus: JOB_OUTCOME_FILTER_LABELS[state.status] }
      : { statusFilter: state.status }),
    ascending: state.ascending,
    offset: (state.page - 1) * state.pageSize,
    limit: state.pageSize,
  };
}

const STATUS_LABELS: Record<Exclude<JobsHomeStatus, keyof typeof JOB_OUTCOME_FILTER_LABELS>, string> = {
  all: 'All',
  active: 'Queued or running',
  queued: 'Queued',
  running: 'Running',
  completed: 'Finished',
};
const STATUS_OPTIONS = [...optionsFrom(STATUS_LABELS), ...optionsFrom(JOB_OUTCOME_FILTER_LABELS)];
// Against a Domino without the extension only active jobs are asked for: the menu offers what that shows.
const FALLBACK_STATUS_OPTIONS = [
  { value: 'all', label: 'Queued or running' },
  { value: 'queued', label: 'Queued' },
  { value: 'running', label: 'Running' },
] as const satisfies ReadonlyArray<{ value: JobsHomeStatus; label: string }>;

const CELL = 'px-3 py-2.5 align-middle';
const LINK = 'text-blue-700 underline-offset-2 hover:underline dark:text-blue-400';
// A cell's max-width does not bind in an auto-layout table: the truncating blocks carry it, sized
// so that every column (Duration last) fits the 718 px a 1024 px window leaves for the table.
const PROJECT_WIDTH = 'max-w-28 xl:max-w-48';
const JOB_WIDTH = 'max-w-48 xl:max-w-md';

interface Row {
  job: JobV1;
  project: { id: string; label: string } | undefined;
}

function JobsAcrossTable({
  rows,
  caption,
  now,
  sort,
}: {
  rows: readonly Row[];
  caption: string;
  now: number;
  sort?: { ascending: boolean; onSort: () => void };
}) {
  const directory = useQuery(usersQueries.directory());
  const navigate = useNavigate();
  const usersById = new Map((directory.data ?? []).map((user) => [user.id, user]));
  return (
    <Table caption={caption}>
      <TableHead>
        <th scope="col" className="px-3 py-2.5 font-semibold">
          Project
        </th>
        <th scope="col" className="px-3 py-2.5 font-semibold">
          Job
        </th>
        <th scope="col" className="px-3 py-2.5 font-semibold">
          Status
        </th>
        {sort ? (
          <SortHeader label="Started" direction={sort.ascending ? 'ascending' : 'descending'} onSort={sort.onSort} className="px-3 py-2.5" />
        ) : (
          <th scope="col" className="px-3 py-2.5 font-semibold">
            Started
          </th>
        )}
        <th scope="col" className="px-3 py-2.5 font-semibold">
          Duration
        </th>
      </TableHead>
      <TableBody>
        {rows.map(({ job, project }) => {
          const projectId = project?.id ?? job.projectId;
          return (
            <tr
              key={job.id}
              className="cursor-pointer hover:bg-slate-50 dark:hover:bg-slate-900"
              onClick={rowClick(() => void navigate({ to: '/jobs/$jobId', params: { jobId: job.id }, search: projectId ? { projectId } : {} }))}
            >
              <td className={CELL}>
                {projectId ? (
                  <Link to="/projects/$projectId" params={{ projectId }} className={`block truncate ${PROJECT_WIDTH} ${LINK}`} title={project?.label}>
                    {project?.label ?? projectId}
                  </Link>
                ) : (
                  '—'
                )}
              </td>
              <td className={CELL}>
                <Link
                  to="/jobs/$jobId"
                  params={{ jobId: job.id }}
                  search={projectId ? { projectId } : {}}
                  title={job.title || job.runCommand}
                  className={`block truncate font-medium ${JOB_WIDTH} ${LINK}`}
                >
                  <span className="font-mono tabular-nums">#{job.number}</span> {job.title || job.runCommand}
                </Link>
                {job.title ? (
                  <code className={`block truncate font-mono text-xs text-slate-600 dark:text-slate-400 ${JOB_WIDTH}`}>{job.runCommand}</code>
                ) : null}
              </td>
              <td className={CELL}>
                <JobStatusBadge status={job.status.executionStatus} />
              </td>
              <StartedCell job={job} now={now} user={job.startedById ? usersById.get(job.startedById) : undefined} usersPending={directory.isPending} />
              <td className={`${CELL} font-mono whitespace-nowrap text-slate-700 tabular-nums dark:text-slate-300`}>
                <DurationText job={job} now={now} />
              </td>
            </tr>
          );
        })}
      </TableBody>
    </Table>
  );
}

function LiveNote({ live, everyMs }: { live: boolean; everyMs: number | false }) {
  return (
    <p className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
      {everyMs ? (
        <span className="inline-flex items-center gap-1.5">
          {live ? <span aria-hidden="true" className="size-2 rounded-full bg-blue-600 motion-safe:animate-pulse dark:bg-blue-400" /> : null}
          {live ? 'Live' : 'Watching for new jobs'}: updating every {everyMs / 1000} s
        </span>
      ) : null}
    </p>
  );
}

function emptyWords(state: JobsHomeSearch, fallback: boolean): { title: string; body: string } {
  const whose = state.everyone ? 'No jobs' : 'You have no jobs';
  if (fallback) return { title: `${whose} queued or running`, body: 'Only queued and running jobs are listed against this Domino.' };
  if (state.status === 'all') return { title: `${whose} yet`, body: 'Jobs started in any project you can read appear here.' };
  return { title: `${whose} with this status`, body: 'Choose another status, or All.' };
}

/** The embedded list: the server filters, sorts and pages. */
function ServerList({ state, set }: { state: JobsHomeSearch; set: (patch: Partial<JobsHomeSearch>) => void }) {
  const list = useQuery({
    ...jobsQueries.acrossProjects(toCrossProjectRequest(state)),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.jobs.some((job) => isLiveStatus(job.status)) ? LIVE_LIST_REFRESH_MS : QUIET_REFRESH_MS),
  });
  const live = list.data?.jobs.some((job) => isLiveStatus(job.status)) ?? false;
  const now = useNow(live ? 1000 : 30_000);
  const projects = new Map((list.data?.projects ?? []).map((p: JobProjectRef) => [p.id, { id: p.id, label: `${p.ownerUsername}/${p.name}` }]));

  let content: ReactNode;
  if (list.isPending) content = <TableSkeleton rows={8} columns={5} label="Loading jobs…" />;
  else if (list.data === undefined) content = <ErrorPanel details={errorDetails(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.jobs.length === 0) {
    const words = emptyWords(state, false);
    content = <EmptyState title={words.title}>{words.body}</EmptyState>;
  } else
    content = (
      <JobsAcrossTable
        rows={list.data.jobs.map((job) => ({ job, project: job.projectId ? projects.get(job.projectId) : undefined }))}
        caption={`${state.everyone ? 'Everyone’s jobs' : 'Your jobs'} across projects, page ${state.page}`}
        now={now}
        sort={{ ascending: state.ascending, onSort: () => set({ ascending: !state.ascending, page: 1 }) }}
      />
    );

  return (
    <div className="space-y-4">
      <Toolbar state={state} set={set} options={STATUS_OPTIONS} aside={<LiveNote live={live} everyMs={live ? LIVE_LIST_REFRESH_MS : QUIET_REFRESH_MS} />} />
      {content}
      {list.data && list.data.jobs.length > 0 ? (
        <JobsPagination state={state} set={set} itemCount={list.data.jobs.length} totalCount={list.data.pagination.totalCount} busy={list.isPlaceholderData} />
      ) : null}
    </div>
  );
}

/** The projects the fallback asks: the person's own or shared with them, in the list's order. */
export function projectsOfPerson(projects: readonly ProjectV1[], userId: string): ProjectV1[] {
  return projects.filter((p) => p.ownerId === userId || p.collaborators.some((c) => c.id === userId));
}

/** Against a Domino without the extension: the active jobs of the person's first 30 projects, merged, first page only. */
function ProjectByProjectList({ state, set }: { state: JobsHomeSearch; set: (patch: Partial<JobsHomeSearch>) => void }) {
  const self = useQuery(usersQueries.self());
  const projects = useQuery(projectsQueries.allVisible());
  const mine = self.data && projects.data ? projectsOfPerson(projects.data, self.data.id) : undefined;
  const asked = mine?.slice(0, ACTIVE_OF_PROJECTS.projects);
  const active = useQuery({
    ...jobsQueries.activeOfProjects((asked ?? []).map((p) => p.id)),
    enabled: asked !== undefined && asked.length > 0,
    // Only while some project has active jobs; those alone are asked again (fetchActiveJobsOfProjects).
    refetchInterval: (query) => (Object.values(query.state.data?.byProject ?? {}).some((jobs) => jobs.length > 0) ? QUIET_REFRESH_MS : false),
  });
  const now = useNow(1000);
  const labels = new Map((asked ?? []).map((p) => [p.id, { id: p.id, label: `${p.ownerUsername}/${p.name}` }]));
  const wanted = (job: JobV1) =>
    (state.everyone || job.startedById === self.data?.id) &&
    (state.status === 'queued' ? ['Queued', 'Pending', 'Preparing'].includes(job.status.executionStatus) : true) &&
    (state.status === 'running' ? ['Running', 'Finishing'].includes(job.status.executionStatus) : true);
  const startOf = (job: JobV1) => job.stageTimes.startTime ?? job.stageTimes.submissionTime;
  const rows: Row[] = Object.entries(active.data?.byProject ?? {})
    .flatMap(([projectId, jobs]) => jobs.filter(wanted).map((job) => ({ job, project: labels.get(projectId) })))
    .sort((a, b) => (startOf(a.job) < startOf(b.job) ? 1 : startOf(a.job) > startOf(b.job) ? -1 : 0))
    .slice(0, state.pageSize);
  const polling = Object.values(active.data?.byProject ?? {}).some((jobs) => jobs.length > 0);

  let content: ReactNode;
  const failure = self.error ?? projects.error ?? active.error;
  if (failure && !active.data)
    content = (
      <ErrorPanel
        details={errorDetails(failure)}
        onRetry={() => void Promise.all([self.refetch(), projects.refetch(), asked && asked.length > 0 ? active.refetch() : undefined])}
      />
    );
  else if (!mine || (asked!.length > 0 && active.isPending)) content = <TableSkeleton rows={6} columns={5} label="Loading jobs…" />;
  else if (mine.length === 0)
    content = <EmptyState title="You are not on any project yet">Jobs of the projects you own or collaborate on appear here.</EmptyState>;
  else if (rows.length === 0) {
    const words = emptyWords(state, true);
    content = <EmptyState title={words.title}>{words.body}</EmptyState>;
  } else content = <JobsAcrossTable rows={rows} caption={`Queued and running jobs from ${asked!.length} of your projects`} now={now} />;

  return (
    <div className="space-y-4">
      <Toolbar
        state={{ ...state, status: FALLBACK_STATUS_OPTIONS.some((o) => o.value === state.status) ? state.status : 'all' }}
        set={set}
        options={FALLBACK_STATUS_OPTIONS}
        aside={<LiveNote live={polling} everyMs={polling ? QUIET_REFRESH_MS : false} />}
      />
      {mine && mine.length > 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Queued and running jobs from {asked!.length} of {mine.length} {mine.length === 1 ? 'project' : 'projects'} you own or collaborate on
          {rows.length >= state.pageSize ? `; the newest ${state.pageSize} are shown` : ''}. This Domino has no list across projects: each project is asked on
          its own.
          {active.data && active.data.failed.length > 0 ? ` ${active.data.failed.length} could not be read.` : ''}
        </p>
      ) : null}
      {content}
    </div>
  );
}

function Toolbar({
  state,
  set,
  options,
  aside,
}: {
  state: JobsHomeSearch;
  set: (patch: Partial<JobsHomeSearch>) => void;
  options: ReadonlyArray<{ value: JobsHomeStatus; label: string }>;
  aside: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
      <FilterSelect label="Status" value={state.status} options={options} onChange={(status) => set({ status, page: 1 })} />
      <FilterCheckbox label="Everyone’s jobs" checked={state.everyone} onChange={(everyone) => set({ everyone, page: 1 })} />
      <div className="ml-auto flex h-9 items-center">{aside}</div>
    </div>
  );
}

export function JobsHomePage() {
  const state = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const info = useQuery(embeddedQueries.info());
  useDocumentTitle('Jobs across projects');
  const set = (patch: Partial<JobsHomeSearch>) => void navigate({ search: { ...state, ...patch } });
  return (
    <div>
      <PageHeader
        title="Jobs across projects"
        description={
          <>
            {state.everyone ? 'Everyone’s' : 'Your'} running, queued and recent jobs in the projects you can read.{' '}
            {/* Underlined: a link inside a sentence must not be told apart by its colour alone. */}
            <Link to="/jobs" className="text-blue-700 underline underline-offset-2 dark:text-blue-400">
              Jobs of one project
            </Link>
          </>
        }
      />
      {info.isPending ? (
        <TableSkeleton rows={6} columns={5} label="Loading jobs…" />
      ) : hasExtension(info.data, JOBS_ACROSS_PROJECTS_EXTENSION) ? (
        <ServerList state={state} set={set} />
      ) : (
        <ProjectByProjectList state={state} set={set} />
      )}
    </div>
  );
}

export const jobsHomeLazyRoute = createLazyRoute('/jobs/all')({
  component: JobsHomePage,
  pendingComponent: () => <ListPageSkeleton title="Jobs across projects" rows={8} columns={5} label="Loading jobs…" />,
});
