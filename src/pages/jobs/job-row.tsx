import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { jobsQueries } from '../../api/jobs';
import type { JobV1 } from '../../api/schemas/jobs';
import type { UserV1 } from '../../api/schemas/users';
import { rowClick } from '../../hooks/use-row-click';
import { displayName } from '../../lib/user-names';
import { JobStatusBadge } from './job-status-badge';
import { formatAbsolute, formatDuration, formatRelative, isLiveStatus, jobDurationMs, parseTime } from './job-status';
import { JobTags } from './job-tags';

// The table's own cells: a little tighter than the shared ones so every column fits at 1024 px.
const JOB_CELL = 'px-3 py-2.5 align-middle';

const LINK = 'text-blue-700 underline-offset-2 hover:underline dark:text-blue-400';

export function DurationText({ job, now }: { job: JobV1; now: number }) {
  const duration = jobDurationMs(job, now);
  if (duration === undefined) return <span className="text-slate-500 dark:text-slate-400">—</span>;
  return (
    <span>
      {formatDuration(duration)}
      {isLiveStatus(job.status) ? <span className="sr-only"> so far</span> : null}
    </span>
  );
}

/** When the job started (or, still waiting, when it was submitted) and by whom. */
export function StartedCell({ job, now, user, usersPending }: { job: JobV1; now: number; user: UserV1 | undefined; usersPending: boolean }) {
  const started = parseTime(job.stageTimes.startTime);
  const submitted = parseTime(job.stageTimes.submissionTime);
  return (
    <td className={`${JOB_CELL} whitespace-nowrap text-slate-700 dark:text-slate-300`}>
      {started !== undefined ? (
        <time dateTime={job.stageTimes.startTime} title={formatAbsolute(started)} className="block">
          {formatRelative(started, now)}
        </time>
      ) : submitted !== undefined ? (
        <span className="block text-slate-600 dark:text-slate-400">
          Submitted{' '}
          <time dateTime={job.stageTimes.submissionTime} title={formatAbsolute(submitted)}>
            {formatRelative(submitted, now)}
          </time>
        </span>
      ) : (
        <span className="block">—</span>
      )}
      <span className="block text-xs text-slate-600 dark:text-slate-400">
        {user ? (
          `by ${displayName(user)}`
        ) : job.startedById ? (
          usersPending ? (
            <span className="skeleton inline-block h-3 w-20 align-middle" aria-hidden="true" />
          ) : (
            'by an unknown user'
          )
        ) : null}
      </span>
    </td>
  );
}

/** Tags of a listed job: from the list when the server sends them, else from the job's details. */
function RowTags({ job, projectId }: { job: JobV1; projectId: string }) {
  const details = useQuery({ ...jobsQueries.detail(job.id), enabled: job.tags === undefined });
  const tags = job.tags ?? details.data?.tags ?? [];
  return (
    <JobTags
      jobId={job.id}
      jobNumber={job.number}
      projectId={job.projectId ?? projectId}
      tags={tags}
      variant="compact"
      pending={job.tags === undefined && details.isPending}
    />
  );
}

export interface JobRowProps {
  job: JobV1;
  projectId: string;
  now: number;
  /** Who started it, once the user directory has them. */
  user: UserV1 | undefined;
  usersPending: boolean;
  tierName: string | undefined;
  /** The dominoStats shown as columns, in order. */
  stats: readonly string[];
}

export function JobRow({ job, projectId, now, user, usersPending, tierName, stats }: JobRowProps) {
  const navigate = useNavigate();
  return (
    <tr
      className="cursor-pointer hover:bg-slate-50 dark:hover:bg-slate-900"
      onClick={rowClick(() => void navigate({ to: '/jobs/$jobId', params: { jobId: job.id }, search: { projectId } }))}
    >
      <td className={`${JOB_CELL} font-mono text-slate-700 tabular-nums dark:text-slate-300`}>
        <Link to="/jobs/$jobId" params={{ jobId: job.id }} search={{ projectId }} className={LINK} aria-label={`Job #${job.number}`}>
          #{job.number}
        </Link>
      </td>
      <td className={`${JOB_CELL} max-w-56`}>
        <Link
          to="/jobs/$jobId"
          params={{ jobId: job.id }}
          search={{ projectId }}
          title={job.title || job.runCommand}
          className={`block truncate font-medium ${LINK}`}
        >
          {job.title || job.runCommand}
        </Link>
        {job.title ? (
          <code title={job.runCommand} className="block truncate font-mono text-xs text-slate-600 dark:text-slate-400">
            {job.runCommand}
          </code>
        ) : null}
      </td>
      <td className={JOB_CELL}>
        <span className="inline-flex flex-col items-start gap-0.5">
          <JobStatusBadge status={job.status.executionStatus} />
          {job.status.isArchived ? <span className="text-xs text-slate-600 dark:text-slate-400">Archived</span> : null}
          <span className="font-mono text-xs text-slate-600 tabular-nums xl:hidden dark:text-slate-400">
            <DurationText job={job} now={now} />
          </span>
        </span>
      </td>
      <StartedCell job={job} now={now} user={user} usersPending={usersPending} />
      <td className={`${JOB_CELL} hidden font-mono whitespace-nowrap text-slate-700 tabular-nums xl:table-cell dark:text-slate-300`}>
        <DurationText job={job} now={now} />
      </td>
      <td className={`${JOB_CELL} hidden whitespace-nowrap text-slate-700 xl:table-cell dark:text-slate-300`}>
        {job.hardwareTierId ? (tierName ?? job.hardwareTierId) : '—'}
      </td>
      <td className={JOB_CELL}>
        <RowTags job={job} projectId={projectId} />
      </td>
      {stats.map((name) => (
        <td key={name} className={`${JOB_CELL} text-right font-mono text-slate-700 tabular-nums dark:text-slate-300`}>
          {job.dominoStats.find((stat) => stat.name === name)?.value ?? '—'}
        </td>
      ))}
    </tr>
  );
}
