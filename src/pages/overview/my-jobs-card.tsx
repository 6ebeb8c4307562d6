// The overview's "what needs me" for jobs: my queued and running jobs, my recent failures, and the
// projects of my latest jobs, from the embedded list across projects (three small pages, asked
// again while something of mine runs). Against a Domino without that list, a way to the Jobs page,
// which asks my projects one by one.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { jobsQueries } from '../../api/jobs';
import type { CrossProjectJobsQuery, JobProjectRef, JobV1 } from '../../api/schemas/jobs';
import { JobStatusBadge } from '../jobs/job-status-badge';
import { formatAbsolute, formatRelative, isLiveStatus, LIVE_LIST_REFRESH_MS, parseTime, QUIET_REFRESH_MS } from '../jobs/job-status';
import { JOBS_ACROSS_PROJECTS_EXTENSION } from '../jobs/jobs-filters';
import { useNow } from '../jobs/use-now';

const ACTIVE_SHOWN = 5;
const FAILED_SHOWN = 3;
const PROJECTS_SHOWN = 5;
/** How far back a failure still counts as recent. */
export const RECENT_FAILURE_MS = 7 * 86_400_000;

const base = { startedBy: 'me', ascending: false, offset: 0 } as const;
export const MY_JOBS_REQUESTS = {
  active: { ...base, statusFilter: 'active', limit: ACTIVE_SHOWN },
  failed: { ...base, statusFilter: 'completed', executionStatus: 'Failed', limit: FAILED_SHOWN },
  // The projects of my latest jobs: enough jobs that a few projects show even when one is busy.
  latest: { ...base, statusFilter: 'all', limit: 30 },
} as const satisfies Record<string, CrossProjectJobsQuery>;

const linkClasses = 'font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400';
const headingClasses = 'text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400';

/** The distinct projects of jobs, newest job first. */
export function projectsOfLatestJobs(jobs: readonly JobV1[], projects: readonly JobProjectRef[], count: number): JobProjectRef[] {
  const byId = new Map(projects.map((project) => [project.id, project]));
  const seen = new Set<string>();
  const out: JobProjectRef[] = [];
  for (const job of jobs) {
    const project = job.projectId ? byId.get(job.projectId) : undefined;
    if (!project || seen.has(project.id)) continue;
    seen.add(project.id);
    out.push(project);
    if (out.length === count) break;
  }
  return out;
}

function JobLine({ job, projects, now, when }: { job: JobV1; projects: ReadonlyMap<string, JobProjectRef>; now: number; when: string | undefined }) {
  const project = job.projectId ? projects.get(job.projectId) : undefined;
  const time = parseTime(when);
  return (
    <li className="flex items-center gap-2">
      <JobStatusBadge status={job.status.executionStatus} />
      <Link
        to="/jobs/$jobId"
        params={{ jobId: job.id }}
        search={job.projectId ? { projectId: job.projectId } : {}}
        className={`min-w-0 flex-1 truncate ${linkClasses}`}
        title={job.title || job.runCommand}
      >
        {project ? (
          <>
            <span className="font-normal text-slate-600 dark:text-slate-400">{project.name}</span>{' '}
          </>
        ) : null}
        <span className="font-mono tabular-nums">#{job.number}</span> {job.title || job.runCommand}
      </Link>
      {time !== undefined ? (
        <time dateTime={when} title={formatAbsolute(time)} className="shrink-0 text-xs whitespace-nowrap text-slate-600 dark:text-slate-400">
          {formatRelative(time, now)}
        </time>
      ) : null}
    </li>
  );
}

function Part({ title, status, children }: { title: string; status: 'pending' | 'error' | 'success'; children: ReactNode }) {
  return (
    <div>
      <h3 className={headingClasses}>{title}</h3>
      <div className="mt-1.5">
        {status === 'pending' ? (
          <>
            <span className="skeleton block h-5 w-3/4" aria-hidden="true" />
            <span className="sr-only">Loading</span>
          </>
        ) : status === 'error' ? (
          <p className="text-slate-600 dark:text-slate-400">Not available just now.</p>
        ) : (
          children
        )}
      </div>
    </div>
  );
}

function MyJobsLists() {
  const active = useQuery({
    ...jobsQueries.acrossProjects(MY_JOBS_REQUESTS.active),
    refetchInterval: (query) => (query.state.data?.jobs.some((job) => isLiveStatus(job.status)) ? LIVE_LIST_REFRESH_MS : QUIET_REFRESH_MS),
  });
  const failed = useQuery({ ...jobsQueries.acrossProjects(MY_JOBS_REQUESTS.failed), refetchInterval: QUIET_REFRESH_MS });
  const latest = useQuery({ ...jobsQueries.acrossProjects(MY_JOBS_REQUESTS.latest), refetchInterval: QUIET_REFRESH_MS });
  const live = active.data?.jobs.some((job) => isLiveStatus(job.status)) ?? false;
  const now = useNow(live ? 1000 : 30_000);
  const projects = new Map([...(active.data?.projects ?? []), ...(failed.data?.projects ?? [])].map((project) => [project.id, project]));
  const recentFailures = (failed.data?.jobs ?? []).filter((job) => {
    const ended = parseTime(job.stageTimes.completedTime ?? job.stageTimes.startTime);
    return ended !== undefined && now - ended <= RECENT_FAILURE_MS;
  });
  const activeCount = active.data?.pagination.totalCount;
  const latestProjects = latest.data ? projectsOfLatestJobs(latest.data.jobs, latest.data.projects, PROJECTS_SHOWN) : [];

  return (
    <div className="mt-3 space-y-4 text-sm">
      <Part title={activeCount ? `Queued or running (${activeCount})` : 'Queued or running'} status={active.status}>
        {active.data && active.data.jobs.length > 0 ? (
          <ul className="space-y-1.5" aria-label="Your queued and running jobs">
            {active.data.jobs.map((job) => (
              <JobLine key={job.id} job={job} projects={projects} now={now} when={job.stageTimes.startTime ?? job.stageTimes.submissionTime} />
            ))}
          </ul>
        ) : (
          <p className="text-slate-600 dark:text-slate-400">Nothing of yours is running.</p>
        )}
      </Part>
      <Part title="Failed in the last 7 days" status={failed.status}>
        {recentFailures.length > 0 ? (
          <ul className="space-y-1.5" aria-label="Your recently failed jobs">
            {recentFailures.map((job) => (
              <JobLine key={job.id} job={job} projects={projects} now={now} when={job.stageTimes.completedTime} />
            ))}
          </ul>
        ) : (
          <p className="text-slate-600 dark:text-slate-400">No failures.</p>
        )}
      </Part>
      <Part title="Projects of your latest jobs" status={latest.status}>
        {latestProjects.length > 0 ? (
          <ul className="flex flex-wrap gap-x-3 gap-y-1" aria-label="Projects of your latest jobs">
            {latestProjects.map((project) => (
              <li key={project.id}>
                <Link to="/projects/$projectId" params={{ projectId: project.id }} className={linkClasses}>
                  {project.ownerUsername}/{project.name}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-600 dark:text-slate-400">You have not run a job yet.</p>
        )}
      </Part>
    </div>
  );
}

export function MyJobsCard() {
  const info = useQuery(embeddedQueries.info());
  const across = info.data ? hasExtension(info.data, JOBS_ACROSS_PROJECTS_EXTENSION) : undefined;
  return (
    <section aria-labelledby="my-jobs-heading" className="rounded-lg border border-slate-200 p-5 dark:border-slate-800">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="my-jobs-heading" className="text-sm font-medium text-slate-600 dark:text-slate-400">
          Your jobs
        </h2>
        <Link to="/jobs/all" className={`text-sm ${linkClasses}`}>
          All your jobs
        </Link>
      </div>
      {across === false ? (
        <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">
          This Domino has no list of jobs across projects: the Jobs page asks each of your projects for its queued and running jobs.
        </p>
      ) : across ? (
        <MyJobsLists />
      ) : null}
    </section>
  );
}
